"""Tenant root queries."""

from __future__ import annotations

import strawberry

from ..graphql.context import Info
from ..graphql.permissions import Authenticated
from .repository import TenantRepository
from .types import TenantType


@strawberry.type
class TenantQueries:
    @strawberry.field(
        permission_classes=[Authenticated],
        description="Agencies: all of them for a platform administrator, else your own.",
    )
    async def tenants(self, info: Info, include_inactive: bool = False) -> list[TenantType]:
        ctx = info.context
        platform = ctx.platform_permissions.allows("tenant", "read")
        ids = None if platform else ctx.member_tenant_ids
        rows = await TenantRepository(ctx.session).list(ids, include_inactive and platform)
        return [TenantType.from_row(r) for r in rows]
