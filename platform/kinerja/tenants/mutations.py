"""Tenant lifecycle mutations (platform administrators)."""

from __future__ import annotations

import strawberry

from ..errors import FieldError, NotFound
from ..graphql.context import Info
from ..graphql.payloads import answer, to_payload_errors
from ..graphql.permissions import PlatformCan
from ..graphql.relay import from_global_id
from .service import TenantInput, TenantService
from .types import (
    CreateTenantError,
    CreateTenantInput,
    CreateTenantPayload,
    TenantType,
    UpdateTenantError,
    UpdateTenantInput,
    UpdateTenantPayload,
)


def _parent(raw: strawberry.ID | None) -> tuple[object, list[FieldError]]:
    if raw is None:
        return None, []
    try:
        return from_global_id(raw, "Tenant")[1], []
    except NotFound:
        return None, [FieldError("parentId", "UNKNOWN_REFERENCE")]


@strawberry.type
class TenantMutations:
    @strawberry.mutation(permission_classes=[PlatformCan("tenant", "write")],
                         description="Create an agency (platform administrators).")
    async def create_tenant(self, info: Info, input: CreateTenantInput) -> CreateTenantPayload:
        ctx = info.context
        parent_id, errors = _parent(input.parent_id)
        if errors:
            return CreateTenantPayload(
                errors=to_payload_errors(CreateTenantError, errors, ctx.language))
        data = TenantInput(slug=input.slug, name=input.name, kind=input.kind.value,
                           parent_id=parent_id)
        service = TenantService(ctx.actor)
        return await answer(ctx, lambda: service.create(data), CreateTenantPayload,
                            CreateTenantError, lambda r: {"tenant": TenantType.from_row(r)})

    @strawberry.mutation(permission_classes=[PlatformCan("tenant", "write")],
                         description="Change an agency, or (de)activate it with `active`.")
    async def update_tenant(self, info: Info, input: UpdateTenantInput) -> UpdateTenantPayload:
        ctx = info.context
        tenant_id = from_global_id(input.id, "Tenant")[1]
        parent_id, errors = _parent(input.parent_id)
        if errors:
            return UpdateTenantPayload(
                errors=to_payload_errors(UpdateTenantError, errors, ctx.language))
        data = TenantInput(slug=input.slug, name=input.name,
                           kind=input.kind.value if input.kind else None,
                           parent_id=parent_id, clear_parent=input.clear_parent)
        service = TenantService(ctx.actor)
        return await answer(ctx,
                            lambda: service.update(tenant_id, data, input.version, input.active),
                            UpdateTenantPayload, UpdateTenantError,
                            lambda r: {"tenant": TenantType.from_row(r)})

    @strawberry.mutation(permission_classes=[PlatformCan("tenant", "write")],
                         description="Deactivate an agency: its members can no longer select it.")
    async def deactivate_tenant(self, info: Info, id: strawberry.ID,
                                version: int | None = None) -> UpdateTenantPayload:
        ctx = info.context
        tenant_id = from_global_id(id, "Tenant")[1]
        service = TenantService(ctx.actor)
        return await answer(ctx,
                            lambda: service.update(tenant_id, TenantInput(), version, active=False),
                            UpdateTenantPayload, UpdateTenantError,
                            lambda r: {"tenant": TenantType.from_row(r)})
