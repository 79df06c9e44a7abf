"""SQL of the analyses: grouped counts and the per-result rows fairness needs."""

from __future__ import annotations

import uuid

import sqlalchemy as sa

from ..authz.vocabulary import Scope
from ..kit.repository import Repository
from ..models import Cycle, Employee, PerformanceResult, Period, SelfAssessment, Skp
from ..results.repository import ResultRepository

R = PerformanceResult


def _joined(*columns) -> sa.Select:
    return (sa.select(*columns)
            .join(Skp, sa.and_(Skp.tenant_id == R.tenant_id, Skp.id == R.skp_id))
            .join(Employee, sa.and_(Employee.tenant_id == Skp.tenant_id,
                                    Employee.id == Skp.employee_id)))


class AnalysisRepository(Repository):
    def _visible(self, stmt: sa.Select, scope: Scope | None,
                 user_id: uuid.UUID | None) -> sa.Select:
        return ResultRepository(self.session).visible(stmt, scope, user_id)  # type: ignore

    async def predikat_by_unit(self, period_id: uuid.UUID, scope: Scope | None,
                               user_id: uuid.UUID | None) -> list[sa.Row]:
        """(unit_id, predikat, count) of the period's results this reader may read, by the
        employee's current unit."""
        stmt = (_joined(Employee.unit_id, R.predikat, sa.func.count(R.id).label("count"))
                .where(R.period_id == period_id)
                .group_by(Employee.unit_id, R.predikat))
        return await self.all(self._visible(stmt, scope, user_id))

    async def predikat_by_period(self, unit_id: uuid.UUID | None, scope: Scope | None,
                                 user_id: uuid.UUID | None) -> list[sa.Row]:
        """(period_id, predikat, count) over every period of every cycle, in time order."""
        stmt = (_joined(R.period_id, R.predikat, sa.func.count(R.id).label("count"))
                .group_by(R.period_id, R.predikat))
        if unit_id is not None:
            stmt = stmt.where(Employee.unit_id == unit_id)
        return await self.all(self._visible(stmt, scope, user_id))

    async def periods(self, period_ids: list[uuid.UUID] | None = None) -> list[sa.Row]:
        """Periods with their cycle's year and name, in time order."""
        stmt = (sa.select(Period.id, Period.cycle_id, Period.kind, Period.number,
                          Period.starts_on, Period.ends_on, Cycle.year, Cycle.name)
                .join(Cycle, sa.and_(Cycle.tenant_id == Period.tenant_id,
                                     Cycle.id == Period.cycle_id)))
        if period_ids is not None:
            stmt = stmt.where(Period.id.in_(period_ids))
        return await self.all(stmt.order_by(Period.starts_on, Period.number, Period.id))

    async def rated(self, period_id: uuid.UUID) -> list[sa.Row]:
        """Every result of the period with its SKP's rater (the rows fairness aggregates;
        the service decides what a reader gets)."""
        stmt = (_joined(R.skp_id, Skp.rater_id, Skp.cycle_id, R.rating_hasil,
                        R.rating_perilaku, R.predikat)
                .where(R.period_id == period_id))
        return await self.all(stmt)

    async def self_assessments(self, period_id: uuid.UUID) -> list[sa.Row]:
        stmt = (sa.select(SelfAssessment.skp_id, SelfAssessment.work_results,
                          SelfAssessment.values)
                .where(SelfAssessment.period_id == period_id,
                       SelfAssessment.status == "SUBMITTED"))
        return await self.all(stmt)

    async def employee_names(self, ids: list[uuid.UUID]) -> dict[uuid.UUID, str]:
        if not ids:
            return {}
        rows = await self.all(sa.select(Employee.id, Employee.name).where(Employee.id.in_(ids)))
        return {r.id: r.name for r in rows}

    async def my_employee(self, user_id: uuid.UUID | None) -> uuid.UUID | None:
        if user_id is None:
            return None
        return await self.scalar(sa.select(Employee.id).where(Employee.user_id == user_id))
