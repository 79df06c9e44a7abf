"""Release (HR), acknowledgement (the employee) and reopening (HR).

Release moves every RATED result of a period (optionally of one unit: its employees' SKPs)
within the caller's scope to RELEASED, fixing the objection deadline from the cycle's rule
set; repeating it releases nothing new. Periodic results may be released while the cycle is
RUNNING. Reopening (RELEASED / ACKNOWLEDGED / FINAL, not with an objection open) puts a result
back to RATED: the rater may rate it again (while the cycle allows rating) and HR may
calibrate it; it must be released again. The reason is kept as a REOPEN change. A result
whose objection was decided is never reopened (RESULT_FINAL): the decision of the rater's
superior is final (PP 30/2019 Pasal 59), so nothing may undo or re-rate it.
"""

from __future__ import annotations

import uuid

from ..authz.actor import Actor
from ..errors import Conflict, ErrorCollector, Forbidden, NotFound
from ..kit.fields import check_version
from ..models.base import utcnow
from .access import ResultAccess, check_open
from .codes import effective_status, objection_deadline
from .service_rating import change_ratings, check_reason


class ReleaseService:
    def __init__(self, actor: Actor):
        self.access = ResultAccess(actor)
        self.repo = self.access.repo

    async def release(self, cycle_id: uuid.UUID, period_id: uuid.UUID,
                      unit_id: uuid.UUID | None) -> tuple[uuid.UUID, uuid.UUID, int]:
        scope = self.access.scope("release")
        if scope is None:
            raise Forbidden()
        cycle = await self.repo.cycle(cycle_id)
        if cycle is None:
            raise NotFound()
        errors = ErrorCollector()
        period = await self.repo.period(period_id)
        if period is None or period.cycle_id != cycle_id:
            errors.add("periodId", "UNKNOWN_REFERENCE")
        if unit_id is not None and await self.repo.unit(unit_id) is None:
            errors.add("unitId", "UNKNOWN_REFERENCE")
        check_open(errors, cycle.state)
        errors.raise_if_any()
        content = (await self.repo.rule_set(cycle.rule_set_id)).content
        today = self.access.today
        deadline = objection_deadline(today, content["objection_window_days"],
                                      content["objection_day_kind"])
        now = utcnow()
        rows = await self.repo.releasable(period_id, unit_id, scope, self.access.user_id)
        for row in rows:
            values = {"status": "RELEASED", "released_on": today, "released_at": now,
                      "released_by": self.access.user_id, "objection_deadline": deadline,
                      "updated_at": now}
            if not await self.repo.update(row.id, row.version, values):
                raise Conflict()
            await self.access.audit("result.release", "PerformanceResult", row.id,
                                    {"status": "RATED", "version": row.version},
                                    {"status": "RELEASED", "objection_deadline": deadline,
                                     "version": row.version + 1})
        return cycle_id, period_id, len(rows)

    async def acknowledge(self, result_id: uuid.UUID, version: int | None) -> uuid.UUID:
        row = await self.access.own(result_id)
        state = effective_status(row.status, row.objection_deadline, self.access.today)
        if state == "ACKNOWLEDGED":
            return row.id
        check_version(row, version)
        errors = ErrorCollector()
        if check_open(errors, row.cycle_state) and state != "RELEASED":
            errors.add(None, "INVALID_TRANSITION", state=state, target="ACKNOWLEDGED")
        errors.raise_if_any()
        now = utcnow()
        if not await self.repo.update(row.id, row.version, {"status": "ACKNOWLEDGED",
                                                            "acknowledged_at": now,
                                                            "updated_at": now}):
            raise Conflict()
        await self.access.audit("result.acknowledge", "PerformanceResult", row.id,
                                {"status": row.status, "version": row.version},
                                {"status": "ACKNOWLEDGED", "version": row.version + 1})
        return row.id

    async def reopen(self, result_id: uuid.UUID, reason: str | None,
                     version: int | None) -> uuid.UUID:
        row = await self.access.for_action(result_id, "reopen")
        state = effective_status(row.status, row.objection_deadline, self.access.today)
        if state == "RATED":
            return row.id
        check_version(row, version)
        errors = ErrorCollector()
        if check_open(errors, row.cycle_state):
            if state == "OBJECTED":
                errors.add(None, "OBJECTION_OPEN")
            elif await self.repo.has_decided_objection(row.id):
                errors.add(None, "RESULT_FINAL")
        text = check_reason(errors, reason)
        errors.raise_if_any()
        await change_ratings(self.access, row, row.rating_hasil, row.rating_perilaku, "REOPEN",
                             text, {"status": "RATED", "released_on": None, "released_at": None,
                                    "released_by": None, "objection_deadline": None,
                                    "acknowledged_at": None, "finalised_at": None})
        return row.id
