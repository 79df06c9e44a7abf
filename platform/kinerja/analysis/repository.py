"""SQL of the analyses: grouped counts and the per-result rows fairness needs."""

from __future__ import annotations

import uuid

import sqlalchemy as sa

from ..authz.vocabulary import Scope
from ..kit.repository import Repository
from ..models import (
    Cycle,
    Employee,
    Evidence,
    Indicator,
    PerformanceResult,
    Period,
    Realisation,
    SelfAssessment,
    Skp,
    WorkResult,
)
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


def _per_skp(period_id: uuid.UUID, cycle_id: uuid.UUID) -> sa.Select:
    """One row per SKP of the cycle: unit, status, indicators, those realised in the period,
    the sum and number of achievement ratios (realised value / numeric target > 0), evidence."""
    indicators = (sa.select(WorkResult.skp_id, sa.func.count(Indicator.id).label("n"))
                  .join(Indicator, sa.and_(Indicator.tenant_id == WorkResult.tenant_id,
                                           Indicator.work_result_id == WorkResult.id))
                  .group_by(WorkResult.skp_id).subquery())
    ratio = sa.case((sa.and_(Indicator.target_value > 0, Realisation.value.is_not(None)),
                     Realisation.value / Indicator.target_value))
    realised = (sa.select(Realisation.skp_id,
                          sa.func.count(sa.distinct(Realisation.indicator_id)).label("n"),
                          sa.func.sum(ratio).label("ratio_sum"),
                          sa.func.count(ratio).label("ratio_n"))
                .join(Indicator, sa.and_(Indicator.tenant_id == Realisation.tenant_id,
                                         Indicator.id == Realisation.indicator_id))
                .where(Realisation.period_id == period_id)
                .group_by(Realisation.skp_id).subquery())
    evidence = (sa.select(Realisation.skp_id, sa.func.count(Evidence.id).label("n"))
                .join(Evidence, sa.and_(Evidence.tenant_id == Realisation.tenant_id,
                                        Evidence.realisation_id == Realisation.id))
                .where(Realisation.period_id == period_id)
                .group_by(Realisation.skp_id).subquery())
    return (sa.select(Skp.id.label("skp_id"), Employee.id.label("employee_id"),
                      Employee.name.label("employee_name"), Employee.unit_id, Skp.status,
                      sa.func.coalesce(indicators.c.n, 0).label("indicators"),
                      sa.func.coalesce(realised.c.n, 0).label("realised"),
                      sa.func.coalesce(realised.c.ratio_sum, 0.0).label("ratio_sum"),
                      sa.func.coalesce(realised.c.ratio_n, 0).label("ratio_n"),
                      sa.func.coalesce(evidence.c.n, 0).label("evidence"))
            .join(Employee, sa.and_(Employee.tenant_id == Skp.tenant_id,
                                    Employee.id == Skp.employee_id))
            .outerjoin(indicators, indicators.c.skp_id == Skp.id)
            .outerjoin(realised, realised.c.skp_id == Skp.id)
            .outerjoin(evidence, evidence.c.skp_id == Skp.id)
            .where(Skp.cycle_id == cycle_id))


class ProgressRepository(Repository):
    async def by_unit(self, period_id: uuid.UUID, cycle_id: uuid.UUID, scope: Scope,
                      user_id: uuid.UUID | None) -> list[sa.Row]:
        """Per (unit, SKP status): SKPs and the sums of their figures (one statement)."""
        from ..skp.repository import SkpRepository

        base = SkpRepository(self.session).visible(_per_skp(period_id, cycle_id), scope,
                                                   user_id).subquery()  # type: ignore[arg-type]
        stmt = (sa.select(base.c.unit_id, base.c.status,
                          sa.func.count(base.c.skp_id).label("skps"),
                          sa.func.sum(base.c.indicators).label("indicators"),
                          sa.func.sum(base.c.realised).label("realised"),
                          sa.func.sum(base.c.ratio_sum).label("ratio_sum"),
                          sa.func.sum(base.c.ratio_n).label("ratio_n"),
                          sa.func.sum(base.c.evidence).label("evidence"))
                .group_by(base.c.unit_id, base.c.status))
        return await self.all(stmt)

    async def by_person(self, period_id: uuid.UUID, cycle_id: uuid.UUID, unit_id: uuid.UUID,
                        scope: Scope, user_id: uuid.UUID | None) -> list[sa.Row]:
        """One row per SKP of the unit the reader may read, by name (one statement)."""
        from ..skp.repository import SkpRepository

        stmt = _per_skp(period_id, cycle_id).where(Employee.unit_id == unit_id)
        stmt = SkpRepository(self.session).visible(stmt, scope, user_id)  # type: ignore[arg-type]
        return await self.all(stmt.order_by(Employee.name, Skp.id))


class FeedbackRepository(Repository):
    async def skp_units(self, cycle_id: uuid.UUID) -> list[sa.Row]:
        """(skp_id, unit_id) of the cycle's SKPs, by the employee's current unit."""
        stmt = (sa.select(Skp.id.label("skp_id"), Employee.unit_id)
                .join(Employee, sa.and_(Employee.tenant_id == Skp.tenant_id,
                                        Employee.id == Skp.employee_id))
                .where(Skp.cycle_id == cycle_id))
        return await self.all(stmt)
