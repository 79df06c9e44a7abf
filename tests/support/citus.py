"""The test suite on a Citus cluster (`make test-citus`).

KINERJA_TEST_CITUS_WORKERS ("host:port,host:port") turns the PostgreSQL backend into a Citus
cluster: KINERJA_TEST_DATABASE_URL is then the coordinator, and every test database is created
on the coordinator and on each worker (with the extension, the workers registered), migrated
and then distributed with `kinerja distribute`'s own code. A Citus database cannot be copied
with CREATE DATABASE ... TEMPLATE (its shards live on the workers), so each data set gets a
database of its own, built the same way.
"""

from __future__ import annotations

import os

import asyncpg
from sqlalchemy.engine import make_url

from kinerja.citus.distribute import distribute
from kinerja.db import asyncpg_dsn

WORKERS_ENV = "KINERJA_TEST_CITUS_WORKERS"
TEST_SHARD_COUNT = 4  # a few shards: several agencies share one, as in production


def workers() -> list[tuple[str, int]]:
    """The cluster's workers; empty when the tests run on a plain PostgreSQL server."""
    spec = os.environ.get(WORKERS_ENV, "").strip()
    out = []
    for item in filter(None, (part.strip() for part in spec.split(","))):
        host, _, port = item.rpartition(":")
        out.append((host, int(port)))
    return out


def enabled() -> bool:
    return bool(workers())


def node_url(base_url: str, host: str, port: int, database: str | None = None) -> str:
    url = make_url(base_url).set(host=host, port=port)
    if database is not None:
        url = url.set(database=database)
    return url.render_as_string(hide_password=False)


async def _run(url: str, *statements: str) -> None:
    conn = await asyncpg.connect(asyncpg_dsn(url))
    try:
        for statement in statements:
            await conn.execute(statement)
    finally:
        await conn.close()


async def create_database(base_url: str, name: str) -> None:
    """`name` on the coordinator and every worker, with the extension; the workers
    registered in the coordinator's copy (what /work/shared/citus/cluster.sh createdb does)."""
    coordinator = make_url(base_url)
    nodes = [(coordinator.host or "127.0.0.1", coordinator.port or 5432), *workers()]
    for host, port in nodes:
        await _run(node_url(base_url, host, port), f'CREATE DATABASE "{name}"')
        await _run(node_url(base_url, host, port, name), "CREATE EXTENSION IF NOT EXISTS citus")
    host, port = nodes[0]
    adds = [f"SELECT citus_add_node('{h}', {p})" for h, p in nodes[1:]]
    await _run(node_url(base_url, host, port, name),
               f"SELECT citus_set_coordinator_host('{host}', {port})", *adds)


async def drop_database(base_url: str, name: str) -> None:
    """`name` from the workers as well as from the coordinator."""
    await _run(base_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    for host, port in workers():
        await _run(node_url(base_url, host, port), f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


async def distribute_test_database(owner_url: str) -> None:
    await distribute(owner_url, TEST_SHARD_COUNT)
