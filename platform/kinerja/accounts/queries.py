"""`me` (who am I, where may I act, what may I do) and the agency's members."""

from __future__ import annotations

from typing import Annotated

import strawberry

from ..graphql.context import Info
from ..graphql.enums import PermissionScope
from ..graphql.permissions import Authenticated, Can
from ..graphql.relay import connection, encode_cursor, from_global_id, page_request, to_global_id
from ..kit.selection import root_selection
from ..people.repository import EmployeeRepository
from ..roles.repository import PolicyRepository
from ..roles.types import Permission
from ..tenants.repository import TenantRepository
from ..tenants.types import TenantType
from .members import member_view
from .repository import UserRepository
from .types import Me, UserConnection, UserEdge, UserType


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

    @strawberry.field(permission_classes=[Can("user", "read")],
                      description="Members of the selected agency (users holding a role there) "
                                  "with their roles there, by username. Forward pagination.")
    async def users(
        self, info: Info, first: int | None = None, after: str | None = None,
        search: Annotated[str | None, strawberry.argument(
            description="Part of the username, display name or email.")] = None,
    ) -> UserConnection:
        ctx = info.context
        limits = ctx.settings.limits
        page = page_request(first, after, default=limits.default_page_size,
                            maximum=limits.max_page_size, cursor_length=2)
        policies = PolicyRepository(ctx.session)
        member_ids = await policies.member_ids(ctx.tenant_id)
        term = (search or "").strip()[:100] or None
        repo = UserRepository(ctx.session)
        rows = await repo.page(member_ids, term, page.first, page.after)
        has_next = len(rows) > page.first
        rows = rows[: page.first]
        roles = await policies.roles_of([r.id for r in rows], ctx.tenant_id)
        nodes = [UserType.from_row(r, roles[r.id]) for r in rows]
        cursors = [encode_cursor([r.username, str(r.id)]) for r in rows]
        total = await repo.count(member_ids, term) if "totalCount" in root_selection(info) else None
        return connection(UserConnection, UserEdge, nodes, cursors, has_next,
                          page.after is not None, total)

    @strawberry.field(permission_classes=[Can("user", "read")],
                      description="One member of the selected agency (NOT_FOUND for anyone else).")
    async def user(self, info: Info, id: strawberry.ID) -> UserType:
        return await member_view(info.context, from_global_id(id, "User")[1])
