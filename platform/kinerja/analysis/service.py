"""The analyses as a reader may see them.

Distributions count only results the reader may read (the same scope rule as `results`).
Fairness: readers of results across the agency (HR, auditors, admins: scope TENANT) see every
rater; a rater (narrower scope) sees only their own figures; both only for raters with at
least KINERJA_FAIRNESS_MIN_RATEES ratees (5). The agency's figures are shown only when the
period has at least that many results.
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass

from ..authz.actor import Acting, Actor
from ..authz.vocabulary import Scope
from ..errors import Forbidden, NotFound
from ..reviews.aggregates import value_means
from ..reviews.repository import ReviewRepository
from .fairness import (
    AgencyFigures,
    Distribution,
    RaterFigures,
    agency_figures,
    counted,
    rater_figures,
    self_score,
)
from .repository import AnalysisRepository


@dataclass(frozen=True)
class UnitCounts:
    unit_id: uuid.UUID | None  # None: the agency (every unit)
    distribution: Distribution


@dataclass(frozen=True)
class PeriodCounts:
    period: object  # the period row (analysis/repository.periods)
    distribution: Distribution


@dataclass(frozen=True)
class Fairness:
    min_ratees: int
    agency: AgencyFigures | None
    raters: list[RaterFigures]
    names: dict[uuid.UUID, str]


def _counts(rows: list, key: str) -> dict[object, Distribution]:
    """Grouped (key, predikat, count) rows as one distribution per key."""
    grouped: dict[object, Counter[str]] = {}
    for row in rows:
        grouped.setdefault(getattr(row, key), Counter())[row.predikat] += int(row.count)
    return {k: counted(v) for k, v in grouped.items()}


class AnalysisService(Acting):
    def __init__(self, actor: Actor, min_ratees: int):
        super().__init__(actor)
        self.repo = AnalysisRepository(actor.session)
        self.min_ratees = min_ratees

    @property
    def scope(self) -> Scope | None:
        return self.permissions.scope("result", "read")

    async def _period(self, period_id: uuid.UUID) -> object:
        found = await self.repo.periods([period_id])
        if not found:
            raise NotFound()
        return found[0]

    async def by_unit(self, period_id: uuid.UUID) -> tuple[object, list[UnitCounts]]:
        """The period, then the agency's counts first and each unit's."""
        period = await self._period(period_id)
        rows = await self.repo.predikat_by_unit(period_id, self.scope, self.user_id)
        units = _counts(rows, "unit_id")
        totals: Counter[str] = Counter()
        for row in rows:
            totals[row.predikat] += int(row.count)
        agency = counted(totals)
        ordered = sorted(units.items(), key=lambda item: str(item[0]))
        return period, [UnitCounts(None, agency),
                        *(UnitCounts(u, d) for u, d in ordered)]  # type: ignore[arg-type]

    async def trend(self, unit_id: uuid.UUID | None) -> list[PeriodCounts]:
        rows = await self.repo.predikat_by_period(unit_id, self.scope, self.user_id)
        counts = _counts(rows, "period_id")
        periods = await self.repo.periods(list(counts)) if counts else []
        return [PeriodCounts(p, counts[p.id]) for p in periods]

    async def fairness(self, period_id: uuid.UUID) -> Fairness:
        if self.scope is None or self.scope < Scope.SUBORDINATES:
            raise Forbidden()  # staff: their own result is not a rater's figure
        period = await self._period(period_id)
        rows = await self.repo.rated(period_id)
        agency = agency_figures(rows)
        skp_ids = sorted({r.skp_id for r in rows})
        selves = {a.skp_id: s for a in await self.repo.self_assessments(period_id)
                  if (s := self_score(a)) is not None}
        threshold = await ReviewRepository(self.session).threshold(period.cycle_id)  # type: ignore[attr-defined]
        means = await value_means(self.session, skp_ids, period_id, threshold)
        feedback = {skp: sum(v.values()) / len(v) for skp, v in means.items() if v}
        figures = rater_figures(rows, agency, selves, feedback, self.min_ratees)
        if self.scope is None or self.scope < Scope.TENANT:
            me = await self.repo.my_employee(self.user_id)
            figures = [f for f in figures if me is not None and f.rater_id == me]
        names = await self.repo.employee_names([f.rater_id for f in figures])
        shown = agency if agency.distribution.total >= self.min_ratees else None
        return Fairness(self.min_ratees, shown, figures, names)
