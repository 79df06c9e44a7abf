"""GraphQL inputs and payloads of self-assessment and 360 mutations."""

from __future__ import annotations

import strawberry

from ..cycles.types import RatingLevel
from ..graphql.payloads import mutation_error_type
from ..skp.types import BerakhlakValue
from .types import ReviewNomination, ReviewRelation, ReviewRequest, SelfAssessment

VERSION_HELP = "The version you read; a stale one gives CONFLICT and changes nothing."


@strawberry.input(description="Your rating of one RHK of the SKP (null rating: not yet).")
class SelfRatedWorkResultInput:
    work_result_id: strawberry.ID
    rating: RatingLevel | None = None  # type: ignore[valid-type]
    comment: str | None = None


@strawberry.input(description="Your rating of one BerAKHLAK value (null rating: not yet).")
class SelfRatedValueInput:
    value: BerakhlakValue  # type: ignore[valid-type]
    rating: RatingLevel | None = None  # type: ignore[valid-type]
    comment: str | None = None


@strawberry.input(description="Your whole self-assessment of an SKP for a period (replaces the "
                              "saved draft).")
class SaveSelfAssessmentInput:
    skp_id: strawberry.ID
    period_id: strawberry.ID
    work_results: list[SelfRatedWorkResultInput] = strawberry.field(default_factory=list)
    values: list[SelfRatedValueInput] = strawberry.field(default_factory=list)
    overall_comment: str | None = None
    version: int | None = strawberry.field(default=None, description=VERSION_HELP)


@strawberry.input(description="Submit a self-assessment (every RHK and value rated).")
class SubmitSelfAssessmentInput:
    id: strawberry.ID
    version: int | None = strawberry.field(default=None, description=VERSION_HELP)


@strawberry.input(description="One reviewer to nominate (an employee of the agency).")
class ReviewerInput:
    employee_id: strawberry.ID
    relation: ReviewRelation  # type: ignore[valid-type]


@strawberry.input(description="Nominate (HR, the SKP's rater) or propose (the SKP's employee) "
                              "360 reviewers of an SKP for a period.")
class NominateReviewersInput:
    skp_id: strawberry.ID
    period_id: strawberry.ID
    reviewers: list[ReviewerInput]


@strawberry.input(description="Accept or reject a reviewer proposed by the employee.")
class DecideReviewProposalInput:
    id: strawberry.ID
    accept: bool


@strawberry.input(description="A score 1-5 for one value (3 = meets the expectation).")
class ValueScoreInput:
    value: BerakhlakValue  # type: ignore[valid-type]
    score: int


@strawberry.input(description="Your (draft) answer to a review request: replaces the saved one.")
class SaveReviewResponseInput:
    id: strawberry.ID
    ratings: list[ValueScoreInput]
    comment: str | None = None
    version: int | None = strawberry.field(default=None, description=VERSION_HELP)


@strawberry.input(description="Submit or decline a review request addressed to you.")
class ReviewRequestActionInput:
    id: strawberry.ID
    version: int | None = strawberry.field(default=None, description=VERSION_HELP)


STATE = ("CYCLE_CLOSED", "ASSESSMENT_NOT_OPEN")
SaveSelfAssessmentError = mutation_error_type("SaveSelfAssessment", (*STATE, "ALREADY_SUBMITTED"))
SubmitSelfAssessmentError = mutation_error_type("SubmitSelfAssessment",
                                                (*STATE, "ASSESSMENT_INCOMPLETE"))
NominateReviewersError = mutation_error_type("NominateReviewers",
                                             (*STATE, "INVALID_REVIEWER", "TOO_MANY_ROWS"))
DecideReviewProposalError = mutation_error_type("DecideReviewProposal",
                                                (*STATE, "INVALID_TRANSITION"))
SaveReviewResponseError = mutation_error_type("SaveReviewResponse",
                                              (*STATE, "REQUEST_CLOSED", "OUT_OF_RANGE"))
SubmitReviewResponseError = mutation_error_type("SubmitReviewResponse",
                                                (*STATE, "REQUEST_CLOSED", "RATINGS_INCOMPLETE"))
DeclineReviewRequestError = mutation_error_type("DeclineReviewRequest",
                                                (*STATE, "REQUEST_CLOSED"))


def _payload(name: str, field: str, kind: object, error_type: type) -> type:
    cls = type(f"{name}Payload", (), {
        "__annotations__": {field: kind, "errors": list[error_type]},
        field: None, "errors": strawberry.field(default_factory=list)})
    return strawberry.type(cls, description=f"Result of `{name[0].lower() + name[1:]}`.")


SaveSelfAssessmentPayload = _payload("SaveSelfAssessment", "self_assessment",
                                     SelfAssessment | None, SaveSelfAssessmentError)
SubmitSelfAssessmentPayload = _payload("SubmitSelfAssessment", "self_assessment",
                                       SelfAssessment | None, SubmitSelfAssessmentError)
NominateReviewersPayload = _payload("NominateReviewers", "nominations",
                                    list[ReviewNomination] | None, NominateReviewersError)
DecideReviewProposalPayload = _payload("DecideReviewProposal", "nominations",
                                       list[ReviewNomination] | None, DecideReviewProposalError)
SaveReviewResponsePayload = _payload("SaveReviewResponse", "request", ReviewRequest | None,
                                     SaveReviewResponseError)
SubmitReviewResponsePayload = _payload("SubmitReviewResponse", "request", ReviewRequest | None,
                                       SubmitReviewResponseError)
DeclineReviewRequestPayload = _payload("DeclineReviewRequest", "request", ReviewRequest | None,
                                       DeclineReviewRequestError)
