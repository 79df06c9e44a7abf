"""Role administration mutations. Thin: unpack input, run the service in a savepoint, publish.

There is deliberately no domain argument anywhere: every change applies to the selected
agency (X-Tenant), so no call can reach another tenant or the `*` (global) domain.
"""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from ..graphql.payloads import in_savepoint, to_payload_errors
from ..graphql.permissions import Can
from ..graphql.relay import from_global_id
from .runtime import actor_of, assignments_for, catalog_for, member_view, publish_policy_change
from .service import RoleData, RoleService
from .types import (AssignRoleError, AssignRolePayload, CreateRoleError, CreateRoleInput,
                    CreateRolePayload, DeleteRoleError, DeleteRolePayload, RevokeRoleError,
                    RevokeRolePayload, RoleType, UpdateRoleError, UpdateRoleInput,
                    UpdateRolePayload)


def _errors(error_type: type, errors: list, ctx) -> list:
    return to_payload_errors(error_type, errors, ctx.language)


def _service(ctx) -> RoleService:
    return RoleService(catalog_for(ctx), actor_of(ctx))


@strawberry.type
class RoleMutations:
    @strawberry.mutation(permission_classes=[Can("role", "write")],
                         description="Create a custom role with permissions you hold yourself.")
    async def create_role(self, info: Info, input: CreateRoleInput) -> CreateRolePayload:
        ctx = info.context
        data = RoleData(name=input.name, description=input.description,
                        permissions=[p.to_grant() for p in input.permissions])
        result = await in_savepoint(ctx, lambda: _service(ctx).create(data))
        if isinstance(result, list):
            return CreateRolePayload(errors=_errors(CreateRoleError, result, ctx))
        await publish_policy_change(ctx)
        return CreateRolePayload(role=RoleType.from_info(result))

    @strawberry.mutation(permission_classes=[Can("role", "write")],
                         description="Change a custom role's description or permissions.")
    async def update_role(self, info: Info, input: UpdateRoleInput) -> UpdateRolePayload:
        ctx = info.context
        permissions = (None if input.permissions is None
                       else [p.to_grant() for p in input.permissions])
        data = RoleData(name=input.name, description=input.description, permissions=permissions)
        result = await in_savepoint(ctx, lambda: _service(ctx).update(data, input.version))
        if isinstance(result, list):
            return UpdateRolePayload(errors=_errors(UpdateRoleError, result, ctx))
        await publish_policy_change(ctx)
        return UpdateRolePayload(role=RoleType.from_info(result))

    @strawberry.mutation(permission_classes=[Can("role", "write")],
                         description="Delete a custom role that nobody holds (else ROLE_IN_USE).")
    async def delete_role(self, info: Info, name: str) -> DeleteRolePayload:
        ctx = info.context
        result = await in_savepoint(ctx, lambda: _service(ctx).delete(name))
        if isinstance(result, list):
            return DeleteRolePayload(errors=_errors(DeleteRoleError, result, ctx))
        await publish_policy_change(ctx)
        return DeleteRolePayload(role=RoleType.from_info(result))

    @strawberry.mutation(permission_classes=[Can("role", "assign")],
                         description="Give a member of the agency a role whose permissions you "
                                     "hold. Effective from their next request.")
    async def assign_role(self, info: Info, user_id: strawberry.ID, role: str) -> AssignRolePayload:
        ctx = info.context
        target = from_global_id(user_id, "User")[1]
        result = await in_savepoint(ctx, lambda: assignments_for(ctx).assign(target, role))
        if isinstance(result, list):
            return AssignRolePayload(errors=_errors(AssignRoleError, result, ctx))
        await publish_policy_change(ctx)
        return AssignRolePayload(user=await member_view(ctx, target))

    @strawberry.mutation(permission_classes=[Can("role", "assign")],
                         description="Take a role away from a member. Revoking their last role "
                                     "ends their membership. Effective from their next request.")
    async def revoke_role(self, info: Info, user_id: strawberry.ID, role: str) -> RevokeRolePayload:
        ctx = info.context
        target = from_global_id(user_id, "User")[1]
        result = await in_savepoint(ctx, lambda: assignments_for(ctx).revoke(target, role))
        if isinstance(result, list):
            return RevokeRolePayload(errors=_errors(RevokeRoleError, result, ctx))
        await publish_policy_change(ctx)
        return RevokeRolePayload(user=await member_view(ctx, target, require_member=False))
