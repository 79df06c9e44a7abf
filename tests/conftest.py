"""Fixtures: every test runs on SQLite and on PostgreSQL (as a non-owner role under RLS).

Each backend is migrated once per session with the real Alembic migrations. Each test runs
inside an outer transaction on one connection; every session the app opens joins it through
SAVEPOINTs, and the test rolls everything back at the end.

Data sets are committed once per backend, each into its own copy of the migrated database:
a test that uses `world` (two agencies, tests/support/world.py) runs on the world's copy, one
that uses `demo` (the Pauh demo with its cycle) on the demo's copy, any other on the empty
migrated database. Each sees exactly what it saw when the data was loaded in its own rolled-back
transaction, without paying for the load again.
PostgreSQL: KINERJA_TEST_DATABASE_URL (default the local server); unreachable means skip,
unless KINERJA_REQUIRE_POSTGRES=1, which makes it a failure. With KINERJA_TEST_CITUS_WORKERS
that URL is a Citus coordinator and only the PostgreSQL backend runs, on distributed
databases (tests/support/citus.py, `make test-citus`).
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import os
import sqlite3
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine

from kinerja.app import Services, create_app
from kinerja.config import Settings
from kinerja.db import Database, asyncpg_dsn, create_engine
from kinerja.demo.load import load_demo
from kinerja.demo.pauh import build_demo
from kinerja.edge.schema import build_gate, build_schema
from kinerja.migrate import upgrade
from kinerja.ops.app_role import ensure_app_role
from tests.support import citus
from tests.support.api import Api
from tests.support.world import World, build_world

DEFAULT_PG = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
APP_ROLE = "kinerja_app_test"
TEST_SETTINGS = Settings(database_url="sqlite+aiosqlite://", environment="test")
SCHEMA = build_schema(TEST_SETTINGS)


# Fixtures whose data is committed once per backend (see `Backend.dataset`), and how to load it.
DATASETS: dict[str, Callable[[Database], Awaitable[Any]]] = {
    "world": lambda db: load_demo(db, build_world()),
    "demo": lambda db: _load_pauh_demo(db),
}


async def _load_pauh_demo(db: Database):
    data = build_demo()
    return data, await load_demo(db, data, with_cycle=True)


# The test engines keep their connections between tests (a new PostgreSQL connection costs
# ~17 ms); each test still gets its own outer transaction, rolled back at its end, and every
# setting the platform makes is transaction-local (set_config(..., true)).
TEST_POOL: dict[str, Any] = {"pool_size": 2, "max_overflow": 8}


@dataclass
class Dataset:
    engine: AsyncEngine  # the application's engine on the data set's own database
    database: str  # its SQLite file or PostgreSQL database name
    loaded: Any = None  # what the loader returned


@dataclass
class Backend:
    name: str
    engine: AsyncEngine  # connects as the application (non-owner role on PostgreSQL)
    app_url: str
    owner_url: str
    # data set name -> its database (a copy of the migrated one, made before any test ran)
    datasets: dict[str, Dataset] = field(default_factory=dict)

    server_url: str | None = None  # PostgreSQL: where databases are created and dropped

    async def dataset(self, name: str) -> Dataset:
        """The committed data set `name`, loaded as the application on first use."""
        dataset = self.datasets[name]
        if dataset.loaded is None:
            dataset.loaded = await DATASETS[name](Database(dataset.engine))
        return dataset

    @contextlib.asynccontextmanager
    async def copy_of(self, name: str, folder: Path) -> AsyncIterator[str]:
        """A database of its own holding data set `name` as loaded, for tests that commit
        (a real server); yields the URL the application connects with; dropped afterwards.
        Call it between tests: nobody may be connected to the data set's database."""
        dataset = await self.dataset(name)
        await dataset.engine.dispose()  # its idle pooled connections
        if self.name == "sqlite":
            target = folder / f"{name}-copy.sqlite3"
            _copy_sqlite(dataset.database, str(target))
            yield f"sqlite+aiosqlite:///{target}"
            return
        copy_name, owner_url = await _copy_pg_database(self.server_url, dataset.database)
        try:
            await ensure_test_app_role(owner_url)
            if citus.enabled():  # a new database, not a copy: load the data set into it
                engine = create_engine(_app_url(owner_url), poolclass=sa.pool.NullPool)
                await DATASETS[name](Database(engine))
                await engine.dispose()
            yield _app_url(owner_url)
        finally:
            await _drop_pg_database(self.server_url, copy_name)


# With pytest-xdist (`make test` runs two workers, --dist loadgroup), the tests that share an
# expensive set-up run on one worker, which pays for it once per backend: the Pauh demo (its
# tests and the fuzz server on a copy of it), and the modules whose module-scoped fixture builds
# its own database. Grouped by path and backend in the controller (`_xdist_group`): xdist's
# own `xdist_group` marker renames node IDs, which pytest 9 no longer lets it do.
DEMO_PATHS = ("tests/test_demo_", "tests/fuzz/test_graphql_fuzz.py",
              "tests/api/test_official_documents.py", "tests/browser/")
SHARED_SETUP_MODULES = ("tests/api/test_concurrency.py", "tests/test_cli.py")


def _xdist_group(nodeid: str) -> str | None:
    path = nodeid.split("::", 1)[0]
    if path.startswith(DEMO_PATHS):
        group = "demo"
    elif path in SHARED_SETUP_MODULES:
        group = path
    else:
        return None
    kind = next((k for k in ("sqlite", "postgresql") if f"[{k}" in nodeid), "")
    return f"{group}@{kind}"


def pytest_xdist_make_scheduler(config, log):
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadGroupScheduling

    # Groups where their tests are collected (all SQLite tests come before all PostgreSQL ones),
    # not biggest first: a worker that ran the PostgreSQL demo first would set the SQLite
    # backend up after it, and PostgreSQL again later.
    config.option.loadscopereorder = False

    class Scheduling(LoadGroupScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return _xdist_group(nodeid) or super()._split_scope(nodeid)

    return Scheduling(config, log)


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


async def ensure_test_app_role(owner_url: str) -> None:
    """`ensure_app_role`, tried again when another test process (an xdist worker) creates or
    alters the same cluster-wide role at the same moment ("tuple concurrently updated")."""
    for attempt in range(10):
        try:
            await ensure_app_role(owner_url, APP_ROLE)
            return
        except (asyncpg.UniqueViolationError, asyncpg.DuplicateObjectError,
                asyncpg.InternalServerError):
            if attempt == 9:
                raise
            await asyncio.sleep(0.1 * (attempt + 1))


async def _admin_execute(base_url: str, statement: str) -> None:
    """One statement on the server's maintenance connection (CREATE/DROP DATABASE)."""
    conn = await asyncpg.connect(asyncpg_dsn(base_url))
    try:
        await conn.execute(statement)
    finally:
        await conn.close()


def _owner_url(base_url: str, name: str) -> str:
    return make_url(base_url).set(database=name).render_as_string(hide_password=False)


async def _create_pg_database(base_url: str) -> tuple[str, str]:
    name = f"kinerja_test_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    if citus.enabled():
        await citus.create_database(base_url, name)
    else:
        await _admin_execute(base_url, f'CREATE DATABASE "{name}"')
    return name, _owner_url(base_url, name)


async def _drop_pg_database(base_url: str, name: str) -> None:
    if citus.enabled():
        await citus.drop_database(base_url, name)
        return
    await _admin_execute(base_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


async def migrate_test_database(owner_url: str) -> None:
    """Migrate to head; on a Citus cluster then distribute (`kinerja distribute`)."""
    await upgrade(owner_url)
    if citus.enabled():
        await citus.distribute_test_database(owner_url)


def _copy_sqlite(source: str, target: str) -> None:
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


async def _copy_pg_database(base_url: str, template: str) -> tuple[str, str]:
    """A copy of `template` (nobody may be connected to it): its name and owner URL. On
    Citus a new database migrated the same way (shards cannot be copied by TEMPLATE)."""
    if citus.enabled():
        name, owner_url = await _create_pg_database(base_url)
        await migrate_test_database(owner_url)
        return name, owner_url
    name = f"{template}_{uuid.uuid4().hex[:4]}"
    await _admin_execute(base_url, f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    return name, _owner_url(base_url, name)


def _app_url(owner_url: str) -> str:
    return make_url(owner_url).set(username=APP_ROLE, password=None).render_as_string(
        hide_password=False)


BACKENDS = ["postgresql"] if citus.enabled() else ["sqlite", "postgresql"]


@pytest.fixture(scope="session", params=BACKENDS)
async def backend(request, tmp_path_factory) -> AsyncIterator[Backend]:
    if request.param == "sqlite":
        folder = tmp_path_factory.mktemp("db")
        url = f"sqlite+aiosqlite:///{folder / 'kinerja.sqlite3'}"
        await upgrade(url)
        datasets = {}
        for name in DATASETS:
            target = folder / f"{name}.sqlite3"
            _copy_sqlite(str(folder / "kinerja.sqlite3"), str(target))
            datasets[name] = Dataset(create_engine(f"sqlite+aiosqlite:///{target}",
                                                   **TEST_POOL), str(target))
        engine = create_engine(url, **TEST_POOL)
        yield Backend("sqlite", engine, url, url, datasets)
        await engine.dispose()
        for dataset in datasets.values():
            await dataset.engine.dispose()
        return
    base = os.environ.get("KINERJA_TEST_DATABASE_URL", DEFAULT_PG)
    if not await _postgres_reachable(asyncpg_dsn(base)):
        message = f"PostgreSQL not reachable at {make_url(base).render_as_string()}"
        if os.environ.get("KINERJA_REQUIRE_POSTGRES") == "1":
            pytest.fail(message + " and KINERJA_REQUIRE_POSTGRES=1")
        pytest.skip(message)
    name, owner_url = await _create_pg_database(base)
    names = [name]
    datasets: dict[str, Dataset] = {}
    try:
        await migrate_test_database(owner_url)
        await ensure_test_app_role(owner_url)
        for dataset in DATASETS:  # copies now, while nobody is connected to the template
            copy_name, copy_owner_url = await _copy_pg_database(base, name)
            names.append(copy_name)
            await ensure_test_app_role(copy_owner_url)  # CONNECT on the new database
            datasets[dataset] = Dataset(create_engine(_app_url(copy_owner_url), **TEST_POOL),
                                        copy_name)
        app_url_text = _app_url(owner_url)
        engine = create_engine(app_url_text, **TEST_POOL)
        yield Backend("postgresql", engine, app_url_text, owner_url, datasets, server_url=base)
        await engine.dispose()
    finally:
        for dataset in datasets.values():
            await dataset.engine.dispose()
        for copy_name in names:
            await _drop_pg_database(base, copy_name)


@pytest.fixture
async def db(request, backend: Backend) -> AsyncIterator[Database]:
    """The test's rolled-back connection: to the database of the data set it uses, if any."""
    wanted = [name for name in DATASETS if name in request.fixturenames]
    if len(wanted) > 1:
        raise pytest.UsageError(f"{request.node.nodeid} uses data sets {wanted}: one at most")
    engine = (await backend.dataset(wanted[0])).engine if wanted else backend.engine
    async with engine.connect() as conn:
        outer = await conn.begin()
        try:
            yield Database(engine, bind=conn)
        finally:
            await outer.rollback()


@pytest.fixture
def settings() -> Settings:
    return TEST_SETTINGS


# Document gates shared by the tests of this process, one per (limits, introspection): the gate
# remembers only documents that passed every check, keyed by their text, and what it remembers
# depends on nothing else (no tenant, no data), as in a server process that serves many
# requests. A test module that inspects or counts the gate's own work sets OWN_DOCUMENT_GATE.
_SHARED_GATES: dict[tuple, Any] = {}


def _document_gate(request, settings: Settings):
    if getattr(request.module, "OWN_DOCUMENT_GATE", False):
        return None  # Services builds a new one
    key = (settings.limits, settings.introspection)
    if key not in _SHARED_GATES:
        _SHARED_GATES[key] = build_gate(SCHEMA, settings)
    return _SHARED_GATES[key]


@pytest.fixture
def services(request, db: Database, settings: Settings) -> Services:
    """Per test: its own policy store and response cache (nothing a rolled-back test saw
    survives it); the document gate is shared (see _SHARED_GATES)."""
    return Services(settings, db, schema=SCHEMA, documents=_document_gate(request, settings))


@pytest.fixture
async def client(services: Services) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(services=services)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://kinerja.test") as http:
        yield http


@pytest.fixture
async def world(backend: Backend, db: Database, settings: Settings) -> World:
    """Two agencies (tests/support/world.py), committed once per backend."""
    dataset = await backend.dataset("world")
    assert db.engine is dataset.engine
    return World(copy.deepcopy(dataset.loaded), settings)


@pytest.fixture
async def demo(backend: Backend, db: Database):
    """The Pauh demo with its running 2026 cycle (`load_demo(with_cycle=True)`, as the CLI
    loads it), committed once per backend: (DemoData, LoadedDemo)."""
    dataset = await backend.dataset("demo")
    assert db.engine is dataset.engine
    return copy.deepcopy(dataset.loaded)


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
def sql_counter(db: Database):
    """Counts the statements sent on the test's database (any connection of its engine)."""
    counter = StatementCounter()
    sa.event.listen(db.engine.sync_engine, "before_cursor_execute", counter)
    yield counter
    sa.event.remove(db.engine.sync_engine, "before_cursor_execute", counter)
