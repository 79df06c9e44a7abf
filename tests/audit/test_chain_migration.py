"""Migration 0012 on a database with history: existing events are chained per agency in
(at, id) order, the heads are set, and new events continue the backfilled chains."""

from __future__ import annotations

import os
import uuid
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.pool import NullPool

from kinerja.audit.recorder import record, record_platform
from kinerja.audit.verify import verify_all
from kinerja.db import Database, create_engine
from kinerja.migrate import upgrade
from tests.conftest import DEFAULT_PG, _create_pg_database, _drop_pg_database

BASE = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
TENANT = sa.table("tenant", sa.column("id", sa.Uuid()), sa.column("slug", sa.String()),
                  sa.column("name", sa.String()), sa.column("kind", sa.String()),
                  sa.column("active", sa.Boolean()), sa.column("version", sa.Integer()),
                  sa.column("data_version", sa.Integer()),
                  sa.column("created_at", sa.DateTime(timezone=True)),
                  sa.column("updated_at", sa.DateTime(timezone=True)))


def _columns() -> list:
    return [sa.column("id", sa.Uuid()), sa.column("at", sa.DateTime(timezone=True)),
            sa.column("actor_user_id", sa.Uuid()), sa.column("action", sa.String()),
            sa.column("object_type", sa.String()), sa.column("object_id", sa.String()),
            sa.column("before", sa.JSON()), sa.column("after", sa.JSON())]


def _event(at_offset: int, n: int, **extra) -> dict:
    return {"id": uuid.uuid4(), "at": BASE + timedelta(seconds=at_offset), "actor_user_id": None,
            "action": "old.change", "object_type": "Old", "object_id": str(n),
            "before": None, "after": {"n": n, "teks": "lama ✓"}, **extra}


@pytest.fixture
async def old_database(backend, tmp_path):
    """A database at revision 0011 (before the chain)."""
    name = None
    if backend.name == "sqlite":
        url = f"sqlite+aiosqlite:///{tmp_path / 'old.sqlite3'}"
    else:
        name, url = await _create_pg_database(os.environ.get("KINERJA_TEST_DATABASE_URL",
                                                             DEFAULT_PG))
    try:
        await upgrade(url, "0011")
        yield url
    finally:
        if name is not None:
            await _drop_pg_database(os.environ.get("KINERJA_TEST_DATABASE_URL", DEFAULT_PG),
                                    name)


async def test_existing_events_are_chained_in_time_order(old_database):
    engine = create_engine(old_database, poolclass=NullPool)
    tenants = {slug: uuid.uuid4() for slug in ("lama-a", "lama-b", "kosong")}
    # inserted out of time order, with two events at the same instant (ordered by id)
    offsets = [5, 1, 3, 3, 9, 0]
    events = {slug: [_event(o, n, tenant_id=tenant_id) for n, o in enumerate(offsets)]
              for slug, tenant_id in tenants.items() if slug != "kosong"}
    audit = sa.table("audit_event", sa.column("tenant_id", sa.Uuid()), *_columns())
    platform = sa.table("platform_event", *_columns())
    async with engine.begin() as conn:
        for slug, tenant_id in tenants.items():
            await conn.execute(sa.insert(TENANT).values(
                id=tenant_id, slug=slug, name=slug, kind="DINAS", active=True, version=1,
                data_version=0, created_at=BASE, updated_at=BASE))
        for rows in events.values():
            await conn.execute(sa.insert(audit), rows)
        await conn.execute(sa.insert(platform), [_event(o, n) for n, o in enumerate([2, 1])])
    await engine.dispose()

    await upgrade(old_database)

    db = Database(create_engine(old_database, poolclass=NullPool))
    try:
        verdicts = {v.chain: v for v in await verify_all(db)}
        assert {c: (v.ok, v.events_checked, v.head.seq) for c, v in verdicts.items()} == {
            "lama-a": (True, 6, 6), "lama-b": (True, 6, 6), "kosong": (True, 0, 0),
            "platform": (True, 2, 2)}
        async with db.engine.connect() as conn:
            chained = (await conn.execute(
                sa.select(audit.c.id).where(audit.c.tenant_id == tenants["lama-a"])
                .order_by(sa.column("seq")))).scalars().all()
        expected = sorted(events["lama-a"], key=lambda e: (e["at"], e["id"]))
        assert chained == [e["id"] for e in expected]
        for slug in ("lama-a", "kosong"):  # new events continue the backfilled chains
            async with db.unit_of_work(tenant_id=tenants[slug]) as session:
                await record(session, tenant_id=tenants[slug], actor_user_id=None,
                             action="new.change", object_type="New", object_id=1)
        async with db.unit_of_work(platform=True) as session:
            await record_platform(session, actor_user_id=None, action="new.change",
                                  object_type="New", object_id=1)
        verdicts = {v.chain: v for v in await verify_all(db)}
        assert {c: (v.ok, v.head.seq) for c, v in verdicts.items()} == {
            "lama-a": (True, 7), "lama-b": (True, 6), "kosong": (True, 1), "platform": (True, 3)}
    finally:
        await db.dispose()

