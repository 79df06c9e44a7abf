"""One statement per request for "who and where": the caller's account and the chosen tenant,
and the committed policy generation (so the context knows, at no extra round trip, whether
this process's in-memory policies are current: authz/store.py).

On PostgreSQL the same statement also sets the transaction's `app.tenant_id` (row-level
security) when, and only when, the tenant is active, the user is enabled and a member. The
context applies the very same rules in Python and refuses the request otherwise; this saves
two round trips per request without giving RLS any tenant the request may not use. On Citus
it calls `kinerja_set_tenant` instead, whose `SET LOCAL` reaches the workers too (the same
single statement: citus/tenant_setting.py).
"""

from __future__ import annotations

import functools
import uuid
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlmodel import col

from ..authz.actor import TenantRef
from ..authz.generation_repository import current as policy_generation
from ..citus.tenant_setting import FUNCTION as CITUS_SET_TENANT
from ..db import on_citus, platform_scope
from ..kit.repository import Repository
from ..models import Tenant, User


@dataclass(frozen=True, slots=True)
class AuthRow:
    """What authentication needs of an account (accounts/repository.py reads it by name)."""

    id: uuid.UUID
    username: str
    disabled: bool


@dataclass(frozen=True, slots=True)
class Identity:
    user: AuthRow | None
    tenant: TenantRef | None
    policy_generation: int = 0


USER_ID = sa.bindparam("user_id", type_=sa.Uuid())
SLUG = sa.bindparam("slug", type_=sa.String())
TENANT_ID = sa.bindparam("chosen_tenant_id", type_=sa.Uuid())
MEMBER_IDS: sa.BindParameter[Any] = sa.bindparam("member_ids", expanding=True)


@functools.lru_cache(maxsize=8)
def identity_statement(match: str, rls: str) -> sa.Select[Any]:
    """Built once per (how the agency is named: slug / id / none; how the RLS agency is set:
    "" on SQLite, "set_config" on PostgreSQL, "citus" through the SET LOCAL function that
    reaches the shards): every request runs it, so its values are parameters and its compiled
    form stays cached."""
    tenant_match = {"slug": col(Tenant.slug) == SLUG, "id": col(Tenant.id) == TENANT_ID,
                    "none": sa.false()}[match]
    columns: list[Any] = [User.id, User.username, User.disabled,
                          col(Tenant.id).label("t_id"), Tenant.slug, Tenant.name, Tenant.active,
                          Tenant.data_version, policy_generation().label("policy_generation")]
    if rls:
        allowed = sa.and_(col(Tenant.active).is_(True), col(User.disabled).is_(False),
                          col(Tenant.id).in_(MEMBER_IDS))
        value = sa.case((allowed, sa.cast(Tenant.id, sa.String)), else_="")
        setting = (getattr(sa.func, CITUS_SET_TENANT)(value) if rls == "citus"
                   else sa.func.set_config("app.tenant_id", value, sa.true()))
        columns.append(setting.label("rls"))
    return (sa.select(*columns).select_from(User).outerjoin(Tenant, tenant_match)
            .where(col(User.id) == USER_ID))


class IdentityRepository(Repository):
    async def resolve(self, user_id: uuid.UUID, *, slug: str | None, tenant_id: uuid.UUID | None,
                      member_ids: list[uuid.UUID]) -> Identity:
        match = "slug" if slug is not None else "id" if tenant_id is not None else "none"
        bind = self.session.get_bind()
        rls = ("" if bind.dialect.name != "postgresql"
               else "citus" if on_citus(bind) else "set_config")
        # Global tables only (User, Tenant), on the request's own connection and transaction.
        connection = await self.session.connection()
        row = (await connection.execute(identity_statement(match, rls), {
            "user_id": user_id, "slug": slug, "chosen_tenant_id": tenant_id,
            "member_ids": list(member_ids)})).first()
        if row is None:  # an unknown user: nothing is decided, the generation does not matter
            return Identity(None, None)
        user = AuthRow(row.id, row.username, row.disabled)
        tenant = (TenantRef(row.t_id, row.slug, row.name, row.active, row.data_version)
                  if row.t_id else None)
        return Identity(user, tenant, int(row.policy_generation))

    async def app_tenant(self, tenant_id: uuid.UUID) -> tuple[TenantRef | None, int]:
        """An app token's agency (with its data version) and the committed policy generation;
        no agency, no decision (the token is refused), so then the generation is moot."""
        columns: list[Any] = [col(Tenant.id), Tenant.slug, Tenant.name, Tenant.active,
                              Tenant.data_version, policy_generation().label("policy_generation")]
        stmt = sa.select(*columns).where(col(Tenant.id) == tenant_id)
        with platform_scope(self.session):
            row = await self.first(stmt)
        if row is None:
            return None, 0
        return TenantRef(row.id, row.slug, row.name, row.active, row.data_version), int(
            row.policy_generation)
