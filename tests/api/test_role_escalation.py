"""Role escalation: nobody grants more than they hold, acts in another tenant, creates a global
role or assignment, or reaches platform_admin; staff cannot administer roles at all."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from kinerja.models import CasbinRule
from tests.api.test_roles import (
    ASSIGN,
    CREATE,
    DELETE,
    REVOKE,
    ROLE,
    ROLES,
    UPDATE,
    VOCABULARY,
    assign,
    casbin_rows,
    codes,
    create_role,
    perm,
    user,
)
from tests.conftest import SCHEMA

UPDATE_USER = ("mutation($i:UpdateUserInput!){updateUser(input:$i){user{username} "
               "errors{field code}}}")
REMOVE_USER = "mutation($id:ID!){removeUserFromTenant(id:$id){removedRoles errors{field code}}}"
DISABLE = ("mutation($id:ID!,$d:Boolean!){setUserDisabled(id:$id,disabled:$d){user{disabled} "
           "errors{field code}}}")
DELEGATE = [perm("role", "read"), perm("role", "write"), perm("role", "assign"),
            perm("user", "read"), perm("user", "write"), perm("employee", "read", "UNIT")]


@pytest.fixture
async def delegate(api, world):
    """staff.alpha also holds `delegate`: role and user administration, employees of their unit."""
    await create_role(api, name="delegate", permissions=DELEGATE)
    assert (await assign(api, world, "staff.alpha", "delegate"))["errors"] == []
    return "staff.alpha"


async def test_a_delegate_cannot_put_permissions_they_lack_into_a_role(api, db, delegate):
    before = await casbin_rows(db)
    wider = await create_role(api, name="wider", caller=delegate,
                              permissions=[perm("employee", "read", "TENANT")])
    assert codes(wider) == [("permissions[0]", "PERMISSION_NOT_HELD")]
    audit = await create_role(api, name="snoop", caller=delegate,
                              permissions=[perm("audit", "read")])
    assert codes(audit) == [("permissions[0]", "PERMISSION_NOT_HELD")]
    assert await casbin_rows(db) == before
    narrower = await create_role(api, name="narrow", caller=delegate,
                                 permissions=[perm("employee", "read", "OWN")])
    assert narrower["errors"] == []


async def test_a_delegate_cannot_widen_a_role_nor_strip_one_they_do_not_dominate(api, delegate):
    grow = await api.gql(UPDATE, {"i": {"name": "delegate", "permissions": [
        *DELEGATE, perm("audit", "read")]}}, user=delegate)
    assert codes(grow.ok()["updateRole"]) == [("permissions[6]", "PERMISSION_NOT_HELD")]
    await create_role(api, name="auditing", permissions=[perm("audit", "read")])
    strip = await api.gql(UPDATE, {"i": {"name": "auditing", "permissions": [
        perm("user", "read")]}}, user=delegate)
    assert codes(strip.ok()["updateRole"]) == [("permissions", "PERMISSION_NOT_HELD")]


async def test_a_delegate_cannot_assign_roles_that_exceed_them(api, db, world, delegate):
    before = await casbin_rows(db)
    for role in ("hr", "admin", "auditor"):
        result = await api.gql(ASSIGN, {"u": user(world, "rater.alpha"), "r": role}, user=delegate)
        payload = result.ok()["assignRole"]
        assert payload["user"] is None and payload["errors"]
        assert {e["code"] for e in payload["errors"]} == {"PERMISSION_NOT_HELD"}, role
    self_admin = await api.gql(ASSIGN, {"u": user(world, delegate), "r": "admin"}, user=delegate)
    assert {e["code"] for e in self_admin.ok()["assignRole"]["errors"]} == {"PERMISSION_NOT_HELD"}
    assert await casbin_rows(db) == before
    ok = await api.gql(ASSIGN, {"u": user(world, "rater.alpha"), "r": "staff"}, user=delegate)
    assert ok.ok()["assignRole"]["user"]["roles"] == ["rater", "staff"]


async def test_a_delegate_cannot_demote_or_take_over_someone_who_holds_more(api, db, world,
                                                                           delegate):
    admin = user(world, "admin.alpha")
    second = await api.gql(ASSIGN, {"u": user(world, "hr.alpha"), "r": "admin"}, user="admin.alpha")
    assert second.ok()["assignRole"]["errors"] == []  # so LAST_ADMIN is not what stops them
    before = await casbin_rows(db)
    revoke = (await api.gql(REVOKE, {"u": admin, "r": "admin"}, user=delegate)).ok()["revokeRole"]
    assert {e["code"] for e in revoke["errors"]} == {"PERMISSION_NOT_HELD"}
    remove = (await api.gql(REMOVE_USER, {"id": admin}, user=delegate)).ok()["removeUserFromTenant"]
    assert {e["code"] for e in remove["errors"]} == {"PERMISSION_NOT_HELD"}
    takeover = await api.gql(UPDATE_USER, {"i": {"id": admin, "password": "owned-by-delegate"}},
                             user=delegate)
    assert {e["code"] for e in takeover.ok()["updateUser"]["errors"]} == {"PERMISSION_NOT_HELD"}
    disable = await api.gql(DISABLE, {"id": admin, "d": True}, user=delegate)
    assert {e["code"] for e in disable.ok()["setUserDisabled"]["errors"]} == {"PERMISSION_NOT_HELD"}
    assert await casbin_rows(db) == before
    login = await api.gql("mutation{login(username:\"admin.alpha\",password:\"owned-by-delegate\")"
                          "{token errors{code}}}")
    assert login.ok()["login"]["errors"] == [{"code": "INVALID_CREDENTIALS"}]


async def test_an_admin_cannot_act_in_another_tenant(api, world):
    for document, variables in ((ROLES, None), (CREATE, {"i": {"name": "x_role", "permissions": [
            perm("user", "read")]}}), (ASSIGN, {"u": user(world, "staff.beta"), "r": "auditor"})):
        result = await api.gql(document, variables, user="admin.alpha", tenant="beta")
        assert result.status == 403 and result.codes == ["TENANT_NOT_ALLOWED"]


async def test_user_ids_of_another_tenant_are_not_found(api, db, world):
    before = await casbin_rows(db)
    beta_staff, beta_admin = user(world, "staff.beta"), user(world, "admin.beta")
    calls = [(ASSIGN, {"u": beta_staff, "r": "auditor"}), (REVOKE, {"u": beta_staff, "r": "staff"}),
             (REVOKE, {"u": beta_admin, "r": "admin"}), (REMOVE_USER, {"id": beta_staff}),
             (UPDATE_USER, {"i": {"id": beta_admin, "password": "taken-over-now"}}),
             (DISABLE, {"id": beta_admin, "d": True}),
             ("query($id:ID!){user(id:$id){username}}", {"id": beta_staff}),
             ("query($id:ID!){node(id:$id){id}}", {"id": beta_staff})]
    for document, variables in calls:
        result = await api.gql(document, variables, user="admin.alpha")
        assert result.codes == ["NOT_FOUND"], (document, result.body)
        assert "beta" not in str(result.data)
    assert await casbin_rows(db) == before


async def test_no_global_role_or_assignment_can_be_created(api, db, world):
    before = await casbin_rows(db)
    wildcard_name = await create_role(api, name="*")
    assert codes(wildcard_name) == [("name", "INVALID_VALUE")]
    for bad in (perm("*", "*"), perm("employee", "read", "PLATFORM"),
                perm("tenant", "read", "PLATFORM")):
        assert [c for _f, c in codes(await create_role(api, name="global", permissions=[bad]))] == [
            "INVALID_PERMISSION"]
    for role in ("*", "platform_admin"):
        assert (await assign(api, world, "hr.alpha", role))["errors"]
    assert await casbin_rows(db) == before
    # no role-administration field takes a domain: the selected tenant is the only one
    mutation = SCHEMA._schema.mutation_type.fields
    for name in ("createRole", "updateRole", "deleteRole", "assignRole", "revokeRole",
                 "createUser"):
        args = set(mutation[name].args)
        assert not args & {"tenant", "tenantId", "domain"}, name


async def test_every_rule_an_admin_writes_names_their_own_tenant(api, db, world):
    before = set(await casbin_rows(db))
    await create_role(api)
    assert (await assign(api, world, "staff.alpha", "reviewer"))["errors"] == []
    assert (await assign(api, world, "rater.alpha", "hr"))["errors"] == []
    added = set(await casbin_rows(db)) - before
    alpha = str(world.tenant_id("alpha"))
    assert len(added) == 4
    assert all((r[2] if r[0] == "p" else r[3]) == alpha for r in added)


async def test_platform_admin_can_never_be_assigned_or_revoked_through_the_api(api, db, world):
    session = db.session(platform=True)
    session.add(CasbinRule(ptype="g", v0=str(world.user_id("platform.root")), v1="admin",
                           v2=str(world.tenant_id("alpha"))))
    await session.commit()
    await session.close()
    before = await casbin_rows(db)
    root = user(world, "platform.root")
    grant = await api.gql(ASSIGN, {"u": user(world, "staff.alpha"), "r": "platform_admin"},
                          user="admin.alpha")
    assert codes(grant.ok()["assignRole"]) == [("role", "RESERVED_ROLE")]
    revoke = await api.gql(REVOKE, {"u": root, "r": "platform_admin"}, user="admin.alpha",
                           tenant="alpha")
    assert codes(revoke.ok()["revokeRole"]) == [("role", "RESERVED_ROLE")]
    create = await api.gql(CREATE, {"i": {"name": "platform_admin", "permissions": [
        perm("user", "read")]}}, user="admin.alpha")
    assert codes(create.ok()["createRole"]) == [("name", "BUILTIN_ROLE")]
    assert await casbin_rows(db) == before
    rows = await db.bind.execute(sa.select(CasbinRule.v0).where(CasbinRule.v1 == "platform_admin"))
    assert [r.v0 for r in rows] == [str(world.user_id("platform.root"))]


@pytest.mark.parametrize("document, variables", [
    (ROLES, None), (ROLE, {"n": "admin"}), (VOCABULARY, None),
    (CREATE, {"i": {"name": "mine", "permissions": [perm("employee", "read", "OWN")]}}),
    (UPDATE, {"i": {"name": "staff", "description": "x"}}), (DELETE, {"n": "staff"}),
    (ASSIGN, {"u": "VXNlcjowMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDA=", "r": "admin"}),
    (REVOKE, {"u": "VXNlcjowMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDA=", "r": "admin"}),
])
async def test_staff_cannot_call_role_administration(api, db, document, variables):
    before = await casbin_rows(db)
    result = await api.gql(document, variables, user="staff.alpha")
    assert result.codes == ["FORBIDDEN"] and result.data is None
    assert await casbin_rows(db) == before


@pytest.mark.parametrize("caller", ["hr.alpha", "rater.alpha", "auditor.alpha"])
async def test_readers_cannot_change_roles(api, world, caller):
    create = await api.gql(CREATE, {"i": {"name": "mine", "permissions": [perm("user", "read")]}},
                           user=caller)
    assert create.codes == ["FORBIDDEN"]
    assign = await api.gql(ASSIGN, {"u": user(world, caller), "r": "admin"}, user=caller)
    assert assign.codes == ["FORBIDDEN"]
