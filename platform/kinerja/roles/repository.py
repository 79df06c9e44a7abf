"""casbin_rule rows of one tenant, and the tenant's custom-role rows.

Every read and write here names the tenant's domain explicitly: `_domain()` accepts only a
tenant UUID, so no API path can write a wildcard (`*`) row or touch another tenant's rows.
Reads come from the database (not the in-memory enforcer), so a request sees its own writes,
e.g. `createRole` then `assignRole` in one document.

Every change begins with `begin_change()` (the policy generation bump, which on PostgreSQL
also makes changes take turns: authz/generation_repository.py), before the service reads what
it decides on; the writers refuse to run in a session that has not begun one.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import sqlalchemy as sa

from ..authz.generation_repository import PolicyGenerationRepository
from ..authz.store import WILDCARD
from ..authz.vocabulary import PLATFORM_ROLE
from ..kit.repository import Repository
from ..models import CasbinRule, Role, User

CHANGING = "policy_change_begun"
ROLE_COLUMNS = (Role.id, Role.name, Role.description, Role.version, Role.created_at,
                Role.updated_at)


@dataclass(frozen=True, order=True)
class Grant:
    """One permission of a role: (resource, action, scope name)."""

    resource: str
    action: str
    scope: str

    @property
    def label(self) -> str:
        return f"{self.resource}:{self.action}:{self.scope}"


def _domain(tenant_id: uuid.UUID) -> str:
    if not isinstance(tenant_id, uuid.UUID):
        raise TypeError("a policy domain is always one tenant's UUID")
    return str(tenant_id)


def _user_ids(values) -> list[uuid.UUID]:
    out = []
    for value in values:
        try:
            out.append(uuid.UUID(value))
        except ValueError:
            continue
    return out


class PolicyRepository(Repository):
    """Casbin `g` (user has role in tenant) and `p` (role holds permission in tenant) rows."""

    async def begin_change(self) -> None:
        """The first statement of a role or assignment change: policy generation + 1."""
        await PolicyGenerationRepository(self.session).advance()
        self.session.info[CHANGING] = True

    def _changing(self) -> None:
        if not self.session.info.get(CHANGING):
            raise RuntimeError("a policy change must start with PolicyRepository.begin_change()")

    def _g(self, tenant_id: uuid.UUID):
        return sa.and_(CasbinRule.ptype == "g", CasbinRule.v2 == _domain(tenant_id))

    def _p(self, tenant_id: uuid.UUID):
        return sa.and_(CasbinRule.ptype == "p", CasbinRule.v1 == _domain(tenant_id))

    # --- memberships ---------------------------------------------------------------------
    async def member_ids(self, tenant_id: uuid.UUID) -> list[uuid.UUID]:
        rows = await self.all(sa.select(CasbinRule.v0).where(self._g(tenant_id)).distinct())
        return _user_ids(r.v0 for r in rows)

    async def is_member(self, user_id: uuid.UUID, tenant_id: uuid.UUID) -> bool:
        stmt = sa.select(CasbinRule.id).where(self._g(tenant_id), CasbinRule.v0 == str(user_id))
        return await self.first(stmt.limit(1)) is not None

    async def roles_of(self, user_ids: list[uuid.UUID],
                       tenant_id: uuid.UUID) -> dict[uuid.UUID, list[str]]:
        out: dict[uuid.UUID, list[str]] = {u: [] for u in user_ids}
        if not user_ids:
            return out
        rows = await self.all(
            sa.select(CasbinRule.v0, CasbinRule.v1)
            .where(self._g(tenant_id), CasbinRule.v0.in_([str(u) for u in user_ids]))
        )
        for row in rows:
            out[uuid.UUID(row.v0)].append(row.v1)
        return {u: sorted(set(r)) for u, r in out.items()}

    async def other_domains(self, user_id: uuid.UUID, tenant_id: uuid.UUID) -> list[str]:
        """Domains (other tenants, or `*` for platform roles) where the user holds a role."""
        rows = await self.all(
            sa.select(CasbinRule.v2).where(CasbinRule.ptype == "g", CasbinRule.v0 == str(user_id),
                                           CasbinRule.v2 != _domain(tenant_id)).distinct()
        )
        return sorted(r.v2 for r in rows)

    async def holders_of(self, role: str, tenant_id: uuid.UUID, *,
                         lock: bool = False) -> list[uuid.UUID]:
        """Users holding `role` here; `lock` takes row locks (PostgreSQL) for last-admin checks."""
        stmt = sa.select(CasbinRule.v0).where(self._g(tenant_id), CasbinRule.v1 == role)
        if lock:
            stmt = stmt.with_for_update()
        return _user_ids(r.v0 for r in await self.all(stmt))

    async def role_in_use(self, role: str, tenant_id: uuid.UUID) -> bool:
        """Anyone here holds `role`: a user or an app (`app:<id>`; clients/)."""
        stmt = sa.select(CasbinRule.id).where(self._g(tenant_id), CasbinRule.v1 == role)
        return await self.first(stmt.limit(1)) is not None

    async def subject_roles(self, subjects: list[str],
                            tenant_id: uuid.UUID) -> dict[str, list[str]]:
        """Roles here of Casbin subjects given as strings (apps are `app:<id>`)."""
        out: dict[str, list[str]] = {s: [] for s in subjects}
        if subjects:
            rows = await self.all(sa.select(CasbinRule.v0, CasbinRule.v1)
                                  .where(self._g(tenant_id), CasbinRule.v0.in_(subjects)))
            for row in rows:
                out[row.v0].append(row.v1)
        return {s: sorted(set(r)) for s, r in out.items()}

    async def enabled_holders_of(self, role: str, tenant_id: uuid.UUID, *,
                                 lock: bool = False) -> set[uuid.UUID]:
        """`holders_of` whose accounts are enabled (the LAST_ADMIN rule counts only those)."""
        holders = await self.holders_of(role, tenant_id, lock=lock)
        if not holders:
            return set()
        rows = await self.all(sa.select(User.id).where(User.id.in_(holders),
                                                       User.disabled.is_(False)))
        return {r.id for r in rows}

    async def platform_admin_ids(self) -> list[uuid.UUID]:
        """Holders of platform_admin (read only: the API never writes the `*` domain)."""
        rows = await self.all(sa.select(CasbinRule.v0).where(
            CasbinRule.ptype == "g", CasbinRule.v1 == PLATFORM_ROLE, CasbinRule.v2 == WILDCARD))
        return _user_ids(r.v0 for r in rows)

    async def member_counts(self, tenant_id: uuid.UUID) -> dict[str, int]:
        rows = await self.all(
            sa.select(CasbinRule.v1, sa.func.count(sa.distinct(CasbinRule.v0)))
            .where(self._g(tenant_id)).group_by(CasbinRule.v1)
        )
        return {role: int(count) for role, count in rows}

    async def add_grouping(self, user_id: uuid.UUID | str, role: str,
                           tenant_id: uuid.UUID) -> None:
        self._changing()
        self.session.add(CasbinRule(ptype="g", v0=str(user_id), v1=role, v2=_domain(tenant_id)))
        await self.session.flush()

    async def remove_grouping(self, user_id: uuid.UUID | str, role: str | None,
                              tenant_id: uuid.UUID) -> int:
        """Remove one role (or, with role None, every role) of a user in this tenant."""
        self._changing()
        stmt = sa.delete(CasbinRule).where(self._g(tenant_id), CasbinRule.v0 == str(user_id))
        if role is not None:
            stmt = stmt.where(CasbinRule.v1 == role)
        result = await self.session.execute(stmt, execution_options={"synchronize_session": False})
        return result.rowcount

    # --- role permissions ----------------------------------------------------------------
    async def grants_by_role(self, tenant_id: uuid.UUID,
                             roles: list[str] | None = None) -> dict[str, list[Grant]]:
        stmt = (sa.select(CasbinRule.v0, CasbinRule.v2, CasbinRule.v3, CasbinRule.v4)
                .where(self._p(tenant_id)))
        if roles is not None:
            stmt = stmt.where(CasbinRule.v0.in_(roles))
        out: dict[str, list[Grant]] = {}
        for role, resource, action, scope in await self.all(stmt):
            out.setdefault(role, []).append(Grant(resource, action, scope))
        return {role: sorted(set(g)) for role, g in out.items()}

    async def replace_grants(self, role: str, tenant_id: uuid.UUID, grants: list[Grant]) -> None:
        self._changing()
        await self.delete_grants(role, tenant_id)
        domain = _domain(tenant_id)
        self.session.add_all([
            CasbinRule(ptype="p", v0=role, v1=domain, v2=g.resource, v3=g.action, v4=g.scope)
            for g in grants
        ])
        await self.session.flush()

    async def delete_grants(self, role: str, tenant_id: uuid.UUID) -> None:
        self._changing()
        await self.session.execute(
            sa.delete(CasbinRule).where(self._p(tenant_id), CasbinRule.v0 == role),
            execution_options={"synchronize_session": False},
        )


class RoleRepository(Repository):
    """The `role` table: a custom role's name, description and version (tenant-filtered)."""

    async def list(self) -> list[sa.Row]:
        return await self.all(sa.select(*ROLE_COLUMNS).order_by(Role.name))

    async def row_by_name(self, name: str) -> sa.Row | None:
        return await self.first(sa.select(*ROLE_COLUMNS).where(Role.name == name))

    async def row_by_id(self, role_id: uuid.UUID) -> sa.Row | None:
        return await self.first(sa.select(*ROLE_COLUMNS).where(Role.id == role_id))

    async def get_by_name(self, name: str) -> Role | None:
        result = await self.session.execute(sa.select(Role).where(Role.name == name))
        return result.scalar_one_or_none()

    def add(self, role: Role) -> None:
        self.session.add(role)

    async def delete(self, role: Role) -> None:
        await self.session.delete(role)
        await self.session.flush()

