"""The PostgreSQL role the application connects as: not owner, not superuser, no BYPASSRLS.

Row-level security binds it; migrations run as the owner (KINERJA_MIGRATION_DATABASE_URL).
It reads and writes every table, except the append-only trails (audit events, platform
events, data views), which it may only INSERT and SELECT: even a compromised application
cannot rewrite or remove history (the hash chain detects what the owner might do).
"""

from __future__ import annotations

import asyncpg

from ..db import asyncpg_dsn

APPEND_ONLY_TABLES = ("audit_event", "platform_event", "data_view")


async def ensure_app_role(owner_url: str, name: str, password: str | None = None) -> None:
    conn = await asyncpg.connect(asyncpg_dsn(owner_url))
    try:
        exists = await conn.fetchval("SELECT 1 FROM pg_roles WHERE rolname = $1", name)
        attrs = "LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT"
        if not exists:
            await conn.execute(f'CREATE ROLE "{name}" {attrs}')
        else:
            await conn.execute(f'ALTER ROLE "{name}" {attrs}')
        if password:
            quoted = password.replace(chr(39), chr(39) * 2)
            await conn.execute(f"ALTER ROLE \"{name}\" PASSWORD '{quoted}'")
        database = await conn.fetchval("SELECT current_database()")
        await conn.execute(f'GRANT CONNECT ON DATABASE "{database}" TO "{name}"')
        await conn.execute(f'GRANT USAGE ON SCHEMA public TO "{name}"')
        await conn.execute(
            f'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "{name}"')
        await conn.execute(f'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO "{name}"')
        append_only = ", ".join(APPEND_ONLY_TABLES)
        await conn.execute(f'REVOKE UPDATE, DELETE, TRUNCATE ON {append_only} FROM "{name}"')
        await conn.execute(f'REVOKE ALL ON TABLE alembic_version FROM "{name}"')
        await conn.execute(f'GRANT SELECT ON TABLE alembic_version TO "{name}"')
        await conn.execute(
            f'ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE '
            f'ON TABLES TO "{name}"')
        await conn.execute(
            f'ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT '
            f'ON SEQUENCES TO "{name}"')
    finally:
        await conn.close()
