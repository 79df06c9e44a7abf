"""GraphQL types of development plans, suggestions and JP compliance: plain objects."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import strawberry

from ..files.types import StoredFile
from ..graphql.enums import code_enum
from ..graphql.relay import Node, PageInfo, to_global_id
from ..people.types import EmployeeNode
from ..training.types import ActivityKind, TrainingActivityNode

ITEM_STATUSES = ("PROPOSED", "APPROVED", "IN_PROGRESS", "COMPLETED", "CANCELLED")
DevelopmentItemStatus = code_enum(
    "DevelopmentItemStatus", ITEM_STATUSES,
    description="PROPOSED -> APPROVED -> IN_PROGRESS -> COMPLETED; CANCELLED from any "
                "status that is not final.")
SuggestionReasonCode = code_enum(
    "SuggestionReasonCode", ("GAP", "PREDIKAT", "LOW_VALUE"),
    description="Why development was suggested: a competency gap, the predikat, or a "
                "BerAKHLAK value colleagues rated low.")


@strawberry.type(description="Why an item was suggested.")
class SuggestionReason:
    code: SuggestionReasonCode  # type: ignore[valid-type]
    competency_code: str
    text: str = strawberry.field(description="In the request's language.")
    text_id: str = strawberry.field(description="In Indonesian.")
    text_en: str = strawberry.field(description="In English.")

    @classmethod
    def build(cls, raw: dict[str, Any], language: str) -> SuggestionReason:
        return cls(code=SuggestionReasonCode[raw["code"]], competency_code=raw["competency_code"],
                   text=raw["text_en"] if language == "en" else raw["text_id"],
                   text_id=raw["text_id"], text_en=raw["text_en"])


@strawberry.type(name="DevelopmentItem", description="One activity of a development plan.")
class DevelopmentItemNode(Node):
    title: str
    kind: ActivityKind | None  # type: ignore[valid-type]
    competency_code: str = strawberry.field(description="The competency targeted.")
    competency_name: str | None
    planned_jp: float
    actual_jp: float | None = strawberry.field(description="Counted when COMPLETED.")
    status: DevelopmentItemStatus  # type: ignore[valid-type]
    evidence_url: str | None = strawberry.field(description="Certificate link (completion).")
    reasons: list[SuggestionReason] = strawberry.field(
        description="Why it was suggested (empty when proposed by hand).")
    approved_at: datetime | None
    completed_at: datetime | None
    version: int
    created_at: datetime
    updated_at: datetime
    activity: TrainingActivityNode | None = strawberry.field(
        default=None, description="The catalog activity; null for a free-form item.")
    evidence_file: StoredFile | None = strawberry.field(
        default=None, description="Uploaded certificate (completion); download it from its "
                                  "`downloadPath` (whoever may read the plan).")
    raw_activity_id: strawberry.Private[uuid.UUID | None] = None
    raw_evidence_file_id: strawberry.Private[uuid.UUID | None] = None
    raw_id: strawberry.Private[uuid.UUID] = None

    @classmethod
    def from_row(cls, row: Any, names: dict[str, str], language: str) -> DevelopmentItemNode:
        return cls(id=to_global_id("DevelopmentItem", row.id), title=row.title,
                   kind=ActivityKind[row.kind] if row.kind else None,
                   competency_code=row.competency_code,
                   competency_name=names.get(row.competency_code), planned_jp=row.planned_jp,
                   actual_jp=row.actual_jp, status=DevelopmentItemStatus[row.status],
                   evidence_url=row.evidence_url,
                   reasons=[SuggestionReason.build(r, language) for r in row.reasons or []],
                   approved_at=row.approved_at, completed_at=row.completed_at,
                   version=row.version, created_at=row.created_at, updated_at=row.updated_at,
                   raw_activity_id=row.activity_id, raw_evidence_file_id=row.evidence_file_id,
                   raw_id=row.id)


@strawberry.type(description="An employee's development plan for a year, with 20 JP tracking.")
class DevelopmentPlan:
    id: strawberry.ID | None = strawberry.field(
        description="Null while nothing has been planned for this employee and year.")
    year: int
    employee: EmployeeNode
    items: list[DevelopmentItemNode]
    planned_jp: float = strawberry.field(description="JP of the items not cancelled.")
    completed_jp: float = strawberry.field(description="Actual JP of the completed items.")
    minimum_jp: float = strawberry.field(description="The yearly minimum of the employee type.")
    shortfall_jp: float = strawberry.field(description="How much is still missing (>= 0).")


@strawberry.type(description="A proposed plan item, with why it is suggested.")
class DevelopmentSuggestion:
    key: str = strawberry.field(description="Pass to `acceptSuggestion`.")
    competency_code: str
    competency_name: str | None
    activity: TrainingActivityNode | None = strawberry.field(
        description="The catalog activity; null when no activity addresses the competency.")
    jp: float | None
    reasons: list[SuggestionReason]


@strawberry.type(description="An employee's completed JP for a year against the minimum.")
class JpCompliance:
    employee: EmployeeNode
    completed_jp: float
    minimum_jp: float
    shortfall_jp: float = strawberry.field(description="0 when the minimum is met.")


@strawberry.type(description="JP compliance of a unit (unitId null: the agency).")
class JpComplianceUnit:
    unit_id: strawberry.ID | None
    unit_name: str | None
    employees: int
    below: int = strawberry.field(description="Employees below the minimum of their type.")
    compliance_share: float | None = strawberry.field(
        description="Share meeting the minimum (null without employees).")
    mean_jp: float | None = strawberry.field(description="Mean completed JP.")

    @classmethod
    def of(cls, unit_id, unit_name, employees, below, jp) -> JpComplianceUnit:
        return cls(unit_id=to_global_id("OrgUnit", unit_id) if unit_id else None,
                   unit_name=unit_name, employees=employees, below=below,
                   compliance_share=round((employees - below) / employees, 4)
                   if employees else None,
                   mean_jp=round(jp / employees, 2) if employees else None)


@strawberry.type(description="An employee in a page of the JP compliance list.")
class JpComplianceEdge:
    cursor: str
    node: JpCompliance


@strawberry.type(description="A page of the JP compliance list (by employee name).")
class JpComplianceConnection:
    edges: list[JpComplianceEdge]
    nodes: list[JpCompliance]
    page_info: PageInfo
    total_count: int | None = strawberry.field(
        default=None, description="Employees listed (computed only when selected).")
    below_count: int | None = strawberry.field(
        default=None, description="Of those, below the minimum (computed only when selected).")
