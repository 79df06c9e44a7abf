"""Run Alembic programmatically (CLI `kinerja migrate`, `make run`, tests, /readyz)."""

from __future__ import annotations

import asyncio
import functools
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy.ext.asyncio import AsyncConnection

from .config import PROJECT_ROOT

MIGRATIONS_DIR = PROJECT_ROOT / "migrations"


def alembic_config(url: str | None = None) -> Config:
    cfg = Config(str(PROJECT_ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url:
        cfg.attributes["url"] = url
    return cfg


@functools.cache
def head_revision() -> str:
    """The scripts' head, read once per process (parsing every script costs ~20 ms)."""
    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    return heads[0]


def _ensure_sqlite_dir(url: str) -> None:
    if url.startswith("sqlite") and ":///" in url:
        path = url.split(":///", 1)[1].split("?", 1)[0]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)


def upgrade_sync(url: str, revision: str = "head") -> None:
    _ensure_sqlite_dir(url)
    command.upgrade(alembic_config(url), revision)


async def upgrade(url: str, revision: str = "head") -> None:
    """Alembic runs its own event loop in env.py, so it goes through a worker thread."""
    await asyncio.to_thread(upgrade_sync, url, revision)


async def current_revision(conn: AsyncConnection) -> str | None:
    try:
        result = await conn.execute(sa.text("SELECT version_num FROM alembic_version"))
    except sa.exc.DBAPIError:
        return None
    row = result.first()
    return row[0] if row else None
