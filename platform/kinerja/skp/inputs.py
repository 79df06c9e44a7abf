"""GraphQL inputs and payloads of the SKP plan and workflow mutations."""

from __future__ import annotations

import strawberry

from ..graphql.payloads import mutation_error_type
from .document import SkpNode
from .types import BerakhlakValue, IndicatorAspect, WorkResultKind

VERSION_HELP = "The version you read; a stale one gives CONFLICT and changes nothing."


@strawberry.input(description="An indicator: give `targetValue` with `targetUnit`, or "
                              "`targetText` (exactly one kind of target).")
class IndicatorInput:
    aspect: IndicatorAspect  # type: ignore[valid-type]
    text: str
    id: strawberry.ID | None = strawberry.field(
        default=None, description="Keep (and update) this existing indicator; omit for a new one.")
    target_value: float | None = None
    target_unit: str | None = None
    target_text: str | None = None


@strawberry.input(description="An RHK with all its indicators (the list replaces the old one).")
class WorkResultInput:
    kind: WorkResultKind  # type: ignore[valid-type]
    text: str
    id: strawberry.ID | None = strawberry.field(
        default=None, description="Keep (and update) this existing RHK; omit for a new one.")
    parent_id: strawberry.ID | None = strawberry.field(
        default=None, description="An RHK of the rater's SKP in the same cycle (intervensi).")
    indicators: list[IndicatorInput] = strawberry.field(default_factory=list)


@strawberry.input(description="The whole plan of an SKP, in order. RHKs and indicators with an "
                              "`id` are kept, new ones added, unlisted ones removed.")
class SaveSkpPlanInput:
    skp_id: strawberry.ID
    work_results: list[WorkResultInput]
    version: int | None = strawberry.field(default=None, description=VERSION_HELP)


@strawberry.input(description="The rater's specific expectation for one BerAKHLAK value; an "
                              "empty or null text removes it.")
class BehaviourExpectationInput:
    value: BerakhlakValue  # type: ignore[valid-type]
    text: str | None = None


@strawberry.input(description="All specific expectations of an SKP (unlisted values: none).")
class SetBehaviourExpectationsInput:
    skp_id: strawberry.ID
    expectations: list[BehaviourExpectationInput]
    version: int | None = strawberry.field(default=None, description=VERSION_HELP)


@strawberry.input(description="A workflow step of an SKP.")
class SkpTransitionInput:
    id: strawberry.ID
    version: int | None = strawberry.field(default=None, description=VERSION_HELP)


@strawberry.input(description="Return an SKP to its employee, with the reason.")
class ReturnSkpInput:
    id: strawberry.ID
    comment: str
    version: int | None = strawberry.field(default=None, description=VERSION_HELP)


STATE_CODES = ("CYCLE_CLOSED", "SKP_NOT_EDITABLE")
SaveSkpPlanError = mutation_error_type(
    "SaveSkpPlan", (*STATE_CODES, "INVALID_CASCADE", "TARGET_CHOICE", "OUT_OF_RANGE",
                    "TOO_MANY_ROWS", "WORK_RESULT_IN_USE",
                    "INDICATOR_IN_USE"))
SetBehaviourExpectationsError = mutation_error_type("SetBehaviourExpectations", STATE_CODES)
SubmitSkpError = mutation_error_type("SubmitSkp", ("CYCLE_CLOSED", "INVALID_TRANSITION",
                                                   "PLAN_INCOMPLETE"))
ApproveSkpError = mutation_error_type("ApproveSkp", ("CYCLE_CLOSED", "INVALID_TRANSITION"))
ReturnSkpError = mutation_error_type("ReturnSkp", ("CYCLE_CLOSED", "INVALID_TRANSITION"))


def _payload(name: str, error_type: type) -> type:
    cls = type(f"{name}Payload", (), {
        "__annotations__": {"skp": SkpNode | None, "errors": list[error_type]},
        "skp": None, "errors": strawberry.field(default_factory=list)})
    return strawberry.type(cls, description=f"Result of `{name[0].lower() + name[1:]}`.")


SaveSkpPlanPayload = _payload("SaveSkpPlan", SaveSkpPlanError)
SetBehaviourExpectationsPayload = _payload("SetBehaviourExpectations",
                                           SetBehaviourExpectationsError)
SubmitSkpPayload = _payload("SubmitSkp", SubmitSkpError)
ApproveSkpPayload = _payload("ApproveSkp", ApproveSkpError)
ReturnSkpPayload = _payload("ReturnSkp", ReturnSkpError)
