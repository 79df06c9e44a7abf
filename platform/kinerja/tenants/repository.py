"""Tenant rows (a global table: the tenant is the partition key itself)."""

from __future__ import annotations

import uuid

import sqlalchemy as sa

from ..authz.actor import TenantRef
from ..kit.repository import Repository
from ..models import Tenant

COLUMNS = (Tenant.id, Tenant.slug, Tenant.name, Tenant.kind, Tenant.parent_id, Tenant.active,
           Tenant.version, Tenant.created_at)


class TenantRepository(Repository):
    async def ref_by_slug(self, slug: str) -> TenantRef | None:
        row = await self.first(
            sa.select(Tenant.id, Tenant.slug, Tenant.name, Tenant.active).where(Tenant.slug == slug)
        )
        return TenantRef(*row) if row else None

    async def list(self, ids: list[uuid.UUID] | None, include_inactive: bool) -> list[sa.Row]:
        stmt = sa.select(*COLUMNS).order_by(Tenant.name, Tenant.id)
        if ids is not None:
            stmt = stmt.where(Tenant.id.in_(ids))
        if not include_inactive:
            stmt = stmt.where(Tenant.active.is_(True))
        return await self.all(stmt)

    async def rows_by_ids(self, ids: list[uuid.UUID]) -> dict[uuid.UUID, sa.Row]:
        rows = await self.all(sa.select(*COLUMNS).where(Tenant.id.in_(ids)))
        return {r.id: r for r in rows}

    async def get(self, tenant_id: uuid.UUID) -> Tenant | None:
        return await self.session.get(Tenant, tenant_id)

    async def slug_taken(self, slug: str, except_id: uuid.UUID | None = None) -> bool:
        stmt = sa.select(Tenant.id).where(Tenant.slug == slug)
        if except_id is not None:
            stmt = stmt.where(Tenant.id != except_id)
        return await self.first(stmt) is not None

    async def ancestors_of(self, tenant_id: uuid.UUID) -> list[uuid.UUID]:
        """Parent chain (for cycle checks); tenant trees are shallow."""
        chain: list[uuid.UUID] = []
        current: uuid.UUID | None = tenant_id
        while current is not None and current not in chain:
            chain.append(current)
            current = await self.scalar(sa.select(Tenant.parent_id).where(Tenant.id == current))
        return chain

    async def bump_data_version(self, tenant_id: uuid.UUID | None) -> None:
        """Invalidate cached responses of one agency (or of all, for platform-level changes)."""
        stmt = sa.update(Tenant).values(data_version=Tenant.data_version + 1)
        if tenant_id is not None:
            stmt = stmt.where(Tenant.id == tenant_id)
        await self.session.execute(stmt, execution_options={"synchronize_session": False})

    def add(self, tenant: Tenant) -> None:
        self.session.add(tenant)
