"""Root queries of gap analysis, the gap matrix and JPM bands. The employees are those the
caller may read per `competency_assessment read` (own, ratees, agency)."""

from __future__ import annotations

from typing import Any

import strawberry

from ..competencies.national import NATIONAL
from ..competencies.service import current_framework
from ..competencies.types import Competency
from ..graphql.context import Info
from ..graphql.permissions import Can
from ..graphql.relay import (
    connection,
    encode_cursor,
    from_global_id,
    name_id_cursor,
    page_request,
    to_global_id,
)
from ..kit.selection import connection_node_selection, root_selection
from ..people import hydrate
from ..people.repository import EmployeeRepository, OrgUnitRepository
from ..people.types import EmployeeNode, PositionNode
from .bands import band_for, load_bands
from .gap_repository import NO_STANDARD, MatrixRepository, visible_filter
from .gap_types import (
    BandCount,
    CompetencyGap,
    GapAnalysis,
    GapCell,
    GapHeatmapCell,
    GapMatrix,
    GapMatrixConnection,
    GapMatrixEdge,
    GapMatrixRow,
    GapPosition,
    JpmBands,
    band_type,
    bands_type,
)
from .gaps import analyse, jpm_value, sort_key
from .queries import access, employee_node
from .repository import TargetRepository


async def load_analysis(ctx, employee_id, position: str, sel) -> GapAnalysis:
    employee = await access(ctx).readable_employee(employee_id)
    result = await analyse(ctx.session, employee_id, position)
    target = await TargetRepository(ctx.session).of(employee_id) if position == "target" else None
    return GapAnalysis(
        employee=await employee_node(ctx, employee, sel["employee"]),
        position=PositionNode.from_row(result.position) if result.position else None,
        gaps=[CompetencyGap(competency_code=r.code, competency_name=r.name,
                            required_level=r.required, actual_level=r.actual, gap=r.gap)
              for r in sorted(result.rows, key=sort_key)],
        jpm=result.jpm, band=band_type(result.band),
        target_version=(target.version if target else 0) if position == "target" else None)


def _row(employee: EmployeeNode, cells: list[Any], bands: list[dict[str, Any]]) -> GapMatrixRow:
    capped = sum(min(c.actual, c.required) for c in cells)
    required = sum(c.required for c in cells)
    return GapMatrixRow(
        employee=employee, jpm=jpm_value(capped, required),
        band=band_type(band_for(bands, capped, required)),
        cells=[GapCell(competency_code=c.competency_code, required_level=c.required,
                       actual_level=c.actual, gap=c.actual - c.required) for c in cells])


@strawberry.type
class GapQueries:
    @strawberry.field(permission_classes=[Can("competency_assessment", "read")],
                      description="An employee's required vs actual level per competency, the "
                                  "gap, the JPM and its band, for the current or target position.")
    async def competency_gaps(self, info: Info, employee_id: strawberry.ID,
                              position: GapPosition = GapPosition.CURRENT  # type: ignore
                              ) -> GapAnalysis:
        raw_id = from_global_id(employee_id, "Employee")[1]
        return await load_analysis(info.context, raw_id, position.value.lower(),
                                   root_selection(info))

    @strawberry.field(permission_classes=[Can("competency", "read")],
                      description="The agency's JPM bands (the defaults until HR sets them).")
    async def jpm_bands(self, info: Info) -> JpmBands:
        return bands_type(await load_bands(info.context.session))

    @strawberry.field(permission_classes=[Can("competency_assessment", "read")],
                      description="The gap heatmap: per unit and competency, the active "
                                  "employees you may see whose position requires it, how many "
                                  "fall short and the mean shortfall; one statement.")
    async def competency_gap_heatmap(self, info: Info) -> list[GapHeatmapCell]:
        ctx = info.context
        scope = ctx.permissions.scope("competency_assessment", "read")
        repo = MatrixRepository(ctx.session, visible_filter(scope, ctx.actor.user_id, ctx.today))
        framework = await current_framework(ctx.session)
        rows = await repo.heatmap([c["code"] for c in framework.competencies])
        ids = sorted({r.unit_id for r in rows if r.unit_id is not None})
        units = await OrgUnitRepository(ctx.session).by_ids(ids) if ids else {}
        return [GapHeatmapCell(
            unit_id=to_global_id("OrgUnit", r.unit_id) if r.unit_id else None,
            unit_name=units[r.unit_id].name if r.unit_id in units else None,
            competency_code=r.competency_code, employees=int(r.employees),
            with_gap=int(r.with_gap), gap_share=round(int(r.with_gap) / int(r.employees), 4),
            mean_gap=round(float(r.gap_sum) / int(r.employees), 3)) for r in rows]

    @strawberry.field(permission_classes=[Can("competency_assessment", "read")],
                      description="Gap matrix of a unit's (or, without `unitId`, the agency's) "
                                  "active employees you may see: one page of rows by name, and "
                                  "counts per band over all of them.")
    async def competency_gap_matrix(self, info: Info, unit_id: strawberry.ID | None = None,
                                    first: int | None = None, after: str | None = None
                                    ) -> GapMatrix:
        ctx = info.context
        limits = ctx.settings.limits
        page = page_request(first, after, default=limits.default_page_size,
                            maximum=limits.max_page_size, cursor_length=2)
        unit = from_global_id(unit_id, "OrgUnit")[1] if unit_id else None
        scope = ctx.permissions.scope("competency_assessment", "read")
        repo = MatrixRepository(ctx.session, visible_filter(scope, ctx.actor.user_id, ctx.today))
        framework = await current_framework(ctx.session)
        technical = [c["code"] for c in framework.competencies]
        bands = (await load_bands(ctx.session)).bands
        counts = await repo.band_counts(unit, technical, bands)
        rows = await repo.page(unit, page.first, name_id_cursor(page.after))
        has_next, rows = len(rows) > page.first, rows[: page.first]
        found = await EmployeeRepository(ctx.session).by_ids([r.id for r in rows], ctx.today)
        nodes = [EmployeeNode.from_row(found[r.id]) for r in rows]
        sel = connection_node_selection(root_selection(info)["rows"])
        await hydrate.hydrate_employees(ctx, nodes, sel["employee"])
        by_employee: dict[Any, list[Any]] = {r.id: [] for r in rows}
        for cell in await repo.cells([r.id for r in rows], technical):
            by_employee[cell.employee_id].append(cell)
        items = [_row(node, by_employee[node.raw_id], bands) for node in nodes]
        cursors = [encode_cursor([r.name, str(r.id)]) for r in rows]
        return GapMatrix(
            competencies=[*(Competency.national(c) for c in NATIONAL),
                          *(Competency.technical(c) for c in framework.competencies)],
            band_counts=[BandCount(band=band_type(b), count=counts.get(b["code"], 0))
                         for b in bands] + [BandCount(band=None,
                                                      count=counts.get(NO_STANDARD, 0))],
            rows=connection(GapMatrixConnection, GapMatrixEdge, items, cursors, has_next,
                            page.after is not None, sum(counts.values())))
