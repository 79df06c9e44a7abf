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

from kinerja.citus import cluster_repository as cluster
from kinerja.citus.distribute import distribute

WORKERS_ENV = "KINERJA_TEST_CITUS_WORKERS"
TEST_SHARD_COUNT = 4  # a few shards: several agencies share one, as in production


def workers() -> list[tuple[str, int]]:
    """The cluster's workers; empty when the tests run on a plain PostgreSQL server."""
    return cluster.parse_workers(os.environ.get(WORKERS_ENV, ""))


node_url = cluster.node_url


def enabled() -> bool:
    return bool(workers())


async def create_database(base_url: str, name: str) -> None:
    await cluster.create_database(base_url, workers(), name)


async def drop_database(base_url: str, name: str) -> None:
    await cluster.drop_database(base_url, workers(), name)


async def distribute_test_database(owner_url: str) -> None:
    await distribute(owner_url, TEST_SHARD_COUNT)
