"""What both kinds of app share: kinds, names, secret rotation, the audited snapshot."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from ..errors import ErrorCollector
from ..kit.fields import clean_text
from .credentials import new_secret, secret_digest

KINDS = ("web", "mobile", "service", "dashboard")
# Confidential clients (RFC 6749 §2.1) may use the client-credentials grant; web and mobile
# apps run on the user's device, where no secret stays secret, so their secret grants nothing.
CONFIDENTIAL_KINDS = frozenset({"service", "dashboard"})
ENFORCEMENTS = ("DOCUMENTS_ONLY", "OPEN")
NAME_MAX = 100
GRACE_MAX_HOURS = 168  # a week
AUDITED = ("name", "kind", "disabled", "enforcement", "platform_app_id")


@dataclass(frozen=True)
class IssuedSecret:
    """A new secret: shown once (in the payload), stored only as its digest."""

    app_id: Any
    client_id: str
    secret: str


def clean_app_name(errors: ErrorCollector, value: str | None, required: bool) -> str | None:
    if value is None:
        if required:
            errors.add("name", "REQUIRED")
        return None
    return clean_text(errors, "name", value, NAME_MAX, required=True)


def check_kind(errors: ErrorCollector, kind: str | None) -> None:
    if kind is None:
        errors.add("kind", "REQUIRED")
    elif kind not in KINDS:
        errors.add("kind", "INVALID_VALUE", detail=", ".join(KINDS))


def default_enforcement(production: bool) -> str:
    """New apps run published documents only in production; elsewhere they start open, so a
    developer can try documents before publishing them."""
    return "DOCUMENTS_ONLY" if production else "OPEN"


def check_enforcement(errors: ErrorCollector, value: str | None) -> None:
    if value is not None and value not in ENFORCEMENTS:
        errors.add("enforcement", "INVALID_VALUE", detail=", ".join(ENFORCEMENTS))


def check_grace(errors: ErrorCollector, hours: int | None) -> None:
    if hours is not None and not 0 <= hours <= GRACE_MAX_HOURS:
        errors.add("graceHours", "INVALID_VALUE", detail=f"0 to {GRACE_MAX_HOURS}")


def set_new_secret(row: Any) -> str:
    """A first secret for a new app row; returns it (the row keeps its digest)."""
    secret = new_secret()
    row.secret_hash = secret_digest(secret)
    return secret


def rotate_secret(row: Any, now: datetime, grace_hours: int) -> str:
    """A new secret; the current one keeps working for `grace_hours` (0: ends at once)."""
    secret = new_secret()
    if grace_hours > 0 and row.secret_hash is not None:
        row.previous_secret_hash = row.secret_hash
        row.previous_secret_expires_at = now + timedelta(hours=grace_hours)
    else:
        row.previous_secret_hash = row.previous_secret_expires_at = None
    row.secret_hash = secret_digest(secret)
    row.secret_rotated_at = now
    return secret


def touch(row: Any, now: datetime) -> None:
    row.version += 1
    row.updated_at = now


def check_new_app(errors: ErrorCollector, name: str | None, kind: str | None,
                  enforcement: str | None) -> str | None:
    """A registration's input, for both kinds of app; -> the clean name."""
    clean = clean_app_name(errors, name, required=True)
    check_kind(errors, kind)
    check_enforcement(errors, enforcement)
    return clean


def apply_changes(row: Any, name: str | None, disabled: bool | None,
                  enforcement: str | None, now: datetime) -> None:
    """An update's checked input onto the row (None: unchanged)."""
    if name is not None:
        row.name = name
    if disabled is not None:
        row.disabled = disabled
    if enforcement is not None:
        row.enforcement = enforcement
    touch(row, now)


def rotation(row: Any, grace_hours: int | None, default_grace: int,
             now: datetime) -> tuple[str, dict[str, Any]]:
    """Rotate the row's secret; -> (the new secret, the audit event's `after`)."""
    grace = default_grace if grace_hours is None else grace_hours
    secret = rotate_secret(row, now, grace)
    touch(row, now)
    return secret, {"grace_hours": grace, "previous_valid_until": row.previous_secret_expires_at}
