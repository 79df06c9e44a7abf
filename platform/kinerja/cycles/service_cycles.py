"""Cycles: creation with periods, the state machine, and launching (SKP drafts).

States move one step forward only: DRAFT -> PLANNING -> RUNNING -> ASSESSMENT -> CALIBRATION
-> CLOSED (refused while objections are open: OBJECTIONS_OPEN). Asking for the state a cycle
is already in is idempotent (no write, no audit, no version check, so a client may safely
retry). Launching (DRAFT -> PLANNING) creates an SKP draft for every active employee without
one, copying the reporting line valid that day.
"""

from __future__ import annotations

import calendar
import uuid
from dataclasses import dataclass
from datetime import date

from ..audit.recorder import record
from ..authz.actor import Acting, Actor
from ..errors import Conflict, ErrorCollector, NotFound
from ..kit.fields import check_version, clean_name
from ..kit.writes import insert_or_conflict, unique_guard
from ..models import Cycle, Period, Skp
from ..models.base import utcnow
from .repository import CycleRepository
from .service_rules import RuleSetService

STATES = ("DRAFT", "PLANNING", "RUNNING", "ASSESSMENT", "CALIBRATION", "CLOSED")
MIN_YEAR, MAX_YEAR = 2000, 2100
AUDITED = ("year", "name", "state", "rule_set_id", "version")


@dataclass
class CycleInput:
    year: int
    name: str | None


def period_bounds(year: int, granularity: str) -> list[tuple[str, int, date, date]]:
    """(kind, number, first day, last day): 12 months or 4 quarters, then the whole year."""
    size, kind = (1, "MONTH") if granularity == "MONTHLY" else (3, "QUARTER")
    out = []
    for number in range(1, 12 // size + 1):
        first_month = (number - 1) * size + 1
        last_month = first_month + size - 1
        out.append((kind, number, date(year, first_month, 1),
                    date(year, last_month, calendar.monthrange(year, last_month)[1])))
    out.append(("YEAR", 1, date(year, 1, 1), date(year, 12, 31)))
    return out


class CycleService(Acting):
    def __init__(self, actor: Actor):
        super().__init__(actor)
        self.repo = CycleRepository(actor.session)

    async def create(self, data: CycleInput) -> uuid.UUID:
        errors = ErrorCollector()
        name = clean_name(errors, "name", data.name, required=True)
        if not MIN_YEAR <= data.year <= MAX_YEAR:
            errors.add("year", "OUT_OF_RANGE", min=MIN_YEAR, max=MAX_YEAR)
        elif await self.repo.year_taken(data.year):
            errors.add("year", "DUPLICATE", detail=str(data.year))
        errors.raise_if_any()
        rule_set = await RuleSetService(self.actor).pinned()
        cycle = Cycle(tenant_id=self.tenant_id, year=data.year, name=name,
                      rule_set_id=rule_set.id)
        async with unique_guard({"year": "year"}):
            self.session.add(cycle)
            await self.session.flush()
        granularity = rule_set.content["period_granularity"]
        self.session.add_all([
            Period(tenant_id=self.tenant_id, cycle_id=cycle.id, kind=kind, number=number,
                   starts_on=first, ends_on=last)
            for kind, number, first, last in period_bounds(data.year, granularity)])
        await self.session.flush()
        after = {name: getattr(cycle, name) for name in AUDITED}
        await record(self.session, tenant_id=self.tenant_id, actor_user_id=self.user_id,
                     action="cycle.create", object_type="Cycle", object_id=cycle.id,
                     after={**after, "rule_set_version": rule_set.version,
                            "period_granularity": granularity})
        return cycle.id

    async def advance(self, cycle_id: uuid.UUID, target: str, version: int | None) -> uuid.UUID:
        current = await self.repo.by_id(cycle_id)
        if current is None:
            raise NotFound()
        if target == current.state:
            if target == "PLANNING":  # a repeated launch adds SKPs for newcomers only
                await self._launch(current)
            return cycle_id
        check_version(current, version)
        errors = ErrorCollector()
        if current.state == "CLOSED":
            errors.add("to", "CYCLE_CLOSED")
        elif target not in STATES or STATES.index(target) != STATES.index(current.state) + 1:
            errors.add("to", "INVALID_TRANSITION", state=current.state, target=target)
        elif target == "CLOSED" and (count := await self.repo.open_objections(cycle_id)):
            errors.add("to", "OBJECTIONS_OPEN", count=count)
        errors.raise_if_any()
        now = utcnow()
        values: dict = {"state": target, "updated_at": now}
        if target == "PLANNING":
            values["launched_at"] = now
        if target == "CLOSED":
            values["closed_at"] = now
        if not await self.repo.update_versioned(cycle_id, current.version, values):
            raise Conflict()
        await record(self.session, tenant_id=self.tenant_id, actor_user_id=self.user_id,
                     action=f"cycle.{target.lower()}", object_type="Cycle", object_id=cycle_id,
                     before={"state": current.state, "version": current.version},
                     after={"state": target, "version": current.version + 1})
        if target == "PLANNING":
            await self._launch(current)
        return cycle_id

    async def _launch(self, cycle) -> int:
        """SKP drafts for active employees without one; returns how many were created."""
        missing = await CycleRepository(self.session).employees_without_skp(cycle.id, self.today)
        if not missing:
            return 0
        skps = [Skp(tenant_id=self.tenant_id, cycle_id=cycle.id, employee_id=row.id,
                    rater_id=row.rater_id, rater_superior_id=row.rater_superior_id)
                for row in missing]
        await insert_or_conflict(self.session, *skps)  # a concurrent launch: CONFLICT
        for skp in skps:
            await record(self.session, tenant_id=self.tenant_id, actor_user_id=self.user_id,
                         action="skp.create", object_type="Skp", object_id=skp.id,
                         after={"cycle_id": cycle.id, "employee_id": skp.employee_id,
                                "rater_id": skp.rater_id,
                                "rater_superior_id": skp.rater_superior_id, "status": "DRAFT"})
        return len(skps)
