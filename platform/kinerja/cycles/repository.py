"""Rule-set, cycle and period reads and writes as plain rows (and, for launching a cycle, the
employees who have no SKP in it yet).

Every statement is an ORM statement on a tenant table, so the session adds
`tenant_id = :current` (and RLS applies on PostgreSQL): another tenant's ID finds nothing.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import sqlalchemy as sa

from ..kit.compiled import TENANT, TenantRead
from ..kit.repository import Repository
from ..models import (
    Cycle,
    Employee,
    Objection,
    PerformanceResult,
    Period,
    ReportingLine,
    RuleSet,
    Skp,
)
from ..people.repository import ACTIVE_STAFF, current_line_condition

RULE_SET_COLUMNS = (RuleSet.id, RuleSet.version, RuleSet.content, RuleSet.created_at,
                    RuleSet.created_by)
CYCLE_COLUMNS = (Cycle.id, Cycle.year, Cycle.name, Cycle.state, Cycle.rule_set_id, Cycle.version,
                 Cycle.launched_at, Cycle.closed_at, Cycle.created_at, Cycle.updated_at)
PERIOD_COLUMNS = (Period.id, Period.cycle_id, Period.kind, Period.number, Period.starts_on,
                  Period.ends_on)
KIND_ORDER = sa.case({"MONTH": 1, "QUARTER": 2, "YEAR": 3}, value=Period.kind)


class RuleSetRepository(Repository):
    async def latest(self) -> sa.Row | None:
        stmt = sa.select(*RULE_SET_COLUMNS).order_by(RuleSet.version.desc()).limit(1)
        return await self.first(stmt)

    async def versions(self) -> list[sa.Row]:
        return await self.all(sa.select(*RULE_SET_COLUMNS).order_by(RuleSet.version.desc()))

    async def by_ids(self, ids: list[uuid.UUID]) -> dict[uuid.UUID, sa.Row]:
        rows = await self.all(sa.select(*RULE_SET_COLUMNS).where(RuleSet.id.in_(ids)))
        return {r.id: r for r in rows}


CYCLE_BY_ID = TenantRead(sa.select(*CYCLE_COLUMNS).where(
    Cycle.tenant_id == TENANT, Cycle.id == sa.bindparam("cycle_id", type_=sa.Uuid())))


class CycleRepository(Repository):
    async def list(self) -> list[sa.Row]:
        return await self.all(sa.select(*CYCLE_COLUMNS).order_by(Cycle.year.desc(), Cycle.id))

    async def by_id(self, cycle_id: uuid.UUID) -> Any:
        """A hot read (every SKP list asks it first)."""
        rows = await CYCLE_BY_ID.rows(self.session, cycle_id=cycle_id)
        return rows[0] if rows else None

    async def year_taken(self, year: int) -> bool:
        return await self.scalar(sa.select(Cycle.id).where(Cycle.year == year)) is not None

    async def periods_for(self, cycle_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[sa.Row]]:
        rows = await self.all(sa.select(*PERIOD_COLUMNS).where(Period.cycle_id.in_(cycle_ids))
                              .order_by(Period.cycle_id, KIND_ORDER, Period.number))
        out: dict[uuid.UUID, list[sa.Row]] = {i: [] for i in cycle_ids}
        for row in rows:
            out[row.cycle_id].append(row)
        return out

    async def period_by_id(self, period_id: uuid.UUID) -> sa.Row | None:
        return await self.first(sa.select(*PERIOD_COLUMNS).where(Period.id == period_id))

    async def open_objections(self, cycle_id: uuid.UUID) -> int:
        """Objections of the cycle's results still waiting for a decision."""
        stmt = (sa.select(sa.func.count(Objection.id))
                .join(PerformanceResult, sa.and_(PerformanceResult.tenant_id == Objection.tenant_id,
                                                 PerformanceResult.id == Objection.result_id))
                .join(Skp, sa.and_(Skp.tenant_id == PerformanceResult.tenant_id,
                                   Skp.id == PerformanceResult.skp_id))
                .where(Skp.cycle_id == cycle_id, Objection.status == "OPEN"))
        return int(await self.scalar(stmt) or 0)

    async def update_versioned(self, cycle_id: uuid.UUID, expected: int,
                               values: dict[str, Any]) -> bool:
        return await self.bump_version(Cycle, cycle_id, expected, values) == 1

    async def employees_without_skp(self, cycle_id: uuid.UUID, today: date) -> list[sa.Row]:
        """Active employees with no SKP in the cycle, with the reporting line valid today."""
        has_skp = sa.select(Skp.employee_id).where(Skp.cycle_id == cycle_id)
        line = (sa.select(ReportingLine.tenant_id, ReportingLine.employee_id,
                          ReportingLine.rater_id, ReportingLine.rater_superior_id)
                .where(current_line_condition(today)).subquery("line"))
        stmt = (sa.select(Employee.id, line.c.rater_id, line.c.rater_superior_id)
                .outerjoin(line, sa.and_(line.c.tenant_id == Employee.tenant_id,
                                         line.c.employee_id == Employee.id))
                .where(ACTIVE_STAFF, Employee.id.not_in(has_skp))
                .order_by(Employee.name, Employee.id))
        return await self.all(stmt)
