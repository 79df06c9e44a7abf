"""The objection queue of a deciding superior, and loading one objection."""

from __future__ import annotations

import uuid

import strawberry
from strawberry.types import Info

from ..authz.vocabulary import Scope
from ..errors import NotFound
from ..graphql.permissions import Can
from ..graphql.relay import from_global_id
from ..kit.selection import Selection, root_selection
from ..results.hydrate import hydrate_objections
from ..results.repository import ResultRepository
from ..results.types import ObjectionNode


async def load_objection(ctx, objection_id: uuid.UUID, sel: Selection) -> ObjectionNode:
    """An objection whose result the principal may read (else NOT_FOUND)."""
    row = await ResultRepository(ctx.session).objection_by_id_visible(
        objection_id, ctx.permissions.scope("result", "read"), ctx.user_id)
    if row is None:
        raise NotFound()
    node = ObjectionNode.from_row(row)
    await hydrate_objections(ctx, [node], sel)
    return node


@strawberry.type
class ObjectionQueries:
    @strawberry.field(
        permission_classes=[Can("result", "decide")],
        description="Open objections waiting for your decision: those addressed to you as the "
                    "rater's superior (HR also gets those without a superior; a tenant-wide "
                    "decider all of them), oldest first.")
    async def objections_to_decide(self, info: Info, cycle_id: strawberry.ID | None = None
                                   ) -> list[ObjectionNode]:
        ctx = info.context
        everything = ctx.permissions.scope("result", "decide") == Scope.TENANT
        unaddressed = ctx.permissions.scope("result", "calibrate") == Scope.TENANT
        raw_cycle = from_global_id(cycle_id, "Cycle")[1] if cycle_id else None
        rows = await ResultRepository(ctx.session).objection_queue(ctx.user_id, everything,
                                                                    unaddressed, raw_cycle)
        nodes = [ObjectionNode.from_row(r) for r in rows]
        await hydrate_objections(ctx, nodes, root_selection(info))
        return nodes
