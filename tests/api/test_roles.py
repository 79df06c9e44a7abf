"""Role administration: listing, custom-role CRUD, assignment, and every guard code."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from kinerja.models import CasbinRule, Role
from tests.support.api import gid

ROLE_FIELDS = "id name description builtin memberCount version permissions{resource action scope}"
ROLES = "{roles{" + ROLE_FIELDS + "}}"
ROLE = "query($n:String!){role(name:$n){" + ROLE_FIELDS + "}}"
VOCABULARY = "{permissionVocabulary{resource action scope grantable}}"
CREATE = ("mutation($i:CreateRoleInput!){createRole(input:$i){role{" + ROLE_FIELDS + "}"
          " errors{field code message}}}")
UPDATE = ("mutation($i:UpdateRoleInput!){updateRole(input:$i){role{" + ROLE_FIELDS + "}"
          " errors{field code message}}}")
DELETE = "mutation($n:String!){deleteRole(name:$n){role{name} errors{field code}}}"
ASSIGN = ("mutation($u:ID!,$r:String!){assignRole(userId:$u,role:$r){user{username roles}"
          " errors{field code message}}}")
REVOKE = ("mutation($u:ID!,$r:String!){revokeRole(userId:$u,role:$r){user{username roles}"
          " errors{field code message}}}")
NODE = "query($id:ID!){node(id:$id){id ... on Role{name builtin}}}"

REVIEWER = [{"resource": "employee", "action": "read", "scope": "UNIT"},
            {"resource": "audit", "action": "read", "scope": "TENANT"}]


def perm(resource: str, action: str, scope: str = "TENANT") -> dict:
    return {"resource": resource, "action": action, "scope": scope}


def user(world, username: str) -> str:
    return gid("User", world.user_id(username))


async def create_role(api, name="reviewer", permissions=None, caller="admin.alpha",
                      description="Reviews"):
    result = await api.gql(CREATE, {"i": {"name": name, "description": description,
                                          "permissions": permissions or REVIEWER}}, user=caller)
    return result.ok()["createRole"]


async def assign(api, world, username: str, role: str, caller: str = "admin.alpha") -> dict:
    result = await api.gql(ASSIGN, {"u": user(world, username), "r": role}, user=caller)
    return result.ok()["assignRole"]


async def casbin_rows(db) -> list[tuple]:
    session = db.session(platform=True)
    try:
        rows = (await session.execute(sa.select(CasbinRule.ptype, CasbinRule.v0, CasbinRule.v1,
                                                CasbinRule.v2, CasbinRule.v3, CasbinRule.v4))).all()
    finally:
        await session.close()
    return sorted(tuple(r) for r in rows)


def codes(payload: dict) -> list[tuple]:
    return [(e["field"], e["code"]) for e in payload["errors"]]


# --- reading ---------------------------------------------------------------------------------

async def test_roles_lists_builtin_roles_with_member_counts_but_not_platform_admin(api):
    roles = (await api.gql(ROLES, user="admin.alpha")).ok()["roles"]
    assert [r["name"] for r in roles] == ["admin", "auditor", "hr", "parent_rater", "rater",
                                          "staff"]
    assert all(r["builtin"] and r["version"] == 0 for r in roles)
    assert {r["name"]: r["memberCount"] for r in roles} == {
        "admin": 1, "auditor": 1, "hr": 1, "parent_rater": 0, "rater": 1, "staff": 1}
    staff = next(r for r in roles if r["name"] == "staff")
    assert perm("employee", "read", "OWN") in staff["permissions"]


@pytest.mark.parametrize("caller", ["hr.alpha", "auditor.alpha"])
async def test_roles_readable_by_role_readers(api, caller):
    data = (await api.gql(ROLE, {"n": "Admin"}, user=caller)).ok()["role"]
    assert data["name"] == "admin" and perm("role", "assign") in data["permissions"]


async def test_role_unknown_and_platform_admin_are_not_found(api):
    for name in ("nobody", "platform_admin", "*"):
        result = await api.gql(ROLE, {"n": name}, user="admin.alpha")
        assert result.codes == ["NOT_FOUND"], name


async def test_permission_vocabulary_lists_tenant_scopes_and_what_the_caller_may_grant(api):
    options = (await api.gql(VOCABULARY, user="admin.alpha")).ok()["permissionVocabulary"]
    keyed = {(o["resource"], o["action"], o["scope"]): o["grantable"] for o in options}
    assert {s for (r, a, s) in keyed if (r, a) == ("employee", "read")} == {
        "OWN", "SUBORDINATES", "UNIT", "TENANT"}
    assert {s for (r, a, s) in keyed if (r, a) == ("user", "read")} == {"TENANT"}
    assert not any(s == "PLATFORM" for (_r, _a, s) in keyed)
    assert keyed[("role", "assign", "TENANT")] is True
    assert keyed[("tenant", "write", "TENANT")] is False  # admins do not hold it
    hr = (await api.gql(VOCABULARY, user="hr.alpha")).ok()["permissionVocabulary"]
    assert {(o["resource"], o["action"]) for o in hr if o["grantable"]} >= {("employee", "write")}
    assert not any(o["grantable"] for o in hr if o["resource"] == "audit")


# --- create, update, delete -----------------------------------------------------------------

async def test_create_role_then_read_it_by_name_list_and_node(api):
    payload = await create_role(api)
    assert payload["errors"] == []
    role = payload["role"]
    assert role["name"] == "reviewer" and role["builtin"] is False and role["version"] == 1
    assert role["memberCount"] == 0 and role["description"] == "Reviews"
    assert sorted(role["permissions"], key=str) == sorted(REVIEWER, key=str)
    names = [r["name"] for r in (await api.gql(ROLES, user="auditor.alpha")).ok()["roles"]]
    assert names[-1] == "reviewer"
    assert (await api.gql(ROLE, {"n": "reviewer"}, user="hr.alpha")).ok()["role"] == role
    node = (await api.gql(NODE, {"id": role["id"]}, user="hr.alpha")).ok()["node"]
    assert node == {"id": role["id"], "name": "reviewer", "builtin": False}


async def test_builtin_role_is_a_node_too(api):
    roles = (await api.gql(ROLES, user="admin.alpha")).ok()["roles"]
    hr = next(r for r in roles if r["name"] == "hr")
    node = (await api.gql(NODE, {"id": hr["id"]}, user="auditor.alpha")).ok()["node"]
    assert node["name"] == "hr" and node["builtin"] is True


async def test_custom_roles_belong_to_their_tenant(api):
    await create_role(api, caller="admin.beta", permissions=[perm("user", "read")])
    roles = (await api.gql(ROLES, user="admin.alpha")).ok()["roles"]
    assert "reviewer" not in [r["name"] for r in roles]
    assert (await api.gql(ROLE, {"n": "reviewer"}, user="admin.alpha")).codes == ["NOT_FOUND"]
    # the same name in alpha is independent of beta's role
    payload = await create_role(api)
    assert payload["errors"] == [] and perm("user", "read") not in payload["role"]["permissions"]


@pytest.mark.parametrize("name, code", [
    ("admin", "BUILTIN_ROLE"), ("Auditor", "BUILTIN_ROLE"), ("platform_admin", "BUILTIN_ROLE"),
    ("*", "INVALID_VALUE"), ("bad-name", "INVALID_VALUE"), ("x", "INVALID_VALUE"),
    ("  ", "REQUIRED"), ("a" * 61, "INVALID_VALUE"),
])
async def test_create_role_refuses_bad_names(api, db, name, code):
    before = await casbin_rows(db)
    payload = await create_role(api, name=name)
    assert payload["role"] is None and codes(payload) == [("name", code)]
    assert await casbin_rows(db) == before


@pytest.mark.parametrize("permission, code", [
    (perm("employee", "delete"), "INVALID_PERMISSION"),
    (perm("*", "read"), "INVALID_PERMISSION"),
    (perm("employee", "*"), "INVALID_PERMISSION"),
    (perm("salary", "read"), "INVALID_PERMISSION"),
    (perm("tenant", "write", "PLATFORM"), "INVALID_PERMISSION"),
    (perm("employee", "read", "PLATFORM"), "INVALID_PERMISSION"),
    (perm("user", "read", "OWN"), "INVALID_PERMISSION"),
    (perm("tenant", "write"), "PERMISSION_NOT_HELD"),
])
async def test_create_role_refuses_bad_permissions(api, db, permission, code):
    before = await casbin_rows(db)
    payload = await create_role(api, permissions=[perm("employee", "read"), permission])
    assert payload["role"] is None and codes(payload) == [("permissions[1]", code)]
    assert await casbin_rows(db) == before


async def test_create_role_reports_every_error_at_once_and_writes_nothing(api, db):
    before = await casbin_rows(db)
    payload = await create_role(api, name="admin", description="x" * 501, permissions=[
        perm("employee", "read"), perm("employee", "read", "OWN"), perm("nope", "read")])
    assert codes(payload) == [("name", "BUILTIN_ROLE"), ("description", "TOO_LONG"),
                              ("permissions[1]", "DUPLICATE"),
                              ("permissions[2]", "INVALID_PERMISSION")]
    assert await casbin_rows(db) == before
    empty = (await api.gql(CREATE, {"i": {"name": "empty", "permissions": []}},
                           user="admin.alpha")).ok()["createRole"]
    assert codes(empty) == [("permissions", "REQUIRED")]


async def test_create_role_twice_is_a_duplicate(api):
    await create_role(api)
    assert codes(await create_role(api)) == [("name", "DUPLICATE")]


async def test_update_role_replaces_permissions_and_bumps_the_version(api):
    await create_role(api)
    result = await api.gql(UPDATE, {"i": {"name": "reviewer", "version": 1, "description": "New",
                                          "permissions": [perm("employee", "read", "OWN")]}},
                           user="admin.alpha")
    role = result.ok()["updateRole"]["role"]
    assert role["version"] == 2 and role["description"] == "New"
    assert role["permissions"] == [perm("employee", "read", "OWN")]
    kept = (await api.gql(UPDATE, {"i": {"name": "reviewer", "description": "Only text"}},
                          user="admin.alpha")).ok()["updateRole"]["role"]
    assert kept["permissions"] == [perm("employee", "read", "OWN")] and kept["version"] == 3


async def test_update_role_with_a_stale_version_is_a_conflict_and_changes_nothing(api):
    await create_role(api)
    result = await api.gql(UPDATE, {"i": {"name": "reviewer", "version": 7, "description": "X"}},
                           user="admin.alpha")
    assert result.codes == ["CONFLICT"]
    role = (await api.gql(ROLE, {"n": "reviewer"}, user="admin.alpha")).ok()["role"]
    assert role["description"] == "Reviews" and role["version"] == 1


async def test_update_role_guards(api):
    builtin = (await api.gql(UPDATE, {"i": {"name": "hr", "description": "mine now"}},
                             user="admin.alpha")).ok()["updateRole"]
    assert codes(builtin) == [("name", "BUILTIN_ROLE")]
    missing = await api.gql(UPDATE, {"i": {"name": "ghost", "description": "x"}},
                            user="admin.alpha")
    assert missing.codes == ["NOT_FOUND"]
    await create_role(api)
    bad = (await api.gql(UPDATE, {"i": {"name": "reviewer", "permissions": [
        perm("tenant", "write"), perm("employee", "read", "PLATFORM")]}}, user="admin.alpha")
    ).ok()["updateRole"]
    assert codes(bad) == [("permissions[0]", "PERMISSION_NOT_HELD"),
                          ("permissions[1]", "INVALID_PERMISSION")]


async def test_delete_role(api, world):
    await create_role(api)
    staff = user(world, "staff.alpha")
    (await api.gql(ASSIGN, {"u": staff, "r": "reviewer"}, user="admin.alpha")).ok()
    in_use = (await api.gql(DELETE, {"n": "reviewer"}, user="admin.alpha")).ok()["deleteRole"]
    assert codes(in_use) == [("name", "ROLE_IN_USE")]
    (await api.gql(REVOKE, {"u": staff, "r": "reviewer"}, user="admin.alpha")).ok()
    deleted = (await api.gql(DELETE, {"n": "reviewer"}, user="admin.alpha")).ok()["deleteRole"]
    assert deleted == {"role": {"name": "reviewer"}, "errors": []}
    assert (await api.gql(ROLE, {"n": "reviewer"}, user="admin.alpha")).codes == ["NOT_FOUND"]
    builtin = (await api.gql(DELETE, {"n": "staff"}, user="admin.alpha")).ok()["deleteRole"]
    assert codes(builtin) == [("name", "BUILTIN_ROLE")]
    assert (await api.gql(DELETE, {"n": "ghost"}, user="admin.alpha")).codes == ["NOT_FOUND"]


async def test_deleted_role_rows_are_gone(api, db, world):
    await create_role(api)
    (await api.gql(DELETE, {"n": "reviewer"}, user="admin.alpha")).ok()
    tenant = str(world.tenant_id("alpha"))
    assert not [r for r in await casbin_rows(db) if r[1] == "reviewer" or r[2] == "reviewer"]
    session = db.session(tenant_id=world.tenant_id("alpha"))
    try:
        found = await session.execute(sa.select(Role.id).where(Role.name == "reviewer"))
        assert found.first() is None
    finally:
        await session.close()
    assert tenant  # the domain used above was the tenant's own


# --- assign and revoke -----------------------------------------------------------------------

async def test_assign_and_revoke_a_builtin_role(api, world):
    staff = user(world, "staff.alpha")
    assigned = (await api.gql(ASSIGN, {"u": staff, "r": "auditor"}, user="admin.alpha")).ok()
    assert assigned["assignRole"] == {
        "user": {"username": "staff.alpha", "roles": ["auditor", "staff"]}, "errors": []}
    again = (await api.gql(ASSIGN, {"u": staff, "r": "auditor"}, user="admin.alpha")).ok()
    assert codes(again["assignRole"]) == [("role", "DUPLICATE")]
    revoked = (await api.gql(REVOKE, {"u": staff, "r": "auditor"}, user="admin.alpha")).ok()
    assert revoked["revokeRole"]["user"]["roles"] == ["staff"]
    not_held = (await api.gql(REVOKE, {"u": staff, "r": "auditor"}, user="admin.alpha")).ok()
    assert codes(not_held["revokeRole"]) == [("role", "NOT_FOUND")]


async def test_assign_a_custom_role(api, world):
    await create_role(api)
    assert (await assign(api, world, "rater.alpha", "reviewer"))["user"]["roles"] == [
        "rater", "reviewer"]
    role = (await api.gql(ROLE, {"n": "reviewer"}, user="admin.alpha")).ok()["role"]
    assert role["memberCount"] == 1


async def test_create_and_assign_in_one_request(api, world):
    document = ("mutation($u:ID!){createRole(input:{name:\"helper\",permissions:["
                "{resource:\"user\",action:\"read\",scope:TENANT}]}){errors{code}} "
                "assignRole(userId:$u,role:\"helper\")"
                "{user{roles} errors{code}}}")
    data = (await api.gql(document, {"u": user(world, "staff.alpha")}, user="admin.alpha")).ok()
    assert data["assignRole"] == {"user": {"roles": ["helper", "staff"]}, "errors": []}


@pytest.mark.parametrize("role, code", [
    ("platform_admin", "RESERVED_ROLE"), ("ghost", "UNKNOWN_REFERENCE"), ("*", "UNKNOWN_REFERENCE"),
])
async def test_assign_role_guards(api, db, world, role, code):
    before = await casbin_rows(db)
    result = await api.gql(ASSIGN, {"u": user(world, "hr.alpha"), "r": role}, user="admin.alpha")
    assert codes(result.ok()["assignRole"]) == [("role", code)]
    assert await casbin_rows(db) == before


async def test_the_last_admin_cannot_be_revoked(api, db, world):
    admin = user(world, "admin.alpha")
    before = await casbin_rows(db)
    result = await api.gql(REVOKE, {"u": admin, "r": "admin"}, user="admin.alpha")
    assert codes(result.ok()["revokeRole"]) == [("role", "LAST_ADMIN")]
    assert await casbin_rows(db) == before
    (await api.gql(ASSIGN, {"u": user(world, "hr.alpha"), "r": "admin"}, user="admin.alpha")).ok()
    result = await api.gql(REVOKE, {"u": admin, "r": "admin"}, user="hr.alpha")
    assert result.ok()["revokeRole"] == {"user": {"username": "admin.alpha", "roles": []},
                                         "errors": []}
    last = await api.gql(REVOKE, {"u": user(world, "hr.alpha"), "r": "admin"}, user="hr.alpha")
    assert codes(last.ok()["revokeRole"]) == [("role", "LAST_ADMIN")]


async def test_revoking_the_last_role_ends_the_membership(api, world):
    staff = user(world, "staff.alpha")
    result = await api.gql(REVOKE, {"u": staff, "r": "staff"}, user="admin.alpha")
    assert result.ok()["revokeRole"]["user"] == {"username": "staff.alpha", "roles": []}
    again = await api.gql(REVOKE, {"u": staff, "r": "staff"}, user="admin.alpha")
    assert again.codes == ["NOT_FOUND"]
    me = await api.gql("{me{roles}}", user="staff.alpha", tenant="alpha")
    assert me.status == 403 and me.codes == ["TENANT_NOT_ALLOWED"]


async def test_messages_follow_the_language(api):
    payload = (await api.gql(CREATE, {"i": {"name": "admin", "permissions": REVIEWER}},
                             user="admin.alpha", lang="id")).ok()["createRole"]
    assert payload["errors"][0]["message"] == "Peran bawaan tidak dapat diubah."
