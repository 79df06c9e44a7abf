"""The roles an agency can use: built-in roles (policies/default_roles.csv) and its custom roles.

Also the guard every grant passes: a permission must be in the vocabulary, and the acting
administrator must hold it at an equal or wider scope (`holds`).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from ..authz.permissions import PermissionSet
from ..authz.store import PolicyStore
from ..authz.vocabulary import BUILTIN_ROLES, PLATFORM_ROLE, RESOURCES, SCOPE_NAMES, scopes_for
from ..errors import NotFound
from .repository import Grant, PolicyRepository, RoleRepository

BUILTIN_NAMESPACE = uuid.UUID("6f1c1d3e-3b1a-4c1e-9a77-6b696e65726a")
BUILTIN_DESCRIPTIONS = {
    "admin": "Agency administrator: organisation, people, accounts, roles and the audit trail.",
    "hr": "Human resources: people data of the whole agency.",
    "rater": "Rater (pejabat penilai): reads the people they rate, and themselves.",
    "parent_rater": "Rater from the parent agency (e.g. the Camat rating a Lurah): only the "
                    "SKPs and results of the people they rate here.",
    "staff": "Staff: reads their own record.",
    "auditor": "Auditor: reads everything in the agency, changes nothing.",
}


def holds(permissions: PermissionSet, grant: Grant) -> bool:
    """The grant is held at an equal or wider scope (what may be handed on)."""
    scope = SCOPE_NAMES.get(grant.scope)
    return scope is not None and permissions.covers(grant.resource, grant.action, scope)


def unheld(permissions: PermissionSet, grants: list[Grant]) -> list[Grant]:
    return [g for g in grants if not holds(permissions, g)]


@dataclass
class RoleInfo:
    name: str
    description: str
    builtin: bool
    grants: list[Grant]
    member_count: int = 0
    version: int = 0
    id: uuid.UUID = field(default_factory=uuid.uuid4)
    updated_at: datetime | None = None


def builtin_role_id(name: str) -> uuid.UUID:
    """A stable ID for a built-in role (they have no row), so `Role` can be a Relay node."""
    return uuid.uuid5(BUILTIN_NAMESPACE, name)


def vocabulary() -> list[Grant]:
    """Every permission a tenant role may hold: resource x action x allowed scope."""
    return [Grant(resource, action, scope.name.lower())
            for resource, actions in RESOURCES.items() for action in actions
            for scope in scopes_for(resource)]


VOCABULARY = frozenset(vocabulary())


def in_vocabulary(grant: Grant) -> bool:
    return grant in VOCABULARY


class RoleCatalog:
    """Read side: roles of one tenant with their permissions and member counts."""

    def __init__(self, session, store: PolicyStore, tenant_id: uuid.UUID):
        self.session = session
        self.store = store
        self.tenant_id = tenant_id
        self.policies = PolicyRepository(session)
        self.roles = RoleRepository(session)

    def is_reserved_name(self, name: str) -> bool:
        """Built-in names (tenant or platform) can never name a custom role."""
        return name in BUILTIN_ROLES or self.store.is_builtin(name)

    def builtin_names(self) -> list[str]:
        return [r for r in self.store.builtin_roles() if r != PLATFORM_ROLE]

    def builtin_grants(self, name: str) -> list[Grant]:
        return sorted({Grant(r.resource, r.action, r.scope)
                       for r in self.store.role_policies(name, None)})

    def _builtin(self, name: str, counts: dict[str, int]) -> RoleInfo:
        return RoleInfo(name=name, description=BUILTIN_DESCRIPTIONS.get(name, ""), builtin=True,
                        grants=self.builtin_grants(name), member_count=counts.get(name, 0),
                        id=builtin_role_id(name))

    @staticmethod
    def _custom(row, grants: dict[str, list[Grant]], counts: dict[str, int]) -> RoleInfo:
        return RoleInfo(name=row.name, description=row.description, builtin=False,
                        grants=grants.get(row.name, []), member_count=counts.get(row.name, 0),
                        version=row.version, id=row.id, updated_at=row.updated_at)

    async def list(self) -> list[RoleInfo]:
        counts = await self.policies.member_counts(self.tenant_id)
        grants = await self.policies.grants_by_role(self.tenant_id)
        builtins = [self._builtin(n, counts) for n in self.builtin_names()]
        custom = [self._custom(r, grants, counts) for r in await self.roles.list()]
        return builtins + custom

    async def get(self, name: str) -> RoleInfo:
        """A role usable in this tenant; platform_admin and unknown names are NOT_FOUND."""
        counts = await self.policies.member_counts(self.tenant_id)
        if name in self.builtin_names():
            return self._builtin(name, counts)
        row = await self.roles.row_by_name(name)
        if row is None:
            raise NotFound()
        grants = await self.policies.grants_by_role(self.tenant_id, [name])
        return self._custom(row, grants, counts)

    async def get_by_id(self, role_id: uuid.UUID) -> RoleInfo:
        for name in self.builtin_names():
            if builtin_role_id(name) == role_id:
                return await self.get(name)
        row = await self.roles.row_by_id(role_id)
        if row is None:
            raise NotFound()
        return await self.get(row.name)

    async def grants_of(self, name: str) -> list[Grant] | None:
        """Permissions of an assignable role here; None when no such role exists here."""
        if name in self.builtin_names():
            return self.builtin_grants(name)
        if await self.roles.row_by_name(name) is None:
            return None
        return (await self.policies.grants_by_role(self.tenant_id, [name])).get(name, [])
