"""Stored-file rows (tenant-filtered ORM statements: another agency's file is not found)."""

from __future__ import annotations

import uuid

import sqlalchemy as sa

from ..kit.repository import Repository
from ..models import StoredFile

FILE_COLUMNS = (StoredFile.id, StoredFile.filename, StoredFile.content_type, StoredFile.size,
                StoredFile.sha256, StoredFile.uploaded_by, StoredFile.created_at)


class StoredFileRepository(Repository):
    async def by_id(self, file_id: uuid.UUID) -> sa.Row | None:
        return await self.first(sa.select(*FILE_COLUMNS).where(StoredFile.id == file_id))

    async def by_ids(self, file_ids: list[uuid.UUID]) -> dict[uuid.UUID, sa.Row]:
        if not file_ids:
            return {}
        rows = await self.all(sa.select(*FILE_COLUMNS).where(StoredFile.id.in_(file_ids)))
        return {r.id: r for r in rows}
