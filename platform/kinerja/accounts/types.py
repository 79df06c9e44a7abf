"""GraphQL types for accounts and the signed-in view."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry

from ..graphql.enums import PermissionScope
from ..graphql.payloads import mutation_error_type
from ..graphql.relay import Node, to_global_id
from ..tenants.types import TenantType


@strawberry.type(name="User", description="A login account. Roles are per agency.")
class UserType(Node):
    username: str
    email: str | None
    display_name: str
    disabled: bool
    version: int
    created_at: datetime
    roles: list[str] = strawberry.field(
        default_factory=list, description="Roles in the selected agency.")

    @classmethod
    def from_row(cls, row: Any, roles: list[str] | None = None) -> UserType:
        return cls(id=to_global_id("User", row.id), username=row.username, email=row.email,
                   display_name=row.display_name, disabled=row.disabled, version=row.version,
                   created_at=row.created_at, roles=roles or [])


@strawberry.type(description="One permission: a resource, an action and how far it reaches.")
class Permission:
    resource: str
    action: str
    scope: PermissionScope


@strawberry.type(description="The signed-in user, their agencies, and what they may do.")
class Me:
    user: UserType
    tenants: list[TenantType] = strawberry.field(description="Agencies you belong to.")
    tenant: TenantType | None = strawberry.field(
        description="The agency this request acts in (X-Tenant, or your only one).")
    roles: list[str] = strawberry.field(description="Your roles in the selected agency.")
    permissions: list[Permission] = strawberry.field(
        description="Your effective permissions in the selected agency.")
    platform_roles: list[str] = strawberry.field(description="Platform-wide roles.")
    employee_id: strawberry.ID | None = strawberry.field(
        description="Your employee record in the selected agency, if linked.")


LoginError = mutation_error_type("Login", ("INVALID_CREDENTIALS", "TOO_MANY_ATTEMPTS"))


@strawberry.type(description="Result of `login`: a bearer token for the Authorization header.")
class LoginPayload:
    token: str | None = None
    expires_at: datetime | None = None
    user: UserType | None = None
    errors: list[LoginError] = strawberry.field(default_factory=list)
