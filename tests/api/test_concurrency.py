"""Real concurrency: 200 simultaneous writers through the real ASGI app, on both backends.

The default `db` fixture shares one connection inside a rolled-back transaction, which
serialises everything and cannot show locking problems. These tests use a dedicated database
instead (a fresh migrated SQLite file; a fresh PostgreSQL database used as the non-owner app
role), with the engine the server itself creates (`create_engine`, its real pool), so every
request has its own connection and its own transaction, and everything really commits.
"""

from __future__ import annotations

import asyncio
import dataclasses
import random
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date

import httpx
import pytest
import sqlalchemy as sa

from kinerja.app import Services, create_app
from kinerja.db import Database, create_engine
from kinerja.demo.load import load_demo
from kinerja.demo.pauh import DemoEmployee
from kinerja.models import (
    AuditEvent,
    Employee,
    LoginThrottle,
    OrgUnit,
    PlatformEvent,
    Role,
    StoredFile,
    Tenant,
    User,
)
from kinerja.people.nip import generate_nip
from tests.conftest import (
    SCHEMA,
    TEST_SETTINGS,
)
from tests.support.api import gid
from tests.support.databases import fresh_database
from tests.support.world import World, build_world

WRITERS = 200
EMPLOYEE = "employee{id name version} errors{field code}"
UPDATE = "mutation Rename($i:UpdateEmployeeInput!){updateEmployee(input:$i){" + EMPLOYEE + "}}"
CREATE_UNIT = ("mutation NewUnit($i:CreateOrgUnitInput!){createOrgUnit(input:$i)"
               "{orgUnit{id code} errors{field code}}}")
COUNT = "query Count{employees(first:1){totalCount}}"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n"
UPLOADS = 50


@dataclass
class Live:
    backend: str
    db: Database
    world: World
    http: httpx.AsyncClient


def _bulk_employee(index: int) -> DemoEmployee:
    nip = generate_nip(random.Random(index), "PNS", date(1985, 5, 5), date(2010, 3, 1), 1,
                       100 + index)
    return DemoEmployee(
        key=f"bulk{index:03d}", nip=nip, employee_type="PNS", name=f"Bulk Employee {index:03d}",
        rank_code="III_A", position_code="STAFF", unit_code="SEC", rater_key="rater",
        rater_superior_key="head", acting="NONE", username=None, sex=1)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
async def live(request, tmp_path_factory) -> AsyncIterator[Live]:
    databases = fresh_database(request.param, tmp_path_factory)
    url = await anext(databases)
    db = Database(create_engine(url))  # the server's own engine and pool
    settings = dataclasses.replace(TEST_SETTINGS,
                                   storage_dir=tmp_path_factory.mktemp("files"))
    try:
        data = build_world()
        data.tenant("alpha").employees.extend(_bulk_employee(i) for i in range(WRITERS))
        world = World(await load_demo(db, data), settings)
        services = Services(settings, db, schema=SCHEMA)
        app = create_app(services=services)
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                     base_url="http://kinerja.test", timeout=120) as http:
            yield Live(request.param, db, world, http)
    finally:
        await db.dispose()
        await databases.aclose()


async def _post(live: Live, query: str, variables: dict | None = None) -> httpx.Response:
    return await live.http.post("/graphql", json={"query": query, "variables": variables},
                                headers={"authorization": f"Bearer {live.world.token('hr.alpha')}",
                                         "x-tenant": "alpha", "accept-language": "en"})


async def _all_at_once(calls) -> tuple[list[httpx.Response], float]:
    started = time.perf_counter()
    responses = await asyncio.gather(*calls)
    return responses, time.perf_counter() - started


def _top_level_codes(response: httpx.Response) -> list[str]:
    return [e["extensions"]["code"] for e in response.json().get("errors") or []]


async def _rows(live: Live, statement) -> list:
    async with live.db.unit_of_work(tenant_id=live.world.tenant_id("alpha")) as session:
        return list((await session.execute(statement)).all())


async def _audit_count(live: Live, action: str, object_ids) -> dict[str, int]:
    rows = await _rows(live, sa.select(AuditEvent.object_id, sa.func.count())
                       .where(AuditEvent.action == action,
                              AuditEvent.object_id.in_([str(i) for i in object_ids]))
                       .group_by(AuditEvent.object_id))
    return {object_id: count for object_id, count in rows}


def _report(live: Live, what: str, seconds: float, responses: list[httpx.Response]) -> None:
    """Shown with `pytest -s`: the figures the README quotes."""
    outcomes = Counter(",".join(_top_level_codes(r)) or "ok" for r in responses)
    print(f"\n[{live.backend}] {what}: {seconds:.2f} s, {dict(outcomes)}")


async def test_concurrent_creates_of_org_units_all_succeed(live):
    codes = [f"PAR{i:03d}" for i in range(WRITERS)]
    responses, seconds = await _all_at_once(
        _post(live, CREATE_UNIT, {"i": {"code": code, "name": f"Parallel Unit {code}"}})
        for code in codes)
    _report(live, f"{WRITERS} concurrent createOrgUnit", seconds, responses)
    assert [r.status_code for r in responses] == [200] * WRITERS
    assert [_top_level_codes(r) for r in responses] == [[]] * WRITERS
    assert [r.json()["data"]["createOrgUnit"]["errors"] for r in responses] == [[]] * WRITERS
    stored = dict(await _rows(live, sa.select(OrgUnit.code, OrgUnit.name)
                              .where(OrgUnit.code.in_(codes))))
    assert stored == {code: f"Parallel Unit {code}" for code in codes}
    ids = [unit_id for (unit_id,) in await _rows(
        live, sa.select(OrgUnit.id).where(OrgUnit.code.in_(codes)))]
    assert await _audit_count(live, "org_unit.create", ids) == {str(i): 1 for i in ids}


async def test_concurrent_updates_of_different_employees_all_succeed(live):
    ids = [live.world.employee_id("alpha", f"bulk{i:03d}") for i in range(WRITERS)]
    versions = dict(await _rows(live, sa.select(Employee.id, Employee.version)
                                .where(Employee.id.in_(ids))))
    writes = [_post(live, UPDATE, {"i": {"id": gid("Employee", employee_id),
                                         "version": versions[employee_id],
                                         "name": f"Renamed Employee {i:03d}"}})
              for i, employee_id in enumerate(ids)]
    reads = [_post(live, COUNT) for _ in range(20)]  # readers alongside the writers
    responses, seconds = await _all_at_once([*writes, *reads])
    _report(live, f"{WRITERS} concurrent updateEmployee (+20 queries)", seconds, responses)
    assert [r.status_code for r in responses] == [200] * len(responses)
    assert [_top_level_codes(r) for r in responses] == [[]] * len(responses)
    assert [r.json()["data"]["updateEmployee"]["errors"] for r in responses[:WRITERS]] \
        == [[]] * WRITERS
    stored = {row.id: row for row in await _rows(
        live, sa.select(Employee.id, Employee.name, Employee.version).where(Employee.id.in_(ids)))}
    assert {stored[e].name for e in ids} == {f"Renamed Employee {i:03d}" for i in range(WRITERS)}
    assert all(stored[e].name == f"Renamed Employee {i:03d}" for i, e in enumerate(ids))
    assert all(stored[e].version == versions[e] + 1 for e in ids)
    assert await _audit_count(live, "employee.update", ids) == {str(e): 1 for e in ids}


async def test_concurrent_updates_of_one_employee_with_one_version_give_one_success(live):
    employee_id = live.world.employee_id("alpha", "other")
    [(version,)] = await _rows(live, sa.select(Employee.version).where(Employee.id == employee_id))
    responses, seconds = await _all_at_once(
        _post(live, UPDATE, {"i": {"id": gid("Employee", employee_id), "version": version,
                                   "name": f"Attempt {i:03d}"}})
        for i in range(WRITERS))
    _report(live, f"{WRITERS} conflicting updateEmployee", seconds, responses)
    assert [r.status_code for r in responses] == [200] * WRITERS
    codes = [_top_level_codes(r) for r in responses]
    winners = [i for i, c in enumerate(codes) if c == []]
    assert len(winners) == 1, codes
    assert sorted(codes, key=len) == [[]] + [["CONFLICT"]] * (WRITERS - 1)
    [winner] = winners
    won = responses[winner].json()["data"]["updateEmployee"]
    assert won["errors"] == [] and won["employee"]["version"] == version + 1
    [row] = await _rows(live, sa.select(Employee.name, Employee.version)
                        .where(Employee.id == employee_id))
    assert (row.name, row.version) == (f"Attempt {winner:03d}", version + 1)
    assert await _audit_count(live, "employee.update", [employee_id]) == {str(employee_id): 1}


async def test_concurrent_uploads_all_succeed(live):
    """POST /files ends its identity read before the body streams and inserts as a writer."""
    headers = {"authorization": f"Bearer {live.world.token('staff.alpha')}", "x-tenant": "alpha"}
    names = [f"parallel-{i:02d}.pdf" for i in range(UPLOADS)]
    uploads = [live.http.post("/files", headers=headers,
                              files={"file": (name, PDF, "application/pdf")}) for name in names]
    writes = [_post(live, CREATE_UNIT, {"i": {"code": f"UPL{i:02d}", "name": f"Upload Unit {i}"}})
              for i in range(UPLOADS)]
    responses, seconds = await _all_at_once([*uploads, *writes])
    print(f"\n[{live.backend}] {UPLOADS} concurrent uploads + {UPLOADS} createOrgUnit: "
          f"{seconds:.2f} s")
    assert [r.status_code for r in responses[:UPLOADS]] == [201] * UPLOADS
    assert [_top_level_codes(r) for r in responses[UPLOADS:]] == [[]] * UPLOADS
    stored = {name for (name,) in await _rows(
        live, sa.select(StoredFile.filename).where(StoredFile.filename.in_(names)))}
    assert stored == set(names)
    ids = [row.id for row in await _rows(live, sa.select(StoredFile.id))]
    assert len(await _audit_count(live, "file.upload", ids)) == UPLOADS


async def test_writers_wait_for_a_write_lock_held_by_another_process_readers_do_not(live):
    """Another process (a CLI command, the sqlite3 shell) holding SQLite's write lock: writers
    wait for it (BEGIN IMMEDIATE honours busy_timeout) instead of failing, readers go on."""
    if live.backend != "sqlite":
        pytest.skip("SQLite file locking")
    locked, release = threading.Event(), threading.Event()

    def other_process() -> None:
        conn = sqlite3.connect(live.db.engine.url.database, isolation_level=None)
        try:
            conn.execute("BEGIN IMMEDIATE")
            locked.set()
            release.wait(10)
            conn.execute("COMMIT")
        finally:
            conn.close()

    holder = asyncio.create_task(asyncio.to_thread(other_process))
    await asyncio.to_thread(locked.wait, 10)
    writes = [asyncio.create_task(_post(live, CREATE_UNIT, {"i": {"code": f"WAIT{i:02d}",
                                                                  "name": f"Waiting {i}"}}))
              for i in range(20)]
    reads = await asyncio.gather(*(_post(live, COUNT) for _ in range(5)))
    assert [_top_level_codes(r) for r in reads] == [[]] * 5  # while the lock is still held
    await asyncio.sleep(0.5)
    assert not any(w.done() for w in writes)  # waiting, not failed
    release.set()
    await holder
    responses = await asyncio.gather(*writes)
    assert [_top_level_codes(r) for r in responses] == [[]] * 20
    assert [r.json()["data"]["createOrgUnit"]["errors"] for r in responses] == [[]] * 20


async def test_on_sqlite_mutations_begin_immediate_and_queries_stay_deferred(live):
    if live.backend != "sqlite":
        pytest.skip("SQLite transaction modes")
    begins: list[str] = []

    def seen(_conn, _cursor, statement, *_args) -> None:
        if statement.startswith("BEGIN"):
            begins.append(statement)

    sa.event.listen(live.db.engine.sync_engine, "before_cursor_execute", seen)
    try:
        (await _post(live, COUNT)).raise_for_status()
        query_begins, begins[:] = list(begins), []
        await _post(live, CREATE_UNIT, {"i": {"code": "MODE1", "name": "Mode Unit"}})
    finally:
        sa.event.remove(live.db.engine.sync_engine, "before_cursor_execute", seen)
    assert set(query_begins) == {"BEGIN"}
    assert begins == ["BEGIN IMMEDIATE"]  # the mutation's one transaction, before any read



CREATE_USER = ("mutation NewUser($i:CreateUserInput!){createUser(input:$i)"
               "{user{id} errors{field code}}}")
UPDATE_USER = ("mutation EditUser($i:UpdateUserInput!){updateUser(input:$i)"
               "{user{version} errors{field code}}}")
CREATE_ROLE = ("mutation NewRole($i:CreateRoleInput!){createRole(input:$i)"
               "{role{name version} errors{field code}}}")
UPDATE_ROLE = ("mutation EditRole($i:UpdateRoleInput!){updateRole(input:$i)"
               "{role{version} errors{field code}}}")
UPDATE_TENANT = ("mutation EditTenant($i:UpdateTenantInput!){updateTenant(input:$i)"
                 "{tenant{version} errors{field code}}}")
LOGIN = "mutation SignIn($u:String!,$p:String!){login(username:$u,password:$p){token errors{code}}}"


async def _as(live: Live, username: str | None, query: str, variables: dict,
              tenant: str | None = "alpha") -> httpx.Response:
    headers = {"accept-language": "en"}
    if username:
        headers["authorization"] = f"Bearer {live.world.token(username)}"
    if tenant:
        headers["x-tenant"] = tenant
    return await live.http.post("/graphql", json={"query": query, "variables": variables},
                                headers=headers)


def _payload_codes(response: httpx.Response, field: str) -> list[str]:
    return [e["code"] for e in response.json()["data"][field]["errors"]]


async def _platform_rows(live: Live, statement) -> list:
    async with live.db.unit_of_work(platform=True, write=False) as session:
        return list((await session.execute(statement)).all())


@pytest.mark.parametrize("kind", ["user", "role", "tenant"])
async def test_concurrent_updates_of_one_orm_versioned_object_give_one_success(live, kind):
    """Users, roles and agencies are updated through ORM objects: the UPDATE must still be
    conditioned on the version read (models.CHECKED_VERSION), else on PostgreSQL several
    writers of one version all 'succeed' and overwrite each other (a lost update)."""
    if kind == "user":
        object_id = live.world.user_id("staff.alpha")
        [(version,)] = await _platform_rows(live, sa.select(User.version)
                                            .where(User.id == object_id))
        calls = [_as(live, "admin.alpha", UPDATE_USER, {"i": {
            "id": gid("User", object_id), "version": version, "displayName": f"Staff {i:03d}"}})
            for i in range(WRITERS)]
        field, action, audit = "updateUser", "user.update", AuditEvent
    elif kind == "role":
        created = await _as(live, "admin.alpha", CREATE_ROLE, {"i": {
            "name": "parallel", "description": "Start",
            "permissions": [{"resource": "user", "action": "read", "scope": "TENANT"}]}})
        assert _payload_codes(created, "createRole") == []
        object_id, version = "parallel", created.json()["data"]["createRole"]["role"]["version"]
        calls = [_as(live, "admin.alpha", UPDATE_ROLE, {"i": {
            "name": "parallel", "version": version, "description": f"Role {i:03d}"}})
            for i in range(WRITERS)]
        field, action, audit = "updateRole", "role.update", AuditEvent
    else:
        object_id = live.world.tenant_id("beta")
        [(version,)] = await _platform_rows(live, sa.select(Tenant.version)
                                            .where(Tenant.id == object_id))
        calls = [_as(live, "platform.root", UPDATE_TENANT, {"i": {
            "id": gid("Tenant", object_id), "version": version, "name": f"Dinas {i:03d}"}},
            tenant=None) for i in range(WRITERS)]
        field, action, audit = "updateTenant", "tenant.update", PlatformEvent
    responses, seconds = await _all_at_once(calls)
    _report(live, f"{WRITERS} conflicting {field}", seconds, responses)
    codes = [_top_level_codes(r) for r in responses]
    assert sorted(codes, key=len) == [[]] + [["CONFLICT"]] * (WRITERS - 1)
    [winner] = [i for i, c in enumerate(codes) if c == []]
    assert _payload_codes(responses[winner], field) == []
    if kind == "user":
        stored = await _platform_rows(live, sa.select(User.display_name, User.version)
                                      .where(User.id == object_id))
        assert stored == [(f"Staff {winner:03d}", version + 1)]
    elif kind == "role":
        stored = await _rows(live, sa.select(Role.description, Role.version)
                             .where(Role.name == object_id))
        assert stored == [(f"Role {winner:03d}", version + 1)]
    else:
        stored = await _platform_rows(live, sa.select(Tenant.name, Tenant.version)
                                      .where(Tenant.id == object_id))
        assert stored == [(f"Dinas {winner:03d}", version + 1)]
    select = sa.select(sa.func.count()).select_from(audit).where(
        audit.action == action, audit.object_id == str(object_id))
    events = await (_platform_rows(live, select) if audit is PlatformEvent
                    else _rows(live, select))
    assert events == [(1,)]


@pytest.mark.parametrize("kind", ["unit", "user"])
async def test_concurrent_creates_of_one_unique_key_give_one_success_and_duplicates(live, kind):
    """Both pass the 'is it taken?' check; the database's unique key decides, and the loser
    gets the same DUPLICATE field error as a sequential duplicate (not a 5xx)."""
    if kind == "unit":
        calls = [_post(live, CREATE_UNIT, {"i": {"code": "SAMEONE", "name": f"Same {i}"}})
                 for i in range(50)]
        field, key = "createOrgUnit", "code"
    else:
        calls = [_as(live, "admin.alpha", CREATE_USER, {"i": {
            "username": "same.user", "displayName": f"Same {i}", "roles": ["staff"]}})
            for i in range(50)]
        field, key = "createUser", "username"
    responses, _ = await _all_at_once(calls)
    assert [_top_level_codes(r) for r in responses] == [[]] * 50
    outcomes = sorted(_payload_codes(r, field) for r in responses)
    assert outcomes == [[]] + [["DUPLICATE"]] * 49
    assert all(r.json()["data"][field]["errors"][0]["field"] == key
               for r in responses if _payload_codes(r, field))


async def test_concurrent_failed_logins_of_one_username_are_all_counted(live):
    """The throttle row is created, then locked: parallel guesses take turns, so exactly
    `login_max_failures` of them are checked and the rest are refused (none slips past the
    limit, none collides on inserting the first failure)."""
    limit = live.world.settings.login_max_failures
    responses, _ = await _all_at_once(
        _as(live, None, LOGIN, {"u": "staff.beta", "p": f"wrong-guess-{i}"}, tenant=None)
        for i in range(30))
    assert [_top_level_codes(r) for r in responses] == [[]] * 30
    outcomes = Counter(",".join(_payload_codes(r, "login")) for r in responses)
    assert outcomes == {"INVALID_CREDENTIALS": limit, "TOO_MANY_ATTEMPTS": 30 - limit}
    assert await _platform_rows(live, sa.select(LoginThrottle.failures)
                                .where(LoginThrottle.username == "staff.beta")) == [(limit,)]


async def test_a_write_transaction_inside_another_in_one_task_is_refused_not_hung(live):
    """On SQLite the inner one would wait for the outer one's turn forever."""
    if live.backend != "sqlite":
        pytest.skip("the SQLite write turn")
    async with live.db.unit_of_work(platform=True):
        with pytest.raises(RuntimeError, match="single writer"):
            async with live.db.unit_of_work(platform=True):
                pass
        async with live.db.unit_of_work(platform=True, write=False) as reader:
            assert (await reader.execute(sa.select(sa.literal(1)))).scalar() == 1
    async with live.db.unit_of_work(platform=True):  # the turn was given back
        pass
