"""Statements per request, counted in-process (no sockets), for Kinerja and the raw baseline.

Kinerja: the real ASGI app (response cache off, so every request is executed) driven by
inprocess.call, with an SQLAlchemy `before_cursor_execute` listener on its engine: every SQL
statement the app sends (BEGIN and COMMIT are not cursor executes under asyncpg, so they are
not in the count; transactions are counted apart, from the engine's `begin` events). Raw: its
Starlette app with a pool whose connections carry an asyncpg query logger (which sees
`execute`, so BEGIN/COMMIT, but not prepared fetches): every statement but BEGIN, COMMIT and
ROLLBACK, and the BEGINs as transactions. Each request is run once to warm up (the first
connection, prepared statements, policies), then once per tenant counted.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import asyncpg
import inprocess
import raw_server
from sqlalchemy import event

from kinerja.app import create_app
from kinerja.config import Settings

TRANSACTION = ("BEGIN", "COMMIT", "ROLLBACK")


def _summary(per_request: list[tuple[int, int]]) -> dict[str, Any]:
    statements = sorted({s for s, _ in per_request})
    transactions = sorted({t for _, t in per_request})
    return {"statements": statements[0] if len(statements) == 1 else statements,
            "transactions": transactions[0] if len(transactions) == 1 else transactions,
            "requests": len(per_request)}


async def kinerja(settings: Settings,
                  requests: list[tuple[dict[str, str], bytes]]) -> dict[str, Any]:
    app = create_app(dataclasses.replace(settings, response_cache_size=0))
    services = app.state.services
    counts = {"statements": 0, "transactions": 0}
    texts: list[str] = []

    def on_execute(_conn, _cursor, statement, _parameters, _context, _executemany):
        counts["statements"] += 1
        texts.append(" ".join(statement.split())[:120])

    def on_begin(_conn):
        counts["transactions"] += 1

    engine = services.db.engine.sync_engine
    try:
        for headers, body in requests:  # warm up
            await _checked(app, headers, body)
        event.listen(engine, "before_cursor_execute", on_execute)
        event.listen(engine, "begin", on_begin)
        per_request = []
        for headers, body in requests:
            counts["statements"] = counts["transactions"] = 0
            texts.clear()
            await _checked(app, headers, body)
            per_request.append((counts["statements"], counts["transactions"]))
        example = list(texts)
    finally:
        event.remove(engine, "before_cursor_execute", on_execute)
        event.remove(engine, "begin", on_begin)
        await services.db.dispose()
    return {**_summary(per_request), "last": example}


async def _checked(app: Any, headers: dict[str, str], body: bytes) -> None:
    status, payload = await inprocess.call(app, "POST", "/graphql", headers, body)
    if status != 200 or b'"errors"' in payload:
        raise RuntimeError(f"in-process request failed: {status} {payload[:300]!r}")


async def raw(dsn: str, citus: bool, requests: list[tuple[str, dict[str, str]]]) -> dict[str, Any]:
    """`requests`: (path with query string, headers) for raw_server's `route`."""
    logged: list[str] = []

    def logger(record) -> None:
        logged.append(" ".join(record.query.split())[:120])

    async def init(conn: asyncpg.Connection) -> None:
        conn.add_query_logger(logger)

    raw_server.State.tenant_sql = raw_server.tenant_sql(citus)
    raw_server.State.pool = await asyncpg.create_pool(dsn, min_size=1, max_size=1, init=init)
    app = raw_server.app
    try:
        for path, headers in requests:
            await _raw_checked(app, path, headers)
        per_request = []
        for path, headers in requests:
            logged.clear()
            await _raw_checked(app, path, headers)
            per_request.append((sum(not _transaction(q) for q in logged),
                                sum(_transaction(q) == "BEGIN" for q in logged)))
        example = [q for q in logged if not _transaction(q)]
    finally:
        await raw_server.State.pool.close()
        raw_server.State.pool = None
    return {**_summary(per_request), "last": example}


def _transaction(query: str) -> str | None:
    """BEGIN, COMMIT or ROLLBACK (asyncpg sends e.g. "BEGIN ISOLATION LEVEL ...;"), else None."""
    word = query.split(maxsplit=1)[0].rstrip(";").upper() if query.strip() else ""
    return word if word in TRANSACTION else None


async def _raw_checked(app: Any, path: str, headers: dict[str, str]) -> None:
    status, payload = await inprocess.call(app, "GET", path, headers)
    if status != 200 or b'"errors"' in payload:
        raise RuntimeError(f"in-process raw request failed: {status} {payload[:300]!r}")
