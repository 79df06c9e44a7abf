"""360 value means per unit, from published aggregates only.

Each SKP's published combined aggregate (reviews/aggregates.py: whole batches of the anonymity
threshold, peers and subordinates together) is the only input, so no answer outside a
published batch counts. A unit is shown only when at least `threshold` of its people have a
published aggregate (the cycle's anonymity threshold): a unit mean then never stands for one
person's feedback, and every grouping obeys the threshold like the aggregates themselves.
A value's unit mean is the mean of the published answers' scores (each SKP's mean weighted by
its number of answers). The agency's row obeys the same rule.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from ..authz.actor import Acting, Actor
from ..authz.vocabulary import Scope
from ..errors import Forbidden, NotFound
from ..reviews.aggregates import published_for
from ..reviews.codes import BERAKHLAK
from ..reviews.repository import ReviewRepository
from .repository import AnalysisRepository, FeedbackRepository


@dataclass
class UnitFeedback:
    unit_id: uuid.UUID | None  # None: the agency
    people: int = 0  # with a published aggregate
    answers: int = 0
    sums: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, combined: Any) -> None:
        self.people += 1
        self.answers += combined.response_count
        for value in combined.values:
            if value.mean is not None and value.count:
                self.sums[value.value] = self.sums.get(value.value, 0.0) + value.mean * value.count
                self.counts[value.value] = self.counts.get(value.value, 0) + value.count

    def means(self) -> dict[str, float | None]:
        return {v: (round(self.sums[v] / self.counts[v], 2) if self.counts.get(v) else None)
                for v in BERAKHLAK}


@dataclass(frozen=True)
class FeedbackByUnit:
    threshold: int
    units: list[UnitFeedback]  # shown ones: the agency first
    suppressed: int  # units with published feedback below the threshold


class FeedbackService(Acting):
    def __init__(self, actor: Actor):
        super().__init__(actor)

    async def by_unit(self, period_id: uuid.UUID) -> FeedbackByUnit:
        scope = self.permissions.scope("review", "read")
        if scope is None or scope < Scope.TENANT:
            raise Forbidden()
        periods = await AnalysisRepository(self.session).periods([period_id])
        if not periods:
            raise NotFound()
        cycle_id = periods[0].cycle_id
        threshold = await ReviewRepository(self.session).threshold(cycle_id)
        units_of = {r.skp_id: r.unit_id for r in
                    await FeedbackRepository(self.session).skp_units(cycle_id)}
        published = await published_for(ReviewRepository(self.session), list(units_of),
                                        period_id, threshold) if units_of else {}
        agency = UnitFeedback(None)
        units: dict[uuid.UUID, UnitFeedback] = {}
        for skp_id, aggregate in published.items():
            if aggregate.combined is None:
                continue
            agency.add(aggregate.combined)
            unit = units_of[skp_id]
            units.setdefault(unit, UnitFeedback(unit)).add(aggregate.combined)
        shown = [u for u in units.values() if u.people >= threshold]
        listed = ([agency] if agency.people >= threshold else []) + sorted(
            shown, key=lambda u: str(u.unit_id))
        return FeedbackByUnit(threshold, listed, len(units) - len(shown))
