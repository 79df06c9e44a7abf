"""This process's usage counts and their flush into `usage_counter`.

Requests only add to memory (microseconds, no statement). A background task of the app
(app.py lifespan) flushes every KINERJA_USAGE_FLUSH_SECONDS and at shutdown: per agency, one
unit of work reads the day rows it adds to (locked on PostgreSQL), adds, and inserts the new
ones; a concurrent insert by another process (unique key) makes it retry once. A failed flush
keeps its counts for the next one. Reports merge the rows with this process's unflushed
counts, so a reader never waits for a flush.
"""

from __future__ import annotations

import logging
import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy.exc import IntegrityError

from ..models import UsageCounter
from .aggregate import Key, Pending, Tally, tally_of
from .repository import UsageRepository

log = logging.getLogger("kinerja.usage")


@dataclass(frozen=True)
class Stat:
    kind: str
    subject: str
    tally: Tally


class UsageStore:
    def __init__(self) -> None:
        self.pending = Pending()

    def observe(self, tenant_id: uuid.UUID | None, subjects: list[tuple[str, str]],
                codes: list[str], duration_ms: float, at: datetime, day: date) -> None:
        if tenant_id is not None and subjects:
            self.pending.add(tenant_id, subjects, codes, duration_ms, at, day)

    async def flush(self, db: Any) -> int:
        """Write the pending counts; -> how many counters were written."""
        taken = self.pending.take()
        by_tenant: dict[uuid.UUID, dict[Key, Tally]] = defaultdict(dict)
        for key, tally in taken.items():
            by_tenant[key[0]][key] = tally
        written = 0
        for tenant_id, tallies in by_tenant.items():
            try:
                written += await self._flush_tenant(db, tenant_id, tallies)
            except IntegrityError:  # another process inserted the same day row: once more
                try:
                    written += await self._flush_tenant(db, tenant_id, tallies)
                except Exception:
                    log.warning("usage flush failed", exc_info=True)
                    self.pending.put_back(tallies)
            except Exception:
                log.warning("usage flush failed", exc_info=True)
                self.pending.put_back(tallies)
        return written

    @staticmethod
    async def _flush_tenant(db: Any, tenant_id: uuid.UUID, tallies: dict[Key, Tally]) -> int:
        async with db.unit_of_work(tenant_id=tenant_id) as session:
            repo = UsageRepository(session)
            keys = [(k[1], k[2], k[3]) for k in tallies]
            existing = await repo.rows(keys, lock=True)
            for (_, kind, subject, day), tally in tallies.items():
                row = existing.get((kind, subject, day))
                if row is None:
                    repo.add(UsageCounter(tenant_id=tenant_id, kind=kind, subject=subject,
                                          day=day, calls=tally.calls, failed=tally.failed,
                                          errors=dict(tally.errors),
                                          buckets=list(tally.buckets),
                                          last_used_at=tally.last_used_at))
                    continue
                merged = tally_of(row)
                merged.merge(tally)
                row.calls, row.failed = merged.calls, merged.failed
                row.errors, row.buckets = merged.errors, merged.buckets
                row.last_used_at = merged.last_used_at or row.last_used_at
        return len(tallies)

    async def report(self, session: Any, tenant_id: uuid.UUID, today: date, days: int,
                     kind: str | None) -> list[Stat]:
        """Per subject over the last `days` days (today included), most used first."""
        first_day = today - timedelta(days=days - 1)
        merged: dict[tuple[str, str], Tally] = {}
        for row in await UsageRepository(session).since(first_day, kind):
            merged.setdefault((row.kind, row.subject), Tally()).merge(tally_of(row))
        for (_, k, subject, day), tally in self.pending.of_tenant(tenant_id).items():
            if day >= first_day and (kind is None or k == kind):
                merged.setdefault((k, subject), Tally()).merge(tally)
        stats = [Stat(k, s, t) for (k, s), t in merged.items()]
        return sorted(stats, key=lambda s: (-s.tally.calls, s.kind, s.subject))
