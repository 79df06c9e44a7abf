"""GraphQL types of the analyses."""

from __future__ import annotations

import uuid
from datetime import date

import strawberry

from ..cycles.rules import PREDIKAT
from ..cycles.types import Predikat
from ..graphql.relay import to_global_id
from ..results.types import PredikatCount
from .fairness import AgencyFigures, Distribution, Gap, RaterFigures


@strawberry.type(description="A distribution of predikat (all five, zeros included).")
class PredikatDistributionCounts:
    total: int
    counts: list[PredikatCount]


def counts_of(value: Distribution) -> PredikatDistributionCounts:
    return PredikatDistributionCounts(
        total=value.total,
        counts=[PredikatCount(predikat=Predikat[p], count=value.counts.get(p, 0),
                              share=round(value.share(p), 4)) for p in PREDIKAT])


@strawberry.type(description="One unit's predikat distribution (unitId null: the agency).")
class UnitPredikat:
    unit_id: strawberry.ID | None
    unit_name: str | None
    distribution: PredikatDistributionCounts


@strawberry.type(description="The period's predikat per unit, as far as you may read results.")
class PredikatByUnit:
    period_id: strawberry.ID
    units: list[UnitPredikat] = strawberry.field(
        description="The agency first (unitId null), then each unit with results.")


@strawberry.type(description="One period's predikat distribution (a point of the trend).")
class PredikatTrendPoint:
    period_id: strawberry.ID
    cycle_id: strawberry.ID
    year: int
    period_kind: str
    period_number: int
    starts_on: date
    ends_on: date
    distribution: PredikatDistributionCounts


@strawberry.type(description="A difference between a rater's scores and another source's.")
class ScoreGap:
    mean: float | None = strawberry.field(
        description="Mean of (result score - the other score) in points (1-5); below 0 the "
                    "rater rates lower. Null when no ratee has both.")
    compared: int = strawberry.field(description="Ratees with both figures.")


def gap_of(value: Gap) -> ScoreGap:
    return ScoreGap(mean=value.mean, compared=value.compared)


@strawberry.type(description="How one rater rates (README: Analysis, for every formula).")
class RaterFairness:
    rater_id: strawberry.ID
    rater_name: str
    ratees: int
    distribution: PredikatDistributionCounts
    distance: float = strawberry.field(
        description="Total variation distance from the agency's distribution (0 to 1).")
    mean_score: float = strawberry.field(description="Mean result score, 1-5.")
    leniency: float = strawberry.field(
        description="(mean score - agency mean) / agency standard deviation: above 0 lenient, "
                    "below 0 severe.")
    self_gap: ScoreGap = strawberry.field(description="Against the ratees' self-assessments.")
    feedback360_gap: ScoreGap = strawberry.field(description="Against the published 360 means.")

    @classmethod
    def of(cls, figures: RaterFigures, names: dict[uuid.UUID, str]) -> RaterFairness:
        return cls(rater_id=to_global_id("Employee", figures.rater_id),
                   rater_name=names.get(figures.rater_id, ""), ratees=figures.ratees,
                   distribution=counts_of(figures.distribution), distance=figures.distance,
                   mean_score=figures.mean_score, leniency=figures.leniency,
                   self_gap=gap_of(figures.self_gap),
                   feedback360_gap=gap_of(figures.feedback360_gap))


@strawberry.type(description="The agency's figures raters are compared with.")
class AgencyRatings:
    distribution: PredikatDistributionCounts
    mean_score: float | None
    sd_score: float | None


def agency_of(value: AgencyFigures | None) -> AgencyRatings | None:
    if value is None:
        return None
    return AgencyRatings(distribution=counts_of(value.distribution),
                         mean_score=value.mean_score, sd_score=value.sd_score)


@strawberry.type(description="Fairness of one period: who rates how.")
class RaterFairnessReport:
    period_id: strawberry.ID
    min_ratees: int = strawberry.field(description="Raters with fewer ratees are not shown.")
    agency: AgencyRatings | None = strawberry.field(
        description="Null when the period has fewer results than minRatees.")
    raters: list[RaterFairness] = strawberry.field(
        description="Most lenient or severe first (largest |leniency|); a rater sees only "
                    "their own.")
