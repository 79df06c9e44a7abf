"""Removes uploads nobody ever attached (`kinerja purge-files`): per agency, the rows of files
older than the cut-off that were never attached and that no installed attachment kind uses, then
their bytes (after the commit, so a failed transaction never leaves rows without bytes).
Each removal is audited (`file.purge`, no actor)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..audit.recorder import record
from ..tenants.repository import TenantRepository
from . import attachments
from .repository import StoredFileRepository
from .storage import FileStore


@dataclass(frozen=True)
class Purged:
    tenant_slug: str
    files: int
    bytes: int


async def purge_unattached(db, store: FileStore, before: datetime) -> list[Purged]:
    """Purge every agency's never-attached uploads created before `before`."""
    references = attachments.references()
    if not references:  # attachments.install() was not called: refuse to guess
        raise RuntimeError("no attachment kinds are installed")
    async with db.unit_of_work(platform=True, write=False) as session:
        tenants = await TenantRepository(session).list(None, include_inactive=True)
    out = []
    for tenant in tenants:
        async with db.unit_of_work(tenant_id=tenant.id) as session:
            rows = await StoredFileRepository(session).purge_never_attached(before, references)
            for row in rows:
                await record(session, tenant_id=tenant.id, actor_user_id=None,
                             action="file.purge", object_type="StoredFile", object_id=row.id,
                             before={"filename": row.filename, "size": row.size})
        for row in rows:
            store.path(tenant.id, row.id).unlink(missing_ok=True)
        out.append(Purged(tenant.slug, len(rows), sum(r.size for r in rows)))
    return out
