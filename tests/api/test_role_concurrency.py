"""Role changes under real concurrency (issue 15), on both backends.

Two simulated server processes share one fresh, really committing database: each has its own
engine (its real pool), its own PolicyStore and its own app, and neither listens for
PostgreSQL notifications, so what keeps them right is the policy generation in the database
alone. Checked:
- concurrent `updateRole` of one version: exactly one winner, CONFLICT for the rest, the role
  holds the winner's permissions only, and one audit event whose "after" is what was stored;
- concurrent assignments and revocations of one member: each event's "before" is the previous
  event's "after" (a true audit trail), duplicates are refused with typed errors;
- no request that starts after a role change has returned sees the old policy, in either
  process, even while the other process is busy;
- a `kinerja grant` from another OS process is seen by a running server on the next request.
"""

from __future__ import annotations

import asyncio
import dataclasses
import os
import subprocess
import sys
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa

from kinerja.app import Services, create_app
from kinerja.db import Database, create_engine
from kinerja.demo.load import load_demo
from kinerja.models import AuditEvent, CasbinRule, Role
from tests.conftest import SCHEMA, TEST_SETTINGS
from tests.support.api import gid
from tests.support.databases import fresh_database
from tests.support.world import World, build_world

ROOT = Path(__file__).resolve().parents[2]
KINERJA = Path(sys.executable).with_name("kinerja")
ROUNDS = 10
READERS = 16
CREATE_ROLE = ("mutation NewRole($i:CreateRoleInput!){createRole(input:$i)"
               "{role{name version} errors{field code}}}")
UPDATE_ROLE = ("mutation EditRole($i:UpdateRoleInput!){updateRole(input:$i)"
               "{role{version permissions{resource action scope}} errors{field code}}}")
ASSIGN = ("mutation Give($u:ID!,$r:String!){assignRole(userId:$u,role:$r)"
          "{user{roles} errors{field code}}}")
REVOKE = ("mutation Take($u:ID!,$r:String!){revokeRole(userId:$u,role:$r)"
          "{user{roles} errors{field code}}}")
EVENTS = "query Events{auditEvents(first:1){totalCount}}"
USERS = "query Users{users(first:1){totalCount}}"


@dataclass
class Process:
    services: Services
    http: httpx.AsyncClient


@dataclass
class Live:
    backend: str
    url: str
    world: World
    a: Process
    b: Process


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
async def live(request, tmp_path_factory) -> AsyncIterator[Live]:
    databases = fresh_database(request.param, tmp_path_factory)
    url = await anext(databases)
    settings = dataclasses.replace(TEST_SETTINGS, storage_dir=tmp_path_factory.mktemp("files"))
    started: list[Process] = []
    try:
        first = Database(create_engine(url))
        world = World(await load_demo(first, build_world()), settings)
        for db in (first, Database(create_engine(url))):
            services = Services(settings, db, schema=SCHEMA)
            app = create_app(services=services)
            http = httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                     base_url="http://kinerja.test", timeout=120)
            started.append(Process(services, http))
        yield Live(request.param, url, world, started[0], started[1])
    finally:
        for process in started:
            await process.http.aclose()
            await process.services.db.dispose()
        await databases.aclose()


async def _post(process: Process, live: Live, username: str, query: str,
                variables: dict | None = None) -> httpx.Response:
    return await process.http.post(
        "/graphql", json={"query": query, "variables": variables},
        headers={"authorization": f"Bearer {live.world.token(username)}", "x-tenant": "alpha",
                 "accept-language": "en"})


def _top(response: httpx.Response) -> list[str]:
    assert response.status_code == 200, response.text
    return [e["extensions"]["code"] for e in response.json().get("errors") or []]


def _payload(response: httpx.Response, field: str) -> list[str]:
    assert _top(response) == [], response.text
    return [e["code"] for e in response.json()["data"][field]["errors"]]


async def _rows(live: Live, statement) -> list:
    tenant_id = live.world.tenant_id("alpha")
    async with live.a.services.db.unit_of_work(tenant_id=tenant_id, write=False) as session:
        return list((await session.execute(statement)).all())


async def _events(live: Live, action_prefix: str, object_id: str) -> list[AuditEvent]:
    rows = await _rows(live, sa.select(AuditEvent.action, AuditEvent.before, AuditEvent.after)
                       .where(AuditEvent.action.startswith(action_prefix),
                              AuditEvent.object_id == object_id)
                       .order_by(AuditEvent.seq))
    return rows


async def _stored_grants(live: Live, role: str) -> list[str]:
    domain = str(live.world.tenant_id("alpha"))
    async with live.a.services.db.unit_of_work(platform=True, write=False) as session:
        rows = (await session.execute(sa.select(CasbinRule.v2, CasbinRule.v3, CasbinRule.v4).where(
            CasbinRule.ptype == "p", CasbinRule.v0 == role, CasbinRule.v1 == domain))).all()
    return sorted(f"{r}:{a}:{s}" for r, a, s in rows)


async def _member_roles(live: Live, username: str) -> list[str]:
    domain = str(live.world.tenant_id("alpha"))
    async with live.a.services.db.unit_of_work(platform=True, write=False) as session:
        rows = (await session.execute(sa.select(CasbinRule.v1).where(
            CasbinRule.ptype == "g", CasbinRule.v0 == str(live.world.user_id(username)),
            CasbinRule.v2 == domain))).scalars().all()
    return sorted(rows)


def _perm(resource: str, action: str, scope: str) -> dict:
    return {"resource": resource, "action": action, "scope": scope}


# --- optimistic versioning of roles ---------------------------------------------------------

async def test_concurrent_role_updates_of_one_version_have_one_winner_and_a_true_audit(live):
    """The issue's rounds: two administrators (one per process) set different permissions on
    one version of a role. Exactly one wins; the other gets CONFLICT; the role holds the
    winner's permissions only; the one audit event's "after" is what was stored."""
    choices = [[_perm("employee", "read", "OWN")], [_perm("org_unit", "read", "TENANT")]]
    labels = [["employee:read:own"], ["org_unit:read:tenant"]]
    for round_ in range(ROUNDS):
        name = f"race{round_:02d}"
        created = await _post(live.a, live, "admin.alpha", CREATE_ROLE, {"i": {
            "name": name, "description": "start",
            "permissions": [_perm("user", "read", "TENANT")]}})
        assert _payload(created, "createRole") == []
        version = created.json()["data"]["createRole"]["role"]["version"]
        responses = await asyncio.gather(*(
            _post(process, live, "admin.alpha", UPDATE_ROLE, {"i": {
                "name": name, "version": version, "permissions": choices[i % 2]}})
            for i, process in enumerate([live.a, live.b, live.a, live.b])))
        codes = [_top(r) for r in responses]
        winners = [i for i, c in enumerate(codes) if c == []]
        assert len(winners) == 1, codes
        assert sorted(codes, key=len) == [[]] + [["CONFLICT"]] * 3
        [winner] = winners
        won = responses[winner].json()["data"]["updateRole"]
        assert won["errors"] == [] and won["role"]["version"] == version + 1
        assert await _stored_grants(live, name) == labels[winner % 2]
        [(version_now,)] = await _rows(live, sa.select(Role.version).where(Role.name == name))
        assert version_now == version + 1
        events = await _events(live, "role.update", name)
        assert [(e.before["permissions"], e.after["permissions"]) for e in events] \
            == [(["user:read:tenant"], labels[winner % 2])]


async def test_concurrent_updates_without_a_version_are_serialised_and_audited_truly(live):
    """No version sent: every update applies, one after the other; each event's "before" is
    the previous one's "after", and the last "after" is what is stored (no blend)."""
    name = "serial"
    created = await _post(live.a, live, "admin.alpha", CREATE_ROLE, {"i": {
        "name": name, "permissions": [_perm("user", "read", "TENANT")]}})
    assert _payload(created, "createRole") == []
    sets = [[_perm("employee", "read", "OWN")], [_perm("org_unit", "read", "TENANT")],
            [_perm("audit", "read", "TENANT")], [_perm("position", "read", "TENANT")]]
    responses = await asyncio.gather(*(
        _post(live.a if i % 2 else live.b, live, "admin.alpha", UPDATE_ROLE,
              {"i": {"name": name, "permissions": p}}) for i, p in enumerate(sets * 2)))
    assert [_payload(r, "updateRole") for r in responses] == [[]] * 8
    versions = sorted(r.json()["data"]["updateRole"]["role"]["version"] for r in responses)
    assert versions == list(range(2, 10))
    events = await _events(live, "role.update", name)
    assert len(events) == 8
    chain = [events[0].before["permissions"]] + [e.after["permissions"] for e in events]
    assert chain[0] == ["user:read:tenant"]
    assert [e.before["permissions"] for e in events] == chain[:-1]
    assert chain[-1] == await _stored_grants(live, name)
    assert all(len(c) == 1 for c in chain)


# --- assignments ----------------------------------------------------------------------------

async def test_concurrent_assignments_of_one_member_are_serialised_with_a_true_audit(live):
    """Different roles given to one member at once all apply; the same role given many times
    at once applies once (the rest DUPLICATE); revoked many times at once, once (the rest
    NOT_FOUND); the member's audit trail chains before -> after without a gap."""
    member = gid("User", live.world.user_id("auditor.alpha"))
    roles = ["hr", "rater", "staff"]
    given = await asyncio.gather(*(
        _post(live.a if i % 2 else live.b, live, "admin.alpha", ASSIGN, {"u": member, "r": r})
        for i, r in enumerate(roles)))
    assert [_payload(r, "assignRole") for r in given] == [[]] * 3
    same = await asyncio.gather(*(
        _post(live.a if i % 2 else live.b, live, "admin.alpha", ASSIGN, {"u": member, "r": "admin"})
        for i in range(6)))
    assert sorted(_payload(r, "assignRole") for r in same) == [[]] + [["DUPLICATE"]] * 5
    taken = await asyncio.gather(*(
        _post(live.a if i % 2 else live.b, live, "admin.alpha", REVOKE, {"u": member, "r": "hr"})
        for i in range(6)))
    assert sorted(_payload(r, "revokeRole") for r in taken) == [[]] + [["NOT_FOUND"]] * 5
    stored = await _member_roles(live, "auditor.alpha")
    assert stored == ["admin", "auditor", "rater", "staff"]
    events = await _events(live, "role.", str(live.world.user_id("auditor.alpha")))
    assert Counter(e.action for e in events) == {"role.assign": 4, "role.revoke": 1}
    assert events[0].before["roles"] == ["auditor"]
    assert [e.before["roles"] for e in events[1:]] == [e.after["roles"] for e in events[:-1]]
    assert events[-1].after["roles"] == stored


async def test_a_role_is_not_deleted_while_it_is_being_assigned(live):
    """deleteRole and assignRole of one custom role at once: either the role is gone and
    nobody holds it, or it was assigned and its deletion refused (ROLE_IN_USE)."""
    for round_ in range(5):
        name = f"doomed{round_}"
        created = await _post(live.a, live, "admin.alpha", CREATE_ROLE, {"i": {
            "name": name, "permissions": [_perm("user", "read", "TENANT")]}})
        assert _payload(created, "createRole") == []
        member = gid("User", live.world.user_id("staff.alpha"))
        deleted, assigned = await asyncio.gather(
            _post(live.a, live, "admin.alpha",
                  "mutation D($n:String!){deleteRole(name:$n){role{name} errors{field code}}}",
                  {"n": name}),
            _post(live.b, live, "admin.alpha", ASSIGN, {"u": member, "r": name}))
        outcome = (_payload(deleted, "deleteRole"), _payload(assigned, "assignRole"))
        assert outcome in (([], ["UNKNOWN_REFERENCE"]), (["ROLE_IN_USE"], [])), outcome
        holders = name in await _member_roles(live, "staff.alpha")
        assert holders == (outcome[1] == [])
        if holders:
            revoked = await _post(live.a, live, "admin.alpha", REVOKE, {"u": member, "r": name})
            assert _payload(revoked, "revokeRole") == []


# --- no stale policy after a change returns -------------------------------------------------

async def test_no_request_after_a_role_change_returned_sees_the_old_policy(live):
    """Grant and revoke `auditor` to a staff member in process A, round after round, while the
    member keeps process B busy; once each change has returned, 16 concurrent requests in each
    process must all see the new policy (allowed after the grant, FORBIDDEN after the revoke)."""
    member = gid("User", live.world.user_id("staff.alpha"))
    stop = asyncio.Event()

    async def busy() -> None:
        while not stop.is_set():
            await _post(live.b, live, "staff.alpha", EVENTS)

    background = [asyncio.create_task(busy()) for _ in range(4)]
    try:
        for round_ in range(ROUNDS):
            changer = live.a if round_ % 2 == 0 else live.b
            given = await _post(changer, live, "admin.alpha", ASSIGN, {"u": member, "r": "auditor"})
            assert _payload(given, "assignRole") == []
            after = await asyncio.gather(*(_post(p, live, "staff.alpha", EVENTS)
                                           for p in (live.a, live.b) for _ in range(READERS)))
            assert [_top(r) for r in after] == [[]] * 2 * READERS, round_
            taken = await _post(changer, live, "admin.alpha", REVOKE, {"u": member, "r": "auditor"})
            assert _payload(taken, "revokeRole") == []
            after = await asyncio.gather(*(_post(p, live, "staff.alpha", EVENTS)
                                           for p in (live.a, live.b) for _ in range(READERS)))
            assert [_top(r) for r in after] == [["FORBIDDEN"]] * 2 * READERS, round_
    finally:
        stop.set()
        await asyncio.gather(*background)


async def test_a_role_permission_change_is_seen_by_the_next_requests_in_every_process(live):
    """updateRole replaces a held role's permissions: afterwards, no concurrent request of its
    holder in either process keeps the old permission or lacks the new one."""
    created = await _post(live.a, live, "admin.alpha", CREATE_ROLE, {"i": {
        "name": "flipper", "permissions": [_perm("audit", "read", "TENANT")]}})
    assert _payload(created, "createRole") == []
    member = gid("User", live.world.user_id("rater.alpha"))
    assert _payload(await _post(live.b, live, "admin.alpha", ASSIGN,
                                {"u": member, "r": "flipper"}), "assignRole") == []
    sets = [[_perm("user", "read", "TENANT")], [_perm("audit", "read", "TENANT")]]
    for round_ in range(ROUNDS):
        wanted = sets[round_ % 2]
        changed = await _post(live.a if round_ % 2 else live.b, live, "admin.alpha", UPDATE_ROLE,
                              {"i": {"name": "flipper", "permissions": wanted}})
        assert _payload(changed, "updateRole") == []
        users = wanted[0]["resource"] == "user"
        probes = await asyncio.gather(*(
            _post(p, live, "rater.alpha", q) for p in (live.a, live.b)
            for q in (USERS, EVENTS) for _ in range(READERS // 2)))
        expected = [[] if (q is USERS) == users else ["FORBIDDEN"]
                    for _p in (live.a, live.b) for q in (USERS, EVENTS)
                    for _ in range(READERS // 2)]
        assert [_top(r) for r in probes] == expected, round_


def _cli(live: Live, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "KINERJA_DATABASE_URL": live.url}
    return subprocess.run([str(KINERJA), *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


async def test_a_grant_from_the_command_line_is_seen_by_the_running_servers(live):
    """`kinerja grant` in another OS process (no notification on SQLite, none listened to
    here on PostgreSQL): the next request in both running processes sees the new role."""
    assert [_top(await _post(p, live, "hr.alpha", EVENTS)) for p in (live.a, live.b)] \
        == [["FORBIDDEN"]] * 2  # both processes have loaded and cached their policies
    done = await asyncio.to_thread(_cli, live, "grant", "--username", "hr.alpha",
                                   "--role", "auditor", "--tenant", "alpha")
    assert done.returncode == 0, done.stderr
    probes = await asyncio.gather(*(_post(p, live, "hr.alpha", EVENTS)
                                    for p in (live.a, live.b) for _ in range(READERS)))
    assert [_top(r) for r in probes] == [[]] * 2 * READERS


async def test_a_burst_of_first_requests_in_a_new_process_is_decided_on_the_loaded_policies(live):
    """Requests that computed their memberships from the empty start-up store while another
    request's reload finished must look again (else TENANT_NOT_ALLOWED for a member)."""
    services = Services(live.a.services.settings, Database(create_engine(live.url)),
                        schema=SCHEMA)
    app = create_app(services=services)
    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                     base_url="http://kinerja.test", timeout=120) as http:
            fresh = Process(services, http)
            responses = await asyncio.gather(*(_post(fresh, live, "admin.alpha", USERS)
                                               for _ in range(2 * READERS)))
        assert [_top(r) for r in responses] == [[]] * 2 * READERS
        assert services.policies.generation == 1  # one reload for the whole burst
    finally:
        await services.db.dispose()
