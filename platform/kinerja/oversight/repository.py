"""SQL of oversight groups (global tables)."""

from __future__ import annotations

import uuid

import sqlalchemy as sa

from ..kit.repository import Repository
from ..models import OversightGroup, OversightMember, OversightViewer, Tenant, User


class OversightRepository(Repository):
    async def groups_of(self, user_id: uuid.UUID) -> list[sa.Row]:
        stmt = (sa.select(OversightGroup.id, OversightGroup.slug, OversightGroup.name)
                .join(OversightViewer, OversightViewer.group_id == OversightGroup.id)
                .where(OversightViewer.user_id == user_id).order_by(OversightGroup.slug))
        return await self.all(stmt)

    async def group(self, group_id: uuid.UUID) -> OversightGroup | None:
        return await self.session.get(OversightGroup, group_id)

    async def oversees(self, group_id: uuid.UUID, user_id: uuid.UUID) -> bool:
        stmt = sa.select(OversightViewer.user_id).where(OversightViewer.group_id == group_id,
                                                         OversightViewer.user_id == user_id)
        return await self.first(stmt) is not None

    async def members(self, group_ids: list[uuid.UUID]) -> list[sa.Row]:
        """(group_id, tenant id, slug, name) of the groups' active member agencies."""
        if not group_ids:
            return []
        stmt = (sa.select(OversightMember.group_id, Tenant.id, Tenant.slug, Tenant.name)
                .join(Tenant, Tenant.id == OversightMember.agency_id)
                .where(OversightMember.group_id.in_(group_ids), Tenant.active.is_(True))
                .order_by(Tenant.name, Tenant.id))
        return await self.all(stmt)

    async def slug_taken(self, slug: str) -> bool:
        return await self.first(sa.select(OversightGroup.id)
                                .where(OversightGroup.slug == slug)) is not None

    async def tenants_by_slug(self, slugs: list[str]) -> dict[str, uuid.UUID]:
        rows = await self.all(sa.select(Tenant.slug, Tenant.id).where(Tenant.slug.in_(slugs)))
        return {r.slug: r.id for r in rows}

    async def users_by_name(self, names: list[str]) -> dict[str, uuid.UUID]:
        rows = await self.all(sa.select(User.username, User.id).where(User.username.in_(names)))
        return {r.username: r.id for r in rows}

    def add(self, row: object) -> None:
        self.session.add(row)

    async def replace_members(self, group_id: uuid.UUID, tenant_ids: list[uuid.UUID]) -> None:
        await self.session.execute(sa.delete(OversightMember)
                                   .where(OversightMember.group_id == group_id))
        self.session.add_all([OversightMember(group_id=group_id, agency_id=t)
                              for t in tenant_ids])
        await self.session.flush()

    async def replace_viewers(self, group_id: uuid.UUID, user_ids: list[uuid.UUID]) -> None:
        await self.session.execute(sa.delete(OversightViewer)
                                   .where(OversightViewer.group_id == group_id))
        self.session.add_all([OversightViewer(group_id=group_id, user_id=u) for u in user_ids])
        await self.session.flush()
