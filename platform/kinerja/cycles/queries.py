"""Root queries: the rule set and its versions, and cycles."""

from __future__ import annotations

import uuid

import strawberry

from ..errors import NotFound
from ..graphql.context import Info
from ..graphql.permissions import Can
from ..graphql.relay import from_global_id
from ..kit.selection import Selection, root_selection
from .hydrate import hydrate_cycles
from .repository import CycleRepository, RuleSetRepository
from .service_rules import current_rule_set
from .types import CycleNode, RuleSet


async def load_cycle(ctx, cycle_id: uuid.UUID, sel: Selection) -> CycleNode:
    """A cycle of the selected agency (else NOT_FOUND, also for other agencies' IDs)."""
    row = await CycleRepository(ctx.session).by_id(cycle_id)
    if row is None:
        raise NotFound()
    node = CycleNode.from_row(row)
    await hydrate_cycles(ctx, [node], sel)
    return node


@strawberry.type
class CycleQueries:
    @strawberry.field(permission_classes=[Can("rule_set", "read")],
                      description="The agency's current rule set (the built-in defaults, as "
                                  "unsaved version 0, until HR saves one or creates a cycle).")
    async def rule_set(self, info: Info) -> RuleSet:
        current = await current_rule_set(info.context.session)
        return RuleSet.build(current.id, current.version, current.content, current.created_at)

    @strawberry.field(permission_classes=[Can("rule_set", "read")],
                      description="Every saved rule-set version, newest first.")
    async def rule_set_versions(self, info: Info) -> list[RuleSet]:
        rows = await RuleSetRepository(info.context.session).versions()
        return [RuleSet.build(r.id, r.version, r.content, r.created_at) for r in rows]

    @strawberry.field(permission_classes=[Can("cycle", "read")],
                      description="The agency's annual cycles, newest year first.")
    async def cycles(self, info: Info) -> list[CycleNode]:
        ctx = info.context
        nodes = [CycleNode.from_row(r) for r in await CycleRepository(ctx.session).list()]
        await hydrate_cycles(ctx, nodes, root_selection(info))
        return nodes

    @strawberry.field(permission_classes=[Can("cycle", "read")],
                      description="One cycle by global ID, with its periods.")
    async def cycle(self, info: Info, id: strawberry.ID) -> CycleNode:
        return await load_cycle(info.context, from_global_id(id, "Cycle")[1], root_selection(info))
