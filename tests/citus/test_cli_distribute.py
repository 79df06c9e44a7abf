"""`kinerja migrate` then `kinerja distribute` as an operator runs them, on a new cluster
database: the first run distributes everything, the second and a later `migrate` find
nothing to do."""

from __future__ import annotations

import os

from tests.conftest import DEFAULT_PG, _create_pg_database, _drop_pg_database
from tests.test_cli import _ok, cli  # noqa: F401 (the fixture)


async def test_migrate_then_distribute_then_again(backend, cli):  # noqa: F811
    base = os.environ.get("KINERJA_TEST_DATABASE_URL", DEFAULT_PG)
    name, owner_url = await _create_pg_database(base)
    try:
        env = {"KINERJA_MIGRATION_DATABASE_URL": owner_url}
        assert "migrated" in _ok(cli("migrate", **env))
        first = _ok(cli("distribute", "--shard-count", "2", **env))
        assert ("distributed 43 agency tables by tenant_id, made 12 global tables reference "
                "tables, re-added 106 foreign keys") in first
        assert "distributed 0 agency tables" in _ok(cli("distribute", **env))
        assert "distributed tables checked" in _ok(cli("migrate", **env))
    finally:
        await _drop_pg_database(base, name)
