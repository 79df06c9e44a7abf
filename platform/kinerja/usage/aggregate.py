"""Counting usage in memory and merging it into the per-day rows (pure).

A request adds one call to each of its subjects: its app (APP, the client id), the published
document it ran (DOCUMENT, "<client id> <document id>") and every view it ran (VIEW, the key).
Latency goes into fixed buckets, so counts from many processes and days add up exactly and a
percentile is read off the merged buckets: p50/p95 are the upper bound of the bucket where the
cumulative count reaches 50 % / 95 % (so "p95 <= 250 ms", at the buckets' resolution).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

BUCKETS_MS = (1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000)  # + overflow
KINDS = ("APP", "DOCUMENT", "VIEW")
MAX_SUBJECT = 160


def bucket_of(duration_ms: float) -> int:
    for index, bound in enumerate(BUCKETS_MS):
        if duration_ms <= bound:
            return index
    return len(BUCKETS_MS)


@dataclass
class Tally:
    calls: int = 0
    failed: int = 0  # calls that ended with any error
    errors: dict[str, int] = field(default_factory=dict)
    buckets: list[int] = field(default_factory=lambda: [0] * (len(BUCKETS_MS) + 1))
    last_used_at: datetime | None = None

    def add(self, codes: list[str], duration_ms: float, at: datetime) -> None:
        self.calls += 1
        self.failed += 1 if codes else 0
        for code in set(codes):
            self.errors[code] = self.errors.get(code, 0) + 1
        self.buckets[bucket_of(duration_ms)] += 1
        if self.last_used_at is None or at > self.last_used_at:
            self.last_used_at = at

    def merge(self, other: Tally) -> None:
        self.calls += other.calls
        self.failed += other.failed
        for code, count in other.errors.items():
            self.errors[code] = self.errors.get(code, 0) + count
        self.buckets = [a + b for a, b in zip(_padded(self.buckets), _padded(other.buckets),
                                              strict=True)]
        if other.last_used_at and (self.last_used_at is None
                                   or other.last_used_at > self.last_used_at):
            self.last_used_at = other.last_used_at

    def percentile(self, share: float) -> int | None:
        """The bucket bound (ms) the cumulative count reaches `share` in; None: no calls;
        beyond the last bound: that bound (it is a lower bound then)."""
        total = sum(self.buckets)
        if total == 0:
            return None
        running = 0
        for index, count in enumerate(self.buckets):
            running += count
            if running >= share * total:
                return BUCKETS_MS[min(index, len(BUCKETS_MS) - 1)]
        return BUCKETS_MS[-1]


def _padded(buckets: list[int]) -> list[int]:
    size = len(BUCKETS_MS) + 1
    return (list(buckets) + [0] * size)[:size]


Key = tuple[uuid.UUID, str, str, date]  # tenant, kind, subject, day


class Pending:
    """This process's counts not yet written (usage/store.py flushes them)."""

    def __init__(self) -> None:
        self.tallies: dict[Key, Tally] = {}

    def add(self, tenant_id: uuid.UUID, subjects: list[tuple[str, str]], codes: list[str],
            duration_ms: float, at: datetime, day: date) -> None:
        for kind, subject in subjects:
            key = (tenant_id, kind, subject[:MAX_SUBJECT], day)
            tally = self.tallies.get(key)
            if tally is None:
                tally = self.tallies[key] = Tally()
            tally.add(codes, duration_ms, at)

    def take(self) -> dict[Key, Tally]:
        taken, self.tallies = self.tallies, {}
        return taken

    def put_back(self, tallies: dict[Key, Tally]) -> None:
        """A flush that failed: keep its counts for the next one."""
        for key, tally in tallies.items():
            mine = self.tallies.get(key)
            if mine is None:
                self.tallies[key] = tally
            else:
                mine.merge(tally)

    def of_tenant(self, tenant_id: uuid.UUID) -> dict[Key, Tally]:
        return {k: v for k, v in self.tallies.items() if k[0] == tenant_id}


def codes_of(outcome: str | None) -> list[str]:
    """Error codes of an endpoint outcome ("ok", "ok (cached)", "not modified", "A,B")."""
    if not outcome or outcome.startswith("ok") or outcome == "not modified":
        return []
    return [c for c in outcome.split(",") if c]


def tally_of(row: Any) -> Tally:
    return Tally(row.calls, row.failed, dict(row.errors or {}), _padded(row.buckets or []),
                 row.last_used_at)
