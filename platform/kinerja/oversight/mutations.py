"""Oversight-group administration (platform admins)."""

from __future__ import annotations

import strawberry

from ..graphql.context import Info
from ..graphql.payloads import answer
from ..graphql.permissions import PlatformCan
from ..graphql.relay import from_global_id
from .admin import OversightAdminService
from .queries import load_group
from .types import OversightError, OversightPayload

WRITE = [PlatformCan("tenant", "write")]


async def _shown(ctx, group_id) -> dict:
    return {"group": await load_group(ctx, group_id)}


@strawberry.type
class OversightMutations:
    @strawberry.mutation(permission_classes=WRITE, description="Create an oversight group.")
    async def create_oversight_group(self, info: Info, slug: str,
                                     name: str) -> OversightPayload:
        ctx = info.context
        return await answer(ctx, lambda: OversightAdminService(ctx.actor).create(slug, name),
                            OversightPayload, OversightError, lambda g: _shown(ctx, g))

    @strawberry.mutation(permission_classes=WRITE,
                         description="Set a group's member agencies (the whole list).")
    async def set_oversight_members(self, info: Info, group_id: strawberry.ID,
                                    tenant_slugs: list[str]) -> OversightPayload:
        ctx = info.context
        raw = from_global_id(group_id, "OversightGroup")[1]
        return await answer(ctx, lambda: OversightAdminService(ctx.actor).set_members(
            raw, tenant_slugs), OversightPayload, OversightError, lambda g: _shown(ctx, g))

    @strawberry.mutation(permission_classes=WRITE,
                         description="Set a group's overseers by username (the whole list).")
    async def set_overseers(self, info: Info, group_id: strawberry.ID,
                            usernames: list[str]) -> OversightPayload:
        ctx = info.context
        raw = from_global_id(group_id, "OversightGroup")[1]
        return await answer(ctx, lambda: OversightAdminService(ctx.actor).set_overseers(
            raw, usernames), OversightPayload, OversightError, lambda g: _shown(ctx, g))
