"""The real suggestion signals, listed in suggestions.py (`GAP_PROVIDERS`,
`PERFORMANCE_PROVIDERS`) and handed to `signals.gather` by it.

- gaps: the current position's standard against the accepted assessments
  (`competency_assessments.gaps.employee_gaps`). Only competencies assessed at least once
  (level >= 1) count: "never assessed" is unknown, not a shortfall, and would suggest
  everything to everyone. The target position is left to career planning (its gaps are shown
  separately).
- performance: the predikat of the employee's YEAR result of the year's cycle once it is
  RELEASED, ACKNOWLEDGED or FINAL (never while RATED, or OBJECTED: the decision may change
  it); without one, the latest such periodic result. The employee sees exactly what their
  result shows them, nothing unreleased.
- 360 means: the published combined means per BerAKHLAK value (`reviews.aggregates.value_means`,
  whole batches of the anonymity threshold only) of the YEAR period, else of the latest period
  with published means.
"""

from __future__ import annotations

from datetime import date

from ..competency_assessments.gaps import employee_gaps
from ..results.codes import effective_status
from ..reviews.aggregates import value_means
from ..reviews.repository import ReviewRepository
from . import signals
from .signal_repository import SignalSources
from .suggest import Gap, PerformanceSignal

RELEASED = ("RELEASED", "ACKNOWLEDGED", "FINAL")


async def competency_gaps(request: signals.SignalRequest) -> list[Gap]:
    rows = await employee_gaps(request.session, request.employee_id, "current")
    return [Gap(r.code, r.name, r.required, r.actual) for r in rows
            if 1 <= r.actual < r.required]


async def performance(request: signals.SignalRequest) -> PerformanceSignal | None:
    sources = SignalSources(request.session)
    skp = await sources.skp_of_year(request.employee_id, request.year)
    if skp is None:
        return None
    today = date.today()  # only RELEASED/ACKNOWLEDGED -> FINAL, all counted alike
    predikat = next((r.predikat for r in await sources.results(skp.id)
                     if effective_status(r.status, r.objection_deadline, today) in RELEASED),
                    None)
    means: dict[str, float] | None = None
    periods = await sources.answered_periods(skp.id)
    if periods:
        threshold = await ReviewRepository(request.session).threshold(skp.cycle_id)
        for period_id in periods:
            found = await value_means(request.session, [skp.id], period_id, threshold)
            if skp.id in found:
                means = found[skp.id]
                break
    if predikat is None and not means:
        return None
    return PerformanceSignal(request.year, predikat, means)
