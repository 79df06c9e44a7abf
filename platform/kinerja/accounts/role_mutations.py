"""Giving members roles and taking them away (`assignRole`, `revokeRole`): member
administration, so the payloads show the `User`. The guards are the role assignment rules
(roles/assignments.py); each is a policy change like any other (begin_change in
roles/repository.py)."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from ..graphql.payloads import answer, resolved
from ..graphql.permissions import Can
from ..graphql.relay import from_global_id
from ..roles.runtime import assignments_for
from .members import member_view
from .types import AssignRoleError, AssignRolePayload, RevokeRoleError, RevokeRolePayload


@strawberry.type
class MemberRoleMutations:
    @strawberry.mutation(permission_classes=[Can("role", "assign")],
                         description="Give a member of the agency a role whose permissions you "
                                     "hold. Effective from their next request.")
    async def assign_role(self, info: Info, user_id: strawberry.ID, role: str) -> AssignRolePayload:
        ctx = info.context
        target = from_global_id(user_id, "User")[1]
        return await answer(ctx, lambda: assignments_for(ctx).assign(target, role),
                            AssignRolePayload, AssignRoleError,
                            lambda r: resolved(user=member_view(ctx, target)))

    @strawberry.mutation(permission_classes=[Can("role", "assign")],
                         description="Take a role away from a member. Revoking their last role "
                                     "ends their membership. Effective from their next request.")
    async def revoke_role(self, info: Info, user_id: strawberry.ID, role: str) -> RevokeRolePayload:
        ctx = info.context
        target = from_global_id(user_id, "User")[1]
        return await answer(ctx, lambda: assignments_for(ctx).revoke(target, role),
                            RevokeRolePayload, RevokeRoleError,
                            lambda r: resolved(
                                user=member_view(ctx, target, require_member=False)))
