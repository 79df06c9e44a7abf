"""Analysis queries: predikat per unit, its trend, and fairness per rater."""

from __future__ import annotations

import strawberry

from ..errors import NotFound
from ..graphql.context import Info
from ..graphql.permissions import Can
from ..graphql.relay import from_global_id, to_global_id
from ..people.repository import OrgUnitRepository
from ..skp.types import BerakhlakValue
from .feedback import FeedbackService
from .progress import ProgressService
from .service import AnalysisService
from .types import (
    FeedbackByUnitReport,
    PredikatByUnit,
    PredikatTrendPoint,
    ProgressFigures,
    RaterFairness,
    RaterFairnessReport,
    UnitFeedbackMeans,
    UnitPredikat,
    ValueMean,
    agency_of,
    counts_of,
)

READ = [Can("result", "read")]


def _service(ctx) -> AnalysisService:
    return AnalysisService(ctx.actor, ctx.settings.fairness_min_ratees)


@strawberry.type
class AnalysisQueries:
    @strawberry.field(permission_classes=READ, description=(
        "Predikat per unit for a period (one statement), counting only results you may read "
        "(your own once released; a rater the people they rate; HR the agency)."))
    async def predikat_by_unit(self, info: Info, period_id: strawberry.ID) -> PredikatByUnit:
        ctx = info.context
        raw = from_global_id(period_id, "Period")[1]
        _, units = await _service(ctx).by_unit(raw)
        ids = [u.unit_id for u in units if u.unit_id is not None]
        names = await OrgUnitRepository(ctx.session).by_ids(ids) if ids else {}
        return PredikatByUnit(period_id=period_id, units=[
            UnitPredikat(unit_id=to_global_id("OrgUnit", u.unit_id) if u.unit_id else None,
                         unit_name=(names[u.unit_id].name if u.unit_id in names else None),
                         distribution=counts_of(u.distribution)) for u in units])

    @strawberry.field(permission_classes=READ, description=(
        "The predikat distribution of every period of every cycle (the agency's, or one "
        "unit's), oldest first; results you may read only."))
    async def predikat_trend(self, info: Info,
                             unit_id: strawberry.ID | None = None) -> list[PredikatTrendPoint]:
        ctx = info.context
        raw = from_global_id(unit_id, "OrgUnit")[1] if unit_id else None
        points = await _service(ctx).trend(raw)
        return [PredikatTrendPoint(
            period_id=to_global_id("Period", p.period.id),  # type: ignore[attr-defined]
            cycle_id=to_global_id("Cycle", p.period.cycle_id),  # type: ignore[attr-defined]
            year=p.period.year, period_kind=p.period.kind,  # type: ignore[attr-defined]
            period_number=p.period.number,  # type: ignore[attr-defined]
            starts_on=p.period.starts_on, ends_on=p.period.ends_on,  # type: ignore[attr-defined]
            distribution=counts_of(p.distribution)) for p in points]

    @strawberry.field(permission_classes=[Can("skp", "read")], description=(
        "Progress of a period over the SKPs you may read: the agency and each unit, or with "
        "`unitId` that unit and each of its people (drill down)."))
    async def progress(self, info: Info, period_id: strawberry.ID,
                       unit_id: strawberry.ID | None = None) -> list[ProgressFigures]:
        ctx = info.context
        service = ProgressService(ctx.actor)
        period = from_global_id(period_id, "Period")[1]
        if unit_id is None:
            rows = await service.by_unit(period)
        else:
            unit = from_global_id(unit_id, "OrgUnit")[1]
            units = await OrgUnitRepository(ctx.session).by_ids([unit])
            if unit not in units:
                raise NotFound()
            rows = await service.by_person(period, unit)
        ids = sorted({r.unit_id for r in rows if r.unit_id is not None})
        found = await OrgUnitRepository(ctx.session).by_ids(ids) if ids else {}
        return [ProgressFigures.of(r, {k: v.name for k, v in found.items()}) for r in rows]

    @strawberry.field(permission_classes=[Can("review", "read")], description=(
        "Published 360 value means per unit for a period (HR, auditors, admins): only units "
        "with at least the anonymity threshold of people with published feedback are shown."))
    async def feedback_by_unit(self, info: Info,
                               period_id: strawberry.ID) -> FeedbackByUnitReport:
        ctx = info.context
        report = await FeedbackService(ctx.actor).by_unit(from_global_id(period_id, "Period")[1])
        ids = [u.unit_id for u in report.units if u.unit_id is not None]
        found = await OrgUnitRepository(ctx.session).by_ids(ids) if ids else {}
        return FeedbackByUnitReport(
            period_id=period_id, threshold=report.threshold,
            suppressed_units=report.suppressed, units=[UnitFeedbackMeans(
                unit_id=to_global_id("OrgUnit", u.unit_id) if u.unit_id else None,
                unit_name=found[u.unit_id].name if u.unit_id in found else None,
                people=u.people, answers=u.answers,
                values=[ValueMean(value=BerakhlakValue[v], mean=m)
                        for v, m in u.means().items()]) for u in report.units])

    @strawberry.field(permission_classes=READ, description=(
        "Who rates how in a period: per rater with at least minRatees ratees, the predikat "
        "distribution, its distance from the agency's, a leniency index and the gaps to "
        "self-assessments and published 360 means. HR, auditors and admins see every rater, "
        "a rater their own; staff: FORBIDDEN."))
    async def rater_fairness(self, info: Info, period_id: strawberry.ID) -> RaterFairnessReport:
        ctx = info.context
        report = await _service(ctx).fairness(from_global_id(period_id, "Period")[1])
        return RaterFairnessReport(period_id=period_id, min_ratees=report.min_ratees,
                                   agency=agency_of(report.agency),
                                   raters=[RaterFairness.of(f, report.names)
                                           for f in report.raters])
