"""The audit hash chain: canonical content, event hashes and the verifier (pure functions).

An event's hash is SHA-256 (hex) over the UTF-8 bytes of its canonical JSON: the object below
with sorted keys, no whitespace, non-ASCII as \\u escapes. `prev` is the predecessor's hash
(64 zeros for the first event), so changing, removing, inserting or reordering any event
breaks the hash of that event or the link of the next. Format version 1:

    {"v":1,"tenant":"<uuid>"|null,"seq":1,"id":"<uuid>","at":"2026-11-28T01:02:03.456789Z",
     "actor":"<uuid>"|null,"action":"...","object_type":"...","object_id":"...",
     "before":{...}|null,"after":{...}|null,"prev":"<64 hex>"}

An event made through a client app also has `"app":"<client id>"`; events without one hash
exactly as before the column existed, so older chains verify unchanged.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from ..models.audit import GENESIS_HASH

FORMAT_VERSION = 1


class Problem(StrEnum):
    """What is wrong at the first broken link of a chain."""

    CONTENT_CHANGED = "CONTENT_CHANGED"  # the event's content no longer matches its hash
    LINK_BROKEN = "LINK_BROKEN"  # its prev_hash is not its predecessor's hash
    MISSING = "MISSING"  # a sequence number is absent (an event was removed)
    OUT_OF_ORDER = "OUT_OF_ORDER"  # time runs backwards, or a sequence number repeats
    BEYOND_HEAD = "BEYOND_HEAD"  # events after the recorded head of the chain


def canonical_time(at: datetime) -> str:
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def canonical_content(tenant_id: uuid.UUID | None, event: Any, prev_hash: str) -> bytes:
    """`event` has seq, id, at, actor_user_id, action, object_type, object_id, before, after
    and maybe actor_client_id (an ORM object or a row)."""
    content = {
        "v": FORMAT_VERSION, "tenant": _text(tenant_id), "seq": int(event.seq),
        "id": str(event.id), "at": canonical_time(event.at), "actor": _text(event.actor_user_id),
        "action": event.action, "object_type": event.object_type, "object_id": event.object_id,
        "before": event.before, "after": event.after, "prev": prev_hash,
    }
    app = getattr(event, "actor_client_id", None)
    if app is not None:
        content["app"] = app
    return json.dumps(content, sort_keys=True, separators=(",", ":"),
                      ensure_ascii=True).encode("utf-8")


def event_hash(tenant_id: uuid.UUID | None, event: Any, prev_hash: str) -> str:
    return hashlib.sha256(canonical_content(tenant_id, event, prev_hash)).hexdigest()


def stored_json(value: Any) -> Any:
    """The value exactly as a reader gets it back from the JSON column (string keys, lists),
    so the hash computed before the insert is the hash recomputed after reading."""
    return None if value is None else json.loads(json.dumps(value))


@dataclass(frozen=True)
class Head:
    seq: int
    hash: str


@dataclass(frozen=True)
class Break:
    seq: int  # where the chain breaks (for MISSING: the absent number)
    event_id: uuid.UUID | None  # the event found there (None: nothing found)
    problem: Problem


@dataclass(frozen=True)
class Verdict:
    chain: str  # a tenant's slug, or "platform"
    events_checked: int
    head: Head
    broken: Break | None

    @property
    def ok(self) -> bool:
        return self.broken is None


class ChainVerifier:
    """Feed the events of one chain in `seq` order, in batches of any size; the first broken
    link is kept and nothing after it is checked. Memory does not grow with the chain."""

    def __init__(self, tenant_id: uuid.UUID | None):
        self.tenant_id = tenant_id
        self.checked = 0
        self.broken: Break | None = None
        self._seq = 0
        self._hash = GENESIS_HASH
        self._at: datetime | None = None

    def feed(self, event: Any) -> bool:
        """Check one event; False once the chain is broken (stop reading)."""
        if self.broken is not None:
            return False
        problem = self._problem(event)
        if problem is not None:
            seq = self._seq + 1 if problem is Problem.MISSING else int(event.seq)
            self.broken = Break(seq, event.id, problem)
            return False
        self.checked += 1
        self._seq, self._hash, self._at = int(event.seq), event.event_hash, event.at
        return True

    def _problem(self, event: Any) -> Problem | None:
        seq = int(event.seq)
        if seq > self._seq + 1:
            return Problem.MISSING
        if seq <= self._seq:
            return Problem.OUT_OF_ORDER
        if event_hash(self.tenant_id, event, event.prev_hash) != event.event_hash:
            return Problem.CONTENT_CHANGED
        if event.prev_hash != self._hash:
            return Problem.LINK_BROKEN
        if self._at is not None and event.at < self._at:
            return Problem.OUT_OF_ORDER
        return None

    def finish(self, head: Head, beyond: Any | None) -> None:
        """Compare the last event with the recorded head; `beyond` is the first event after
        the head's sequence number, if any."""
        if self.broken is not None:
            return
        if self._seq < head.seq:
            self.broken = Break(self._seq + 1, None, Problem.MISSING)
        elif self._hash != head.hash:
            self.broken = Break(head.seq, None, Problem.LINK_BROKEN)
        elif beyond is not None:
            self.broken = Break(int(beyond.seq), beyond.id, Problem.BEYOND_HEAD)
