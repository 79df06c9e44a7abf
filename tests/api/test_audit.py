"""The audit trail of role and user administration, read by admins and auditors."""

from __future__ import annotations

from itertools import pairwise

import pytest

from tests.api.test_roles import ASSIGN, DELETE, REVOKE, UPDATE, create_role, perm, user
from tests.api.test_users import CREATE as CREATE_USER
from tests.api.test_users import DISABLE, REMOVE, new_user

EVENTS = ("query($f:Int,$a:String,$t:String,$o:String,$u:ID){auditEvents(first:$f,after:$a,"
          "objectType:$t,objectId:$o,actorUserId:$u){totalCount nodes{id at actorUserId "
          "actorUsername action objectType objectId before after} "
          "pageInfo{hasNextPage endCursor}}}")


async def events(api, caller="auditor.alpha", **variables) -> dict:
    return (await api.gql(EVENTS, variables, user=caller)).ok()["auditEvents"]


async def make_changes(api, world) -> None:
    """Every kind of role and user change, by admin.alpha."""
    await create_role(api)
    staff = user(world, "staff.alpha")
    for document, variables in (
        (UPDATE, {"i": {"name": "reviewer", "permissions": [perm("user", "read")]}}),
        (ASSIGN, {"u": staff, "r": "reviewer"}),
        (REVOKE, {"u": staff, "r": "reviewer"}),
        (DELETE, {"n": "reviewer"}),
        (CREATE_USER, {"i": new_user()}),
        (DISABLE, {"id": user(world, "rater.alpha"), "d": True}),
        (REMOVE, {"id": user(world, "rater.alpha")}),
    ):
        data = (await api.gql(document, variables, user="admin.alpha")).ok()
        assert next(iter(data.values()))["errors"] == [], data


async def test_every_change_is_recorded_newest_first_with_before_and_after(api, world):
    await make_changes(api, world)
    trail = await events(api)
    assert [e["action"] for e in trail["nodes"]] == [
        "user.remove_from_tenant", "user.disable", "user.create", "role.delete", "role.revoke",
        "role.assign", "role.update", "role.create"]
    assert trail["totalCount"] == 8
    admin = user(world, "admin.alpha")
    actors = {(e["actorUserId"], e["actorUsername"]) for e in trail["nodes"]}
    assert actors == {(admin, "admin.alpha")}
    by_action = {e["action"]: e for e in trail["nodes"]}
    assert by_action["role.create"]["objectType"] == "Role"
    assert by_action["role.create"]["objectId"] == "reviewer"
    assert by_action["role.create"]["before"] is None
    assert by_action["role.create"]["after"] == {
        "description": "Reviews", "permissions": ["audit:read:tenant", "employee:read:unit"]}
    assert by_action["role.update"]["before"]["permissions"] == [
        "audit:read:tenant", "employee:read:unit"]
    assert by_action["role.update"]["after"]["permissions"] == ["user:read:tenant"]
    assert by_action["role.assign"]["objectId"] == str(world.user_id("staff.alpha"))
    assert by_action["role.assign"]["before"] == {"roles": ["staff"]}
    assert by_action["role.assign"]["after"] == {"roles": ["reviewer", "staff"], "role": "reviewer"}
    assert by_action["role.delete"]["after"] is None
    assert by_action["user.create"]["after"]["roles"] == ["staff"]
    assert "password" not in str(by_action["user.create"]["after"]).replace("password_changed", "")
    assert by_action["user.disable"]["after"] == {"disabled": True}
    assert by_action["user.remove_from_tenant"]["before"] == {"roles": ["rater"]}
    assert trail["nodes"][0]["at"] >= trail["nodes"][-1]["at"]


async def test_password_changes_are_recorded_without_the_password(api, world):
    document = ("mutation($i:UpdateUserInput!){updateUser(input:$i){errors{code}}}")
    variables = {"i": {"id": user(world, "staff.alpha"), "password": "sandi-rahasia-1"}}
    (await api.gql(document, variables, user="admin.alpha")).ok()
    [event] = (await events(api, t="User"))["nodes"]
    assert event["action"] == "user.update" and event["after"]["password_changed"] is True
    assert "sandi-rahasia-1" not in str(event) and "argon2" not in str(event)


async def test_filters_and_pages(api, world):
    await make_changes(api, world)
    roles = await events(api, t="Role")
    assert {e["objectType"] for e in roles["nodes"]} == {"Role"} and roles["totalCount"] == 3
    staff_id = user(world, "staff.alpha")
    by_global = await events(api, o=staff_id)
    by_raw = await events(api, o=str(world.user_id("staff.alpha")))
    assert by_global == by_raw
    assert [e["action"] for e in by_global["nodes"]] == ["role.revoke", "role.assign"]
    assert (await events(api, u=user(world, "admin.alpha")))["totalCount"] == 8
    assert (await events(api, u=user(world, "hr.alpha")))["nodes"] == []
    first = await events(api, f=3)
    assert first["pageInfo"]["hasNextPage"] is True
    rest = await events(api, f=10, a=first["pageInfo"]["endCursor"])
    assert rest["pageInfo"]["hasNextPage"] is False
    everything = [e["id"] for e in (await events(api, f=10))["nodes"]]
    assert [e["id"] for e in first["nodes"] + rest["nodes"]] == everything


async def test_the_trail_is_tenant_scoped(api, world):
    await make_changes(api, world)
    assert (await events(api, caller="auditor.beta"))["nodes"] == []
    assert (await events(api, caller="admin.alpha"))["totalCount"] == 8
    foreign = await events(api, o=str(world.user_id("staff.beta")))
    assert foreign["nodes"] == []


@pytest.mark.parametrize("caller", ["staff.alpha", "hr.alpha", "rater.alpha"])
async def test_only_admins_and_auditors_read_the_trail(api, caller):
    assert (await api.gql(EVENTS, user=caller)).codes == ["FORBIDDEN"]


@pytest.mark.parametrize("variables, code", [({"a": "bm9wZQ=="}, "INVALID_CURSOR"),
                                             ({"f": 1000}, "PAGE_SIZE"),
                                             ({"u": "bad-id"}, "INVALID_ID")])
async def test_bad_arguments_are_typed_errors(api, variables, code):
    assert (await api.gql(EVENTS, variables, user="auditor.alpha")).codes == [code]


async def test_a_forged_cursor_is_refused(api):
    from kinerja.graphql.relay import encode_cursor

    naive = ["2026-01-01T00:00:00", "00000000-0000-0000-0000-000000000000"]
    for values in (["yesterday", "x"], naive):
        result = await api.gql(EVENTS, {"a": encode_cursor(values)}, user="auditor.alpha")
        assert result.codes == ["INVALID_CURSOR"]


async def test_events_carry_their_place_in_the_hash_chain(api, world):
    """An auditor can export the trail and recompute every hash (README: Audit trail)."""
    from datetime import datetime
    from types import SimpleNamespace

    from kinerja.audit.chain import event_hash
    from kinerja.graphql.relay import from_global_id

    await make_changes(api, world)
    document = ("{auditEvents(first:50){nodes{id at actorUserId action objectType objectId "
                "before after seq prevHash eventHash}}}")
    nodes = (await api.gql(document, user="auditor.alpha")).ok()["auditEvents"]["nodes"]
    chain = sorted(nodes, key=lambda n: n["seq"])
    assert [n["seq"] for n in chain] == list(range(1, len(chain) + 1))
    assert chain[0]["prevHash"] == "0" * 64
    for previous, event in pairwise(chain):
        assert event["prevHash"] == previous["eventHash"]
    for node in chain:
        raw = SimpleNamespace(
            id=from_global_id(node["id"])[1], seq=node["seq"],
            at=datetime.fromisoformat(node["at"]),
            actor_user_id=from_global_id(node["actorUserId"])[1] if node["actorUserId"] else None,
            action=node["action"], object_type=node["objectType"], object_id=node["objectId"],
            before=node["before"], after=node["after"])
        assert event_hash(world.tenant_id("alpha"), raw, node["prevHash"]) == node["eventHash"]
