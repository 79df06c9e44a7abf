"""Role administration mutations. Thin: unpack input, run the service in a savepoint.

There is deliberately no domain argument anywhere: every change applies to the selected
agency (X-Tenant), so no call can reach another tenant or the `*` (global) domain.
"""

from __future__ import annotations

import strawberry

from ..graphql.context import Info
from ..graphql.payloads import answer, resolved
from ..graphql.permissions import Can
from .runtime import catalog_for
from .service import RoleData, RoleService
from .types import (
    CreateRoleError,
    CreateRoleInput,
    CreateRolePayload,
    DeleteRoleError,
    DeleteRolePayload,
    RoleType,
    UpdateRoleError,
    UpdateRoleInput,
    UpdateRolePayload,
)


def _service(ctx) -> RoleService:
    return RoleService(catalog_for(ctx), ctx.actor)


@strawberry.type
class RoleMutations:
    @strawberry.mutation(permission_classes=[Can("role", "write")],
                         description="Create a custom role with permissions you hold yourself.")
    async def create_role(self, info: Info, input: CreateRoleInput) -> CreateRolePayload:
        ctx = info.context
        data = RoleData(name=input.name, description=input.description,
                        permissions=[p.to_grant() for p in input.permissions])
        return await answer(ctx, lambda: _service(ctx).create(data),
                            CreateRolePayload, CreateRoleError,
                            lambda r: resolved(role=RoleType.from_info(r)))

    @strawberry.mutation(permission_classes=[Can("role", "write")],
                         description="Change a custom role's description or permissions.")
    async def update_role(self, info: Info, input: UpdateRoleInput) -> UpdateRolePayload:
        ctx = info.context
        permissions = (None if input.permissions is None
                       else [p.to_grant() for p in input.permissions])
        data = RoleData(name=input.name, description=input.description, permissions=permissions)
        return await answer(ctx, lambda: _service(ctx).update(data, input.version),
                            UpdateRolePayload, UpdateRoleError,
                            lambda r: resolved(role=RoleType.from_info(r)))

    @strawberry.mutation(permission_classes=[Can("role", "write")],
                         description="Delete a custom role that nobody holds (else ROLE_IN_USE).")
    async def delete_role(self, info: Info, name: str) -> DeleteRolePayload:
        ctx = info.context
        return await answer(ctx, lambda: _service(ctx).delete(name),
                            DeleteRolePayload, DeleteRoleError,
                            lambda r: resolved(role=RoleType.from_info(r)))
