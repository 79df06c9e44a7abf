"""Cross-process policy invalidation on PostgreSQL: LISTEN/NOTIFY on `kinerja_policy`.

Role changes run `SELECT pg_notify('kinerja_policy', ...)` inside their transaction; PostgreSQL
delivers it only on commit, to every listening server process, which marks its PolicyStore
stale. On SQLite (one process) the in-process invalidation after commit is enough.
"""

from __future__ import annotations

import asyncio
import logging

import asyncpg
import sqlalchemy as sa
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncSession

from .store import PolicyStore

CHANNEL = "kinerja_policy"
log = logging.getLogger("kinerja.authz")


async def notify_policy_change(session: AsyncSession) -> None:
    if session.get_bind().dialect.name == "postgresql":
        await session.execute(sa.text("SELECT pg_notify(:channel, 'changed')"),
                              {"channel": CHANNEL})


def asyncpg_dsn(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


class PolicyListener:
    """Keeps one LISTEN connection; reconnects (and invalidates) if it drops."""

    def __init__(self, url: str, store: PolicyStore):
        self.dsn = asyncpg_dsn(url)
        self.store = store
        self._task: asyncio.Task[None] | None = None
        self._connection: asyncpg.Connection | None = None
        self.ready = asyncio.Event()

    def _on_notify(self, *_args: object) -> None:
        self.store.invalidate()

    async def _run(self) -> None:
        while True:
            try:
                self._connection = await asyncpg.connect(self.dsn)
                await self._connection.add_listener(CHANNEL, self._on_notify)
                self.store.invalidate()  # we may have missed changes while disconnected
                self.ready.set()
                while not self._connection.is_closed():
                    await asyncio.sleep(1)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.warning("policy listener disconnected; retrying", exc_info=True)
            self.ready.clear()
            await asyncio.sleep(2)

    async def start(self) -> None:
        self._task = asyncio.create_task(self._run())
        try:
            await asyncio.wait_for(self.ready.wait(), timeout=10)
        except TimeoutError:
            log.warning("policy listener not ready after 10 s; continuing")

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass
        if self._connection and not self._connection.is_closed():
            await self._connection.close()
