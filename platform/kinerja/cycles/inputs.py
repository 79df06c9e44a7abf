"""GraphQL inputs and payloads of the rule-set and cycle mutations."""

from __future__ import annotations

import strawberry

from ..graphql.payloads import mutation_error_type
from .types import (
    CycleNode,
    CycleState,
    FeedbackSource,
    ObjectionDayKind,
    OrganisationResult,
    PeriodGranularity,
    Predikat,
    RatingLevel,
    RuleSet,
    SmallUnitRounding,
)

VERSION_HELP = "The version you read; a stale one gives CONFLICT and changes nothing."


@strawberry.input(description="One cell of the predikat matrix.")
class PredikatCellInput:
    hasil_kerja: RatingLevel  # type: ignore[valid-type]
    perilaku: RatingLevel  # type: ignore[valid-type]
    predikat: Predikat  # type: ignore[valid-type]


@strawberry.input(description="A share (0..1) or count limit; give at least one of the three.")
class ShareBoundInput:
    predikat: list[Predikat]  # type: ignore[valid-type]
    min_share: float | None = None
    max_share: float | None = None
    min_count: int | None = None


@strawberry.input(description="The pattern of one organisation result (replaces it whole).")
class DistributionPatternInput:
    organisation_result: OrganisationResult  # type: ignore[valid-type]
    bounds: list[ShareBoundInput]
    largest_group: Predikat | None = None  # type: ignore[valid-type]


@strawberry.input(description="The weight of one feedback source (>= 0).")
class ScoreWeightInput:
    source: FeedbackSource  # type: ignore[valid-type]
    weight: float


@strawberry.input(description="The head of unit's Rating Hasil Kerja for one organisation result.")
class HeadOfUnitRatingInput:
    organisation_result: OrganisationResult  # type: ignore[valid-type]
    rating_hasil: RatingLevel  # type: ignore[valid-type]


@strawberry.input(description="Changes to the rule set; omitted parts stay as they are. Saving "
                              "creates the next version; cycles keep the version they use.")
class UpdateRuleSetInput:
    version: int | None = strawberry.field(default=None, description=VERSION_HELP)
    matrix: list[PredikatCellInput] | None = strawberry.field(
        default=None, description="The whole matrix: all nine cells, each once.")
    patterns: list[DistributionPatternInput] | None = strawberry.field(
        default=None, description="Patterns to replace, by organisation result.")
    small_unit_max_size: int | None = None
    small_unit_rounding: SmallUnitRounding | None = None  # type: ignore[valid-type]
    objection_window_days: int | None = None
    objection_day_kind: ObjectionDayKind | None = None  # type: ignore[valid-type]
    period_granularity: PeriodGranularity | None = strawberry.field(  # type: ignore[valid-type]
        default=None, description="Used by cycles created afterwards.")
    peer_anonymity_threshold: int | None = None
    score_weights: list[ScoreWeightInput] | None = strawberry.field(
        default=None, description="All weights (replaces the previous ones; [] removes them).")
    clear_score_weights: bool = strawberry.field(
        default=False, description="Remove the numeric score.")
    head_of_unit_rating: list[HeadOfUnitRatingInput] | None = strawberry.field(
        default=None, description="The whole mapping (all five organisation results).")


@strawberry.input(description="A new annual cycle; its periods follow the rule set.")
class CreateCycleInput:
    year: int
    name: str


@strawberry.input(description="Move a cycle to the next state (DRAFT -> PLANNING launches it).")
class AdvanceCycleInput:
    id: strawberry.ID
    to: CycleState  # type: ignore[valid-type]
    version: int | None = strawberry.field(default=None, description=VERSION_HELP)


UpdateRuleSetError = mutation_error_type(
    "UpdateRuleSet", ("MATRIX_INCOMPLETE", "OUT_OF_RANGE", "MIN_ABOVE_MAX", "NO_POSITIVE_WEIGHT"))
CreateCycleError = mutation_error_type("CreateCycle", ("OUT_OF_RANGE",))
AdvanceCycleError = mutation_error_type("AdvanceCycle", ("INVALID_TRANSITION", "CYCLE_CLOSED",
                                                         "OBJECTIONS_OPEN"))


@strawberry.type(description="Result of `updateRuleSet`.")
class UpdateRuleSetPayload:
    rule_set: RuleSet | None = None
    errors: list[UpdateRuleSetError] = strawberry.field(default_factory=list)


@strawberry.type(description="Result of `createCycle`.")
class CreateCyclePayload:
    cycle: CycleNode | None = None
    errors: list[CreateCycleError] = strawberry.field(default_factory=list)


@strawberry.type(description="Result of `advanceCycle`.")
class AdvanceCyclePayload:
    cycle: CycleNode | None = None
    errors: list[AdvanceCycleError] = strawberry.field(default_factory=list)
