"""Verify an audit chain end to end, streaming: events are read in batches in `seq` order
and checked one by one (kinerja.audit.chain.ChainVerifier), so memory does not grow with the
trail. Used by `kinerja audit-verify` and the `verifyAuditTrail` query."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from .chain import ChainVerifier, Verdict
from .chain_repository import ChainRepository

BATCH_SIZE = 1000


async def verify_chain(session: AsyncSession, chain: uuid.UUID | None, label: str,
                       batch_size: int = BATCH_SIZE) -> Verdict:
    """`chain`: a tenant id (the session must be scoped to it) or None for the platform.

    The head is read first: events appended while verifying come after it and are left for
    the next run, so a busy agency verifies without false alarms."""
    repo = ChainRepository(session)
    head = await repo.head(chain)
    verifier = ChainVerifier(chain)
    after: int | None = None
    going = True
    while going:
        rows = await repo.batch(chain, after, head.seq, batch_size)
        for row in rows:
            if not verifier.feed(row):
                going = False
                break
        if len(rows) < batch_size:
            break
        after = int(rows[-1].seq)
    beyond = await repo.first_beyond(chain, head.seq) if verifier.broken is None else None
    verifier.finish(head, beyond)
    return Verdict(chain=label, events_checked=verifier.checked, head=head,
                   broken=verifier.broken)


async def verify_all(db, slug: str | None = None) -> list[Verdict]:
    """Every agency's chain and the platform chain, or one agency's (`slug`); each chain in
    its own read-only transaction, tenant-scoped as RLS demands. LookupError: unknown slug."""
    async with db.unit_of_work(platform=True, write=False) as session:
        tenants = await ChainRepository(session).tenant_chains(
            None if slug is None else slug.strip().lower())
    if slug is not None and not tenants:
        raise LookupError(slug)
    verdicts = []
    for tenant in sorted(tenants, key=lambda t: t.slug):
        async with db.unit_of_work(tenant_id=tenant.id, write=False) as session:
            verdicts.append(await verify_chain(session, tenant.id, tenant.slug))
    if slug is None:
        async with db.unit_of_work(platform=True, write=False) as session:
            verdicts.append(await verify_chain(session, None, "platform"))
    return verdicts
