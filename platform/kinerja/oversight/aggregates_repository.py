"""Aggregate SQL of one agency, run in a session of that agency (its RLS setting): counts
only, never rows."""

from __future__ import annotations

import sqlalchemy as sa

from ..kit.repository import Repository
from ..models import Cycle, Employee, PerformanceResult, Period, Skp
from ..people.repository import ACTIVE_STAFF


class AgencyAggregateRepository(Repository):
    async def employees(self) -> int:
        stmt = sa.select(sa.func.count(Employee.id)).where(ACTIVE_STAFF)
        return int(await self.scalar(stmt) or 0)

    async def skps_by_status(self, year: int) -> dict[str, int]:
        stmt = (sa.select(Skp.status, sa.func.count(Skp.id))
                .join(Cycle, sa.and_(Cycle.tenant_id == Skp.tenant_id, Cycle.id == Skp.cycle_id))
                .where(Cycle.year == year).group_by(Skp.status))
        return {status: int(n) for status, n in await self.all(stmt)}

    async def latest_period(self, year: int) -> sa.Row | None:
        """The year's latest period with results (its kind and number)."""
        stmt = (sa.select(Period.id, Period.kind, Period.number)
                .join(Cycle, sa.and_(Cycle.tenant_id == Period.tenant_id,
                                     Cycle.id == Period.cycle_id))
                .where(Cycle.year == year, sa.exists().where(
                    PerformanceResult.tenant_id == Period.tenant_id,
                    PerformanceResult.period_id == Period.id))
                .order_by(Period.starts_on.desc(), Period.number.desc()).limit(1))
        return await self.first(stmt)

    async def predikat(self, period_id) -> dict[str, int]:
        stmt = (sa.select(PerformanceResult.predikat, sa.func.count(PerformanceResult.id))
                .where(PerformanceResult.period_id == period_id)
                .group_by(PerformanceResult.predikat))
        return {p: int(n) for p, n in await self.all(stmt)}
