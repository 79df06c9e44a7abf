"""SQL behind the real signal providers (providers.py): an employee's SKP of the cycle of a
year, its results with their periods, and the periods holding submitted 360 answers."""

from __future__ import annotations

import uuid

import sqlalchemy as sa

from ..kit.repository import Repository
from ..models import Cycle, PerformanceResult, Period, ReviewRequest, Skp


class SignalSources(Repository):
    async def skp_of_year(self, employee_id: uuid.UUID, year: int) -> sa.Row | None:
        stmt = (sa.select(Skp.id, Skp.cycle_id)
                .join(Cycle, sa.and_(Cycle.tenant_id == Skp.tenant_id, Cycle.id == Skp.cycle_id))
                .where(Skp.employee_id == employee_id, Cycle.year == year))
        return await self.first(stmt)

    async def results(self, skp_id: uuid.UUID) -> list[sa.Row]:
        """The SKP's results with their period, the YEAR result first, then the latest
        period first."""
        R = PerformanceResult
        stmt = (sa.select(R.predikat, R.status, R.objection_deadline, Period.kind,
                          Period.ends_on)
                .join(Period, sa.and_(Period.tenant_id == R.tenant_id, Period.id == R.period_id))
                .where(R.skp_id == skp_id)
                .order_by((Period.kind == "YEAR").desc(), Period.ends_on.desc()))
        return await self.all(stmt)

    async def answered_periods(self, skp_id: uuid.UUID) -> list[uuid.UUID]:
        """Periods with submitted 360 answers, the YEAR period first, then the latest first."""
        stmt = (sa.select(Period.id)
                .where(sa.exists().where(ReviewRequest.tenant_id == Period.tenant_id,
                                         ReviewRequest.period_id == Period.id,
                                         ReviewRequest.skp_id == skp_id,
                                         ReviewRequest.status == "SUBMITTED"))
                .order_by((Period.kind == "YEAR").desc(), Period.ends_on.desc()))
        return list((await self.session.execute(stmt)).scalars())
