"""Role queries: the agency's roles and the permission vocabulary."""

from __future__ import annotations

import strawberry

from ..graphql.context import Info
from ..graphql.enums import PermissionScope
from ..graphql.permissions import Can
from .catalog import holds, vocabulary
from .runtime import catalog_for
from .service import normalise_name
from .types import PermissionOption, RoleType


async def load_role(ctx, role_id) -> RoleType:
    return RoleType.from_info(await catalog_for(ctx).get_by_id(role_id))


@strawberry.type
class RoleQueries:
    @strawberry.field(permission_classes=[Can("role", "read")],
                      description="Roles of the selected agency: built-in ones first, then custom "
                                  "roles by name, with permissions and member counts.")
    async def roles(self, info: Info) -> list[RoleType]:
        return [RoleType.from_info(r) for r in await catalog_for(info.context).list()]

    @strawberry.field(permission_classes=[Can("role", "read")],
                      description="One role of the selected agency by name (NOT_FOUND if none).")
    async def role(self, info: Info, name: str) -> RoleType:
        return RoleType.from_info(await catalog_for(info.context).get(normalise_name(name)))

    @strawberry.field(permission_classes=[Can("role", "read")],
                      description="Every permission a custom role may hold, and whether you may "
                                  "grant it.")
    async def permission_vocabulary(self, info: Info) -> list[PermissionOption]:
        held = info.context.actor.permissions
        return [PermissionOption(resource=g.resource, action=g.action,
                                 scope=PermissionScope[g.scope.upper()], grantable=holds(held, g))
                for g in vocabulary()]

