"""GraphQL types of the organisation and its people: plain objects, filled by hydrate.py."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

import strawberry

from ..graphql.enums import Acting, EmployeeType, PositionLevel, PositionType, Rank
from ..graphql.relay import Node, PageInfo, to_global_id
from .nip import format_nip


def _member(enum: Any, name: str | None) -> Any:
    """The enum member of a column's value; None for NULL (a column not read: people/columns)."""
    return enum[name] if name else None


@strawberry.type(name="OrgUnit", description="A unit (bagian, seksi, bidang) inside an agency.")
class OrgUnitType(Node):
    code: str | None
    name: str
    active: bool
    version: int
    created_at: datetime
    parent_id: strawberry.ID | None = strawberry.field(description="Global ID of the parent unit.")
    parent: OrgUnitType | None = None
    raw_id: strawberry.Private[uuid.UUID] = None
    raw_parent_id: strawberry.Private[uuid.UUID | None] = None

    @classmethod
    def from_row(cls, row: Any) -> OrgUnitType:
        return cls(
            id=to_global_id("OrgUnit", row.id), code=row.code, name=row.name, active=row.active,
            version=row.version, created_at=row.created_at,
            parent_id=to_global_id("OrgUnit", row.parent_id) if row.parent_id else None,
            raw_id=row.id, raw_parent_id=row.parent_id,
        )


@strawberry.type(name="Position", description="A position (jabatan) with its type and level.")
class PositionNode(Node):
    code: str | None
    name: str
    position_type: PositionType
    level: PositionLevel
    active: bool
    version: int
    created_at: datetime

    @classmethod
    def from_row(cls, row: Any) -> PositionNode:
        return cls(
            id=to_global_id("Position", row.id), code=row.code, name=row.name,
            position_type=_member(PositionType, row.position_type),
            level=_member(PositionLevel, row.level),
            active=row.active, version=row.version, created_at=row.created_at,
        )


@strawberry.type(name="ReportingLine",
                 description="Who rates an employee and that rater's superior, for a period.")
class ReportingLineType(Node):
    valid_from: date
    valid_to: date | None = strawberry.field(description="Last valid day; null while current.")
    acting: Acting = strawberry.field(description="The rater is acting (Plt/Plh) or definitive.")
    created_at: datetime
    employee_id: strawberry.ID
    rater_id: strawberry.ID | None
    rater_superior_id: strawberry.ID | None
    rater: EmployeeNode | None = None
    rater_superior: EmployeeNode | None = None
    raw_rater_id: strawberry.Private[uuid.UUID | None] = None
    raw_superior_id: strawberry.Private[uuid.UUID | None] = None

    @classmethod
    def from_row(cls, row: Any) -> ReportingLineType:
        return cls(
            id=to_global_id("ReportingLine", row.id), valid_from=row.valid_from,
            valid_to=row.valid_to, acting=Acting[row.acting], created_at=row.created_at,
            employee_id=to_global_id("Employee", row.employee_id),
            rater_id=to_global_id("Employee", row.rater_id) if row.rater_id else None,
            rater_superior_id=(to_global_id("Employee", row.rater_superior_id)
                               if row.rater_superior_id else None),
            raw_rater_id=row.rater_id, raw_superior_id=row.rater_superior_id,
        )


@strawberry.type(name="Employee",
                 description="A civil servant (PNS) or contract civil servant (PPPK).")
class EmployeeNode(Node):
    nip: str = strawberry.field(description="NIP (PNS) or NI PPPK: 18 digits, no spaces.")
    nip_formatted: str = strawberry.field(description="The number grouped for display.")
    employee_type: EmployeeType
    name: str
    rank: Rank | None
    active: bool
    version: int
    created_at: datetime
    acting: Acting | None = strawberry.field(
        default=None, description="Whether the current rater is acting (Plt/Plh).")
    unit: OrgUnitType | None = None
    position: PositionNode | None = None
    rater: EmployeeNode | None = strawberry.field(
        default=None, description="Current rater (pejabat penilai kinerja).")
    rater_superior: EmployeeNode | None = strawberry.field(
        default=None, description="Current rater's superior (atasan pejabat penilai).")
    reporting_lines: list[ReportingLineType] = strawberry.field(
        default_factory=list, description="Reporting-line history, newest first.")
    has_account: bool = strawberry.field(default=False, description="A login is linked.")
    from_parent_agency: bool = strawberry.field(
        default=False, description="An official of the parent agency who rates here (e.g. the "
                                   "Camat rating a Lurah): no unit or position here, no staff "
                                   "of this agency (no SKP, JP or headcount).")
    raw_id: strawberry.Private[uuid.UUID] = None
    raw_unit_id: strawberry.Private[uuid.UUID | None] = None
    raw_position_id: strawberry.Private[uuid.UUID | None] = None
    raw_rater_id: strawberry.Private[uuid.UUID | None] = None
    raw_superior_id: strawberry.Private[uuid.UUID | None] = None

    @classmethod
    def from_row(cls, row: Any) -> EmployeeNode:
        return cls(
            id=to_global_id("Employee", row.id), nip=row.nip,
            nip_formatted=(format_nip(row.nip, row.employee_type)
                           if row.nip and row.employee_type else ""),
            employee_type=_member(EmployeeType, row.employee_type), name=row.name,
            rank=_member(Rank, row.rank), active=row.active, version=row.version,
            created_at=row.created_at, acting=Acting[row.acting] if row.acting else None,
            has_account=row.user_id is not None,
            from_parent_agency=row.home_tenant_id is not None,
            raw_id=row.id, raw_unit_id=row.unit_id, raw_position_id=row.position_id,
            raw_rater_id=row.rater_id, raw_superior_id=row.rater_superior_id,
        )


@strawberry.type(description="An employee in a page of results.")
class EmployeeEdge:
    cursor: str
    node: EmployeeNode


@strawberry.type(description="A page of employees (Relay connection).")
class EmployeeConnection:
    edges: list[EmployeeEdge]
    nodes: list[EmployeeNode] = strawberry.field(description="The nodes of `edges`, for brevity.")
    page_info: PageInfo
    total_count: int | None = strawberry.field(
        default=None, description="All matching employees (computed only when selected).")
