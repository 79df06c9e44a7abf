"""GraphQL inputs and payloads of the result, organisation-result and objection mutations."""

from __future__ import annotations

import strawberry

from ..cycles.types import OrganisationResult, RatingLevel
from ..graphql.payloads import mutation_error_type
from ..people.types import EmployeeNode, OrgUnitType
from .types import (
    ObjectionDecision,
    ObjectionNode,
    ObjectionParty,
    OrganisationResultNode,
    PerformanceResultNode,
)

VERSION_HELP = "The version you read; a stale one gives CONFLICT and changes nothing."


@strawberry.input(description="The rater's (or HR's) ratings of an SKP for a period. The "
                              "predikat is computed by the server.")
class RateResultInput:
    skp_id: strawberry.ID
    period_id: strawberry.ID
    rating_perilaku: RatingLevel  # type: ignore[valid-type]
    rating_hasil: RatingLevel | None = strawberry.field(  # type: ignore[valid-type]
        default=None, description="Required, except for a head of unit whose unit has an "
                                  "organisation result (it gives this rating).")
    justification_hasil: str | None = strawberry.field(
        default=None, description="Required when Rating Hasil Kerja is not SESUAI.")
    justification_perilaku: str | None = strawberry.field(
        default=None, description="Required when Rating Perilaku Kerja is not SESUAI.")
    version: int | None = strawberry.field(default=None, description=VERSION_HELP)


@strawberry.input(description="A unit's organisation result for a period.")
class SetOrganisationResultInput:
    unit_id: strawberry.ID
    period_id: strawberry.ID
    result: OrganisationResult  # type: ignore[valid-type]
    note: str | None = None
    version: int | None = strawberry.field(default=None, description=VERSION_HELP)


@strawberry.input(description="Name the head of a unit (null clears it).")
class SetUnitHeadInput:
    unit_id: strawberry.ID
    employee_id: strawberry.ID | None = None
    version: int | None = strawberry.field(default=None,
                                           description="The unit's version. " + VERSION_HELP)


@strawberry.input(description="HR's calibration of a result: new ratings (at least one) and "
                              "the reason; the original stays in the explanation.")
class CalibrateResultInput:
    result_id: strawberry.ID
    reason: str
    rating_hasil: RatingLevel | None = None  # type: ignore[valid-type]
    rating_perilaku: RatingLevel | None = None  # type: ignore[valid-type]
    version: int | None = strawberry.field(default=None, description=VERSION_HELP)


@strawberry.input(description="Release the rated results of a period (of one unit, or all).")
class ReleaseResultsInput:
    cycle_id: strawberry.ID
    period_id: strawberry.ID
    unit_id: strawberry.ID | None = None


@strawberry.input(description="A step on one result.")
class ResultStepInput:
    result_id: strawberry.ID
    version: int | None = strawberry.field(default=None, description=VERSION_HELP)


@strawberry.input(description="Reopen a released or final result, with the reason.")
class ReopenResultInput:
    result_id: strawberry.ID
    reason: str
    version: int | None = strawberry.field(default=None, description=VERSION_HELP)


@strawberry.input(description="Your written objection to your released result.")
class FileObjectionInput:
    result_id: strawberry.ID
    reasons: str
    version: int | None = strawberry.field(default=None,
                                           description="The result's version. " + VERSION_HELP)


@strawberry.input(description="Ask the rater and/or the employee to explain.")
class RequestObjectionExplanationInput:
    objection_id: strawberry.ID
    parties: list[ObjectionParty]  # type: ignore[valid-type]
    question: str | None = None
    version: int | None = strawberry.field(default=None, description=VERSION_HELP)


@strawberry.input(description="Your explanation (as the rater or the employee) when asked.")
class ExplainObjectionInput:
    objection_id: strawberry.ID
    text: str


@strawberry.input(description="The final decision on an objection.")
class DecideObjectionInput:
    objection_id: strawberry.ID
    decision: ObjectionDecision  # type: ignore[valid-type]
    reason: str
    rating_hasil: RatingLevel | None = strawberry.field(  # type: ignore[valid-type]
        default=None, description="CHANGE only: the new rating (omitted: unchanged).")
    rating_perilaku: RatingLevel | None = None  # type: ignore[valid-type]
    version: int | None = strawberry.field(default=None, description=VERSION_HELP)


@strawberry.input(description="HR records the rater's superior (atasan pejabat penilai) who "
                              "decides an open objection, on the SKP and the objection, when "
                              "nobody recorded can decide it.")
class SetObjectionSuperiorInput:
    objection_id: strawberry.ID
    superior_id: strawberry.ID = strawberry.field(
        description="The employee who decides: active, neither the employee nor the rater, "
                    "not you, and not someone who entered a rating of the result.")
    reason: str
    version: int | None = strawberry.field(default=None,
                                           description="The objection's version. "
                                                       + VERSION_HELP)


STATE = ("CYCLE_CLOSED", "WRONG_CYCLE_STATE", "RESULT_LOCKED", "INVALID_TRANSITION")
RateResultError = mutation_error_type("RateResult", (
    *STATE, "SKP_NOT_APPROVED", "PERIOD_NOT_ENDED", "JUSTIFICATION_REQUIRED",
    "HASIL_FROM_ORGANISATION"))
SetOrganisationResultError = mutation_error_type("SetOrganisationResult", ("CYCLE_CLOSED",))
SetUnitHeadError = mutation_error_type("SetUnitHead", ("HEAD_NOT_IN_UNIT",))
CalibrateResultError = mutation_error_type("CalibrateResult", (*STATE, "HASIL_FROM_ORGANISATION"))
ReleaseResultsError = mutation_error_type("ReleaseResults", ("CYCLE_CLOSED",))
AcknowledgeResultError = mutation_error_type("AcknowledgeResult", STATE)
ReopenResultError = mutation_error_type("ReopenResult", (*STATE, "OBJECTION_OPEN",
                                                       "RESULT_FINAL"))
OBJECTION = ("CYCLE_CLOSED", "OBJECTION_DECIDED", "INVALID_TRANSITION")
FileObjectionError = mutation_error_type("FileObjection", (*OBJECTION, "OBJECTION_WINDOW_CLOSED"))
DECIDER = ("NO_RATER_SUPERIOR", "SUPERIOR_INACTIVE", "OWN_RATING")
RequestObjectionExplanationError = mutation_error_type("RequestObjectionExplanation",
                                                       (*OBJECTION, *DECIDER, "NO_RATER"))
ExplainObjectionError = mutation_error_type("ExplainObjection",
                                            (*OBJECTION, "EXPLANATION_NOT_REQUESTED"))
DecideObjectionError = mutation_error_type("DecideObjection", (*OBJECTION, *DECIDER, "NO_CHANGE",
                                                                "HASIL_FROM_ORGANISATION"))
SetObjectionSuperiorError = mutation_error_type("SetObjectionSuperior", (
    "CYCLE_CLOSED", "OBJECTION_DECIDED", "SUPERIOR_RECORDED", "INACTIVE_REFERENCE",
    "SELF_REFERENCE", "RATER_IS_SUPERIOR", "SELF_APPOINTMENT", "OWN_RATING"))


def _payload(name: str, fields: dict[str, type], error_type: type) -> type:
    annotations = {k: v | None for k, v in fields.items()}
    namespace = {"__annotations__": {**annotations, "errors": list[error_type]},
                 **{k: None for k in fields},
                 "errors": strawberry.field(default_factory=list)}
    cls = type(f"{name}Payload", (), namespace)
    return strawberry.type(cls, description=f"Result of `{name[0].lower() + name[1:]}`.")


RESULT = {"result": PerformanceResultNode}
OBJ = {"objection": ObjectionNode}
RateResultPayload = _payload("RateResult", RESULT, RateResultError)
SetOrganisationResultPayload = _payload("SetOrganisationResult",
                                        {"organisation_result": OrganisationResultNode},
                                        SetOrganisationResultError)
SetUnitHeadPayload = _payload("SetUnitHead", {"org_unit": OrgUnitType, "head": EmployeeNode},
                              SetUnitHeadError)
CalibrateResultPayload = _payload("CalibrateResult", RESULT, CalibrateResultError)
ReleaseResultsPayload = _payload("ReleaseResults", {"released_count": int},
                                 ReleaseResultsError)
AcknowledgeResultPayload = _payload("AcknowledgeResult", RESULT, AcknowledgeResultError)
ReopenResultPayload = _payload("ReopenResult", RESULT, ReopenResultError)
FileObjectionPayload = _payload("FileObjection", OBJ, FileObjectionError)
RequestObjectionExplanationPayload = _payload("RequestObjectionExplanation", OBJ,
                                              RequestObjectionExplanationError)
ExplainObjectionPayload = _payload("ExplainObjection", OBJ, ExplainObjectionError)
DecideObjectionPayload = _payload("DecideObjection", OBJ, DecideObjectionError)
SetObjectionSuperiorPayload = _payload("SetObjectionSuperior", OBJ, SetObjectionSuperiorError)
