"""A dedicated, really committed database per backend for the audit-chain tests.

The default `db` fixture shares one connection inside a rolled-back transaction, so it can
neither run truly concurrent writers nor let the owner tamper with committed rows. Here each
backend gets its own migrated database (SQLite file; PostgreSQL database with the app role),
the app connects through a connection pool as the app role, and the owner has its own engine.
Each test works in its own agency, so tests do not see each other's chains.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx
import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from kinerja.app import Services, create_app
from kinerja.audit.recorder import record
from kinerja.auth.tokens import issue_token
from kinerja.db import Database, create_engine
from kinerja.migrate import upgrade
from kinerja.models import CasbinRule, Tenant, User
from tests.conftest import (
    APP_ROLE,
    DEFAULT_PG,
    SCHEMA,
    TEST_SETTINGS,
    _create_pg_database,
    _drop_pg_database,
    ensure_test_app_role,
    migrate_test_database,
)
from tests.support.api import Result

POOL = 24


@dataclass(frozen=True)
class Agency:
    id: uuid.UUID
    slug: str
    auditor: uuid.UUID


@dataclass
class Fresh:
    name: str
    app_url: str
    owner_url: str
    app: Database  # the application role, pooled connections
    owner: Database  # the owner (bypasses the grants, as an attacker with DB access would)
    services: Services
    client: httpx.AsyncClient

    async def agency(self, slug: str) -> Agency:
        """A committed agency with an auditor account."""
        slug = f"{slug}-{uuid.uuid4().hex[:6]}"
        async with self.app.unit_of_work(platform=True) as session:
            tenant = Tenant(slug=slug, name=f"Dinas {slug}", kind="DINAS")
            auditor = User(username=f"auditor.{slug}", display_name="Auditor")
            session.add_all([tenant, auditor])
            await session.flush()
            session.add(CasbinRule(ptype="g", v0=str(auditor.id), v1="auditor",
                                   v2=str(tenant.id)))
        self.services.policies.invalidate()
        return Agency(tenant.id, slug, auditor.id)

    async def events(self, tenant_id: uuid.UUID, count: int, per_transaction: int = 1) -> None:
        for start in range(0, count, per_transaction):
            async with self.app.unit_of_work(tenant_id=tenant_id) as session:
                for n in range(start, min(count, start + per_transaction)):
                    await record(session, tenant_id=tenant_id, actor_user_id=uuid.uuid4(),
                                 action="test.change", object_type="Test", object_id=n,
                                 before={"n": n}, after={"n": n + 1, "note": "ubah ✓"})

    async def gql(self, query: str, user_id: uuid.UUID) -> Result:
        token = issue_token(TEST_SETTINGS, user_id).token
        response = await self.client.post("/graphql", json={"query": query}, headers={
            "authorization": f"Bearer {token}", "accept-language": "en"})
        return Result(response.status_code, response.json())

    async def owner_execute(self, *statements: sa.Executable) -> None:
        async with self.owner.engine.begin() as conn:
            for statement in statements:
                await conn.execute(statement)

    async def owner_rows(self, statement: sa.Executable) -> list:
        async with self.owner.engine.connect() as conn:
            return list((await conn.execute(statement)).all())


@pytest.fixture(scope="module")
async def fresh(backend, tmp_path_factory) -> AsyncIterator[Fresh]:
    name = None
    if backend.name == "sqlite":
        app_url = owner_url = f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('chain') / 'c.db'}"
        await upgrade(owner_url)
    else:
        base = os.environ.get("KINERJA_TEST_DATABASE_URL", DEFAULT_PG)
        name, owner_url = await _create_pg_database(base)
        await migrate_test_database(owner_url)
        await ensure_test_app_role(owner_url)
        app_url = make_url(owner_url).set(username=APP_ROLE, password=None).render_as_string(
            hide_password=False)
    pooled = {} if backend.name == "sqlite" else {"pool_size": POOL, "max_overflow": 0}
    app = Database(create_engine(app_url, **pooled))
    owner = Database(create_engine(owner_url, poolclass=NullPool))
    services = Services(TEST_SETTINGS, app, schema=SCHEMA)
    http_app = create_app(services=services)
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=http_app),
                               base_url="http://kinerja.test")
    try:
        yield Fresh(backend.name, app_url, owner_url, app, owner, services, client)
    finally:
        await client.aclose()
        await app.dispose()
        await owner.dispose()
        if name is not None:
            await _drop_pg_database(os.environ.get("KINERJA_TEST_DATABASE_URL", DEFAULT_PG),
                                    name)
