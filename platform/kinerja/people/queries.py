"""Root queries for org units, positions and employees. Thin: parse, fetch a level, hydrate."""

from __future__ import annotations

from typing import Annotated

import strawberry

from ..errors import NotFound
from ..graphql.context import Info
from ..graphql.permissions import Can
from ..graphql.relay import (
    connection,
    from_global_id,
    name_id_cursor,
    page_cursors,
    page_request,
)
from ..kit.selection import connection_node_selection, root_selection
from . import hydrate
from .columns import employee_page_reads
from .page_repository import EmployeePageRepository
from .repository import EmployeeFilter, EmployeeRepository, OrgUnitRepository, PositionRepository
from .types import EmployeeConnection, EmployeeEdge, EmployeeNode, OrgUnitType, PositionNode


async def load_employee(ctx, employee_id, sel) -> EmployeeNode:
    """One employee the principal may read (else NOT_FOUND, also for other tenants)."""
    scope = ctx.permissions.scope("employee", "read")
    row = await EmployeeRepository(ctx.session).visible_by_id(employee_id, scope, ctx.actor.user_id,
                                                              ctx.today)
    if row is None:
        raise NotFound()
    node = EmployeeNode.from_row(row)
    await hydrate.hydrate_employees(ctx, [node], sel)
    return node


@strawberry.type
class PeopleQueries:
    @strawberry.field(permission_classes=[Can("org_unit", "read")],
                      description="Org units of the selected agency, by name.")
    async def org_units(self, info: Info, active: bool | None = None) -> list[OrgUnitType]:
        ctx = info.context
        nodes = [OrgUnitType.from_row(r) for r in await OrgUnitRepository(ctx.session).list(active)]
        for node in nodes:
            ctx.loaders.prime("OrgUnit", node.raw_id, node)
        await hydrate.hydrate_units(ctx, nodes, root_selection(info))
        return nodes

    @strawberry.field(permission_classes=[Can("position", "read")],
                      description="Positions (jabatan) of the selected agency, by name.")
    async def positions(self, info: Info, active: bool | None = None) -> list[PositionNode]:
        rows = await PositionRepository(info.context.session).list(active)
        return [PositionNode.from_row(r) for r in rows]

    @strawberry.field(
        permission_classes=[Can("employee", "read")],
        description="Employees you may see (own record, the people you rate, your unit or the "
                    "whole agency, by your role), ordered by name. Forward pagination.",
    )
    async def employees(
        self, info: Info, first: int | None = None, after: str | None = None,
        unit_id: strawberry.ID | None = None, active: bool | None = None,
        search: Annotated[str | None, strawberry.argument(
            description="Part of the name, or the start of the NIP.")] = None,
    ) -> EmployeeConnection:
        ctx = info.context
        limits = ctx.settings.limits
        page = page_request(first, after, default=limits.default_page_size,
                            maximum=limits.max_page_size, cursor_length=2)
        flt = EmployeeFilter(
            unit_id=from_global_id(unit_id, "OrgUnit")[1] if unit_id else None,
            active=active, search=(search or "")[:100] or None,
        )
        scope = ctx.permissions.scope("employee", "read")
        repo = EmployeePageRepository(ctx.session)
        after = name_id_cursor(page.after)
        sel = root_selection(info)
        node_sel = connection_node_selection(sel)
        references = "unit" in node_sel or "position" in node_sel
        people = hydrate.people_foldable(node_sel)
        reads = employee_page_reads(node_sel, references, people)
        rows = await repo.page(flt, scope, ctx.actor.user_id, ctx.today, page.first, after,
                               references=references, people=people,
                               rater=people and "rater" in node_sel,
                               superior=people and "raterSuperior" in node_sel,
                               reads=tuple(sorted(reads.items())))
        has_next = len(rows) > page.first
        rows = rows[: page.first]
        nodes = [EmployeeNode.from_row(r) for r in rows]
        if "" not in reads:  # read whole: they may answer other fields of the request
            for node in nodes:
                ctx.loaders.prime("Employee", node.raw_id, node)
        if references:
            hydrate.attach_references(ctx, nodes, rows, ("u_" not in reads, "p_" not in reads))
        if people:
            hydrate.attach_people(nodes, rows, node_sel)
        await hydrate.hydrate_employees(ctx, nodes, node_sel, people_attached=people,
                                        references_attached=references)
        cursors = page_cursors(sel, ([n.name, str(n.raw_id)] for n in nodes))
        total = (await repo.count(flt, scope, ctx.actor.user_id, ctx.today)
                 if "totalCount" in sel else None)
        return connection(EmployeeConnection, EmployeeEdge, nodes, cursors, has_next,
                          page.after is not None, total)

    @strawberry.field(permission_classes=[Can("employee", "read")],
                      description="One employee by global ID (NOT_FOUND if not visible to you).")
    async def employee(self, info: Info, id: strawberry.ID) -> EmployeeNode:
        employee_id = from_global_id(id, "Employee")[1]
        return await load_employee(info.context, employee_id, root_selection(info))
