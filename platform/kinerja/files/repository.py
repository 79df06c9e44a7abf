"""Stored-file rows (tenant-filtered ORM statements: another agency's file is not found)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from ..kit.repository import Repository
from ..models import StoredFile

FILE_COLUMNS = (StoredFile.id, StoredFile.filename, StoredFile.content_type, StoredFile.size,
                StoredFile.sha256, StoredFile.uploaded_by, StoredFile.created_at)


def _used(references: Sequence[Any]) -> sa.ColumnElement:
    """Whether some attaching column (e.g. `Evidence.file_id`) points at the file."""
    return sa.or_(*(sa.exists().where(ref.class_.tenant_id == StoredFile.tenant_id,
                                      ref == StoredFile.id) for ref in references))


class StoredFileRepository(Repository):
    async def by_id(self, file_id: uuid.UUID) -> sa.Row | None:
        return await self.first(sa.select(*FILE_COLUMNS).where(StoredFile.id == file_id))

    async def by_ids(self, file_ids: list[uuid.UUID]) -> dict[uuid.UUID, sa.Row]:
        if not file_ids:
            return {}
        rows = await self.all(sa.select(*FILE_COLUMNS).where(StoredFile.id.in_(file_ids)))
        return {r.id: r for r in rows}

    async def own_unattached(self, file_ids: list[uuid.UUID], uploader: uuid.UUID,
                             references: Sequence[Any]) -> set[uuid.UUID]:
        """Of `file_ids`, those `uploader` uploaded that nothing uses now."""
        if not file_ids:
            return set()
        stmt = sa.select(StoredFile.id).where(StoredFile.id.in_(file_ids),
                                              StoredFile.uploaded_by == uploader)
        if references:
            stmt = stmt.where(sa.not_(_used(references)))
        return set((await self.session.execute(stmt)).scalars())

    async def mark_attached(self, file_ids: list[uuid.UUID], at: datetime) -> None:
        if file_ids:
            await self.session.execute(
                sa.update(StoredFile).where(StoredFile.id.in_(file_ids),
                                            StoredFile.attached_at.is_(None))
                .values(attached_at=at), execution_options={"synchronize_session": False})

    async def purge_never_attached(self, before: datetime,
                                   references: Sequence[Any]) -> list[sa.Row]:
        """Delete uploads older than `before` that were never attached and that nothing uses;
        one statement (so a file attached meanwhile stays), returning what it deleted."""
        stmt = (sa.delete(StoredFile)
                .where(StoredFile.attached_at.is_(None), StoredFile.created_at < before,
                       sa.not_(_used(references)))
                .returning(StoredFile.id, StoredFile.filename, StoredFile.size))
        result = await self.session.execute(stmt, execution_options={
            "synchronize_session": False})
        return list(result.all())
