"""GraphQL types of role administration: plain objects, no resolvers below the root."""

from __future__ import annotations

from datetime import datetime

import strawberry

from ..authz.vocabulary import SCOPE_NAMES
from ..graphql.enums import PermissionScope
from ..graphql.payloads import mutation_error_type
from ..graphql.relay import Node, to_global_id
from .catalog import RoleInfo
from .repository import Grant


@strawberry.type(description="One permission: a resource, an action and how far it reaches.")
class Permission:
    resource: str
    action: str
    scope: PermissionScope


def permission_of(grant: Grant) -> Permission:
    scope = SCOPE_NAMES.get(grant.scope)
    name = scope.name if scope is not None else "TENANT"
    return Permission(resource=grant.resource, action=grant.action, scope=PermissionScope[name])


@strawberry.type(name="Role", description="A role of the selected agency: built-in or custom.")
class RoleType(Node):
    name: str = strawberry.field(description="Unique in the agency; used by `assignRole`.")
    description: str
    builtin: bool = strawberry.field(
        description="Defined in policies/default_roles.csv for every agency; cannot be changed.")
    permissions: list[Permission]
    member_count: int = strawberry.field(description="Members of the agency holding this role.")
    version: int = strawberry.field(
        description="Increases on every change (optimistic locking); 0 for built-in roles.")
    updated_at: datetime | None = strawberry.field(description="Last change; null when built in.")

    @classmethod
    def from_info(cls, info: RoleInfo) -> RoleType:
        return cls(id=to_global_id("Role", info.id), name=info.name, description=info.description,
                   builtin=info.builtin, permissions=[permission_of(g) for g in info.grants],
                   member_count=info.member_count, version=info.version,
                   updated_at=info.updated_at)


@strawberry.type(description="One entry of the permission vocabulary a custom role can hold.")
class PermissionOption:
    resource: str
    action: str
    scope: PermissionScope
    grantable: bool = strawberry.field(
        description="You hold it at this scope or wider, so you may put it in a role.")


@strawberry.input(description="One permission of a role.")
class PermissionInput:
    resource: str = strawberry.field(description="See `permissionVocabulary`.")
    action: str
    scope: PermissionScope = strawberry.field(
        description="OWN, SUBORDINATES and UNIT only for employee and reporting_line; "
                    "PLATFORM never.")

    def to_grant(self) -> Grant:
        return Grant(self.resource.strip(), self.action.strip(), self.scope.value.lower())


@strawberry.input(description="A new custom role in the selected agency.")
class CreateRoleInput:
    name: str = strawberry.field(
        description="a-z, 0-9 and _, 2-60 characters; not a built-in name.")
    description: str | None = None
    permissions: list[PermissionInput] = strawberry.field(description="At least one.")


@strawberry.input(description="Changes to a custom role; omitted fields stay as they are.")
class UpdateRoleInput:
    name: str = strawberry.field(description="The role to change (roles are not renamed).")
    version: int | None = strawberry.field(
        default=None, description="The version you read; a stale one gives CONFLICT.")
    description: str | None = None
    permissions: list[PermissionInput] | None = strawberry.field(
        default=None, description="The complete new permission list (replaces the old one).")


ROLE_CODES = ("INVALID_PERMISSION", "PERMISSION_NOT_HELD", "BUILTIN_ROLE")
CreateRoleError = mutation_error_type("CreateRole", ROLE_CODES)
UpdateRoleError = mutation_error_type("UpdateRole", ROLE_CODES)
DeleteRoleError = mutation_error_type("DeleteRole", ("BUILTIN_ROLE", "ROLE_IN_USE"))



@strawberry.type(description="Result of `createRole`.")
class CreateRolePayload:
    role: RoleType | None = None
    errors: list[CreateRoleError] = strawberry.field(default_factory=list)


@strawberry.type(description="Result of `updateRole`.")
class UpdateRolePayload:
    role: RoleType | None = None
    errors: list[UpdateRoleError] = strawberry.field(default_factory=list)


@strawberry.type(description="Result of `deleteRole`.")
class DeleteRolePayload:
    role: RoleType | None = strawberry.field(
        default=None, description="The role as it was before deletion.")
    errors: list[DeleteRoleError] = strawberry.field(default_factory=list)
