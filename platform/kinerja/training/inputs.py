"""GraphQL inputs and payloads of the training settings and catalog mutations."""

from __future__ import annotations

import strawberry

from ..cycles.types import Predikat
from ..graphql.enums import EmployeeType
from ..graphql.payloads import mutation_error_type
from ..skp.types import BerakhlakValue
from .types import ActivityForm, ActivityKind, TrainingActivityNode, TrainingSettings

VERSION_HELP = "The version you read; a stale one gives CONFLICT and changes nothing."


@strawberry.input(description="The JP rule of one kind (replaces it whole), or `remove`.")
class JpRuleInput:
    kind: ActivityKind  # type: ignore[valid-type]
    jp_per_day: float | None = None
    jp_per_day_international: float | None = None
    international_uplift_percent: float | None = None
    remove: bool = False


@strawberry.input(description="The minimum JP a year of one employee type.")
class MinimumJpInput:
    employee_type: EmployeeType  # type: ignore[valid-type]
    jp: float


@strawberry.input(description="The competencies suggested for a low BerAKHLAK value.")
class ValueCompetenciesInput:
    value: BerakhlakValue  # type: ignore[valid-type]
    competency_codes: list[str]


@strawberry.input(description="The competencies suggested for a predikat; an empty list stops "
                              "this predikat from triggering development.")
class PredikatCompetenciesInput:
    predikat: Predikat  # type: ignore[valid-type]
    competency_codes: list[str]


@strawberry.input(description="Changes to the training settings; omitted parts stay. Saving "
                              "creates the next version.")
class UpdateTrainingSettingsInput:
    version: int | None = strawberry.field(default=None, description=VERSION_HELP)
    jp_rules: list[JpRuleInput] | None = None
    minimum_jp: list[MinimumJpInput] | None = None
    value_competencies: list[ValueCompetenciesInput] | None = None
    low_value_threshold: float | None = None
    development_predikat: list[PredikatCompetenciesInput] | None = None


@strawberry.input(description="A catalog activity. Give exactly one of `jp` (a course's own "
                              "JP), `durationDays` or `durationHours`; the server computes the "
                              "JP with the agency's rules.")
class TrainingActivityInput:
    title: str
    form: ActivityForm  # type: ignore[valid-type]
    kind: ActivityKind  # type: ignore[valid-type]
    competency_codes: list[str] = strawberry.field(
        description="National (M.01-M.08, SK.01) or the agency's technical competency codes.")
    jp: float | None = None
    duration_days: float | None = None
    duration_hours: float | None = None
    provider: str | None = None
    international: bool = False


@strawberry.input(description="Replace a catalog activity's fields.")
class UpdateTrainingActivityInput:
    id: strawberry.ID
    activity: TrainingActivityInput
    version: int | None = strawberry.field(default=None, description=VERSION_HELP)


@strawberry.input(description="Deactivate a catalog activity (plans that use it keep it).")
class DeactivateTrainingActivityInput:
    id: strawberry.ID
    version: int | None = strawberry.field(default=None, description=VERSION_HELP)


ACTIVITY_CODES = ("OUT_OF_RANGE", "JP_CHOICE", "NO_CONVERSION_RULE", "KIND_FORM_MISMATCH",
                  "TOO_MANY_ROWS")
UpdateTrainingSettingsError = mutation_error_type("UpdateTrainingSettings", ("OUT_OF_RANGE",))
CreateTrainingActivityError = mutation_error_type("CreateTrainingActivity", ACTIVITY_CODES)
UpdateTrainingActivityError = mutation_error_type("UpdateTrainingActivity", ACTIVITY_CODES)
DeactivateTrainingActivityError = mutation_error_type("DeactivateTrainingActivity")


@strawberry.type(description="Result of `updateTrainingSettings`.")
class UpdateTrainingSettingsPayload:
    settings: TrainingSettings | None = None
    errors: list[UpdateTrainingSettingsError] = strawberry.field(default_factory=list)


def _payload(name: str, error_type: type) -> type:
    cls = type(f"{name}Payload", (), {
        "__annotations__": {"activity": TrainingActivityNode | None, "errors": list[error_type]},
        "activity": None, "errors": strawberry.field(default_factory=list)})
    return strawberry.type(cls, description=f"Result of `{name[0].lower() + name[1:]}`.")


CreateTrainingActivityPayload = _payload("CreateTrainingActivity", CreateTrainingActivityError)
UpdateTrainingActivityPayload = _payload("UpdateTrainingActivity", UpdateTrainingActivityError)
DeactivateTrainingActivityPayload = _payload("DeactivateTrainingActivity",
                                             DeactivateTrainingActivityError)
