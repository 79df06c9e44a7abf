"""`kinerja distribute` on the test database: every agency table hash-distributed by
tenant_id in one colocation group, every global table a reference table, every foreign key of
the models back in place, row-level security on the workers' shards; a second run changes
nothing."""

from __future__ import annotations

import asyncpg
import sqlalchemy as sa
from sqlalchemy.pool import NullPool

from kinerja.citus.catalog_repository import CitusCatalog
from kinerja.citus.distribute import Report, distribute
from kinerja.db import asyncpg_dsn, create_engine
from kinerja.models import TENANT_TABLES, metadata
from tests.support import citus


async def _catalog(owner_url: str, read):
    engine = create_engine(owner_url, poolclass=NullPool)
    try:
        async with engine.connect() as conn:
            return await conn.run_sync(lambda sync: read(CitusCatalog(sync)))
    finally:
        await engine.dispose()


async def test_agency_tables_are_distributed_and_global_tables_are_reference_tables(backend):
    kinds, columns, groups = await _catalog(backend.owner_url, lambda c: (
        c.kinds(), c.distribution_columns(), c.colocation_groups()))
    globals_ = sorted(set(metadata.tables) - set(TENANT_TABLES))
    assert sorted(t for t, k in kinds.items() if k == "distributed") == sorted(TENANT_TABLES)
    assert sorted(t for t, k in kinds.items() if k == "reference") == globals_
    assert "alembic_version" not in kinds  # Alembic's own row stays on the coordinator
    assert set(columns.values()) == {"tenant_id"}
    assert len(set(groups.values())) == 1  # one agency's rows of every table on one shard


async def test_every_foreign_key_of_the_models_is_back(backend):
    keys = await _catalog(backend.owner_url, lambda c: c.foreign_keys(sorted(metadata.tables)))
    expected = sorted((t.name, _definition(fk)) for t in metadata.tables.values()
                      for fk in t.foreign_key_constraints)
    assert len(expected) > 100
    assert sorted((k.table, k.definition.replace('"', "")) for k in keys) == expected


def _definition(fk: sa.ForeignKeyConstraint) -> str:
    """The model's foreign key as pg_get_constraintdef prints it."""
    columns = ", ".join(c.name for c in fk.columns)
    targets = ", ".join(e.column.name for e in fk.elements)
    cascade = f" ON DELETE {fk.ondelete}" if fk.ondelete else ""
    return f"FOREIGN KEY ({columns}) REFERENCES {fk.referred_table.name}({targets}){cascade}"


async def test_distributing_again_changes_nothing(backend):
    assert await distribute(backend.owner_url, citus.TEST_SHARD_COUNT) == Report(0, 0, 0)


async def test_the_workers_shards_force_row_level_security_with_the_policy(backend):
    """Each worker holds shards of the agency tables, each forcing RLS with the policy."""
    database = sa.engine.make_url(backend.owner_url).database
    for host, port in citus.workers():
        conn = await asyncpg.connect(asyncpg_dsn(citus.node_url(backend.owner_url, host, port,
                                                                database)))
        try:
            await conn.execute("SET citus.override_table_visibility = off")  # show shards
            rows = await conn.fetch(
                "SELECT c.relname, c.relforcerowsecurity, (SELECT count(*) FROM pg_policy p"
                " WHERE p.polrelid = c.oid AND p.polname = 'tenant_isolation') AS policies"
                " FROM pg_class c WHERE c.relkind = 'r' AND c.relname ~ '^employee_[0-9]+$'")
        finally:
            await conn.close()
        assert rows, f"no employee shard on {host}:{port}"
        assert all(r["relforcerowsecurity"] and r["policies"] == 1 for r in rows), rows
