"""SQL of custom views (tenant rows: criteria and RLS as everywhere)."""

from __future__ import annotations

import uuid

import sqlalchemy as sa

from ..kit.repository import Repository
from ..models import CustomView, CustomViewVersion

V = CustomViewVersion


class ViewRepository(Repository):
    async def view(self, key: str) -> CustomView | None:
        result = await self.session.execute(sa.select(CustomView).where(CustomView.key == key))
        return result.scalar_one_or_none()

    async def view_by_id(self, view_id: uuid.UUID) -> CustomView | None:
        result = await self.session.execute(sa.select(CustomView).where(CustomView.id == view_id))
        return result.scalar_one_or_none()

    async def version(self, view_id: uuid.UUID, number: int) -> CustomViewVersion | None:
        result = await self.session.execute(sa.select(V).where(V.view_id == view_id,
                                                               V.number == number))
        return result.scalar_one_or_none()

    async def current_versions(self) -> list[tuple[CustomView, CustomViewVersion]]:
        """Every view with its current version, by key."""
        stmt = (sa.select(CustomView, V)
                .join(V, sa.and_(V.tenant_id == CustomView.tenant_id, V.view_id == CustomView.id,
                                 V.number == CustomView.current_number))
                .order_by(CustomView.key))
        return [(row[0], row[1]) for row in (await self.session.execute(stmt)).all()]

    async def every_document(self) -> list[sa.Row]:
        """(key, number, document) of every version of every view (documents check)."""
        return await self.all(sa.select(CustomView.key, V.number, V.document)
                              .join(V, sa.and_(V.tenant_id == CustomView.tenant_id,
                                               V.view_id == CustomView.id))
                              .order_by(CustomView.key, V.number))

    async def numbers(self, view_id: uuid.UUID) -> list[int]:
        rows = await self.all(sa.select(V.number).where(V.view_id == view_id).order_by(V.number))
        return [r.number for r in rows]

    def add(self, row: object) -> None:
        self.session.add(row)

    async def delete(self, view: CustomView) -> None:
        await self.session.execute(sa.delete(V).where(V.view_id == view.id),
                                   execution_options={"synchronize_session": False})
        await self.session.delete(view)
        await self.session.flush()
