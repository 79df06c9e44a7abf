"""GraphQL types for accounts and the signed-in view."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry

from ..graphql.payloads import mutation_error_type
from ..graphql.relay import Node, PageInfo, to_global_id
from ..roles.types import Permission
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


@strawberry.type(description="A member in a page of results.")
class UserEdge:
    cursor: str
    node: UserType


@strawberry.type(description="A page of the selected agency's members (Relay connection).")
class UserConnection:
    edges: list[UserEdge]
    nodes: list[UserType] = strawberry.field(description="The nodes of `edges`, for brevity.")
    page_info: PageInfo
    total_count: int | None = strawberry.field(
        default=None, description="All matching members (computed only when selected).")


GUARD_CODES = ("PERMISSION_NOT_HELD", "RESERVED_ROLE")
CreateUserError = mutation_error_type("CreateUser", ("WEAK_PASSWORD", *GUARD_CODES))
UpdateUserError = mutation_error_type("UpdateUser", ("WEAK_PASSWORD", "SHARED_ACCOUNT",
                                                     *GUARD_CODES))
RemoveUserFromTenantError = mutation_error_type("RemoveUserFromTenant",
                                                ("LAST_ADMIN", *GUARD_CODES))
SetUserDisabledError = mutation_error_type("SetUserDisabled", ("LAST_ADMIN", "SHARED_ACCOUNT",
                                                               *GUARD_CODES))
PlatformSetUserDisabledError = mutation_error_type("PlatformSetUserDisabled", ("LAST_ADMIN",))


@strawberry.input(description="A new login that becomes a member of the selected agency.")
class CreateUserInput:
    username: str = strawberry.field(description="2-100 of a-z 0-9 . _ - (stored lowercase).")
    display_name: str
    email: str | None = None
    password: str | None = strawberry.field(
        default=None, description="At least 8 characters; omit for accounts that sign in only "
                                  "through the external identity provider (OIDC).")
    roles: list[str] = strawberry.field(
        description="Roles in the selected agency (at least one); each follows the `assignRole` "
                    "guards.")


@strawberry.input(description="Changes to a member's account; omitted fields stay as they are.")
class UpdateUserInput:
    id: strawberry.ID
    version: int | None = strawberry.field(
        default=None, description="The version you read; a stale one gives CONFLICT.")
    display_name: str | None = None
    email: str | None = strawberry.field(default=None, description="An empty string clears it.")
    password: str | None = strawberry.field(default=None, description="A new password.")


@strawberry.type(description="Result of `createUser`.")
class CreateUserPayload:
    user: UserType | None = None
    errors: list[CreateUserError] = strawberry.field(default_factory=list)


@strawberry.type(description="Result of `updateUser`.")
class UpdateUserPayload:
    user: UserType | None = None
    errors: list[UpdateUserError] = strawberry.field(default_factory=list)


@strawberry.type(description="Result of `removeUserFromTenant`.")
class RemoveUserFromTenantPayload:
    removed_user_id: strawberry.ID | None = strawberry.field(
        default=None, description="The user who is no longer a member of the agency.")
    removed_roles: list[str] = strawberry.field(
        default_factory=list, description="The roles they held in the agency.")
    errors: list[RemoveUserFromTenantError] = strawberry.field(default_factory=list)


@strawberry.type(description="Result of `setUserDisabled`.")
class SetUserDisabledPayload:
    user: UserType | None = None
    errors: list[SetUserDisabledError] = strawberry.field(default_factory=list)


@strawberry.type(description="Result of `platformSetUserDisabled`.")
class PlatformSetUserDisabledPayload:
    user: UserType | None = None
    errors: list[PlatformSetUserDisabledError] = strawberry.field(default_factory=list)


AssignRoleError = mutation_error_type("AssignRole", ("RESERVED_ROLE", "PERMISSION_NOT_HELD"))
RevokeRoleError = mutation_error_type("RevokeRole", ("RESERVED_ROLE", "PERMISSION_NOT_HELD",
                                                     "LAST_ADMIN"))


@strawberry.type(description="Result of `assignRole`.")
class AssignRolePayload:
    user: UserType | None = strawberry.field(
        default=None, description="The user with their roles in the agency after the change.")
    errors: list[AssignRoleError] = strawberry.field(default_factory=list)


@strawberry.type(description="Result of `revokeRole`.")
class RevokeRolePayload:
    user: UserType | None = strawberry.field(
        default=None, description="The user with their remaining roles in the agency.")
    errors: list[RevokeRoleError] = strawberry.field(default_factory=list)
