"""GraphQL types of gap analysis, JPM bands and the gap matrix (plain objects), and the
conversion of stored bands to them."""

from __future__ import annotations

from typing import Any

import strawberry

from ..competencies.types import Competency
from ..graphql.enums import code_enum
from ..graphql.payloads import mutation_error_type
from ..graphql.relay import PageInfo
from ..people.types import EmployeeNode, PositionNode
from .bands import BandSet

GapPosition = code_enum(
    "GapPosition", ("CURRENT", "TARGET"),
    description="Compare with the standard of the employee's current or target position.")


@strawberry.type(description="A job-person-match band: a JPM at or above `min` (and below the "
                             "previous band's `min`) is in this band.")
class JpmBand:
    code: str
    label: str
    min: float


@strawberry.type(description="The agency's JPM bands, highest first.")
class JpmBands:
    bands: list[JpmBand]
    version: int = strawberry.field(description="0 while the agency uses the defaults.")
    is_default: bool


def band_type(band: dict[str, Any] | None) -> JpmBand | None:
    return JpmBand(code=band["code"], label=band["label"], min=band["min"]) if band else None


def bands_type(found: BandSet) -> JpmBands:
    return JpmBands(bands=[band_type(b) for b in found.bands], version=found.version,
                    is_default=not found.stored)


@strawberry.type(description="One competency of a standard: required, actual and the gap.")
class CompetencyGap:
    competency_code: str
    competency_name: str
    required_level: int
    actual_level: int = strawberry.field(
        description="The current (latest accepted) level; 0 when never assessed.")
    gap: int = strawberry.field(description="Actual minus required: negative is a shortfall.")


@strawberry.type(description="An employee against a position's standard. JPM = sum of actual "
                             "levels (each capped at its required level) / sum of required "
                             "levels x 100.")
class GapAnalysis:
    employee: EmployeeNode
    position: PositionNode | None = strawberry.field(
        description="The compared position; null when the employee has none (or no target).")
    gaps: list[CompetencyGap] = strawberry.field(
        description="Largest shortfall first (gap ascending, then code).")
    jpm: float | None = strawberry.field(description="Percent, two decimals; null without a "
                                                     "standard.")
    band: JpmBand | None
    target_version: int | None = strawberry.field(
        default=None, description="With TARGET: the version of the target choice (0: none), "
                                  "for `setTargetPosition`.")


@strawberry.type(description="Employees in one band.")
class BandCount:
    band: JpmBand | None = strawberry.field(description="Null: employees without a standard.")
    count: int


@strawberry.type(description="One cell of the gap matrix.")
class GapCell:
    competency_code: str
    required_level: int
    actual_level: int
    gap: int


@strawberry.type(description="One employee's row of the gap matrix.")
class GapMatrixRow:
    employee: EmployeeNode
    jpm: float | None
    band: JpmBand | None
    cells: list[GapCell] = strawberry.field(description="Only the required competencies.")


@strawberry.type(description="A row in a page of the gap matrix.")
class GapMatrixEdge:
    cursor: str
    node: GapMatrixRow


@strawberry.type(description="A page of gap-matrix rows (employees by name).")
class GapMatrixConnection:
    edges: list[GapMatrixEdge]
    nodes: list[GapMatrixRow]
    page_info: PageInfo
    total_count: int | None = None


@strawberry.type(description="One cell of the gap heatmap: a unit and a competency.")
class GapHeatmapCell:
    unit_id: strawberry.ID | None
    unit_name: str | None
    competency_code: str
    employees: int = strawberry.field(description="Whose position requires the competency.")
    with_gap: int = strawberry.field(description="Of whom below the required level.")
    gap_share: float = strawberry.field(description="withGap / employees.")
    mean_gap: float = strawberry.field(
        description="Mean shortfall in levels over `employees` (0 = everyone meets it).")


@strawberry.type(description="Employees x competencies of a unit or the agency (the employees "
                             "you may see), with counts per JPM band over all of them.")
class GapMatrix:
    competencies: list[Competency] = strawberry.field(description="The matrix columns.")
    band_counts: list[BandCount]
    rows: GapMatrixConnection


@strawberry.input(description="One band; list them from the highest `min` down to 0.")
class JpmBandInput:
    code: str
    label: str
    min: float


@strawberry.input(description="Replace the agency's JPM bands.")
class SetJpmBandsInput:
    bands: list[JpmBandInput]
    version: int | None = strawberry.field(
        default=None, description="The version you read (0 for the defaults); a stale one gives "
                                  "CONFLICT and changes nothing.")


@strawberry.input(description="Choose (or with a null position clear) an employee's target "
                              "position.")
class SetTargetPositionInput:
    employee_id: strawberry.ID
    position_id: strawberry.ID | None = None
    version: int | None = strawberry.field(
        default=None, description="The target's version you read (0: none); stale -> CONFLICT.")


SetJpmBandsError = mutation_error_type("SetJpmBands", ("OUT_OF_RANGE", "BAND_ORDER",
                                                       "BAND_FLOOR"))
SetTargetPositionError = mutation_error_type("SetTargetPosition", ("INACTIVE_REFERENCE",))


@strawberry.type(description="Result of `setJpmBands`.")
class SetJpmBandsPayload:
    bands: JpmBands | None = None
    errors: list[SetJpmBandsError] = strawberry.field(default_factory=list)


@strawberry.type(description="Result of `setTargetPosition`: the gap analysis against the new "
                             "target.")
class SetTargetPositionPayload:
    analysis: GapAnalysis | None = None
    errors: list[SetTargetPositionError] = strawberry.field(default_factory=list)
