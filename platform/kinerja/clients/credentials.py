"""Client ids and secrets (pure functions).

A client id names the app and, for an agency's own app, the agency: `ka-<agency>-<app>` (UUIDs
as 32 hex digits), or `kp-<app>` for a platform app. The token endpoint and the request context
read the agency from it before any tenant is selected, so the app's row is then read under that
agency's row-level security like every other tenant row; nothing global maps ids to agencies.

A secret is `ks_` + 43 URL-safe characters (256 random bits); the prefix lets secret scanners
recognise a leaked one. Only its SHA-256 is stored (models/clients.py says why not argon2).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime

SECRET_PREFIX = "ks_"
_AGENCY_ID = re.compile(r"ka-([0-9a-f]{32})-([0-9a-f]{32})")
_PLATFORM_ID = re.compile(r"kp-([0-9a-f]{32})")


@dataclass(frozen=True, slots=True)
class ClientId:
    """A parsed client id: `tenant_id` is None for a platform app."""

    app_id: uuid.UUID
    tenant_id: uuid.UUID | None

    @property
    def platform(self) -> bool:
        return self.tenant_id is None

    def __str__(self) -> str:
        if self.tenant_id is None:
            return f"kp-{self.app_id.hex}"
        return f"ka-{self.tenant_id.hex}-{self.app_id.hex}"


def client_id_of(tenant_id: uuid.UUID, app_id: uuid.UUID,
                 platform_app_id: uuid.UUID | None) -> str:
    """The client id of an app row of `tenant_id`: its own, or (a row enabling a platform app)
    the platform app's."""
    if platform_app_id is not None:
        return str(ClientId(platform_app_id, None))
    return str(ClientId(app_id, tenant_id))


def parse_client_id(value: str | None) -> ClientId | None:
    """None for anything that is not a well-formed client id."""
    if not value or len(value) > 80:
        return None
    if match := _AGENCY_ID.fullmatch(value):
        return ClientId(uuid.UUID(match[2]), uuid.UUID(match[1]))
    if match := _PLATFORM_ID.fullmatch(value):
        return ClientId(uuid.UUID(match[1]), None)
    return None


def new_secret() -> str:
    return SECRET_PREFIX + secrets.token_urlsafe(32)


def secret_digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class StoredSecret:
    """What a row keeps of its credentials."""

    current: str | None
    previous: str | None
    previous_expires_at: datetime | None


def secret_matches(stored: StoredSecret, secret: str, now: datetime) -> bool:
    """The current secret, or the previous one within its grace period (constant time)."""
    digest = secret_digest(secret)
    ok = stored.current is not None and hmac.compare_digest(digest, stored.current)
    if stored.previous is not None and stored.previous_expires_at is not None:
        grace = now < stored.previous_expires_at
        ok = (hmac.compare_digest(digest, stored.previous) and grace) or ok
    return ok
