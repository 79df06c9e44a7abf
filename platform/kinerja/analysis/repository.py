"""SQL of the analyses: grouped counts and the per-result rows fairness needs, as hot reads
(kit/compiled.py, issue 12). Each statement is built once per shape (the reader's scope,
whether a user asks, an optional filter), every value a parameter and every agency table, in
subqueries too, bound to `:tenant_id`. The scopes are the result and SKP pages' (same rules as
`ResultRepository.visible` and `SkpRepository.visible`).
"""

from __future__ import annotations

import functools
import uuid

import sqlalchemy as sa

from ..authz.vocabulary import Scope
from ..kit.compiled import CYCLE, PERIOD, TENANT, UNIT, USER, TenantRead, in_ids
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
from ..results.page_repository import visible as result_visible
from ..results.page_repository import with_skp
from ..skp.page_repository import visible as skp_visible
from ..skp.page_repository import with_employee

R = PerformanceResult


@functools.lru_cache(maxsize=16)
def predikat_by_unit_read(scope: Scope | None, has_user: bool) -> TenantRead:
    return TenantRead(
        with_skp(Employee.unit_id, R.predikat, sa.func.count(R.id).label("count"))
        .where(R.period_id == PERIOD, *result_visible(scope, has_user))
        .group_by(Employee.unit_id, R.predikat))


@functools.lru_cache(maxsize=32)
def predikat_by_period_read(scope: Scope | None, has_user: bool, unit: bool) -> TenantRead:
    stmt = (with_skp(R.period_id, R.predikat, sa.func.count(R.id).label("count"))
            .where(*result_visible(scope, has_user))
            .group_by(R.period_id, R.predikat))
    return TenantRead(stmt.where(Employee.unit_id == UNIT) if unit else stmt)


def _periods(*where: sa.ColumnElement[bool]) -> TenantRead:
    return TenantRead(
        sa.select(Period.id, Period.cycle_id, Period.kind, Period.number, Period.starts_on,
                  Period.ends_on, Cycle.year, Cycle.name)
        .join(Cycle, sa.and_(Cycle.tenant_id == TENANT, Cycle.id == Period.cycle_id))
        .where(Period.tenant_id == TENANT, *where)
        .order_by(Period.starts_on, Period.number, Period.id))


ALL_PERIODS = _periods()
PERIODS_BY_IDS = _periods(in_ids(Period.id))
RATED = TenantRead(with_skp(R.skp_id, Skp.rater_id, Skp.cycle_id, R.rating_hasil,
                            R.rating_perilaku, R.predikat).where(R.period_id == PERIOD))
SUBMITTED_SELF_ASSESSMENTS = TenantRead(
    sa.select(SelfAssessment.skp_id, SelfAssessment.work_results, SelfAssessment.values)
    .where(SelfAssessment.tenant_id == TENANT, SelfAssessment.period_id == PERIOD,
           SelfAssessment.status == "SUBMITTED"))
EMPLOYEE_NAMES = TenantRead(sa.select(Employee.id, Employee.name)
                            .where(Employee.tenant_id == TENANT, in_ids(Employee.id)))
MY_EMPLOYEE = TenantRead(sa.select(Employee.id).where(Employee.tenant_id == TENANT,
                                                      Employee.user_id == USER)
                         .order_by(Employee.id).limit(1))
SKP_UNITS = TenantRead(with_employee(Skp.id.label("skp_id"), Employee.unit_id)
                       .where(Skp.cycle_id == CYCLE))


class AnalysisRepository(Repository):
    async def predikat_by_unit(self, period_id: uuid.UUID, scope: Scope | None,
                               user_id: uuid.UUID | None) -> list[sa.Row]:
        """(unit_id, predikat, count) of the period's results this reader may read, by the
        employee's current unit."""
        return await predikat_by_unit_read(scope, user_id is not None).rows(
            self.session, period_id=period_id, user_id=user_id)

    async def predikat_by_period(self, unit_id: uuid.UUID | None, scope: Scope | None,
                                 user_id: uuid.UUID | None) -> list[sa.Row]:
        """(period_id, predikat, count) over every period of every cycle, in time order."""
        read = predikat_by_period_read(scope, user_id is not None, unit_id is not None)
        return await read.rows(self.session, unit_id=unit_id, user_id=user_id)

    async def periods(self, period_ids: list[uuid.UUID] | None = None) -> list[sa.Row]:
        """Periods with their cycle's year and name, in time order."""
        if period_ids is None:
            return await ALL_PERIODS.rows(self.session)
        return await PERIODS_BY_IDS.rows(self.session, ids=list(period_ids))

    async def rated(self, period_id: uuid.UUID) -> list[sa.Row]:
        """Every result of the period with its SKP's rater (the rows fairness aggregates;
        the service decides what a reader gets)."""
        return await RATED.rows(self.session, period_id=period_id)

    async def self_assessments(self, period_id: uuid.UUID) -> list[sa.Row]:
        return await SUBMITTED_SELF_ASSESSMENTS.rows(self.session, period_id=period_id)

    async def employee_names(self, ids: list[uuid.UUID]) -> dict[uuid.UUID, str]:
        if not ids:
            return {}
        return {r.id: r.name for r in await EMPLOYEE_NAMES.rows(self.session, ids=list(ids))}

    async def my_employee(self, user_id: uuid.UUID | None) -> uuid.UUID | None:
        if user_id is None:
            return None
        rows = await MY_EMPLOYEE.rows(self.session, user_id=user_id)
        return rows[0].id if rows else None


def _per_skp(scope: Scope, has_user: bool) -> sa.Select:
    """One row per SKP of the cycle the reader may read: unit, status, indicators, those
    realised in the period, the sum and number of achievement ratios (realised value / numeric
    target > 0), evidence."""
    indicators = (sa.select(WorkResult.skp_id, sa.func.count(Indicator.id).label("n"))
                  .join(Indicator, sa.and_(Indicator.tenant_id == TENANT,
                                           Indicator.work_result_id == WorkResult.id))
                  .where(WorkResult.tenant_id == TENANT)
                  .group_by(WorkResult.skp_id).subquery())
    ratio = sa.case((sa.and_(Indicator.target_value > 0, Realisation.value.is_not(None)),
                     Realisation.value / Indicator.target_value))
    realised = (sa.select(Realisation.skp_id,
                          sa.func.count(sa.distinct(Realisation.indicator_id)).label("n"),
                          sa.func.sum(ratio).label("ratio_sum"),
                          sa.func.count(ratio).label("ratio_n"))
                .join(Indicator, sa.and_(Indicator.tenant_id == TENANT,
                                         Indicator.id == Realisation.indicator_id))
                .where(Realisation.tenant_id == TENANT, Realisation.period_id == PERIOD)
                .group_by(Realisation.skp_id).subquery())
    evidence = (sa.select(Realisation.skp_id, sa.func.count(Evidence.id).label("n"))
                .join(Evidence, sa.and_(Evidence.tenant_id == TENANT,
                                        Evidence.realisation_id == Realisation.id))
                .where(Realisation.tenant_id == TENANT, Realisation.period_id == PERIOD)
                .group_by(Realisation.skp_id).subquery())
    return (with_employee(Skp.id.label("skp_id"), Employee.id.label("employee_id"),
                          Employee.name.label("employee_name"), Employee.unit_id, Skp.status,
                          sa.func.coalesce(indicators.c.n, 0).label("indicators"),
                          sa.func.coalesce(realised.c.n, 0).label("realised"),
                          sa.func.coalesce(realised.c.ratio_sum, 0.0).label("ratio_sum"),
                          sa.func.coalesce(realised.c.ratio_n, 0).label("ratio_n"),
                          sa.func.coalesce(evidence.c.n, 0).label("evidence"))
            .outerjoin(indicators, indicators.c.skp_id == Skp.id)
            .outerjoin(realised, realised.c.skp_id == Skp.id)
            .outerjoin(evidence, evidence.c.skp_id == Skp.id)
            .where(Skp.cycle_id == CYCLE, *skp_visible(scope, has_user)))


@functools.lru_cache(maxsize=16)
def progress_by_unit_read(scope: Scope, has_user: bool) -> TenantRead:
    base = _per_skp(scope, has_user).subquery()
    return TenantRead(sa.select(base.c.unit_id, base.c.status,
                                sa.func.count(base.c.skp_id).label("skps"),
                                sa.func.sum(base.c.indicators).label("indicators"),
                                sa.func.sum(base.c.realised).label("realised"),
                                sa.func.sum(base.c.ratio_sum).label("ratio_sum"),
                                sa.func.sum(base.c.ratio_n).label("ratio_n"),
                                sa.func.sum(base.c.evidence).label("evidence"))
                      .group_by(base.c.unit_id, base.c.status))


@functools.lru_cache(maxsize=16)
def progress_by_person_read(scope: Scope, has_user: bool) -> TenantRead:
    return TenantRead(_per_skp(scope, has_user).where(Employee.unit_id == UNIT)
                      .order_by(Employee.name, Skp.id))


class ProgressRepository(Repository):
    async def by_unit(self, period_id: uuid.UUID, cycle_id: uuid.UUID, scope: Scope,
                      user_id: uuid.UUID | None) -> list[sa.Row]:
        """Per (unit, SKP status): SKPs and the sums of their figures (one statement)."""
        return await progress_by_unit_read(scope, user_id is not None).rows(
            self.session, period_id=period_id, cycle_id=cycle_id, user_id=user_id)

    async def by_person(self, period_id: uuid.UUID, cycle_id: uuid.UUID, unit_id: uuid.UUID,
                        scope: Scope, user_id: uuid.UUID | None) -> list[sa.Row]:
        """One row per SKP of the unit the reader may read, by name (one statement)."""
        return await progress_by_person_read(scope, user_id is not None).rows(
            self.session, period_id=period_id, cycle_id=cycle_id, unit_id=unit_id,
            user_id=user_id)


class FeedbackRepository(Repository):
    async def skp_units(self, cycle_id: uuid.UUID) -> list[sa.Row]:
        """(skp_id, unit_id) of the cycle's SKPs, by the employee's current unit."""
        return await SKP_UNITS.rows(self.session, cycle_id=cycle_id)
