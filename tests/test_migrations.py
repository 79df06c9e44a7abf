"""Models and migrations agree: on each migrated backend, autogenerate finds no difference."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.pool import NullPool

from kinerja.db import create_engine
from kinerja.migrate import head_revision
from kinerja.models import metadata


def _diff(connection) -> list:
    context = MigrationContext.configure(connection, opts={
        "compare_type": True, "render_as_batch": connection.dialect.name == "sqlite"})
    return compare_metadata(context, metadata)


async def test_models_and_migrations_agree(backend):
    engine = create_engine(backend.owner_url, poolclass=NullPool)
    try:
        async with engine.connect() as conn:
            differences = await conn.run_sync(_diff)
    finally:
        await engine.dispose()
    assert not differences, "models differ from migrations:\n" + "\n".join(map(str, differences))


async def test_database_is_at_the_single_head(backend):
    async with backend.engine.connect() as conn:
        from sqlalchemy import text

        revision = (await conn.execute(text("SELECT version_num FROM alembic_version"))).scalar()
    assert revision == head_revision()
