"""`node(id:)`: fetch any object by global ID, with the permission its type needs."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from ..errors import Forbidden, NotFound
from ..kit.selection import Selection
from .relay import from_global_id

if TYPE_CHECKING:
    from .context import Context

Resolver = Callable[[Any, Any, Selection], Awaitable[Any]]
_REGISTRY: dict[str, tuple[tuple[str, str] | None, Resolver]] = {}


def register_node(type_name: str, permission: tuple[str, str] | None, resolver: Resolver) -> None:
    """permission None: the resolver checks access itself (e.g. tenants, platform objects)."""
    _REGISTRY[type_name] = (permission, resolver)


async def resolve_node(ctx: Context, global_id: str, sel: Selection) -> Any:
    type_name, raw_id = from_global_id(global_id)
    entry = _REGISTRY.get(type_name)
    if entry is None:
        raise NotFound("INVALID_ID")
    permission, resolver = entry
    if permission is not None:
        if ctx.tenant is None:
            raise NotFound()
        if not ctx.permissions.allows(*permission):
            raise Forbidden()
    return await resolver(ctx, raw_id, sel)
