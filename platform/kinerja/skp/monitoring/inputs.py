"""GraphQL inputs and payloads of realisations and feedback."""

from __future__ import annotations

import strawberry

from ...graphql.payloads import mutation_error_type
from ..types import BerakhlakValue
from .types import FeedbackThread, RealisationType


@strawberry.input(description="One evidence item: a link (`url` with a `title`) or an uploaded "
                              "file (`fileId` from `POST /files`, optional `title`).")
class EvidenceInput:
    url: str | None = None
    title: str | None = None
    file_id: strawberry.ID | None = strawberry.field(
        default=None, description="A file you uploaded, or one already on this realisation.")


@strawberry.input(description="The realisation of one indicator in one period (created or "
                              "replaced). The evidence list replaces the previous one.")
class SaveRealisationInput:
    indicator_id: strawberry.ID
    period_id: strawberry.ID = strawberry.field(description="A period of the SKP's cycle.")
    value: float | None = strawberry.field(
        default=None, description="Realised value, only for numeric targets (target unit).")
    narrative: str | None = None
    evidence: list[EvidenceInput] = strawberry.field(default_factory=list)
    version: int | None = strawberry.field(
        default=None, description="The version you read (0 for a new realisation); a stale "
                                  "one gives CONFLICT and changes nothing.")


@strawberry.input(description="Start a feedback thread on an SKP, about one realisation, one "
                              "BerAKHLAK value, or (neither) the SKP generally.")
class GiveFeedbackInput:
    skp_id: strawberry.ID
    text: str
    realisation_id: strawberry.ID | None = None
    value: BerakhlakValue | None = None  # type: ignore[valid-type]


@strawberry.input(description="Reply in a feedback thread.")
class ReplyToFeedbackInput:
    thread_id: strawberry.ID
    text: str


SaveRealisationError = mutation_error_type("SaveRealisation", (
    "CYCLE_CLOSED", "WRONG_STATE", "SKP_NOT_APPROVED", "VALUE_NOT_ALLOWED", "OUT_OF_RANGE",
    "REALISATION_EMPTY", "EVIDENCE_CHOICE", "INVALID_URL", "TOO_MANY_ROWS"))
GiveFeedbackError = mutation_error_type("GiveFeedback", ("CYCLE_CLOSED", "SUBJECT_CHOICE"))
ReplyToFeedbackError = mutation_error_type("ReplyToFeedback", ("CYCLE_CLOSED",))


@strawberry.type(description="Result of `saveRealisation`.")
class SaveRealisationPayload:
    realisation: RealisationType | None = None
    errors: list[SaveRealisationError] = strawberry.field(  # type: ignore[valid-type]
        default_factory=list)


@strawberry.type(description="Result of `giveFeedback`: the new thread.")
class GiveFeedbackPayload:
    thread: FeedbackThread | None = None
    errors: list[GiveFeedbackError] = strawberry.field(  # type: ignore[valid-type]
        default_factory=list)


@strawberry.type(description="Result of `replyToFeedback`: the thread with every reply.")
class ReplyToFeedbackPayload:
    thread: FeedbackThread | None = None
    errors: list[ReplyToFeedbackError] = strawberry.field(  # type: ignore[valid-type]
        default_factory=list)
