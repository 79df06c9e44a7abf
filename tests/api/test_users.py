"""User administration in a tenant: members, create, update, remove, disable (and platform)."""

from __future__ import annotations

import uuid

import pytest

from kinerja.models import CasbinRule
from tests.api.test_roles import ASSIGN, assign, casbin_rows, codes, user
from tests.support.api import gid
from tests.support.world import PASSWORD

USER_FIELDS = "id username displayName email disabled version roles"
USERS = ("query($f:Int,$a:String,$s:String){users(first:$f,after:$a,search:$s){totalCount "
         "edges{cursor node{" + USER_FIELDS + "}} nodes{username} "
         "pageInfo{hasNextPage endCursor}}}")
USER = "query($id:ID!){user(id:$id){" + USER_FIELDS + "}}"
CREATE = ("mutation($i:CreateUserInput!){createUser(input:$i){user{" + USER_FIELDS + "} "
          "errors{field code message}}}")
UPDATE = ("mutation($i:UpdateUserInput!){updateUser(input:$i){user{" + USER_FIELDS + "} "
          "errors{field code}}}")
REMOVE = ("mutation($id:ID!){removeUserFromTenant(id:$id){removedUserId removedRoles "
          "errors{field code}}}")
DISABLE = ("mutation($id:ID!,$d:Boolean!){setUserDisabled(id:$id,disabled:$d){user{" + USER_FIELDS
           + "} errors{field code}}}")
PLATFORM_DISABLE = ("mutation($id:ID!,$d:Boolean!){platformSetUserDisabled(id:$id,disabled:$d)"
                    "{user{username disabled} errors{field code}}}")
LOGIN = "mutation($u:String!,$p:String!){login(username:$u,password:$p){token errors{code}}}"
ME = "{me{roles permissions{resource action scope}}}"


def new_user(**overrides) -> dict:
    return {"username": "Siti.Rahma", "displayName": "Siti Rahma", "email": "siti@pauh.example",
            "password": "kata-sandi-kuat", "roles": ["staff"], **overrides}


async def login(api, username: str, password: str = PASSWORD) -> dict:
    return (await api.gql(LOGIN, {"u": username, "p": password})).ok()["login"]


async def share_account(db, services, world, username: str, slug: str, role: str = "staff") -> None:
    """Make an account a member of a second tenant (what the CLI `grant` does)."""
    session = db.session(platform=True)
    session.add(CasbinRule(ptype="g", v0=str(world.user_id(username)), v1=role,
                           v2=str(world.tenant_id(slug))))
    await session.commit()
    await session.close()
    services.policies.invalidate()


# --- reading ---------------------------------------------------------------------------------

@pytest.mark.parametrize("caller", ["admin.alpha", "hr.alpha", "auditor.alpha"])
async def test_users_lists_the_members_of_the_selected_tenant_with_their_roles(api, caller):
    data = (await api.gql(USERS, user=caller)).ok()["users"]
    assert data["totalCount"] == 5
    assert [(e["node"]["username"], e["node"]["roles"]) for e in data["edges"]] == [
        ("admin.alpha", ["admin"]), ("auditor.alpha", ["auditor"]), ("hr.alpha", ["hr"]),
        ("rater.alpha", ["rater"]), ("staff.alpha", ["staff"])]


async def test_users_pages_and_searches(api):
    first = (await api.gql(USERS, {"f": 2}, user="admin.alpha")).ok()["users"]
    assert [n["username"] for n in first["nodes"]] == ["admin.alpha", "auditor.alpha"]
    assert first["pageInfo"]["hasNextPage"] is True
    rest = (await api.gql(USERS, {"f": 10, "a": first["pageInfo"]["endCursor"]},
                          user="admin.alpha")).ok()["users"]
    assert [n["username"] for n in rest["nodes"]] == ["hr.alpha", "rater.alpha", "staff.alpha"]
    assert rest["pageInfo"]["hasNextPage"] is False
    found = (await api.gql(USERS, {"s": "RATER"}, user="admin.alpha")).ok()["users"]
    assert [n["username"] for n in found["nodes"]] == ["rater.alpha"] and found["totalCount"] == 1
    assert (await api.gql(USERS, {"s": "%"}, user="admin.alpha")).ok()["users"]["nodes"] == []
    assert (await api.gql(USERS, {"s": "beta"}, user="admin.alpha")).ok()["users"]["nodes"] == []


@pytest.mark.parametrize("variables, code", [({"f": 0}, "PAGE_SIZE"), ({"f": 101}, "PAGE_SIZE"),
                                             ({"a": "not-a-cursor"}, "INVALID_CURSOR")])
async def test_users_bad_paging_is_a_typed_error(api, variables, code):
    assert (await api.gql(USERS, variables, user="admin.alpha")).codes == [code]


@pytest.mark.parametrize("caller", ["staff.alpha", "rater.alpha"])
async def test_users_is_forbidden_without_user_read(api, caller):
    assert (await api.gql(USERS, user=caller)).codes == ["FORBIDDEN"]


async def test_user_by_id_and_node(api, world):
    data = (await api.gql(USER, {"id": user(world, "rater.alpha")}, user="hr.alpha")).ok()["user"]
    assert data["username"] == "rater.alpha" and data["roles"] == ["rater"]
    node = await api.gql("query($id:ID!){node(id:$id){... on User{username roles}}}",
                         {"id": data["id"]}, user="auditor.alpha")
    assert node.ok()["node"] == {"username": "rater.alpha", "roles": ["rater"]}
    for other in ("staff.beta", "platform.root"):
        result = await api.gql(USER, {"id": user(world, other)}, user="admin.alpha")
        assert result.codes == ["NOT_FOUND"]
    assert (await api.gql(USER, {"id": "nonsense"}, user="admin.alpha")).codes == ["INVALID_ID"]
    wrong_type = gid("Employee", world.employee_id("alpha", "staff"))
    assert (await api.gql(USER, {"id": wrong_type}, user="admin.alpha")).codes == ["INVALID_ID"]


# --- create ----------------------------------------------------------------------------------

async def test_create_user_makes_a_member_who_can_sign_in(api):
    payload = (await api.gql(CREATE, {"i": new_user(roles=["staff", "rater", "staff"])},
                             user="admin.alpha")).ok()["createUser"]
    assert payload["errors"] == []
    created = payload["user"]
    assert created["username"] == "siti.rahma" and created["roles"] == ["rater", "staff"]
    assert created["email"] == "siti@pauh.example" and created["version"] == 1
    token = (await login(api, "siti.rahma", "kata-sandi-kuat"))["token"]
    me = (await api.gql(ME, token=token)).ok()["me"]
    assert me["roles"] == ["rater", "staff"]
    assert {"resource": "employee", "action": "read", "scope": "SUBORDINATES"} in me["permissions"]
    listed = (await api.gql(USERS, {"s": "siti"}, user="hr.alpha")).ok()["users"]["nodes"]
    assert listed == [{"username": "siti.rahma"}]


async def test_create_user_reports_every_error_and_creates_nothing(api, db):
    before = await casbin_rows(db)
    data = new_user(username="admin.beta", email="broken", password="short",
                    roles=["platform_admin", "ghost", "ghost", "tenant_writer"], displayName=" ")
    payload = (await api.gql(CREATE, {"i": data}, user="admin.alpha")).ok()["createUser"]
    assert payload["user"] is None
    assert codes(payload) == [
        ("roles[0]", "RESERVED_ROLE"), ("roles[1]", "UNKNOWN_REFERENCE"),
        ("roles[3]", "UNKNOWN_REFERENCE"), ("username", "DUPLICATE"), ("displayName", "REQUIRED"),
        ("email", "INVALID_VALUE"), ("password", "WEAK_PASSWORD")]
    assert await casbin_rows(db) == before
    empty = await api.gql(CREATE, {"i": new_user(roles=[])}, user="admin.alpha")
    assert codes(empty.ok()["createUser"]) == [("roles", "REQUIRED")]
    assert (await login(api, "siti.rahma", "kata-sandi-kuat"))["errors"] == [
        {"code": "INVALID_CREDENTIALS"}]


async def test_create_user_cannot_grant_roles_beyond_the_caller(api, world):
    await api.gql("mutation{createRole(input:{name:\"onboarder\",permissions:["
                  "{resource:\"user\",action:\"read\",scope:TENANT},"
                  "{resource:\"user\",action:\"write\",scope:TENANT}]}){errors{code}}}",
                  user="admin.alpha")
    assert (await assign(api, world, "rater.alpha", "onboarder"))["errors"] == []
    refused = await api.gql(CREATE, {"i": new_user(roles=["hr"])}, user="rater.alpha")
    assert {e["code"] for e in refused.ok()["createUser"]["errors"]} == {"PERMISSION_NOT_HELD"}
    ok = (await api.gql(CREATE, {"i": new_user(roles=["onboarder"])}, user="rater.alpha")).ok()
    assert ok["createUser"]["user"]["roles"] == ["onboarder"]


# --- update ----------------------------------------------------------------------------------

async def test_update_user_changes_profile_and_password(api, world):
    staff = user(world, "staff.alpha")
    payload = (await api.gql(UPDATE, {"i": {"id": staff, "version": 1, "displayName": "Staf Baru",
                                            "email": "", "password": "sandi-baru-123"}},
                             user="admin.alpha")).ok()["updateUser"]
    assert payload["errors"] == []
    assert payload["user"]["displayName"] == "Staf Baru" and payload["user"]["email"] is None
    assert payload["user"]["version"] == 2
    assert (await login(api, "staff.alpha"))["errors"] == [{"code": "INVALID_CREDENTIALS"}]
    assert (await login(api, "staff.alpha", "sandi-baru-123"))["token"]


async def test_update_user_errors(api, world):
    staff = user(world, "staff.alpha")
    stale = await api.gql(UPDATE, {"i": {"id": staff, "version": 9, "displayName": "X"}},
                          user="admin.alpha")
    assert stale.codes == ["CONFLICT"]
    bad = (await api.gql(UPDATE, {"i": {"id": staff, "email": "hr.alpha@kinerja.example",
                                        "password": "short", "displayName": ""}},
                         user="admin.alpha")).ok()["updateUser"]
    assert codes(bad) == [("displayName", "REQUIRED"), ("email", "DUPLICATE"),
                          ("password", "WEAK_PASSWORD")]
    data = (await api.gql(USER, {"id": staff}, user="admin.alpha")).ok()["user"]
    assert data["version"] == 1 and data["displayName"] == "Staff Alpha"


async def test_an_admin_may_update_themselves(api, world):
    me = user(world, "admin.alpha")
    payload = (await api.gql(UPDATE, {"i": {"id": me, "displayName": "Admin Baru"}},
                             user="admin.alpha")).ok()["updateUser"]
    assert payload["user"]["displayName"] == "Admin Baru"


async def test_shared_accounts_can_only_be_changed_by_a_platform_admin(api, db, services, world):
    await share_account(db, services, world, "staff.alpha", "beta")
    staff = user(world, "staff.alpha")
    update = (await api.gql(UPDATE, {"i": {"id": staff, "password": "hijacked-account"}},
                            user="admin.alpha")).ok()["updateUser"]
    assert codes(update) == [("id", "SHARED_ACCOUNT")]
    disable = await api.gql(DISABLE, {"id": staff, "d": True}, user="admin.beta", tenant="beta")
    assert codes(disable.ok()["setUserDisabled"]) == [("id", "SHARED_ACCOUNT")]
    platform = await api.gql(PLATFORM_DISABLE, {"id": staff, "d": True}, user="platform.root")
    assert platform.ok()["platformSetUserDisabled"] == {
        "user": {"username": "staff.alpha", "disabled": True}, "errors": []}
    # removing the membership is the tenant's own business
    removed = (await api.gql(REMOVE, {"id": staff}, user="admin.beta", tenant="beta")).ok()
    assert removed["removeUserFromTenant"]["removedRoles"] == ["staff"]


# --- remove and disable ----------------------------------------------------------------------

async def test_remove_user_from_tenant(api, world):
    staff = user(world, "staff.alpha")
    payload = await api.gql(REMOVE, {"id": staff}, user="admin.alpha")
    assert payload.ok()["removeUserFromTenant"] == {
        "removedUserId": staff, "removedRoles": ["staff"], "errors": []}
    assert (await api.gql(USER, {"id": staff}, user="admin.alpha")).codes == ["NOT_FOUND"]
    assert (await api.gql(REMOVE, {"id": staff}, user="admin.alpha")).codes == ["NOT_FOUND"]
    alone = await api.gql(ME, user="staff.alpha", tenant="alpha")
    assert alone.status == 403 and alone.codes == ["TENANT_NOT_ALLOWED"]
    assert (await login(api, "staff.alpha"))["token"]  # the account itself remains


async def test_the_last_admin_cannot_be_removed_or_disabled(api, db, world):
    admin = user(world, "admin.alpha")
    before = await casbin_rows(db)
    remove = (await api.gql(REMOVE, {"id": admin}, user="admin.alpha")).ok()["removeUserFromTenant"]
    assert codes(remove) == [("id", "LAST_ADMIN")]
    disable = (await api.gql(DISABLE, {"id": admin, "d": True}, user="admin.alpha")).ok()
    assert codes(disable["setUserDisabled"]) == [("id", "LAST_ADMIN")]
    assert await casbin_rows(db) == before
    (await api.gql(ASSIGN, {"u": user(world, "hr.alpha"), "r": "admin"}, user="admin.alpha")).ok()
    (await api.gql(DISABLE, {"id": user(world, "hr.alpha"), "d": True}, user="admin.alpha")).ok()
    # hr.alpha is an admin now, but disabled: admin.alpha is still the last one who can act
    again = (await api.gql(REMOVE, {"id": admin}, user="admin.alpha")).ok()["removeUserFromTenant"]
    assert codes(again) == [("id", "LAST_ADMIN")]


async def test_a_disabled_user_cannot_sign_in_and_their_token_stops_working(api, world):
    token = (await login(api, "staff.alpha"))["token"]
    assert (await api.gql(ME, token=token)).ok()
    staff = user(world, "staff.alpha")
    payload = (await api.gql(DISABLE, {"id": staff, "d": True}, user="admin.alpha")).ok()
    assert payload["setUserDisabled"]["user"]["disabled"] is True
    refused = await api.gql(ME, token=token)
    assert refused.status == 401 and refused.codes == ["UNAUTHENTICATED"]
    assert (await login(api, "staff.alpha"))["errors"] == [{"code": "INVALID_CREDENTIALS"}]
    enabled = (await api.gql(DISABLE, {"id": staff, "d": False}, user="admin.alpha")).ok()
    assert enabled["setUserDisabled"]["user"]["disabled"] is False
    assert (await api.gql(ME, token=token)).ok()


async def test_platform_disable_is_for_platform_admins_only(api, world):
    staff = user(world, "staff.beta")
    for caller in ("admin.alpha", "admin.beta"):
        assert (await api.gql(PLATFORM_DISABLE, {"id": staff, "d": True}, user=caller)).codes == [
            "FORBIDDEN"]
    last = await api.gql(PLATFORM_DISABLE, {"id": user(world, "platform.root"), "d": True},
                         user="platform.root")
    assert codes(last.ok()["platformSetUserDisabled"]) == [("id", "LAST_ADMIN")]
    missing = await api.gql(PLATFORM_DISABLE, {"id": gid("User", uuid.uuid4()), "d": True},
                            user="platform.root")
    assert missing.codes == ["NOT_FOUND"]
