"""A database distributed at revision 0014 and migrated to head afterwards: the later
migrations' new tables (agency tables with foreign keys to each other, global tables with
foreign keys to agencies) are distributed as they are created, an added foreign key to a
reference table works, and the result equals a database distributed at head."""

from __future__ import annotations

import os

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.pool import NullPool

from kinerja.citus.catalog_repository import CitusCatalog
from kinerja.citus.distribute import Report, distribute
from kinerja.db import create_engine
from kinerja.migrate import upgrade
from kinerja.models import TENANT_TABLES, metadata
from tests.conftest import DEFAULT_PG, _create_pg_database, _drop_pg_database
from tests.support import citus

BEFORE = "0014"  # 0015 adds custom_view(_version), 0017 the oversight tables, 0018 a key


def _state(sync):
    catalog = CitusCatalog(sync)
    context = MigrationContext.configure(sync, opts={"compare_type": True})
    return catalog.kinds(), catalog.foreign_keys(sorted(metadata.tables)), compare_metadata(
        context, metadata)


async def test_migrations_after_distribution_distribute_their_new_tables(backend):
    base = os.environ.get("KINERJA_TEST_DATABASE_URL", DEFAULT_PG)
    name, owner_url = await _create_pg_database(base)
    try:
        await upgrade(owner_url, BEFORE)
        first = await distribute(owner_url, citus.TEST_SHARD_COUNT)
        assert first is not None and first.distributed < len(TENANT_TABLES)
        await upgrade(owner_url)
        engine = create_engine(owner_url, poolclass=NullPool)
        try:
            async with engine.connect() as conn:
                kinds, keys, differences = await conn.run_sync(_state)
        finally:
            await engine.dispose()
        assert await distribute(owner_url, citus.TEST_SHARD_COUNT) == Report(0, 0, 0)
    finally:
        await _drop_pg_database(base, name)
    for table in ("custom_view", "custom_view_version", "usage_counter"):
        assert kinds[table] == "distributed", table
    for table in ("oversight_group", "oversight_member", "oversight_viewer", "policy_state"):
        assert kinds[table] == "reference", table
    assert sorted(k for k, v in kinds.items() if v == "distributed") == sorted(TENANT_TABLES)
    assert len(keys) == sum(len(t.foreign_key_constraints) for t in metadata.tables.values())
    assert ("employee", "fk_employee_home_tenant_id_tenant") in {(k.table, k.name) for k in keys}
    assert not differences, differences
