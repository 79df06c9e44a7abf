"""SQL of usage counters (tenant rows)."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from ..kit.repository import Repository
from ..models import UsageCounter


class UsageRepository(Repository):
    async def rows(self, keys: list[tuple[str, str, date]], *,
                   lock: bool = False) -> dict[tuple[str, str, date], UsageCounter]:
        """The counters of these (kind, subject, day) keys that exist."""
        if not keys:
            return {}
        wanted = sa.tuple_(UsageCounter.kind, UsageCounter.subject, UsageCounter.day).in_(keys)
        stmt = sa.select(UsageCounter).where(wanted)
        if lock:
            stmt = stmt.with_for_update()
        found = (await self.session.execute(stmt)).scalars().all()
        return {(r.kind, r.subject, r.day): r for r in found}

    async def since(self, first_day: date, kind: str | None) -> list[UsageCounter]:
        stmt = sa.select(UsageCounter).where(UsageCounter.day >= first_day)
        if kind is not None:
            stmt = stmt.where(UsageCounter.kind == kind)
        return list((await self.session.execute(stmt)).scalars().all())

    def add(self, row: UsageCounter) -> None:
        self.session.add(row)
