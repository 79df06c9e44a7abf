"""Fresh databases for tests that need real commits and separate connections (concurrency,
a real server in a subprocess), instead of the rolled-back shared connection of `db`."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator

import pytest
from sqlalchemy.engine import make_url

from kinerja.db import asyncpg_dsn
from kinerja.migrate import upgrade
from tests.conftest import (
    APP_ROLE,
    DEFAULT_PG,
    _create_pg_database,
    _drop_pg_database,
    _postgres_reachable,
    ensure_test_app_role,
    migrate_test_database,
)


async def fresh_database(kind: str, tmp_path_factory) -> AsyncIterator[str]:
    """A fresh migrated database; yields the URL the application connects with (on
    PostgreSQL the non-owner app role, under row-level security); dropped afterwards."""
    if kind == "sqlite":
        url = f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('live') / 'kinerja.sqlite3'}"
        await upgrade(url)
        yield url
        return
    base = os.environ.get("KINERJA_TEST_DATABASE_URL", DEFAULT_PG)
    if not await _postgres_reachable(asyncpg_dsn(base)):
        if os.environ.get("KINERJA_REQUIRE_POSTGRES") == "1":
            pytest.fail("PostgreSQL not reachable and KINERJA_REQUIRE_POSTGRES=1")
        pytest.skip("PostgreSQL not reachable")
    name, owner_url = await _create_pg_database(base)
    try:
        await migrate_test_database(owner_url)
        await ensure_test_app_role(owner_url)
        yield make_url(owner_url).set(username=APP_ROLE, password=None).render_as_string(
            hide_password=False)
    finally:
        await _drop_pg_database(base, name)
