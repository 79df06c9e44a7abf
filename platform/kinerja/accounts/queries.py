"""`me`: who am I, where may I act, what may I do."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from ..graphql.enums import PermissionScope
from ..graphql.permissions import Authenticated
from ..graphql.relay import to_global_id
from ..people.repository import EmployeeRepository
from ..tenants.repository import TenantRepository
from ..tenants.types import TenantType
from .repository import UserRepository
from .types import Me, Permission, UserType


def permission_list(permission_set) -> list[Permission]:
    return [Permission(resource=r, action=a, scope=PermissionScope[s.name])
            for r, a, s in permission_set.items()]


@strawberry.type
class AccountQueries:
    @strawberry.field(permission_classes=[Authenticated], description="The signed-in user.")
    async def me(self, info: Info) -> Me:
        ctx = info.context
        user_id = ctx.user_id
        user_row = (await UserRepository(ctx.session).public_rows([user_id]))[user_id]
        tenants = await TenantRepository(ctx.session).list(ctx.member_tenant_ids, False)
        current = next((t for t in tenants if ctx.tenant and t.id == ctx.tenant.id), None)
        roles = list(ctx.permissions.roles)
        employee_id = None
        if ctx.tenant is not None:
            own = await EmployeeRepository(ctx.session).id_for_user(user_id)
            employee_id = to_global_id("Employee", own) if own else None
        return Me(
            user=UserType.from_row(user_row, roles),
            tenants=[TenantType.from_row(t) for t in tenants],
            tenant=TenantType.from_row(current) if current else None,
            roles=roles,
            permissions=permission_list(ctx.permissions),
            platform_roles=list(ctx.platform_permissions.roles),
            employee_id=employee_id,
        )
