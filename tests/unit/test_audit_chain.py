"""The canonical content of an audit event is fixed (format version 1): an independent
verifier can recompute every hash from the README's description alone."""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, datetime, timedelta, timezone
from types import SimpleNamespace

from kinerja.audit.chain import ChainVerifier, Head, Problem, canonical_content, event_hash

TENANT = uuid.UUID("01900000-0000-7000-8000-000000000001")
EVENT = SimpleNamespace(
    id=uuid.UUID("01900000-0000-7000-8000-0000000000aa"), seq=1,
    at=datetime(2026, 11, 28, 8, 30, 0, 123456, tzinfo=timezone(timedelta(hours=7))),
    actor_user_id=None, action="role.assign", object_type="User", object_id="u-1",
    before={"roles": ["staff"]}, after={"roles": ["staff", "hr"], "catatan": "ubah ✓"})
PREV = "0" * 64


def test_the_canonical_content_is_sorted_compact_ascii_json():
    assert canonical_content(TENANT, EVENT, PREV) == (
        b'{"action":"role.assign","actor":null,"after":{"catatan":"ubah \\u2713","roles":'
        b'["staff","hr"]},"at":"2026-11-28T01:30:00.123456Z","before":{"roles":["staff"]},'
        b'"id":"01900000-0000-7000-8000-0000000000aa","object_id":"u-1","object_type":"User",'
        b'"prev":"' + PREV.encode() + b'","seq":1,'
        b'"tenant":"01900000-0000-7000-8000-000000000001","v":1}')


def test_the_hash_is_sha256_of_the_canonical_content():
    expected = hashlib.sha256(canonical_content(TENANT, EVENT, PREV)).hexdigest()
    assert event_hash(TENANT, EVENT, PREV) == expected
    assert event_hash(None, EVENT, PREV) != expected  # the tenant is part of the content
    naive = SimpleNamespace(**{**vars(EVENT), "at": EVENT.at.astimezone(UTC).replace(tzinfo=None)})
    assert event_hash(TENANT, naive, PREV) == expected  # SQLite gives naive UTC back


def _chain(count: int) -> list[SimpleNamespace]:
    events, prev = [], PREV
    for seq in range(1, count + 1):
        event = SimpleNamespace(**{**vars(EVENT), "seq": seq, "id": uuid.uuid4(),
                                   "at": EVENT.at + timedelta(seconds=seq), "prev_hash": prev})
        event.event_hash = prev = event_hash(TENANT, event, prev)
        events.append(event)
    return events


def test_the_verifier_stops_at_the_first_broken_link():
    events = _chain(4)
    ok = ChainVerifier(TENANT)
    assert all(ok.feed(e) for e in events)
    ok.finish(Head(4, events[-1].event_hash), None)
    assert ok.broken is None and ok.checked == 4
    events[1].object_id, events[2].object_id = "changed", "changed too"
    broken = ChainVerifier(TENANT)
    assert [broken.feed(e) for e in events] == [True, False, False, False]
    assert (broken.broken.seq, broken.broken.problem, broken.checked) == (
        2, Problem.CONTENT_CHANGED, 1)
