"""Appends new audit events to their chains when the session flushes them.

`record()` only adds the event to the unit of work; here, at flush time, each chain touched by
the flush is advanced in one statement that also locks its head (`UPDATE ... SET seq = seq + n
RETURNING`): a row lock on PostgreSQL (READ COMMITTED re-reads the row a concurrent writer
committed), the database write lock on SQLite. The lock is held until the transaction ends,
so no other writer can read the same head and fork the chain; the unique (tenant_id, seq)
constraint would refuse a fork anyway. Then the events get their seq, time (never earlier
than their predecessor's), prev_hash and event_hash, and the head takes the last hash.

Heads are locked in a fixed order (platform first, then tenants by id). Every event added to
a session, by `record()` or directly, is chained: nothing can bypass it through the ORM.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from ..models import AuditChainHead, AuditEvent, PlatformChainHead, PlatformEvent
from ..models.audit import GENESIS_HASH
from .chain import event_hash, stored_json

PLATFORM = None  # the chain key of platform events
_TENANT_HEAD = AuditChainHead.__table__
_PLATFORM_HEAD = PlatformChainHead.__table__


def _head_table(chain: uuid.UUID | None) -> tuple[sa.Table, Any]:
    if chain is PLATFORM:
        return _PLATFORM_HEAD, _PLATFORM_HEAD.c.id == 1
    return _TENANT_HEAD, _TENANT_HEAD.c.tenant_id == chain


def _create_head(conn: sa.Connection, chain: uuid.UUID | None) -> None:
    """A chain without a head yet (a new agency): create it; a concurrent creator wins."""
    table, _ = _head_table(chain)
    values = {"id": 1} if chain is PLATFORM else {"tenant_id": chain}
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    conn.execute(dialect.insert(table).values(seq=0, head_hash=GENESIS_HASH, **values)
                 .on_conflict_do_nothing())


def _advance(conn: sa.Connection, chain: uuid.UUID | None, count: int) -> Any:
    """Reserve `count` sequence numbers and lock the head; -> (seq, head_hash, head_at) after."""
    table, where = _head_table(chain)
    stmt = (sa.update(table).where(where).values(seq=table.c.seq + count)
            .returning(table.c.seq, table.c.head_hash, table.c.head_at))
    row = conn.execute(stmt).first()
    if row is None:
        _create_head(conn, chain)
        row = conn.execute(stmt).first()
    return row


def append(conn: sa.Connection, chain: uuid.UUID | None, events: list[Any]) -> None:
    head = _advance(conn, chain, len(events))
    seq, prev, last_at = head.seq - len(events), head.head_hash, head.head_at
    for item in sorted(events, key=lambda e: (e.at, e.id)):
        seq += 1
        if last_at is not None and item.at < last_at:
            item.at = last_at  # a chain's time never runs backwards
        item.before, item.after = stored_json(item.before), stored_json(item.after)
        item.seq, item.prev_hash = seq, prev
        item.event_hash = prev = event_hash(chain, item, prev)
        last_at = item.at
    table, where = _head_table(chain)
    conn.execute(sa.update(table).where(where).values(head_hash=prev, head_at=last_at))


def _pending(session: Session) -> dict[uuid.UUID | None, list[Any]]:
    chains: dict[uuid.UUID | None, list[Any]] = defaultdict(list)
    for obj in session.new:
        if isinstance(obj, AuditEvent) and obj.seq is None:
            chains[obj.tenant_id].append(obj)
        elif isinstance(obj, PlatformEvent) and obj.seq is None:
            chains[PLATFORM].append(obj)
    return chains


def chain_new_events(session: Session, _flush_context, _instances) -> None:
    """The `before_flush` hook of every session (installed by db.py, `FLUSH_HOOKS`)."""
    chains = _pending(session)
    if not chains:
        return
    conn = session.connection()
    for chain in sorted(chains, key=lambda c: (c is not PLATFORM, str(c))):
        append(conn, chain, chains[chain])

