"""A database on every node of a Citus cluster: created on the coordinator and on each worker
with the extension, the workers registered in the coordinator's copy, and dropped from every
node (what /work/shared/citus/cluster.sh createdb does). The test suite's Citus databases
(tests/support/citus.py) and the bench's (`--citus-workers`) are made this way; a production
cluster's database is the operator's (README "Scaling out on Citus").
"""

from __future__ import annotations

import asyncpg
from sqlalchemy.engine import make_url


def parse_workers(spec: str) -> list[tuple[str, int]]:
    """"host:port,host:port" -> [(host, port), ...]."""
    out = []
    for item in filter(None, (part.strip() for part in spec.split(","))):
        host, _, port = item.rpartition(":")
        if not host or not port.isdigit():
            raise ValueError(f"worker {item!r}: expected host:port")
        out.append((host, int(port)))
    return out


def node_url(base_url: str, host: str, port: int, database: str | None = None) -> str:
    url = make_url(base_url).set(host=host, port=port)
    if database is not None:
        url = url.set(database=database)
    return url.render_as_string(hide_password=False)


def nodes(base_url: str, workers: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The coordinator (from `base_url`) first, then the workers."""
    coordinator = make_url(base_url)
    return [(coordinator.host or "127.0.0.1", coordinator.port or 5432), *workers]


def _dsn(url: str) -> str:
    """A plain asyncpg DSN (kinerja.db.asyncpg_dsn; kinerja.db imports this package)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


async def _run(url: str, *statements: str) -> None:
    conn = await asyncpg.connect(_dsn(url))
    try:
        for statement in statements:
            await conn.execute(statement)
    finally:
        await conn.close()


# Two databases registering the same workers at once collide in the workers' shared catalogs
# ("tuple concurrently updated"): creations are taken one at a time, under this advisory lock
# in the coordinator's maintenance database (parallel test workers create databases at once).
CREATION_LOCK = 0x6B696E6572  # "kiner"


async def create_database(base_url: str, workers: list[tuple[str, int]], name: str) -> None:
    """`name` with the citus extension on every node; the coordinator knows its own address
    and the workers."""
    every = nodes(base_url, workers)
    lock = await asyncpg.connect(_dsn(base_url))
    try:
        await lock.execute("SELECT pg_advisory_lock($1)", CREATION_LOCK)
        for host, port in every:
            await _run(node_url(base_url, host, port), f'CREATE DATABASE "{name}"')
            await _run(node_url(base_url, host, port, name),
                       "CREATE EXTENSION IF NOT EXISTS citus")
        host, port = every[0]
        await _run(node_url(base_url, host, port, name),
                   f"SELECT citus_set_coordinator_host('{host}', {port})",
                   *(f"SELECT citus_add_node('{h}', {p})" for h, p in every[1:]))
    finally:
        await lock.close()  # ends the session: the lock goes with it


async def drop_database(base_url: str, workers: list[tuple[str, int]], name: str) -> None:
    """`name` from the coordinator, then from the workers (each attempted)."""
    failures = []
    for host, port in nodes(base_url, workers):
        try:
            await _run(node_url(base_url, host, port),
                       f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        except (OSError, asyncpg.PostgresError) as exc:
            failures.append(f"{host}:{port}: {exc}")
    if failures:
        raise RuntimeError(f"could not drop {name} on " + "; ".join(failures))
