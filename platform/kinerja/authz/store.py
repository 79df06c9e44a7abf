"""The in-memory Casbin enforcer, loaded from policies/ (defaults) and casbin_rule (tenants).

Requests never call enforce() per row: they take the principal's effective PermissionSet for
the tenant, computed once and cached until the policies change.

Freshness is decided by the database, not by messages: every role or assignment change
increments `policy_state.generation` in its own transaction (authz/generation_repository.py),
and every request's identity statement reads the committed generation. A process whose loaded
generation is older reloads before it decides anything, so no request that starts after a
change committed sees the old policy, in any process, whoever made the change (API or CLI).
"""

from __future__ import annotations

import asyncio
import csv
import uuid
from dataclasses import dataclass
from pathlib import Path

import casbin
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from ..config import PROJECT_ROOT
from ..models import CasbinRule
from .generation_repository import PolicyGenerationRepository
from .permissions import PermissionSet
from .vocabulary import PLATFORM_ROLE, SCOPE_NAMES, Scope

POLICY_DIR = PROJECT_ROOT / "policies"
WILDCARD = "*"


@dataclass(frozen=True)
class PolicyRow:
    role: str
    domain: str
    resource: str
    action: str
    scope: str


def read_default_policies(path: Path = POLICY_DIR / "default_roles.csv") -> list[PolicyRow]:
    rows: list[PolicyRow] = []
    with path.open(newline="") as handle:
        for record in csv.reader(handle, skipinitialspace=True):
            if not record or record[0].startswith("#"):
                continue
            ptype, role, domain, resource, action, scope = (v.strip() for v in record)
            if ptype != "p":
                raise ValueError(f"{path}: only p rows belong in the default policies")
            rows.append(PolicyRow(role, domain, resource, action, scope))
    return rows


class PolicyStore:
    def __init__(self, model_path: Path = POLICY_DIR / "model.conf"):
        self._model_path = model_path
        self._defaults = read_default_policies()
        self._enforcer = self._new_enforcer([], [])
        self._lock = asyncio.Lock()
        self._cache: dict[tuple[str, str], PermissionSet] = {}
        self._tenant_ids: dict[uuid.UUID, list[uuid.UUID]] = {}  # per user, until a reload
        self.generation = 0  # reloads in this process (part of the response cache key)
        self.policy_generation = -1  # the database's generation the enforcer reflects
        self._invalidations = 0
        self._loaded_invalidations = -1

    def _new_enforcer(self, p_rows: list[list[str]], g_rows: list[list[str]]) -> casbin.Enforcer:
        enforcer = casbin.Enforcer(str(self._model_path))
        defaults = [[r.role, r.domain, r.resource, r.action, r.scope] for r in self._defaults]
        if defaults:
            enforcer.add_policies(defaults)
        if p_rows:
            enforcer.add_policies(p_rows)
        if g_rows:
            enforcer.add_grouping_policies(g_rows)
        return enforcer

    def invalidate(self) -> None:
        """Reload before the next decision whatever the generation says (for rows written
        without a generation bump, e.g. by tests). A reload already running when this is
        called does not count: it may have read before the change."""
        self._invalidations += 1

    def is_current(self, committed: int) -> bool:
        """Loaded, not invalidated since, and at least as new as the `committed` generation."""
        return (self._loaded_invalidations == self._invalidations
                and self.policy_generation >= committed)

    async def ensure_fresh(self, session: AsyncSession, committed: int = 0) -> None:
        """Reload unless current, reading in `session`: the request's own, whose identity
        statement has just read `committed` (a second connection per request could exhaust
        the pool while a burst of requests waits for one reload). Requests that find a reload
        running wait for it, then look again: a state only counts as current once a reload
        that read it has finished (nothing is marked fresh before the read)."""
        if self.is_current(committed):
            return
        async with self._lock:
            if not self.is_current(committed):
                await self.reload(session, committed)

    async def reload(self, session: AsyncSession, committed: int | None = None) -> None:
        """`committed`: the generation the caller has just read in `session` (the rules read
        now are at least that new); without it, it is read first."""
        invalidations = self._invalidations  # an invalidate() from now on is not covered
        if committed is None:
            committed = await PolicyGenerationRepository(session).read()
        result = await session.execute(
            sa.select(col(CasbinRule.ptype), col(CasbinRule.v0), col(CasbinRule.v1),
                      col(CasbinRule.v2), col(CasbinRule.v3), col(CasbinRule.v4))
        )
        p_rows: list[list[str]] = []
        g_rows: list[list[str]] = []
        for ptype, v0, v1, v2, v3, v4 in result.all():
            if ptype == "p":
                p_rows.append([v0, v1, v2, v3, v4])
            elif ptype == "g":
                g_rows.append([v0, v1, v2])
        self._enforcer = self._new_enforcer(p_rows, g_rows)
        self._cache = {}
        self._tenant_ids = {}
        self.generation += 1
        self.policy_generation = committed
        self._loaded_invalidations = invalidations

    # --- questions answered from memory -------------------------------------------------
    def roles_of(self, user_id: uuid.UUID | str, tenant_id: uuid.UUID) -> list[str]:
        return sorted(self._enforcer.get_roles_for_user_in_domain(str(user_id), str(tenant_id)))

    def tenant_ids_of(self, user_id: uuid.UUID) -> list[uuid.UUID]:
        """The agencies where the user holds a role; remembered until the next reload (every
        request asks, and Casbin filters all grouping rows each time)."""
        found = self._tenant_ids.get(user_id)
        if found is None:
            rows = self._enforcer.get_filtered_grouping_policy(0, str(user_id))
            found = self._tenant_ids[user_id] = sorted(
                {uuid.UUID(r[2]) for r in rows if r[2] != WILDCARD})
        return list(found)

    def is_platform_admin(self, user_id: uuid.UUID) -> bool:
        rows = self._enforcer.get_filtered_grouping_policy(0, str(user_id), PLATFORM_ROLE, WILDCARD)
        return bool(rows)

    def role_policies(self, role: str, tenant_id: uuid.UUID | None) -> list[PolicyRow]:
        """Permissions of a role as seen from a tenant: its own rows plus wildcard defaults."""
        domains = {WILDCARD} if tenant_id is None else {WILDCARD, str(tenant_id)}
        return [
            PolicyRow(*row)
            for row in self._enforcer.get_filtered_policy(0, role)
            if row[1] in domains
        ]

    def builtin_roles(self) -> list[str]:
        return sorted({r.role for r in self._defaults})

    def is_builtin(self, role: str) -> bool:
        return any(r.role == role for r in self._defaults)

    def enforce(self, user_id: uuid.UUID, tenant_id: uuid.UUID, resource: str, action: str) -> bool:
        """One Casbin decision; used by tests to prove PermissionSet agrees with Casbin."""
        return bool(self._enforcer.enforce(str(user_id), str(tenant_id), resource, action))

    def app_permissions(self, subject: str, tenant_id: uuid.UUID) -> PermissionSet:
        """An app's permissions in its agency: its roles' grants at TENANT scope only. An app
        is no employee, so what a role grants over one's own data, subordinates or unit
        (OWN, SUBORDINATES, UNIT) gives an app nothing rather than something unintended."""
        held = self.permissions_for(subject, tenant_id)
        grants = {k: v for k, v in held.grants.items() if v >= Scope.TENANT}
        return PermissionSet(grants, held.roles)

    def permissions_for(self, user_id: uuid.UUID | str,
                        tenant_id: uuid.UUID | None) -> PermissionSet:
        key = (str(user_id), str(tenant_id))
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        grants: dict[tuple[str, str], int] = {}
        if tenant_id is None:  # platform scope: only the platform role counts
            roles = ([PLATFORM_ROLE] if isinstance(user_id, uuid.UUID)
                     and self.is_platform_admin(user_id) else [])
        else:  # tenant scope: only roles held in that tenant
            roles = self.roles_of(user_id, tenant_id)
        for role in roles:
            for row in self.role_policies(role, tenant_id):
                scope = SCOPE_NAMES.get(row.scope)
                if scope is None:
                    continue
                key2 = (row.resource, row.action)
                grants[key2] = max(grants.get(key2, 0), int(scope))
        permission_set = PermissionSet(grants, tuple(roles))
        self._cache[key] = permission_set
        return permission_set
