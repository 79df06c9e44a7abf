"""Rules shared by the people services and the CSV import.

Field checks are pure: each adds every problem to an ErrorCollector and returns the cleaned
value, so a form (or a CSV row) reports all its errors at once. `apply_change` is the one
optimistic-locking write path of the update services.
"""

from __future__ import annotations

import re
import uuid
from datetime import date
from typing import Any

from ..audit.recorder import record
from ..errors import Conflict, ErrorCollector, NotFound
from ..graphql.relay import from_global_id
from ..kit.writes import unique_guard
from ..models.base import utcnow
from ..reference import EMPLOYEE_TYPES, RANKS_BY_CODE, rank_fits
from .nip import normalize_nip, validate_nip

CODE = re.compile(r"^[A-Z0-9][A-Z0-9._-]{0,39}$")
NAME_MAX = 200
UNIQUE_FIELDS = {"code": "code", "nip": "nip", "user_id": "userId"}  # column -> input field
# A reference ID that is malformed or of the wrong type: it can never match a row, so the
# service reports UNKNOWN_REFERENCE for it together with every other field error.
UNRESOLVABLE = uuid.UUID(int=0)


def ref_id(raw: str | None, type_name: str) -> uuid.UUID | None:
    """Decode a reference's global ID; None when omitted, UNRESOLVABLE when not usable."""
    if raw is None:
        return None
    try:
        return from_global_id(raw, type_name)[1]
    except NotFound:
        return UNRESOLVABLE


def clean_name(errors: ErrorCollector, field: str, value: str | None, required: bool) -> str | None:
    """Trimmed name; None when omitted on an update."""
    if value is None:
        if required:
            errors.add(field, "REQUIRED")
        return None
    text = " ".join(value.split())
    if not text:
        errors.add(field, "REQUIRED")
        return None
    if len(text) > NAME_MAX:
        errors.add(field, "TOO_LONG", max=NAME_MAX)
        return None
    return text


def clean_code(errors: ErrorCollector, field: str, value: str | None) -> str | None:
    """Upper-case code (A-Z 0-9 . _ -, at most 40); None when omitted."""
    if value is None:
        return None
    code = value.strip().upper()
    if not code:
        errors.add(field, "REQUIRED")
    elif len(code) > 40:
        errors.add(field, "TOO_LONG", max=40)
    elif not CODE.match(code):
        errors.add(field, "INVALID_VALUE", detail="A-Z, 0-9, '.', '_', '-'")
    else:
        return code
    return None


def clean_nip(errors: ErrorCollector, field: str, raw: str, employee_type: str | None,
              today: date) -> str | None:
    """Digits-only NIP / NI PPPK, or None after adding one error per problem found."""
    if not raw.strip():
        errors.add(field, "REQUIRED")
        return None
    if employee_type not in EMPLOYEE_TYPES:
        return None  # cannot judge the number without its type; the type field reports why
    problems = validate_nip(raw, employee_type, today)
    for problem in problems:
        errors.add(field, problem.code)
    return None if problems else normalize_nip(raw)


def check_rank(errors: ErrorCollector, field: str, employee_type: str | None,
               rank: str | None) -> None:
    if rank is None or employee_type not in EMPLOYEE_TYPES:
        return
    if rank not in RANKS_BY_CODE:
        errors.add(field, "INVALID_VALUE", detail=rank)
    elif not rank_fits(employee_type, rank):
        errors.add(field, "INVALID_RANK")


def current_or_raise(row: Any, version: int | None) -> Any:
    """The row to change: NOT_FOUND when absent (or another tenant's), CONFLICT when stale."""
    if row is None:
        raise NotFound()
    if version is not None and version != row.version:
        raise Conflict()
    return row


async def apply_change(repo: Any, model: type, current: Any, values: dict[str, Any], *,
                       tenant_id: uuid.UUID, actor: uuid.UUID | None, action: str,
                       audited: tuple[str, ...]) -> bool:
    """Write the changed values with `version = version + 1` and audit before/after.

    The UPDATE is conditioned on the version read, so a concurrent change gives CONFLICT
    instead of a lost update. Returns False (and writes nothing) when nothing changes.
    """
    changes = {k: v for k, v in values.items() if getattr(current, k) != v}
    if not changes:
        return False
    async with unique_guard(UNIQUE_FIELDS):
        updated = await repo.update_versioned(model, current.id, current.version,
                                              {**changes, "updated_at": utcnow()})
    if not updated:
        raise Conflict()
    before = {name: getattr(current, name) for name in audited}
    after = {**before, **{k: v for k, v in changes.items() if k in audited}}
    await record(repo.session, tenant_id=tenant_id, actor_user_id=actor, action=action,
                 object_type=model.__name__, object_id=current.id, before=before, after=after)
    return True
