"""Alembic environment (async): one migration set for SQLite and PostgreSQL.

The URL comes from `config.attributes["url"]` (set by kinerja.migrate) or, for the plain
`alembic` command, from KINERJA_MIGRATION_DATABASE_URL / KINERJA_DATABASE_URL.
"""

import asyncio

from alembic import context
from sqlalchemy.ext.asyncio import create_async_engine

from kinerja.citus.migration import install as distribute_new_tables
from kinerja.config import load_settings
from kinerja.models import metadata

config = context.config
distribute_new_tables()  # on a distributed (Citus) database only: kinerja/citus/migration.py


def _url() -> str:
    return config.attributes.get("url") or load_settings().owner_database_url


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


async def _run_async() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = create_async_engine(_url(), hide_parameters=True)  # no values in errors
    async with engine.connect() as conn:
        await conn.run_sync(_run)
        await conn.commit()
    await engine.dispose()


if context.is_offline_mode():
    context.configure(url=_url(), target_metadata=metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    asyncio.run(_run_async())
