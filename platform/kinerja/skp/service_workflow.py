"""The SKP workflow: the employee submits, the rater approves or returns with a comment.

DRAFT/RETURNED -> SUBMITTED -> APPROVED or RETURNED; a plan change after approval moves it back
to DRAFT (service_plan). Asking for the status the SKP already has changes nothing (no history
row, no version check), so clients may retry safely.
"""

from __future__ import annotations

import uuid

from ..authz.actor import Actor
from ..errors import ErrorCollector
from ..kit.fields import check_version
from .access import SkpAccess, change_skp, check_open
from .repository import PlanRepository

COMMENT_MAX = 2000
SOURCES = {"SUBMITTED": ("DRAFT", "RETURNED"), "APPROVED": ("SUBMITTED",),
           "RETURNED": ("SUBMITTED",)}
ACTIONS = {"SUBMITTED": "skp.submit", "APPROVED": "skp.approve", "RETURNED": "skp.return"}


async def plan_complete(repo: PlanRepository, skp_id: uuid.UUID) -> bool:
    """At least one UTAMA RHK, and every RHK with at least one indicator."""
    results = (await repo.work_results([skp_id]))[skp_id]
    if not any(r.kind == "UTAMA" for r in results):
        return False
    indicators = await repo.indicators([r.id for r in results])
    return all(indicators[r.id] for r in results)


class SkpWorkflow:
    def __init__(self, actor: Actor):
        self.access = SkpAccess(actor)

    async def submit(self, skp_id: uuid.UUID, version: int | None) -> uuid.UUID:
        row = await self.access.for_write(skp_id)
        return await self._move(row, "SUBMITTED", version, None)

    async def approve(self, skp_id: uuid.UUID, version: int | None) -> uuid.UUID:
        row = await self.access.for_approve(skp_id)
        return await self._move(row, "APPROVED", version, None)

    async def return_(self, skp_id: uuid.UUID, version: int | None,
                      comment: str | None) -> uuid.UUID:
        row = await self.access.for_approve(skp_id)
        return await self._move(row, "RETURNED", version, comment)

    async def _move(self, row, target: str, version: int | None, comment: str | None):
        if row.status == target:
            return row.id
        check_version(row, version)
        errors = ErrorCollector()
        check_open(errors, row)
        if row.status not in SOURCES[target]:
            errors.add(None, "INVALID_TRANSITION", state=row.status, target=target)
        text = " ".join((comment or "").split()) or None
        if target == "RETURNED":
            if text is None:
                errors.add("comment", "REQUIRED")
            elif len(text) > COMMENT_MAX:
                errors.add("comment", "TOO_LONG", max=COMMENT_MAX)
        if not errors and target == "SUBMITTED" and not await plan_complete(
                self.access.repo, row.id):
            errors.add("workResults", "PLAN_INCOMPLETE")
        errors.raise_if_any()
        await change_skp(self.access, row, status=target, comment=text,
                         action=ACTIONS[target],
                         after={"comment": text} if text else None)
        return row.id
