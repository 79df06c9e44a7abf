"""GraphQL types of self-assessments and 360 feedback.

Three views of a review request, by who looks: `ReviewNomination` (employee, rater, HR,
auditor: the nominee and a status that never shows whether they answered), `ReviewRequest`
(the reviewer's own), `ReviewResponseRecord` (identity read, audited). Aggregates carry no
reviewer, relation per comment, timestamp or order that could point to one person.
"""

from __future__ import annotations

from datetime import datetime

import strawberry

from ..cycles.types import PeriodKind, RatingLevel
from ..graphql.enums import code_enum
from ..skp.types import BerakhlakValue
from .codes import (
    NOMINATION_STATUSES,
    RELATIONS,
    REQUEST_STATUSES,
    REVIEWER_STATUSES,
    SELF_STATUSES,
)

SelfAssessmentStatus = code_enum("SelfAssessmentStatus", SELF_STATUSES,
                             "DRAFT (editable by the employee) or SUBMITTED (final).")
ReviewRelation = code_enum("ReviewRelation", RELATIONS,
                       "How a 360 reviewer relates to the employee: peer or subordinate.")
NominationStatus = code_enum(
    "NominationStatus", NOMINATION_STATUSES,
    "PROPOSED by the employee (awaiting HR or the rater), NOMINATED (asked for feedback; "
    "whether they answered is never shown here), or REJECTED proposal.")
ReviewRequestStatus = code_enum("ReviewRequestStatus", REVIEWER_STATUSES,
                            "A reviewer's request: PENDING (answer or decline), SUBMITTED, "
                            "DECLINED.")
ReviewStatus = code_enum("ReviewStatus", REQUEST_STATUSES,
                     "Full status of a review request (identity read only).")
SummaryStatus = code_enum("ReviewSummaryStatus", ("AVAILABLE", "INSUFFICIENT_RESPONSES"),
                      "Whether 360 feedback can be shown: at least one full batch of "
                      "`threshold` answers within a relation group.")


@strawberry.type(description="The self-rating of one RHK.")
class SelfRatedWorkResult:
    work_result_id: strawberry.ID
    text: str = strawberry.field(description="The RHK's text (as in the plan now).")
    rating: RatingLevel | None  # type: ignore[valid-type]
    comment: str | None


@strawberry.type(description="The self-rating of one BerAKHLAK value.")
class SelfRatedValue:
    value: BerakhlakValue  # type: ignore[valid-type]
    rating: RatingLevel | None  # type: ignore[valid-type]
    comment: str | None


@strawberry.type(description="An employee's self-assessment of an SKP for one period.")
class SelfAssessment:
    id: strawberry.ID
    skp_id: strawberry.ID
    period_id: strawberry.ID
    status: SelfAssessmentStatus  # type: ignore[valid-type]
    version: int
    overall_comment: str | None
    submitted_at: datetime | None
    updated_at: datetime
    work_results: list[SelfRatedWorkResult] = strawberry.field(
        description="Every RHK of the plan in order; rating null where none was given.")
    values: list[SelfRatedValue] = strawberry.field(description="All seven values in order.")


@strawberry.type(description="A nominee of an SKP's 360 feedback (HR and auditors: all; the "
                             "employee and the rater: proposals only). No answer status.")
class ReviewNomination:
    id: strawberry.ID
    reviewer_name: str
    reviewer_id: strawberry.ID = strawberry.field(description="The nominee's Employee ID.")
    relation: ReviewRelation  # type: ignore[valid-type]
    status: NominationStatus  # type: ignore[valid-type]


@strawberry.type(description="One value's score (1 = far below, 2 = below, 3 = meets the "
                             "expectation, 4 = above, 5 = far above).")
class ValueScore:
    value: BerakhlakValue  # type: ignore[valid-type]
    score: int


@strawberry.type(description="A 360 request addressed to you, with your (draft) answer.")
class ReviewRequest:
    id: strawberry.ID
    employee_name: str = strawberry.field(description="Whom you are asked to give feedback on.")
    period_kind: PeriodKind  # type: ignore[valid-type]
    period_number: int
    year: int
    relation: ReviewRelation  # type: ignore[valid-type]
    status: ReviewRequestStatus  # type: ignore[valid-type]
    version: int
    ratings: list[ValueScore]
    comment: str | None


@strawberry.type(description="Published answers for one BerAKHLAK value.")
class ValueAggregate:
    value: BerakhlakValue  # type: ignore[valid-type]
    count: int
    mean: float | None = strawberry.field(description="Mean score 1-5 (3 = meets expectation).")
    distribution: list[int] = strawberry.field(
        description="How many answers gave 1, 2, 3, 4 and 5 (five numbers).")


@strawberry.type(description="An aggregate over published answers (never fewer than the "
                             "threshold).")
class ReviewAggregate:
    response_count: int
    values: list[ValueAggregate]


@strawberry.type(description="Anonymous 360 feedback of an SKP for a period. Answers are "
                             "published per relation group in whole batches of `threshold` "
                             "(see README); below that only the status is shown.")
class ReviewSummary:
    skp_id: strawberry.ID
    period_id: strawberry.ID
    threshold: int = strawberry.field(description="The cycle's rule-set anonymity threshold.")
    status: SummaryStatus  # type: ignore[valid-type]
    nominated_count: int = strawberry.field(
        description="Accepted nominations (answered, pending or declined alike).")
    published_count: int = strawberry.field(
        description="Answers included in `combined` (0 or a sum of whole batches).")
    combined: ReviewAggregate | None = strawberry.field(
        description="Peers and subordinates together (the published batches of both).")
    peer: ReviewAggregate | None
    subordinate: ReviewAggregate | None
    comments: list[str] = strawberry.field(
        description="Comments of published answers, sorted alphabetically, without author, "
                    "relation or time.")


@strawberry.type(description="A review request with its reviewer and answer (identity read: "
                             "needs `review identity`; every read is audited).")
class ReviewResponseRecord:
    id: strawberry.ID
    reviewer_id: strawberry.ID
    reviewer_name: str
    relation: ReviewRelation  # type: ignore[valid-type]
    status: ReviewStatus  # type: ignore[valid-type]
    ratings: list[ValueScore]
    comment: str | None
    submitted_at: datetime | None
