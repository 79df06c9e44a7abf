"""Reads of the audit chains for verification: the head and the events in `seq` order, in
keyset batches (tenant chains through the tenant filter and RLS, like every tenant read)."""

from __future__ import annotations

import uuid
from typing import Any

import sqlalchemy as sa

from ..kit.repository import Repository
from ..models import AuditChainHead, AuditEvent, PlatformChainHead, PlatformEvent, Tenant
from ..models.audit import GENESIS_HASH
from .chain import Head

FIELDS = ("id", "seq", "at", "actor_user_id", "actor_client_id", "action", "object_type",
          "object_id", "before", "after", "prev_hash", "event_hash")


class ChainRepository(Repository):
    """`chain` is a tenant id, or None for the platform chain."""

    async def tenant_chains(self, slug: str | None) -> list[Any]:
        """(id, slug) of every agency, active or not, or of the one agency `slug`; needs a
        platform-scope session (the tenant table is global)."""
        stmt = sa.select(Tenant.id, Tenant.slug)
        if slug is not None:
            stmt = stmt.where(Tenant.slug == slug)
        return await self.all(stmt)

    @staticmethod
    def _model(chain: uuid.UUID | None) -> Any:
        return PlatformEvent if chain is None else AuditEvent

    async def head(self, chain: uuid.UUID | None) -> Head:
        if chain is None:
            stmt = sa.select(PlatformChainHead.seq, PlatformChainHead.head_hash).where(
                PlatformChainHead.id == 1)
        else:
            stmt = sa.select(AuditChainHead.seq, AuditChainHead.head_hash).where(
                AuditChainHead.tenant_id == chain)
        row = await self.first(stmt)
        return Head(0, GENESIS_HASH) if row is None else Head(int(row.seq), row.head_hash)

    async def batch(self, chain: uuid.UUID | None, after_seq: int | None, upto_seq: int,
                    size: int) -> list[Any]:
        """Up to `size` events with after_seq < seq <= upto_seq, in seq order (None: from the
        smallest sequence number stored, even a forged zero or negative one)."""
        model = self._model(chain)
        stmt = sa.select(*(getattr(model, f) for f in FIELDS)).where(model.seq <= upto_seq)
        if after_seq is not None:
            stmt = stmt.where(model.seq > after_seq)
        return await self.all(stmt.order_by(model.seq).limit(size))

    async def first_beyond(self, chain: uuid.UUID | None, seq: int) -> Any | None:
        model = self._model(chain)
        return await self.first(sa.select(model.id, model.seq).where(model.seq > seq)
                                .order_by(model.seq).limit(1))
