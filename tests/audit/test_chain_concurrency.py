"""Many concurrent transactions append to one agency's chain over separate connections: the
chain never forks (every writer reads the head the previous one committed) and verifies."""

from __future__ import annotations

import asyncio
import uuid
from itertools import pairwise

import sqlalchemy as sa

from kinerja.audit.recorder import record
from kinerja.audit.verify import verify_chain
from kinerja.models import AuditChainHead, AuditEvent

WRITERS, EVENTS, FLUSHES = 20, 6, 3  # each writer flushes its events in 3 batches


async def _writer(fresh, tenant_id: uuid.UUID, number: int, opened: asyncio.Barrier) -> None:
    async with fresh.app.unit_of_work(tenant_id=tenant_id) as session:
        if fresh.name == "postgresql":  # every transaction is open before anyone appends
            await session.execute(sa.text("SELECT 1"))
            await asyncio.wait_for(opened.wait(), timeout=30)
        for n in range(EVENTS):
            await record(session, tenant_id=tenant_id, actor_user_id=None,
                         action="test.concurrent", object_type="Writer", object_id=number,
                         after={"writer": number, "n": n})
            if n % (EVENTS // FLUSHES) == EVENTS // FLUSHES - 1:
                await session.flush()
                await asyncio.sleep(0.001 * (number % 3))  # interleave with the others


async def test_concurrent_writers_never_fork_the_chain(fresh):
    tenant_id = (await fresh.agency("concurrent")).id
    await fresh.events(tenant_id, 3)  # an existing chain to continue
    opened = asyncio.Barrier(WRITERS)
    await asyncio.gather(*(_writer(fresh, tenant_id, n, opened) for n in range(WRITERS)))
    async with fresh.app.unit_of_work(tenant_id=tenant_id) as session:
        rows = (await session.execute(sa.select(AuditEvent.seq, AuditEvent.after,
                                                AuditEvent.prev_hash, AuditEvent.event_hash)
                                      .order_by(AuditEvent.seq))).all()
        head = (await session.execute(sa.select(AuditChainHead.seq, AuditChainHead.head_hash)
                                      .where(AuditChainHead.tenant_id == tenant_id))).one()
        verdict = await verify_chain(session, tenant_id, "concurrent")
    total = 3 + WRITERS * EVENTS
    assert [r.seq for r in rows] == list(range(1, total + 1))
    assert all(r.prev_hash == p.event_hash for p, r in pairwise(rows))
    assert len({r.prev_hash for r in rows}) == total  # no two events share a predecessor
    assert tuple(head) == (total, rows[-1].event_hash)
    assert verdict.ok and verdict.events_checked == total, verdict
    # each writer's own events keep their order within the chain
    for number in range(WRITERS):
        mine = [r.after["n"] for r in rows if r.after and r.after.get("writer") == number]
        assert mine == list(range(EVENTS))
