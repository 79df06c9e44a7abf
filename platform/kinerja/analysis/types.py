"""GraphQL types of the analyses."""

from __future__ import annotations

import uuid
from datetime import date

import strawberry

from ..cycles.rules import PREDIKAT
from ..cycles.types import Predikat
from ..graphql.relay import to_global_id
from ..results.types import PredikatCount
from ..skp.types import BerakhlakValue, SkpStatus
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


@strawberry.type(description="How many SKPs have one status.")
class SkpStatusCount:
    status: SkpStatus  # type: ignore[valid-type]
    count: int


@strawberry.type(description="Progress of a period: the agency, a unit or one person's SKP.")
class ProgressFigures:
    unit_id: strawberry.ID | None = strawberry.field(description="Null: the agency.")
    unit_name: str | None
    employee_id: strawberry.ID | None = strawberry.field(description="Set on a person's row.")
    employee_name: str | None
    skps: int
    skps_by_status: list[SkpStatusCount]
    indicators: int
    indicators_realised: int = strawberry.field(
        description="Indicators with a realisation in the period.")
    realisation_share: float | None = strawberry.field(
        description="indicatorsRealised / indicators (null without indicators).")
    achievement: float | None = strawberry.field(
        description="Mean of realised value / numeric target over indicators with a target "
                    "above 0 and a realised value (1.0 = on target); null without any.")
    achievement_indicators: int
    evidence: int = strawberry.field(description="Evidence items of the period's realisations.")

    @classmethod
    def of(cls, figures, unit_names: dict) -> ProgressFigures:
        unit = figures.unit_id
        return cls(unit_id=to_global_id("OrgUnit", unit) if unit else None,
                   unit_name=unit_names.get(unit) if unit else None,
                   employee_id=(to_global_id("Employee", figures.employee_id)
                                if figures.employee_id else None),
                   employee_name=figures.employee_name, skps=figures.skps,
                   skps_by_status=[SkpStatusCount(status=SkpStatus[s], count=n)
                                   for s, n in sorted(figures.by_status.items())],
                   indicators=figures.indicators, indicators_realised=figures.realised,
                   realisation_share=figures.realisation_share,
                   achievement=figures.achievement, achievement_indicators=figures.ratio_n,
                   evidence=figures.evidence)


@strawberry.type(description="The published 360 mean of one BerAKHLAK value.")
class ValueMean:
    value: BerakhlakValue  # type: ignore[valid-type]
    mean: float | None = strawberry.field(description="1-5; null: no published score.")


@strawberry.type(description="A unit's published 360 means (unitId null: the agency).")
class UnitFeedbackMeans:
    unit_id: strawberry.ID | None
    unit_name: str | None
    people: int = strawberry.field(description="People with a published 360 aggregate.")
    answers: int = strawberry.field(description="Published answers behind the means.")
    values: list[ValueMean]


@strawberry.type(description="360 value means per unit (published aggregates only).")
class FeedbackByUnitReport:
    period_id: strawberry.ID
    threshold: int = strawberry.field(
        description="The cycle's anonymity threshold: also the fewest people a unit needs.")
    units: list[UnitFeedbackMeans]
    suppressed_units: int = strawberry.field(
        description="Units with published feedback for fewer than `threshold` people.")


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
