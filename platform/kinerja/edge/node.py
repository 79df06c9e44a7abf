"""`node(id:)`: fetch any object by global ID, with the permission its type needs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import Forbidden, NotFound
from ..graphql.relay import from_global_id
from ..kit.selection import Selection
from .node_types import NODE_TYPES

if TYPE_CHECKING:
    from ..graphql.context import Context


async def resolve_node(ctx: Context, global_id: str, sel: Selection) -> Any:
    type_name, raw_id = from_global_id(global_id)
    entry = NODE_TYPES.get(type_name)
    if entry is None:
        raise NotFound("INVALID_ID")
    permission, resolver = entry
    if permission is not None:
        if ctx.tenant is None:
            raise NotFound()
        if not ctx.permissions.allows(*permission):
            raise Forbidden()
    return await resolver(ctx, raw_id, sel)
