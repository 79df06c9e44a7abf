"""GraphQL types of tenants: plain objects, no resolvers below the root."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry

from ..graphql.enums import TenantKind
from ..graphql.payloads import mutation_error_type
from ..graphql.relay import Node, to_global_id


@strawberry.type(name="Tenant", description="An agency (instansi): the unit of data isolation.")
class TenantType(Node):
    slug: str = strawberry.field(description="Short name used in the X-Tenant header.")
    name: str
    kind: TenantKind
    parent_id: strawberry.ID | None = strawberry.field(
        description="Global ID of the overseeing agency, if any.")
    active: bool
    version: int = strawberry.field(description="Increases on every change (optimistic locking).")
    created_at: datetime

    @classmethod
    def from_row(cls, row: Any) -> TenantType:
        return cls(
            id=to_global_id("Tenant", row.id), slug=row.slug, name=row.name,
            kind=TenantKind[row.kind], active=row.active, version=row.version,
            parent_id=to_global_id("Tenant", row.parent_id) if row.parent_id else None,
            created_at=row.created_at,
        )


CreateTenantError = mutation_error_type("CreateTenant", ("CYCLE",))
UpdateTenantError = mutation_error_type("UpdateTenant", ("CYCLE",))


@strawberry.type(description="Result of `createTenant`.")
class CreateTenantPayload:
    tenant: TenantType | None = None
    errors: list[CreateTenantError] = strawberry.field(default_factory=list)


@strawberry.type(description="Result of `updateTenant` and `deactivateTenant`.")
class UpdateTenantPayload:
    tenant: TenantType | None = None
    errors: list[UpdateTenantError] = strawberry.field(default_factory=list)


@strawberry.input(description="A new agency.")
class CreateTenantInput:
    slug: str
    name: str
    kind: TenantKind
    parent_id: strawberry.ID | None = None


@strawberry.input(description="Changes to an agency; omitted fields stay as they are.")
class UpdateTenantInput:
    id: strawberry.ID
    version: int | None = strawberry.field(
        default=None, description="The version you read; a stale one gives CONFLICT.")
    slug: str | None = None
    name: str | None = None
    kind: TenantKind | None = None
    parent_id: strawberry.ID | None = None
    clear_parent: bool = False
    active: bool | None = None
