"""GraphQL inputs and payloads of the development plan mutations."""

from __future__ import annotations

import strawberry

from ..graphql.payloads import mutation_error_type
from ..training.types import ActivityKind
from .types import DevelopmentItemNode, DevelopmentItemStatus, DevelopmentPlan

VERSION_HELP = "The version you read; a stale one gives CONFLICT and changes nothing."


@strawberry.input(description="A plan item: a catalog activity (`activityId`; its JP is used), "
                              "or free-form (`title`, `competencyCode` and exactly one of "
                              "`jp`, `durationDays` (with a `kind` that has a per-day rule) or "
                              "`durationHours`). The plan is created when needed.")
class ProposeDevelopmentItemInput:
    employee_id: strawberry.ID
    year: int
    activity_id: strawberry.ID | None = None
    competency_code: str | None = strawberry.field(
        default=None, description="The competency targeted (for a catalog activity: one it "
                                  "addresses; default its first).")
    title: str | None = None
    kind: ActivityKind | None = None  # type: ignore[valid-type]
    jp: float | None = None
    duration_days: float | None = None
    duration_hours: float | None = None
    international: bool = False


@strawberry.input(description="Add a suggestion to the plan as PROPOSED (its reasons are kept).")
class AcceptSuggestionInput:
    employee_id: strawberry.ID
    year: int
    key: str = strawberry.field(description="`DevelopmentSuggestion.key`.")
    jp: float | None = strawberry.field(
        default=None, description="Planned JP; needed for a suggestion without an activity.")


@strawberry.input(description="Approve a PROPOSED item (the employee's rater, or HR).")
class ApproveDevelopmentItemInput:
    id: strawberry.ID
    version: int | None = strawberry.field(default=None, description=VERSION_HELP)


@strawberry.input(description="Start (IN_PROGRESS), complete (COMPLETED: needs evidence, "
                              "`evidenceUrl` (an http(s) certificate link) and/or "
                              "`evidenceFileId` (an uploaded certificate); `actualJp` defaults "
                              "to the planned JP) or cancel (CANCELLED) an item.")
class UpdateDevelopmentItemStatusInput:
    id: strawberry.ID
    status: DevelopmentItemStatus = strawberry.field(  # type: ignore[valid-type]
        description="IN_PROGRESS, COMPLETED or CANCELLED (approving is `approveDevelopmentItem`).")
    version: int | None = strawberry.field(default=None, description=VERSION_HELP)
    actual_jp: float | None = None
    evidence_url: str | None = None
    evidence_file_id: strawberry.ID | None = strawberry.field(
        default=None, description="`id` from `POST /files`: your own upload that nothing uses "
                                  "yet (or the file already on this item).")


ITEM_CODES = ("OUT_OF_RANGE", "JP_CHOICE", "NO_CONVERSION_RULE", "INACTIVE_REFERENCE",
              "NOT_ADDRESSED", "TOO_MANY_ROWS")
STATUS_CODES = ("INVALID_TRANSITION", "EVIDENCE_REQUIRED", "INVALID_URL", "OUT_OF_RANGE")
ProposeDevelopmentItemError = mutation_error_type("ProposeDevelopmentItem", ITEM_CODES)
AcceptSuggestionError = mutation_error_type("AcceptSuggestion", ITEM_CODES)
ApproveDevelopmentItemError = mutation_error_type("ApproveDevelopmentItem", STATUS_CODES)
UpdateDevelopmentItemStatusError = mutation_error_type("UpdateDevelopmentItemStatus",
                                                       STATUS_CODES)


def _payload(name: str, error_type: type) -> type:
    cls = type(f"{name}Payload", (), {
        "__annotations__": {"item": DevelopmentItemNode | None, "plan": DevelopmentPlan | None,
                            "errors": list[error_type]},
        "item": None, "plan": None, "errors": strawberry.field(default_factory=list)})
    return strawberry.type(cls, description=f"Result of `{name[0].lower() + name[1:]}`: the "
                                            "item and its whole plan.")


ProposeDevelopmentItemPayload = _payload("ProposeDevelopmentItem", ProposeDevelopmentItemError)
AcceptSuggestionPayload = _payload("AcceptSuggestion", AcceptSuggestionError)
ApproveDevelopmentItemPayload = _payload("ApproveDevelopmentItem", ApproveDevelopmentItemError)
UpdateDevelopmentItemStatusPayload = _payload("UpdateDevelopmentItemStatus",
                                              UpdateDevelopmentItemStatusError)
