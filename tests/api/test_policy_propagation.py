"""A role change is effective on the very next request, in this process and in every other one:
each request compares the committed policy generation with its process's policies."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx
import pytest
import sqlalchemy as sa
from sqlalchemy.pool import NullPool

from kinerja.app import Services, create_app
from kinerja.auth.tokens import issue_token
from kinerja.db import Database, create_engine
from kinerja.models import AuditChainHead, AuditEvent, CasbinRule, Tenant, User
from tests.api.test_roles import ASSIGN, REVOKE, UPDATE, assign, create_role, perm, user
from tests.conftest import SCHEMA

PERMISSIONS = "{me{roles permissions{resource action scope}}}"
AUDIT_READ = {"resource": "audit", "action": "read", "scope": "TENANT"}
EVENTS = "{auditEvents(first:1){totalCount}}"


async def permissions_of(api, username: str, **kw) -> list[dict]:
    return (await api.gql(PERMISSIONS, user=username, **kw)).ok()["me"]["permissions"]


async def test_assign_then_revoke_is_effective_on_the_next_request(api, world):
    staff = user(world, "staff.alpha")
    assert AUDIT_READ not in await permissions_of(api, "staff.alpha")
    assert (await api.gql(EVENTS, user="staff.alpha")).codes == ["FORBIDDEN"]
    (await api.gql(ASSIGN, {"u": staff, "r": "auditor"}, user="admin.alpha")).ok()
    assert AUDIT_READ in await permissions_of(api, "staff.alpha")
    assert (await api.gql(EVENTS, user="staff.alpha")).ok()["auditEvents"]["totalCount"] == 1
    (await api.gql(REVOKE, {"u": staff, "r": "auditor"}, user="admin.alpha")).ok()
    assert AUDIT_READ not in await permissions_of(api, "staff.alpha")
    assert (await api.gql(EVENTS, user="staff.alpha")).codes == ["FORBIDDEN"]


async def test_changing_a_roles_permissions_reaches_its_holders_on_the_next_request(api, world):
    await create_role(api, name="reader", permissions=[perm("user", "read")])
    assert (await assign(api, world, "staff.alpha", "reader"))["errors"] == []
    assert (await api.gql("{users{totalCount}}", user="staff.alpha")).ok()
    (await api.gql(UPDATE, {"i": {"name": "reader", "permissions": [perm("audit", "read")]}},
                   user="admin.alpha")).ok()
    assert (await api.gql("{users{totalCount}}", user="staff.alpha")).codes == ["FORBIDDEN"]
    assert (await api.gql(EVENTS, user="staff.alpha")).ok()


async def test_refused_changes_do_not_reload_the_policies(api, services, world):
    await permissions_of(api, "staff.alpha")
    generation = services.policies.generation
    refused = await api.gql(ASSIGN, {"u": user(world, "staff.alpha"), "r": "platform_admin"},
                            user="admin.alpha")
    assert refused.ok()["assignRole"]["errors"]
    await permissions_of(api, "staff.alpha")
    assert services.policies.generation == generation
    assert (await assign(api, world, "staff.alpha", "auditor"))["errors"] == []
    await permissions_of(api, "staff.alpha")
    assert services.policies.generation == generation + 1


# --- across processes (PostgreSQL) -----------------------------------------------------------

@dataclass
class Process:
    """One simulated server process: its own engine, PolicyStore and app."""

    services: Services
    client: httpx.AsyncClient

    async def gql(self, query: str, variables: dict | None, token: str) -> dict:
        response = await self.client.post("/graphql", json={"query": query, "variables": variables},
                                          headers={"authorization": f"Bearer {token}"})
        body = response.json()
        assert response.status_code == 200 and not body.get("errors"), body
        return body["data"]


@dataclass
class Committed:
    tenant_id: uuid.UUID
    admin_id: uuid.UUID
    staff_id: uuid.UUID


async def _commit_world(db: Database) -> Committed:
    """A real, committed tenant with an admin and a staff member (the `db` fixture rolls back)."""
    tag = uuid.uuid4().hex[:8]
    async with db.unit_of_work(platform=True) as session:
        tenant = Tenant(slug=f"xproc-{tag}", name=f"Cross-process {tag}", kind="DINAS")
        admin = User(username=f"xadmin.{tag}", display_name="X Admin")
        staff = User(username=f"xstaff.{tag}", display_name="X Staff")
        session.add_all([tenant, admin, staff])
        await session.flush()
        session.add_all([CasbinRule(ptype="g", v0=str(admin.id), v1="admin", v2=str(tenant.id)),
                         CasbinRule(ptype="g", v0=str(staff.id), v1="staff", v2=str(tenant.id))])
    return Committed(tenant.id, admin.id, staff.id)


async def _remove_world(db: Database, world: Committed, owner_url: str) -> None:
    owner = Database(create_engine(owner_url, poolclass=NullPool))
    try:  # the app role may not delete audit events (append-only): the owner removes them
        async with owner.unit_of_work(platform=True) as session:
            for model in (AuditEvent, AuditChainHead):
                await session.execute(sa.delete(model).where(model.tenant_id == world.tenant_id),
                                      execution_options={"skip_tenant_filter": True})
    finally:
        await owner.dispose()
    users = [world.admin_id, world.staff_id]
    async with db.unit_of_work(platform=True) as session:
        await session.execute(sa.delete(CasbinRule).where(sa.or_(
            CasbinRule.v2 == str(world.tenant_id), CasbinRule.v0.in_([str(u) for u in users]))))
        await session.execute(sa.delete(User).where(User.id.in_(users)))
        await session.execute(sa.delete(Tenant).where(Tenant.id == world.tenant_id))


@pytest.fixture
async def processes(backend, settings) -> AsyncIterator[tuple[Process, Process]]:
    started: list[Process] = []
    try:
        for _ in range(2):
            engine = create_engine(backend.app_url, poolclass=NullPool)
            services = Services(settings, Database(engine), schema=SCHEMA)
            app = create_app(services=services)
            client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://p")
            started.append(Process(services, client))
        yield started[0], started[1]
    finally:
        for process in started:
            await process.client.aclose()
            await process.services.db.dispose()


@pytest.mark.postgres_only
async def test_a_role_change_in_one_process_reaches_another(processes, settings, backend):
    a, b = processes
    world = await _commit_world(a.services.db)
    try:
        admin = issue_token(settings, world.admin_id).token
        staff = issue_token(settings, world.staff_id).token

        async def staff_in_b_can_audit() -> bool:
            return AUDIT_READ in (await b.gql(PERMISSIONS, None, staff))["me"]["permissions"]

        assert not await staff_in_b_can_audit()  # b has loaded its policies and caches them
        generation = b.services.policies.generation
        staff_gid = user_gid(world.staff_id)
        data = await a.gql(ASSIGN, {"u": staff_gid, "r": "auditor"}, admin)
        assert data["assignRole"]["errors"] == []
        assert await staff_in_b_can_audit(), "process B's next request missed the new role"
        assert b.services.policies.generation == generation + 1  # the generation told it

        data = await a.gql(REVOKE, {"u": staff_gid, "r": "auditor"}, admin)
        assert data["revokeRole"]["errors"] == []
        assert not await staff_in_b_can_audit(), "process B's next request kept the old role"
    finally:
        await _remove_world(a.services.db, world, backend.owner_url)


def user_gid(raw: uuid.UUID) -> str:
    from tests.support.api import gid

    return gid("User", raw)
