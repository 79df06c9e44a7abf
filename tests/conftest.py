"""Fixtures: every test runs on SQLite and on PostgreSQL (as a non-owner role under RLS).

Each backend is migrated once per session with the real Alembic migrations. Each test runs
inside an outer transaction on one connection; every session the app opens joins it through
SAVEPOINTs, and the test rolls everything back at the end.
PostgreSQL: KINERJA_TEST_DATABASE_URL (default the local server); unreachable means skip,
unless KINERJA_REQUIRE_POSTGRES=1, which makes it a failure.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass

import asyncpg
import httpx
import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.pool import NullPool

from kinerja.app import Services, create_app
from kinerja.authz.notify import asyncpg_dsn
from kinerja.config import Settings
from kinerja.db import Database, create_engine
from kinerja.graphql.schema import build_schema
from kinerja.migrate import upgrade
from kinerja.ops.app_role import ensure_app_role
from tests.support.api import Api
from tests.support.world import World, load_world

DEFAULT_PG = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
APP_ROLE = "kinerja_app_test"
TEST_SETTINGS = Settings(database_url="sqlite+aiosqlite://", environment="test")
SCHEMA = build_schema(TEST_SETTINGS)


@dataclass
class Backend:
    name: str
    engine: AsyncEngine  # connects as the application (non-owner role on PostgreSQL)
    app_url: str
    owner_url: str


def pytest_collection_modifyitems(config, items):
    """postgres_only tests never run on SQLite."""
    for item in items:
        if item.get_closest_marker("postgres_only") and "[sqlite" in item.nodeid:
            item.add_marker(pytest.mark.skip(reason="PostgreSQL-only feature"))


async def _postgres_reachable(dsn: str) -> bool:
    try:
        conn = await asyncio.wait_for(asyncpg.connect(dsn), timeout=5)
    except (OSError, asyncpg.PostgresError, TimeoutError):
        return False
    await conn.close()
    return True


async def _create_pg_database(base_url: str) -> tuple[str, str]:
    name = f"kinerja_test_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    conn = await asyncpg.connect(asyncpg_dsn(base_url))
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    owner_url = make_url(base_url).set(database=name)
    return name, owner_url.render_as_string(hide_password=False)


async def _drop_pg_database(base_url: str, name: str) -> None:
    conn = await asyncpg.connect(asyncpg_dsn(base_url))
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
async def backend(request, tmp_path_factory) -> AsyncIterator[Backend]:
    if request.param == "sqlite":
        url = f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('db') / 'kinerja.sqlite3'}"
        await upgrade(url)
        engine = create_engine(url, poolclass=NullPool)
        yield Backend("sqlite", engine, url, url)
        await engine.dispose()
        return
    base = os.environ.get("KINERJA_TEST_DATABASE_URL", DEFAULT_PG)
    if not await _postgres_reachable(asyncpg_dsn(base)):
        message = f"PostgreSQL not reachable at {make_url(base).render_as_string()}"
        if os.environ.get("KINERJA_REQUIRE_POSTGRES") == "1":
            pytest.fail(message + " and KINERJA_REQUIRE_POSTGRES=1")
        pytest.skip(message)
    name, owner_url = await _create_pg_database(base)
    try:
        await upgrade(owner_url)
        await ensure_app_role(owner_url, APP_ROLE)
        app_url = make_url(owner_url).set(username=APP_ROLE, password=None)
        app_url_text = app_url.render_as_string(hide_password=False)
        engine = create_engine(app_url_text, poolclass=NullPool)
        yield Backend("postgresql", engine, app_url_text, owner_url)
        await engine.dispose()
    finally:
        await _drop_pg_database(base, name)


@pytest.fixture
async def db(backend: Backend) -> AsyncIterator[Database]:
    async with backend.engine.connect() as conn:
        outer = await conn.begin()
        try:
            yield Database(backend.engine, bind=conn)
        finally:
            await outer.rollback()


@pytest.fixture
def settings() -> Settings:
    return TEST_SETTINGS


@pytest.fixture
def services(db: Database, settings: Settings) -> Services:
    return Services(settings, db, schema=SCHEMA)


@pytest.fixture
async def client(services: Services) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(services=services, listen_for_policy_changes=False)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://kinerja.test") as http:
        yield http


@pytest.fixture
async def world(db: Database, settings: Settings) -> World:
    return await load_world(db, settings)


@pytest.fixture
def api(client: httpx.AsyncClient, world: World) -> Api:
    return Api(client, world)


class StatementCounter:
    def __init__(self) -> None:
        self.count = 0
        self.statements: list[str] = []

    def __call__(self, conn, cursor, statement, parameters, context, executemany):
        self.count += 1
        self.statements.append(statement)


@pytest.fixture
def sql_counter(backend: Backend):
    counter = StatementCounter()
    sa.event.listen(backend.engine.sync_engine, "before_cursor_execute", counter)
    yield counter
    sa.event.remove(backend.engine.sync_engine, "before_cursor_execute", counter)
