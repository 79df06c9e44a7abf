"""The objection queue of the deciding superior, HR's worklist of objections nobody can decide
yet, and loading one objection."""

from __future__ import annotations

import uuid

import strawberry

from ..errors import NotFound
from ..graphql.context import Info
from ..graphql.permissions import Can
from ..graphql.relay import from_global_id
from ..kit.selection import Selection, root_selection
from ..results.hydrate import hydrate_objections
from ..results.repository import ResultRepository
from ..results.types import ObjectionNode
from .service import ObjectionService


async def load_objection(ctx, objection_id: uuid.UUID, sel: Selection) -> ObjectionNode:
    """An objection whose result the principal may read (else NOT_FOUND)."""
    row = await ResultRepository(ctx.session).objection_by_id_visible(
        objection_id, ctx.permissions.scope("result", "read"), ctx.actor.user_id)
    if row is None:
        raise NotFound()
    node = ObjectionNode.from_row(row)
    await hydrate_objections(ctx, [node], sel)
    return node


async def _nodes(info: Info, rows) -> list[ObjectionNode]:
    nodes = [ObjectionNode.from_row(r) for r in rows]
    await hydrate_objections(info.context, nodes, root_selection(info))
    return nodes


def _cycle(cycle_id: strawberry.ID | None):
    return from_global_id(cycle_id, "Cycle")[1] if cycle_id else None


@strawberry.type
class ObjectionQueries:
    @strawberry.field(
        permission_classes=[Can("result", "decide")],
        description="Open objections waiting for your decision: those to results whose SKP "
                    "records you as the rater's superior, except your own and those to a "
                    "rating you entered; oldest first. No role sees more.")
    async def objections_to_decide(self, info: Info, cycle_id: strawberry.ID | None = None
                                   ) -> list[ObjectionNode]:
        rows = await ObjectionService(info.context.actor).queue(_cycle(cycle_id))
        return await _nodes(info, rows)

    @strawberry.field(
        permission_classes=[Can("reporting_line", "write")],
        description="HR's worklist (reporting_line write and result read, agency-wide): open "
                    "objections nobody can decide yet because the SKP records no rater's "
                    "superior, an inactive one, or one who entered a rating of the result; "
                    "record one with setObjectionSuperior. Oldest first.")
    async def objections_without_decider(self, info: Info,
                                         cycle_id: strawberry.ID | None = None
                                         ) -> list[ObjectionNode]:
        rows = await ObjectionService(info.context.actor).without_decider(_cycle(cycle_id))
        return await _nodes(info, rows)
