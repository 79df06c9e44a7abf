"""Engine and sessions; tenant scoping applied to every ORM query in depth.

Layer 2 of tenancy: the session carries its tenant and adds `tenant_id = :tenant` to every
ORM statement touching a tenant table (fails closed without a tenant unless the session was
opened in platform scope). Layer 3: on PostgreSQL each transaction sets `app.tenant_id` with
`set_config(..., true)` so row-level security filters whatever the ORM missed.

Writers on SQLite: a transaction that will write declares it before it begins
(`Database.start_writing`, done by the GraphQL endpoint for mutations, by `POST /files` and by
`unit_of_work`). It then waits for this process's write turn (one asyncio lock, FIFO, held
until the session closes) and begins with BEGIN IMMEDIATE, so it holds SQLite's write lock from
its first read: a deferred transaction that reads and then writes cannot upgrade to a writer
while another connection writes, and SQLite answers "database is locked" at once, without
honouring busy_timeout. Queries stay deferred: readers never wait in WAL mode.
"""

from __future__ import annotations

import asyncio
import functools
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, contextmanager
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, create_async_engine
from sqlalchemy.orm import ORMExecuteState, Session, with_loader_criteria

from .audit.append import chain_new_events
from .citus.tenant_setting import set_local_statement
from .kit.compiled import TENANT_KEY
from .models import TenantScoped

PLATFORM_KEY = "platform_scope"
SQLITE_BEGIN = "kinerja_sqlite_begin"  # execution option: "IMMEDIATE" for write transactions
SQLITE_BUSY_TIMEOUT_MS = 5000  # how long a writer waits for another process's write lock


class TenantScopeMissing(RuntimeError):
    """A tenant table was queried from a session that has neither tenant nor platform scope."""


def create_engine(url: str, **kwargs: Any) -> AsyncEngine:
    """Every engine Kinerja creates (server, CLI, tests). Statement parameters are input
    values (names, usernames, NIPs): they never appear in error messages (ops/logging.py)."""
    kwargs.setdefault("hide_parameters", True)
    if url.startswith("sqlite"):
        engine = create_async_engine(url, **kwargs)
        _configure_sqlite(engine)
        return engine
    if "poolclass" not in kwargs:
        kwargs.setdefault("pool_size", 10)
        kwargs.setdefault("max_overflow", 10)
    engine = create_async_engine(url, **kwargs)
    _detect_citus(engine)
    return engine


CITUS_FLAG = "kinerja_citus"  # set on the engine's dialect: the database has Citus


def _detect_citus(engine: AsyncEngine) -> None:
    """Once per engine (its first connection): does this database run Citus? Then the
    agency setting goes as `SET LOCAL`, which Citus forwards to the workers
    (citus/tenant_setting.py); set_config would stay on the coordinator."""
    dialect = engine.sync_engine.dialect

    @event.listens_for(engine.sync_engine, "first_connect")
    def _first_connect(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        cursor.execute("SELECT EXISTS (SELECT FROM pg_extension WHERE extname = 'citus')")
        setattr(dialect, CITUS_FLAG, bool(cursor.fetchone()[0]))
        cursor.close()


def on_citus(bind: Any) -> bool:
    """Whether `bind` (engine, connection, session bind) talks to a Citus database."""
    return bool(getattr(bind.dialect, CITUS_FLAG, False))


def _tenant_setting(connection: Any, tenant_id: uuid.UUID | None) -> Any:
    """The transaction's agency for row-level security: set_config on PostgreSQL, a
    `SET LOCAL` that reaches every shard on Citus."""
    if on_citus(connection):
        return connection.exec_driver_sql(set_local_statement(tenant_id))
    return connection.execute(sa.text("SELECT set_config('app.tenant_id', :tenant, true)"),
                              {"tenant": str(tenant_id) if tenant_id else ""})


def _configure_sqlite(engine: AsyncEngine) -> None:
    """Foreign keys on; let SQLAlchemy emit BEGIN so SAVEPOINTs work (documented recipe),
    BEGIN IMMEDIATE for the transactions of writers (`Database.start_writing`)."""

    @event.listens_for(engine.sync_engine, "connect")
    def _connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _begin(conn):
        immediate = conn.get_execution_options().get(SQLITE_BEGIN) == "IMMEDIATE"
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _add_tenant_criteria(state: ORMExecuteState) -> None:
    if not (state.is_select or state.is_update or state.is_delete):
        return
    if state.execution_options.get("skip_tenant_filter", False):
        return
    info = state.session.info
    tenant_id = info.get(TENANT_KEY)
    if tenant_id is None:
        if info.get(PLATFORM_KEY) or not _touches_tenant_tables(state):
            return
        raise TenantScopeMissing("tenant table queried without a tenant")
    state.statement = state.statement.options(*_tenant_criteria(tenant_id))


@functools.lru_cache(maxsize=4096)
def _tenant_criteria(tenant_id: uuid.UUID) -> tuple:
    """The criteria options for one tenant, built once: building them for every statement
    cost more than executing the statement (bench/README: ~0.25 ms a statement)."""
    return tuple(
        with_loader_criteria(model, lambda cls: cls.tenant_id == tenant_id, include_aliases=True)
        for model in tenant_models()
    )


_TENANT_MODELS: list[type] = []


def tenant_models() -> list[type]:
    """Every mapped tenant table class (criteria must name concrete mapped classes)."""
    if not _TENANT_MODELS:
        _TENANT_MODELS.extend(
            m.class_ for m in TenantScoped.__subclasses__()[0].__mapper__.registry.mappers
            if issubclass(m.class_, TenantScoped)
        )
    return _TENANT_MODELS


def _touches_tenant_tables(state: ORMExecuteState) -> bool:
    for desc in state.all_mappers:
        if issubclass(desc.class_, TenantScoped):
            return True
    return False


def _set_rls_tenant(session: Session, _transaction, connection) -> None:
    if connection.dialect.name != "postgresql":
        return
    tenant_id = session.info.get(TENANT_KEY)
    if tenant_id is None and not connection.in_nested_transaction():
        # Nothing to reset: app.tenant_id is only ever set transaction-locally, so a fresh
        # transaction starts with it empty (RLS then shows no tenant rows at all). Sessions
        # joining an enclosing transaction (SAVEPOINT) reset it explicitly.
        return
    _tenant_setting(connection, tenant_id)


class WriteTurn:
    """This process's SQLite writers, one at a time, first come first served."""

    def __init__(self) -> None:
        self._lock = asyncio.Lock()
        self._holder: asyncio.Task | None = None

    async def acquire(self) -> None:
        task = asyncio.current_task()
        if task is not None and task is self._holder:  # it would wait for itself forever
            raise RuntimeError("a second write transaction inside the one holding the SQLite "
                               "write turn (SQLite has a single writer)")
        await self._lock.acquire()
        self._holder = task

    def release(self) -> None:
        self._holder = None
        self._lock.release()


class KinerjaSession(AsyncSession):
    """A session that gives its SQLite write turn back when it closes (`start_writing`)."""

    write_turn: WriteTurn | None = None

    async def close(self) -> None:
        try:
            await super().close()
        finally:
            turn, self.write_turn = self.write_turn, None
            if turn is not None:
                turn.release()


class Database:
    """Owns the engine; opens tenant- or platform-scoped sessions.

    Tests replace `bind` with one connection inside an outer transaction, so every session
    joins it through SAVEPOINTs and the test rolls everything back.
    """

    def __init__(self, engine: AsyncEngine, bind: AsyncEngine | AsyncConnection | None = None):
        self.engine = engine
        self.bind = bind or engine
        # One process serves a SQLite file: its writers take turns here, in arrival order,
        # instead of polling SQLite's file lock (and they hold no pooled connection meanwhile).
        # Not on PostgreSQL (row locks), nor on a test's shared connection (already serial).
        separate = not isinstance(self.bind, AsyncConnection)
        self._write_turn = WriteTurn() if self.dialect == "sqlite" and separate else None

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def session(self, *, tenant_id: uuid.UUID | None = None,
                platform: bool = False) -> KinerjaSession:
        extra: dict[str, Any] = {}
        if isinstance(self.bind, AsyncConnection):
            extra["join_transaction_mode"] = "create_savepoint"
        session = KinerjaSession(bind=self.bind, expire_on_commit=False, autoflush=False, **extra)
        session.info[TENANT_KEY] = tenant_id
        session.info[PLATFORM_KEY] = platform
        return session

    async def start_writing(self, session: KinerjaSession) -> None:
        """The session's next transaction writes: call it before that transaction begins.

        On SQLite, wait for this process's write turn (kept until the session closes), then
        begin the transaction at once with BEGIN IMMEDIATE; another process on the same file
        (the CLI) holding the write lock is waited for up to SQLITE_BUSY_TIMEOUT_MS. A no-op
        on PostgreSQL and on a test's shared connection.
        """
        if self._write_turn is None or session.write_turn is not None:
            return
        if session.in_transaction():
            raise RuntimeError("start_writing() must come before the transaction begins")
        await self._write_turn.acquire()
        session.write_turn = self._write_turn  # released by close(), whatever happens next
        await session.connection(execution_options={SQLITE_BEGIN: "IMMEDIATE"})

    @asynccontextmanager
    async def unit_of_work(
        self, *, tenant_id: uuid.UUID | None = None, platform: bool = False, write: bool = True
    ) -> AsyncIterator[AsyncSession]:
        """Commit on success, roll back on any error; services never commit. A unit of work
        writes unless told otherwise (`write=False`: a deferred, read-only transaction)."""
        session = self.session(tenant_id=tenant_id, platform=platform)
        try:
            if write:
                await self.start_writing(session)
            yield session
            await session.commit()
        except BaseException:
            await session.rollback()
            raise
        finally:
            await session.close()

    async def dispose(self) -> None:
        await self.engine.dispose()


@contextmanager
def platform_scope(session: AsyncSession):
    """Statements inside read global tables only (e.g. the request's identity lookup)."""
    previous = session.info.get(PLATFORM_KEY)
    session.info[PLATFORM_KEY] = True
    try:
        yield session
    finally:
        session.info[PLATFORM_KEY] = previous


def adopt_tenant(session: AsyncSession, tenant_id: uuid.UUID) -> None:
    """Record the tenant whose RLS setting the current transaction already carries.

    Only for the request context, whose identity statement sets app.tenant_id itself
    (auth/identity_repository.py); later transactions of the session re-apply it in after_begin.
    """
    session.info[TENANT_KEY] = tenant_id


async def switch_tenant(session: AsyncSession, tenant_id: uuid.UUID | None) -> None:
    """Point a session at a tenant; re-applies the RLS setting inside an open transaction."""
    session.info[TENANT_KEY] = tenant_id
    if session.in_transaction() and session.bind.dialect.name == "postgresql":
        connection = await session.connection()
        await connection.run_sync(_tenant_setting, tenant_id)


# Every hook on every ORM session, in order, all in this one place (none registers itself
# when imported): tenant criteria on each ORM statement, the RLS setting when a transaction
# begins, and hash-chaining the new audit events when a session flushes (audit/append.py).
SESSION_HOOKS = (
    ("do_orm_execute", _add_tenant_criteria),
    ("after_begin", _set_rls_tenant),
    ("before_flush", chain_new_events),
)
for _event_name, _hook in SESSION_HOOKS:
    if not event.contains(Session, _event_name, _hook):
        event.listen(Session, _event_name, _hook)


def asyncpg_dsn(url: str) -> str:
    """A SQLAlchemy PostgreSQL URL as a plain DSN for asyncpg.connect (operator tools, tests)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
