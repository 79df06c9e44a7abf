"""Tampering with committed audit rows as the owner (bypassing the app role's grants, as an
attacker with database access would) is detected by `kinerja audit-verify` and the
`verifyAuditTrail` query, which both name the first broken link."""

from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta
from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from kinerja import cli
from kinerja.audit.chain import event_hash
from kinerja.audit.verify import verify_all, verify_chain
from kinerja.graphql.relay import to_global_id
from kinerja.models import AuditChainHead, AuditEvent

T = AuditEvent.__table__
H = AuditChainHead.__table__
VERIFY = ("{verifyAuditTrail{ok eventsChecked headSeq headHash "
          "firstBroken{seq eventId problem message}}}")
EVENTS = 6


def _at(agency, seq: int):
    return sa.and_(T.c.tenant_id == agency.id, T.c.seq == seq)


async def _chain(fresh, agency) -> dict[int, object]:
    rows = await fresh.owner_rows(sa.select(T).where(T.c.tenant_id == agency.id))
    return {r.seq: r for r in rows}


def _forged(agency, seq: int, prev: str, at) -> dict:
    event = SimpleNamespace(id=uuid.uuid4(), seq=seq, at=at, actor_user_id=None,
                            action="role.assign", object_type="User", object_id="forged",
                            before=None, after={"roles": ["admin"]})
    return {**vars(event), "tenant_id": agency.id, "prev_hash": prev,
            "event_hash": event_hash(agency.id, event, prev)}


def _rehashed(agency, row, prev: str, **changes) -> dict:
    event = SimpleNamespace(**{**row._asdict(), **changes})
    return {**changes, "prev_hash": prev, "event_hash": event_hash(agency.id, event, prev)}


# Each tamper: async (fresh, agency, chain) -> (problem, seq, the seq (after tampering) of
# the event the report names, or None)
async def actor_rewritten(fresh, agency, chain):
    await fresh.owner_execute(sa.update(T).where(_at(agency, 3)).values(actor_user_id=uuid.uuid4()))
    return "CONTENT_CHANGED", 3, 3


async def time_backdated(fresh, agency, chain):
    await fresh.owner_execute(sa.update(T).where(_at(agency, 3)).values(
        at=chain[3].at - timedelta(days=30)))
    return "CONTENT_CHANGED", 3, 3


async def before_changed(fresh, agency, chain):
    await fresh.owner_execute(sa.update(T).where(_at(agency, 2)).values(before={"n": 99}))
    return "CONTENT_CHANGED", 2, 2


async def after_removed(fresh, agency, chain):
    await fresh.owner_execute(sa.update(T).where(_at(agency, 5)).values(after=None))
    return "CONTENT_CHANGED", 5, 5


async def event_deleted(fresh, agency, chain):
    await fresh.owner_execute(sa.delete(T).where(_at(agency, 3)))
    return "MISSING", 3, 4


async def last_event_deleted(fresh, agency, chain):
    await fresh.owner_execute(sa.delete(T).where(_at(agency, EVENTS)))
    return "MISSING", EVENTS, None


async def first_event_deleted(fresh, agency, chain):
    await fresh.owner_execute(sa.delete(T).where(_at(agency, 1)))
    return "MISSING", 1, 2


async def event_inserted_after_the_head(fresh, agency, chain):
    last = chain[EVENTS]
    await fresh.owner_execute(sa.insert(T).values(
        _forged(agency, EVENTS + 1, last.event_hash, last.at + timedelta(seconds=1))))
    return "BEYOND_HEAD", EVENTS + 1, EVENTS + 1


async def event_inserted_before_the_first(fresh, agency, chain):
    await fresh.owner_execute(sa.insert(T).values(
        _forged(agency, 0, "0" * 64, chain[1].at - timedelta(seconds=1))))
    return "OUT_OF_ORDER", 0, 0


async def events_swapped(fresh, agency, chain):
    await fresh.owner_execute(
        sa.update(T).where(_at(agency, 3)).values(seq=-3),
        sa.update(T).where(_at(agency, 4)).values(seq=3),
        sa.update(T).where(_at(agency, -3)).values(seq=4))
    return "CONTENT_CHANGED", 3, 3  # the event now numbered 3 is the old 4th


async def rewritten_and_rehashed(fresh, agency, chain):
    """The attacker knows the format and recomputes the changed event's hash."""
    values = _rehashed(agency, chain[3], chain[2].event_hash, actor_user_id=uuid.uuid4())
    await fresh.owner_execute(sa.update(T).where(_at(agency, 3)).values(**values))
    return "LINK_BROKEN", 4, 4


async def backdated_and_whole_tail_rewritten(fresh, agency, chain):
    """Every later hash and the head recomputed: only the clock gives it away."""
    prev, statements, at = chain[2].event_hash, [], chain[1].at - timedelta(hours=1)
    for seq in range(3, EVENTS + 1):
        changes = {"at": at} if seq == 3 else {}
        values = _rehashed(agency, chain[seq], prev, **changes)
        statements.append(sa.update(T).where(_at(agency, seq)).values(**values))
        prev = values["event_hash"]
    statements.append(sa.update(H).where(H.c.tenant_id == agency.id).values(head_hash=prev))
    await fresh.owner_execute(*statements)
    return "OUT_OF_ORDER", 3, 3


async def head_rolled_back(fresh, agency, chain):
    """Hiding the newest event by moving the head back: it is now beyond the head."""
    await fresh.owner_execute(sa.update(H).where(H.c.tenant_id == agency.id).values(
        seq=EVENTS - 1, head_hash=chain[EVENTS - 1].event_hash))
    return "BEYOND_HEAD", EVENTS, EVENTS


async def head_hash_changed(fresh, agency, chain):
    await fresh.owner_execute(sa.update(H).where(H.c.tenant_id == agency.id).values(
        head_hash="f" * 64))
    return "LINK_BROKEN", EVENTS, None


TAMPERS = [actor_rewritten, time_backdated, before_changed, after_removed, event_deleted,
           last_event_deleted, first_event_deleted, event_inserted_after_the_head,
           event_inserted_before_the_first, events_swapped, rewritten_and_rehashed,
           backdated_and_whole_tail_rewritten, head_rolled_back, head_hash_changed]


async def _cli(monkeypatch, capsys, fresh, *args: str) -> tuple[int, str]:
    monkeypatch.setenv("KINERJA_DATABASE_URL", fresh.app_url)
    monkeypatch.delenv("KINERJA_MIGRATION_DATABASE_URL", raising=False)
    capsys.readouterr()
    code = await asyncio.to_thread(cli.main, ["audit-verify", *args])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


async def test_an_untouched_trail_verifies_and_new_events_continue_it(fresh, monkeypatch, capsys):
    agency = await fresh.agency("intact")
    await fresh.events(agency.id, 5, per_transaction=2)
    await fresh.events(agency.id, 4)
    [verdict] = await verify_all(fresh.app, agency.slug)
    assert verdict.ok and verdict.events_checked == 9 and verdict.head.seq == 9
    code, output = await _cli(monkeypatch, capsys, fresh, "--tenant", agency.slug)
    assert code == 0 and f"{agency.slug}: ok, 9 event(s)" in output, output
    # every agency and the platform (this test runs before the tampering ones in this module)
    code, output = await _cli(monkeypatch, capsys, fresh)
    assert code == 0 and "platform: ok" in output and "audit trail intact" in output, output
    code, output = await _cli(monkeypatch, capsys, fresh, "--tenant", "no-such-agency")
    assert code == 1 and "no tenant with slug" in output


@pytest.mark.parametrize("tamper", TAMPERS, ids=[t.__name__ for t in TAMPERS])
async def test_every_tampering_is_detected_at_the_first_broken_link(
        fresh, tamper, monkeypatch, capsys):
    agency = await fresh.agency("tamper")
    await fresh.events(agency.id, EVENTS)
    intact = (await fresh.gql(VERIFY, agency.auditor)).ok()["verifyAuditTrail"]
    assert intact["ok"] is True and intact["eventsChecked"] == EVENTS
    assert intact["firstBroken"] is None and intact["headSeq"] == EVENTS
    chain = await _chain(fresh, agency)
    problem, seq, named = await tamper(fresh, agency, chain)
    rows = await _chain(fresh, agency)
    event_id = rows[named].id if named is not None else None

    [verdict] = await verify_all(fresh.app, agency.slug)
    assert (verdict.broken.problem.value, verdict.broken.seq, verdict.broken.event_id) == (
        problem, seq, event_id), verdict
    answer = (await fresh.gql(VERIFY, agency.auditor)).ok()["verifyAuditTrail"]  # not cached
    assert answer["ok"] is False
    assert answer["firstBroken"]["problem"] == problem and answer["firstBroken"]["seq"] == seq
    assert answer["firstBroken"]["eventId"] == (
        to_global_id("AuditEvent", event_id) if event_id else None)
    assert answer["firstBroken"]["message"]
    code, output = await _cli(monkeypatch, capsys, fresh, "--tenant", agency.slug)
    assert code == 1 and f"BROKEN at seq {seq}" in output and problem in output, output


async def test_verification_reads_in_batches(fresh, monkeypatch):
    """A big trail is never loaded at once: every read is bounded by the batch size, and a
    break found in a later batch is still the first one."""
    from kinerja.audit.chain_repository import ChainRepository

    agency = await fresh.agency("batches")
    await fresh.events(agency.id, 23, per_transaction=23)
    sizes: list[int] = []
    original = ChainRepository.batch

    async def counted(self, chain, after, upto, size):
        rows = await original(self, chain, after, upto, size)
        sizes.append(len(rows))
        return rows

    monkeypatch.setattr(ChainRepository, "batch", counted)
    async with fresh.app.unit_of_work(tenant_id=agency.id) as session:
        verdict = await verify_chain(session, agency.id, agency.slug, batch_size=5)
    assert verdict.ok and verdict.events_checked == 23 and sizes == [5, 5, 5, 5, 3]
    await fresh.owner_execute(sa.update(T).where(_at(agency, 17)).values(action="forged"))
    sizes.clear()
    async with fresh.app.unit_of_work(tenant_id=agency.id) as session:
        verdict = await verify_chain(session, agency.id, agency.slug, batch_size=5)
    assert (verdict.broken.problem.value, verdict.broken.seq) == ("CONTENT_CHANGED", 17)
    assert verdict.events_checked == 16 and sizes == [5, 5, 5, 5]


async def test_only_auditors_and_admins_verify(fresh):
    agency = await fresh.agency("denied")
    from kinerja.models import CasbinRule, User

    async with fresh.app.unit_of_work(platform=True) as session:
        staff = User(username=f"staff.{agency.slug}", display_name="Staff")
        session.add(staff)
        await session.flush()
        session.add(CasbinRule(ptype="g", v0=str(staff.id), v1="staff", v2=str(agency.id)))
    fresh.services.policies.invalidate()
    assert (await fresh.gql(VERIFY, staff.id)).codes == ["FORBIDDEN"]
