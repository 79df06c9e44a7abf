"""Self-assessment: the SKP's own employee rates each RHK and each BerAKHLAK value
(DI_ATAS / SESUAI / DI_BAWAH, with a comment) for a period, while the cycle is RUNNING or
ASSESSMENT. Editable until submitted (optimistic version); submitting twice is harmless.

Ratings are stored as JSON lists keyed by RHK id / value code; RHKs removed from the plan
later simply drop out of the view, new ones show without a rating.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from ..audit.recorder import record
from ..authz.actor import Actor
from ..errors import Conflict, ErrorCollector, Forbidden, NotFound
from ..kit.fields import check_version, clean_text
from ..models import SelfAssessment
from ..models.base import utcnow
from ..skp.access import SkpAccess
from ..skp.repository import PlanRepository
from .access import ReviewContext, check_open
from .codes import BERAKHLAK, COMMENT_MAX

OVERALL_MAX = 4000


@dataclass
class Rated:
    key: Any  # RHK id (uuid) or value code
    rating: str | None
    comment: str | None


class SelfAssessmentService:
    def __init__(self, actor: Actor):
        self.rc = ReviewContext(actor)
        self.skp_access = SkpAccess(actor)

    async def _own_skp(self, skp_id: uuid.UUID) -> Any:
        row = await self.skp_access.for_write(skp_id)
        if not self.rc.is_me(row.owner_user_id):
            raise Forbidden()
        return row

    async def save(self, skp_id: uuid.UUID, period_id: uuid.UUID, version: int | None,
                   work_results: list[Rated], values: list[Rated],
                   overall: str | None) -> tuple[uuid.UUID, uuid.UUID]:
        row = await self._own_skp(skp_id)
        await self.rc.period(row, period_id)
        current = await self.rc.repo.self_assessment(row.id, period_id)
        if current is not None:
            check_version(current, version)
        errors = ErrorCollector()
        check_open(errors, row.cycle_state)
        if current is not None and current.status == "SUBMITTED":
            errors.add(None, "ALREADY_SUBMITTED")
        rhk_ids = {r.id for r in (await PlanRepository(self.rc.session).work_results(
            [row.id]))[row.id]}
        content = {
            "work_results": _items(errors, "workResults", "workResultId", work_results,
                                   lambda k: k in rhk_ids, "work_result_id"),
            "values": _items(errors, "values", "value", values, lambda k: k in BERAKHLAK,
                             "value"),
            "overall_comment": clean_text(errors, "overallComment", overall, OVERALL_MAX),
        }
        errors.raise_if_any()
        if current is None:
            created = SelfAssessment(tenant_id=self.rc.tenant_id, skp_id=row.id,
                                     period_id=period_id, **content)
            self.rc.session.add(created)
            await self.rc.session.flush()
            object_id, before = created.id, None
        else:
            if not await self.rc.repo.update_self(current.id, current.version,
                                                  {**content, "updated_at": utcnow()}):
                raise Conflict()
            object_id = current.id
            before = {"work_results": current.work_results, "values": current.values,
                      "overall_comment": current.overall_comment}
        await record(self.rc.session, tenant_id=self.rc.tenant_id, actor_user_id=self.rc.user_id,
                     action="self_assessment.save", object_type="SelfAssessment",
                     object_id=object_id, before=before, after=content)
        return row.id, period_id

    async def submit(self, row_id: uuid.UUID, version: int | None) -> tuple[uuid.UUID, uuid.UUID]:
        current = await self.rc.repo.self_assessment_by_id(row_id)
        if current is None:
            raise NotFound()
        row = await self._own_skp(current.skp_id)
        if current.status == "SUBMITTED":
            return row.id, current.period_id
        check_version(current, version)
        errors = ErrorCollector()
        check_open(errors, row.cycle_state)
        rhk_ids = {str(r.id) for r in (await PlanRepository(self.rc.session).work_results(
            [row.id]))[row.id]}
        rated_rhk = {i["work_result_id"] for i in current.work_results if i.get("rating")}
        rated_values = {i["value"] for i in current.values if i.get("rating")}
        if not rhk_ids <= rated_rhk or set(BERAKHLAK) - rated_values:
            errors.add(None, "ASSESSMENT_INCOMPLETE")
        errors.raise_if_any()
        if not await self.rc.repo.update_self(current.id, current.version, {
                "status": "SUBMITTED", "submitted_at": utcnow(), "updated_at": utcnow()}):
            raise Conflict()
        await record(self.rc.session, tenant_id=self.rc.tenant_id, actor_user_id=self.rc.user_id,
                     action="self_assessment.submit", object_type="SelfAssessment",
                     object_id=current.id, before={"status": "DRAFT"},
                     after={"status": "SUBMITTED"})
        return row.id, current.period_id


def _items(errors: ErrorCollector, path: str, key_field: str, items: list[Rated], known,
           key_name: str) -> list[dict[str, Any]]:
    out, seen = [], set()
    for i, item in enumerate(items):
        here = f"{path}.{i}"
        if not known(item.key):
            errors.add(f"{here}.{key_field}", "UNKNOWN_REFERENCE")
        elif item.key in seen:
            errors.add(f"{here}.{key_field}", "DUPLICATE", detail=str(item.key))
        seen.add(item.key)
        comment = clean_text(errors, f"{here}.comment", item.comment, COMMENT_MAX)
        out.append({key_name: str(item.key), "rating": item.rating, "comment": comment})
    return out
