"""Root query of the cascade tree (SKP contents are fields of `Skp`)."""

from __future__ import annotations

import strawberry

from ..graphql.context import Info
from ..graphql.permissions import Can
from ..graphql.relay import from_global_id
from ..kit.selection import root_selection
from .tree import SkpTreeNode, skp_tree


@strawberry.type
class SkpQueries:
    @strawberry.field(
        permission_classes=[Can("skp", "read")],
        description="The cascade of a cycle: the SKPs you may see, depth-first from the unit "
                    "head down (by the rater copied onto each SKP), each RHK with the RHKs of "
                    "other SKPs that support it.")
    async def skp_tree(self, info: Info, cycle_id: strawberry.ID) -> list[SkpTreeNode]:
        return await skp_tree(info.context, from_global_id(cycle_id, "Cycle")[1],
                              root_selection(info))
