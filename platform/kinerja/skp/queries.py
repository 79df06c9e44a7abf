"""Root queries of SKPs: a cycle's SKPs (relationship-scoped), one SKP, and the cascade tree
(SKP contents, realisations and feedback are fields of `Skp`)."""

from __future__ import annotations

import uuid

import strawberry

from ..cycles.repository import CycleRepository
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
from ..kit.selection import Selection, connection_node_selection, root_selection
from ..people import hydrate as hydrate_people
from ..people.columns import people_columns
from .document import SkpConnection, SkpEdge, SkpNode
from .hydrate import SKP_PEOPLE, SKP_PEOPLE_FIELDS, hydrate_skps
from .page_repository import SkpPageRepository
from .repository import SkpRepository
from .tree import SkpTreeNode, skp_tree


async def load_skp(ctx, skp_id: uuid.UUID, sel: Selection) -> SkpNode:
    """An SKP the principal may read under their `skp` read scope (else NOT_FOUND)."""
    scope = ctx.permissions.scope("skp", "read")
    row = await SkpRepository(ctx.session).visible_by_id(skp_id, scope, ctx.actor.user_id)
    if row is None:
        raise NotFound()
    node = SkpNode.from_row(row)
    await hydrate_skps(ctx, [node], sel)
    return node


@strawberry.type
class SkpQueries:
    @strawberry.field(
        permission_classes=[Can("skp", "read")],
        description="SKPs of a cycle you may see (your own, the people you rate, or the whole "
                    "agency, by your role), ordered by employee name. Forward pagination.",
    )
    async def skps(self, info: Info, cycle_id: strawberry.ID, first: int | None = None,
                   after: str | None = None) -> SkpConnection:
        ctx = info.context
        limits = ctx.settings.limits
        page = page_request(first, after, default=limits.default_page_size,
                            maximum=limits.max_page_size, cursor_length=2)
        cycle_id_raw = from_global_id(cycle_id, "Cycle")[1]
        if await CycleRepository(ctx.session).by_id(cycle_id_raw) is None:
            raise NotFound()
        scope = ctx.permissions.scope("skp", "read")
        repo = SkpPageRepository(ctx.session)
        sel = root_selection(info)
        node_sel = connection_node_selection(sel)
        people = hydrate_people.people_foldable(node_sel, SKP_PEOPLE_FIELDS)
        rows = await repo.page(cycle_id_raw, scope, ctx.actor.user_id, page.first,
                               name_id_cursor(page.after), people,
                               frozenset(p for f, p in SKP_PEOPLE.items() if f in node_sel),
                               people_columns(node_sel, *SKP_PEOPLE_FIELDS))
        has_next = len(rows) > page.first
        rows = rows[: page.first]
        nodes = [SkpNode.from_row(r) for r in rows]
        attached = (hydrate_people.attach_people(nodes, rows, node_sel, SKP_PEOPLE)
                    if people else None)
        await hydrate_skps(ctx, nodes, node_sel, attached)
        cursors = page_cursors(sel, ([r.employee_name, str(r.employee_id)] for r in rows))
        total = (await repo.count(cycle_id_raw, scope, ctx.actor.user_id)
                 if "totalCount" in sel else None)
        return connection(SkpConnection, SkpEdge, nodes, cursors, has_next,
                          page.after is not None, total)

    @strawberry.field(permission_classes=[Can("skp", "read")],
                      description="One SKP by global ID (NOT_FOUND if not visible to you).")
    async def skp(self, info: Info, id: strawberry.ID) -> SkpNode:
        return await load_skp(info.context, from_global_id(id, "Skp")[1], root_selection(info))

    @strawberry.field(
        permission_classes=[Can("skp", "read")],
        description="The cascade of a cycle: the SKPs you may see, depth-first from the unit "
                    "head down (by the rater copied onto each SKP), each RHK with the RHKs of "
                    "other SKPs that support it.")
    async def skp_tree(self, info: Info, cycle_id: strawberry.ID) -> list[SkpTreeNode]:
        return await skp_tree(info.context, from_global_id(cycle_id, "Cycle")[1],
                              root_selection(info))
