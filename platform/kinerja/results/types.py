"""GraphQL types of results, their explanation, objections, organisation results and the
distribution check: plain objects filled by hydrate.py."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

import strawberry

from ..cycles.types import (
    DistributionPattern,
    OrganisationResult,
    PeriodNode,
    Predikat,
    PredikatCell,
    RatingLevel,
    SmallUnitRounding,
)
from ..graphql.enums import code_enum
from ..graphql.relay import Node, PageInfo, to_global_id
from ..people.types import EmployeeNode
from ..reviews.types import ReviewSummary, SelfAssessment
from . import codes
from .explain_types import RealisedWorkResult
from .score import WeightedScore

ResultStatus = code_enum("ResultStatus", codes.RESULT_STATUSES,
                     "RATED (not yet released) -> RELEASED -> ACKNOWLEDGED or OBJECTED -> FINAL. "
                     "A released result becomes FINAL by itself when the objection window ends.")
HasilSource = code_enum("HasilSource", codes.HASIL_SOURCES,
                    "Who gave Rating Hasil Kerja: the RATER, or the unit's ORGANISATION result "
                    "(the employee heads the unit).")
ResultChangeKind = code_enum("ResultChangeKind", codes.CHANGE_KINDS,
                         "Why ratings changed after rating: HR calibration, an objection "
                         "decision, or HR reopening the result.")
ObjectionStatus = code_enum("ObjectionStatus", codes.OBJECTION_STATUSES, "OPEN until decided.")
ObjectionDecision = code_enum("ObjectionDecision", codes.DECISIONS,
                          "UPHOLD keeps the ratings; CHANGE sets new ones. Final either way.")
ObjectionParty = code_enum("ObjectionParty", codes.PARTIES,
                       "Who is asked for an explanation: the rater or the employee.")
DistributionWarningCode = code_enum(
    "DistributionWarningCode", ("MIN_SHARE_NOT_MET", "MAX_SHARE_EXCEEDED", "MIN_COUNT_NOT_MET",
                                "LARGEST_NOT", "NO_ORGANISATION_RESULT"),
    "Which rule of the pattern the unit's predikat deviate from.")


@strawberry.type(description="Both ratings and the predikat at one moment.")
class RatingSnapshot:
    rating_hasil: RatingLevel  # type: ignore[valid-type]
    rating_perilaku: RatingLevel  # type: ignore[valid-type]
    predikat: Predikat  # type: ignore[valid-type]


@strawberry.type(name="ResultChange", description="A change of a result's ratings after rating.")
class ResultChangeType:
    kind: ResultChangeKind  # type: ignore[valid-type]
    before: RatingSnapshot
    after: RatingSnapshot
    reason: str
    actor_name: str | None
    at: datetime


@strawberry.type(description="An explanation the decider asked for, and its answer.")
class ObjectionExplanationType:
    party: ObjectionParty  # type: ignore[valid-type]
    question: str | None
    requested_at: datetime
    text: str | None = strawberry.field(description="Null until answered.")
    answered_at: datetime | None


@strawberry.type(name="Objection", description="An employee's objection (keberatan) to a result.")
class ObjectionNode(Node):
    version: int
    status: ObjectionStatus  # type: ignore[valid-type]
    reasons: str
    filed_at: datetime
    result_id: strawberry.ID
    superior_id: strawberry.ID | None = strawberry.field(
        description="The rater's superior it is addressed to, who alone decides it; null: "
                    "none recorded yet (HR records one with setObjectionSuperior).")
    decision: ObjectionDecision | None  # type: ignore[valid-type]
    decision_reason: str | None
    decided_at: datetime | None
    decided_by_name: str | None = None
    explanations: list[ObjectionExplanationType] = strawberry.field(default_factory=list)
    result: PerformanceResultNode | None = None
    raw_id: strawberry.Private[uuid.UUID] = None
    raw_result_id: strawberry.Private[uuid.UUID] = None

    @classmethod
    def from_row(cls, row: Any) -> ObjectionNode:
        return cls(id=to_global_id("Objection", row.id), version=row.version,
                   status=ObjectionStatus[row.status], reasons=row.reasons,
                   filed_at=row.filed_at, result_id=to_global_id("PerformanceResult",
                                                                 row.result_id),
                   superior_id=to_global_id("Employee", row.superior_id)
                   if row.superior_id else None,
                   decision=ObjectionDecision[row.decision] if row.decision else None,
                   decision_reason=row.decision_reason, decided_at=row.decided_at,
                   decided_by_name=getattr(row, "decided_by_name", None),
                   raw_id=row.id, raw_result_id=row.result_id)


@strawberry.type(description="How a result was reached: the realisations against the targets, "
                             "the self-assessment, the anonymous 360 aggregate, both ratings "
                             "with justifications, the matrix cell, the rule-set version, "
                             "every change and the objections. Visible to whoever may read "
                             "the result (its employee only after release).")
class ResultExplanation:
    rating_hasil: RatingLevel  # type: ignore[valid-type]
    justification_hasil: str | None
    hasil_source: HasilSource  # type: ignore[valid-type]
    organisation_result: OrganisationResult | None = strawberry.field(  # type: ignore
        description="The unit's result that gave a head of unit's Rating Hasil Kerja.")
    rating_perilaku: RatingLevel  # type: ignore[valid-type]
    justification_perilaku: str | None
    matrix_cell: PredikatCell = strawberry.field(
        description="The matrix cell (row: hasil kerja, column: perilaku) giving the predikat.")
    rule_set_version: int
    original: RatingSnapshot = strawberry.field(
        description="The rater's ratings before any calibration or objection decision.")
    changes: list[ResultChangeType] = strawberry.field(default_factory=list)
    objections: list[ObjectionNode] = strawberry.field(default_factory=list)
    realisations: list[RealisedWorkResult] = strawberry.field(
        default_factory=list, description="The SKP's RHKs in plan order, each indicator with "
                                          "its target and realisations (with evidence).")
    self_assessment: SelfAssessment | None = strawberry.field(
        default=None, description="The employee's self-assessment of the result's period "
                                  "(null when none was saved), as `selfAssessment` shows it.")
    feedback360: ReviewSummary | None = strawberry.field(
        default=None, description="The anonymous 360 aggregate of the result's period, as "
                                  "`reviewSummary` shows it (published batches only).")
    score: WeightedScore | None = strawberry.field(
        default=None, description="The rule set's optional weighted score (null without "
                                  "`scoreWeights` or without input); analysis only.")


@strawberry.type(name="PerformanceResult",
                 description="An employee's result (ratings and predikat) for one period.")
class PerformanceResultNode(Node):
    version: int
    status: ResultStatus  # type: ignore[valid-type]
    rating_hasil: RatingLevel  # type: ignore[valid-type]
    rating_perilaku: RatingLevel  # type: ignore[valid-type]
    predikat: Predikat  # type: ignore[valid-type]
    justification_hasil: str | None
    justification_perilaku: str | None
    hasil_source: HasilSource  # type: ignore[valid-type]
    rule_set_version: int
    rated_at: datetime
    released_on: date | None
    objection_deadline: date | None = strawberry.field(
        description="The last day to object (fixed at release).")
    acknowledged_at: datetime | None
    finalised_at: datetime | None = strawberry.field(
        description="When an objection decision made it final (null when final by the window).")
    calibrated: bool = strawberry.field(default=False,
                                        description="HR calibration changed the ratings.")
    skp_id: strawberry.ID = strawberry.field(default="")
    period_id: strawberry.ID = strawberry.field(default="")
    employee: EmployeeNode | None = None
    period: PeriodNode | None = None
    explanation: ResultExplanation | None = None
    raw: strawberry.Private[Any] = None

    @classmethod
    def from_row(cls, row: Any, status: str) -> PerformanceResultNode:
        return cls(id=to_global_id("PerformanceResult", row.id), version=row.version,
                   status=ResultStatus[status], rating_hasil=RatingLevel[row.rating_hasil],
                   rating_perilaku=RatingLevel[row.rating_perilaku],
                   predikat=Predikat[row.predikat], justification_hasil=row.justification_hasil,
                   justification_perilaku=row.justification_perilaku,
                   hasil_source=HasilSource[row.hasil_source],
                   rule_set_version=row.rule_set_version, rated_at=row.rated_at,
                   released_on=row.released_on, objection_deadline=row.objection_deadline,
                   acknowledged_at=row.acknowledged_at, finalised_at=row.finalised_at,
                   skp_id=to_global_id("Skp", row.skp_id),
                   period_id=to_global_id("Period", row.period_id), raw=row)


@strawberry.type(description="A result in a page of results.")
class PerformanceResultEdge:
    cursor: str
    node: PerformanceResultNode


@strawberry.type(description="A page of results (Relay connection).")
class PerformanceResultConnection:
    edges: list[PerformanceResultEdge]
    nodes: list[PerformanceResultNode]
    page_info: PageInfo
    total_count: int | None = strawberry.field(
        default=None, description="All matching results (computed only when selected).")


@strawberry.type(name="UnitOrganisationResult",
                 description="A unit's performance for a period (sets the pattern).")
class OrganisationResultNode(Node):
    result: OrganisationResult  # type: ignore[valid-type]
    note: str | None
    version: int
    updated_at: datetime
    unit_id: strawberry.ID
    period_id: strawberry.ID
    unit_name: str | None = None

    @classmethod
    def from_row(cls, row: Any) -> OrganisationResultNode:
        return cls(id=to_global_id("UnitOrganisationResult", row.id),
                   result=OrganisationResult[row.result], note=row.note, version=row.version,
                   updated_at=row.updated_at, unit_id=to_global_id("OrgUnit", row.unit_id),
                   period_id=to_global_id("Period", row.period_id),
                   unit_name=getattr(row, "unit_name", None))


@strawberry.type(description="How many of the unit's results have one predikat.")
class PredikatCount:
    predikat: Predikat  # type: ignore[valid-type]
    count: int
    share: float


@strawberry.type(description="One deviation from the pattern (a warning, not a block).")
class DistributionWarning:
    code: DistributionWarningCode  # type: ignore[valid-type]
    predikat: list[Predikat]  # type: ignore[valid-type]
    actual_count: int
    actual_share: float
    expected_count: int | None = strawberry.field(
        description="The head count the bound allows or needs, after rounding.")
    expected_share: float | None


@strawberry.type(description="A unit's predikat for a period against its pattern.")
class ResultDistribution:
    unit_id: strawberry.ID
    period_id: strawberry.ID
    unit_size: int = strawberry.field(description="The unit's results counted.")
    small_unit: bool
    rounding: SmallUnitRounding  # type: ignore[valid-type]
    organisation_result: OrganisationResultNode | None
    pattern: DistributionPattern | None
    groups: list[PredikatCount]
    warnings: list[DistributionWarning]
