"""Audit events of the current tenant (the session adds the tenant filter; RLS on PostgreSQL)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from ..kit.repository import Repository
from ..models import AuditEvent, User

COLUMNS = (AuditEvent.id, AuditEvent.at, AuditEvent.actor_user_id, AuditEvent.actor_client_id,
           AuditEvent.action,
           AuditEvent.object_type, AuditEvent.object_id, AuditEvent.before, AuditEvent.after,
           AuditEvent.seq, AuditEvent.prev_hash, AuditEvent.event_hash)


@dataclass(frozen=True)
class AuditFilter:
    object_type: str | None = None
    object_id: str | None = None
    actor_user_id: uuid.UUID | None = None
    hidden_object_types: tuple[str, ...] = ()  # events this reader may not see


class AuditRepository(Repository):
    @staticmethod
    def _filtered(stmt: sa.Select, flt: AuditFilter) -> sa.Select:
        if flt.object_type is not None:
            stmt = stmt.where(AuditEvent.object_type == flt.object_type)
        if flt.object_id is not None:
            stmt = stmt.where(AuditEvent.object_id == flt.object_id)
        if flt.actor_user_id is not None:
            stmt = stmt.where(AuditEvent.actor_user_id == flt.actor_user_id)
        if flt.hidden_object_types:
            stmt = stmt.where(AuditEvent.object_type.not_in(flt.hidden_object_types))
        return stmt

    async def page(self, flt: AuditFilter, first: int,
                   after: tuple[datetime, uuid.UUID] | None) -> list[Any]:
        """Newest first; keyset pagination on (at, id) descending."""
        stmt = self._filtered(sa.select(*COLUMNS), flt)
        if after is not None:
            at, last_id = after
            stmt = stmt.where(sa.or_(AuditEvent.at < at,
                                     sa.and_(AuditEvent.at == at, AuditEvent.id < last_id)))
        stmt = stmt.order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(first + 1)
        return await self.all(stmt)

    async def count(self, flt: AuditFilter) -> int:
        stmt = self._filtered(sa.select(sa.func.count(AuditEvent.id)), flt)
        return int(await self.scalar(stmt) or 0)

    async def usernames(self, ids: list[uuid.UUID]) -> dict[uuid.UUID, str]:
        if not ids:
            return {}
        rows = await self.all(sa.select(User.id, User.username).where(User.id.in_(ids)))
        return {r.id: r.username for r in rows}
