"""The SKP document's GraphQL node (`Skp`) and its connection: plain objects, filled by the
resolvers (skp/hydrate.py)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import strawberry

from ..cycles.types import CycleNode
from ..graphql.loaded import loaded_field
from ..graphql.relay import Node, PageInfo, from_global_id, to_global_id
from ..people.types import EmployeeNode
from .monitoring.types import FeedbackThread, RealisationType
from .types import BehaviourExpectation, SkpHistoryEntry, SkpStatus, WorkResultType


@strawberry.type(name="Skp", description="An employee's performance plan (Sasaran Kinerja "
                                         "Pegawai) in a cycle.")
class SkpNode(Node):
    status: SkpStatus  # type: ignore[valid-type]
    version: int
    created_at: datetime
    updated_at: datetime
    cycle_id: strawberry.ID
    employee_id: strawberry.ID
    cycle: CycleNode | None = None
    employee: EmployeeNode | None = None
    rater: EmployeeNode | None = strawberry.field(
        default=None, description="Pejabat penilai, copied from the reporting line at launch.")
    rater_superior: EmployeeNode | None = strawberry.field(
        default=None, description="Atasan pejabat penilai, copied at launch.")
    work_results: list[WorkResultType] = strawberry.field(
        default_factory=list, description="The plan's RHKs in order, with their indicators.")
    behaviour_expectations: list[BehaviourExpectation] = strawberry.field(
        default_factory=list, description="All seven BerAKHLAK values with the rater's "
                                          "specific expectation (null when none).")
    history: list[SkpHistoryEntry] = strawberry.field(
        default_factory=list, description="Workflow steps, oldest first.")
    cascade_targets: list[WorkResultType] = strawberry.field(
        default_factory=list, description="The RHKs of the rater's SKP in the same cycle: what "
                                          "this SKP's RHKs may link to (`parentId`).")
    feedback: list[FeedbackThread] = strawberry.field(
        default_factory=list, description="Continuous feedback threads, oldest first, each "
                                          "with its replies (oldest first).")
    raw_realisations: strawberry.Private[list | None] = None
    raw_id: strawberry.Private[uuid.UUID] = None
    raw_cycle_id: strawberry.Private[uuid.UUID] = None
    raw_employee_id: strawberry.Private[uuid.UUID] = None
    raw_rater_id: strawberry.Private[uuid.UUID | None] = None
    raw_superior_id: strawberry.Private[uuid.UUID | None] = None

    @loaded_field(description="Recorded realisations with their evidence, by period then "
                              "indicator; only those of `periodId` when given.")
    def realisations(self, period_id: strawberry.ID | None = None) -> list[RealisationType]:
        items = self.raw_realisations or []
        if period_id is None:
            return items
        wanted = to_global_id("Period", from_global_id(period_id, "Period")[1])
        return [i for i in items if i.period_id == wanted]

    @classmethod
    def from_row(cls, row: Any) -> SkpNode:
        return cls(id=to_global_id("Skp", row.id), status=SkpStatus[row.status],
                   version=row.version, created_at=row.created_at, updated_at=row.updated_at,
                   cycle_id=to_global_id("Cycle", row.cycle_id),
                   employee_id=to_global_id("Employee", row.employee_id),
                   raw_id=row.id, raw_cycle_id=row.cycle_id, raw_employee_id=row.employee_id,
                   raw_rater_id=row.rater_id, raw_superior_id=row.rater_superior_id)


@strawberry.type(description="An SKP in a page of results.")
class SkpEdge:
    cursor: str
    node: SkpNode


@strawberry.type(description="A page of SKPs (Relay connection).")
class SkpConnection:
    edges: list[SkpEdge]
    nodes: list[SkpNode] = strawberry.field(description="The nodes of `edges`, for brevity.")
    page_info: PageInfo
    total_count: int | None = strawberry.field(
        default=None, description="All matching SKPs (computed only when selected).")
