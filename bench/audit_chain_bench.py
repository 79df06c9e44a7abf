"""Audit chain costs: appending (per event, one event per transaction and 100 per
transaction; serial and 16 concurrent writers of one agency) and verification throughput.

    .venv/bin/python bench/audit_chain_bench.py [--events 20000] [--backend sqlite|postgresql]

PostgreSQL: a throw-away database on BENCH_DATABASE_URL (default
postgresql+asyncpg://postgres@127.0.0.1:5432/test), dropped at the end; run as the owner
(the append path is the same for the app role). SQLite: a temporary file.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

import asyncpg
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "platform"))

from kinerja.audit.recorder import record  # noqa: E402
from kinerja.audit.verify import verify_chain  # noqa: E402
from kinerja.db import (  # noqa: E402
    Database,
    asyncpg_dsn,
    create_engine,
)
from kinerja.migrate import upgrade  # noqa: E402
from kinerja.models import Tenant  # noqa: E402

DEFAULT_PG = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"


async def _events(db: Database, tenant_id: uuid.UUID, count: int, per_tx: int) -> float:
    started = time.perf_counter()
    for start in range(0, count, per_tx):
        async with db.unit_of_work(tenant_id=tenant_id) as session:
            for n in range(start, min(count, start + per_tx)):
                await record(session, tenant_id=tenant_id, actor_user_id=uuid.uuid4(),
                             action="bench.change", object_type="Bench", object_id=n,
                             before={"n": n, "name": "Pegawai"}, after={"n": n + 1})
    return time.perf_counter() - started


async def run(url: str, events: int) -> None:
    db = Database(create_engine(url, **({} if url.startswith("sqlite") else
                                        {"pool_size": 16, "max_overflow": 0})))
    async with db.unit_of_work(platform=True) as session:
        tenant = Tenant(slug=f"bench-{uuid.uuid4().hex[:6]}", name="Bench", kind="DINAS")
        session.add(tenant)
    single = await _events(db, tenant.id, 500, 1)
    print(f"append, 1 event per transaction:   {single / 500 * 1000:.2f} ms per transaction")
    batched = await _events(db, tenant.id, events, 100)
    print(f"append, 100 events per transaction: {batched / events * 1e6:.0f} us per event "
          f"({events} events)")
    started = time.perf_counter()
    await asyncio.gather(*(_events(db, tenant.id, 50, 1) for _ in range(16)))
    concurrent = time.perf_counter() - started
    print(f"append, 16 concurrent writers x 50: {800 / concurrent:.0f} transactions/s")
    async with db.unit_of_work(tenant_id=tenant.id) as session:
        started = time.perf_counter()
        verdict = await verify_chain(session, tenant.id, "bench")
        elapsed = time.perf_counter() - started
    assert verdict.ok, verdict
    print(f"verify: {verdict.events_checked} events in {elapsed:.2f} s = "
          f"{verdict.events_checked / elapsed:.0f} events/s")
    await db.dispose()


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=20000)
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], default="postgresql")
    args = parser.parse_args()
    if args.backend == "sqlite":
        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite+aiosqlite:///{tmp}/bench.sqlite3"
            await upgrade(url)
            await run(url, args.events)
        return
    base = os.environ.get("BENCH_DATABASE_URL", DEFAULT_PG)
    name = f"kinerja_chain_bench_{uuid.uuid4().hex[:6]}"
    conn = await asyncpg.connect(asyncpg_dsn(base))
    await conn.execute(f'CREATE DATABASE "{name}"')
    await conn.close()
    url = make_url(base).set(database=name).render_as_string(hide_password=False)
    try:
        await upgrade(url)
        await run(url, args.events)
    finally:
        conn = await asyncpg.connect(asyncpg_dsn(base))
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await conn.close()


if __name__ == "__main__":
    asyncio.run(main())
