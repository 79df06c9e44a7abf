"""Rules of the people services and the CSV import: NIP and rank checks, and `apply_change`,
the one optimistic-locking write path of the update services. Generic field checks (names,
codes, text, versions) are in kit/fields.py.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from ..audit.recorder import record
from ..errors import Conflict, ErrorCollector
from ..kit.writes import unique_guard
from ..models.base import utcnow
from ..reference import EMPLOYEE_TYPES, RANKS_BY_CODE, rank_fits
from .nip import normalize_nip, validate_nip

UNIQUE_FIELDS = {"code": "code", "nip": "nip", "user_id": "userId"}  # column -> input field


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
