"""The response cache: a hit skips execution but never the identity check, and every change
committed through Kinerja (in any process) invalidates what it could have changed."""

import sqlalchemy as sa

from kinerja.models import User
from tests.api.test_auth import app_client
from tests.api.test_employees_write import CREATE, new_employee
from tests.support.api import gid

NAMES = "query Names { employees(first: 50) { totalCount nodes { name } } }"
ME_TENANT = "query MyAgency { me { tenant { name } roles } }"
ASSIGN = ("mutation($u:ID!,$r:String!){assignRole(userId:$u,role:$r){user{roles} "
          "errors{code}}}")
RENAME = ("mutation($i:UpdateTenantInput!){updateTenant(input:$i){tenant{name} errors{code}}}")


async def test_a_repeated_query_is_answered_from_the_cache(api, services, sql_counter):
    first = (await api.gql(NAMES, user="hr.alpha")).ok()
    before = len(sql_counter.statements)
    again = (await api.gql(NAMES, user="hr.alpha")).ok()
    assert again == first
    reads = [s for s in sql_counter.statements[before:]
             if s.lstrip().upper().startswith("SELECT") and not s.startswith("SELECT set_config")]
    assert len(reads) == 1 and "app_user" in reads[0]  # only the identity statement
    assert services.responses.hits == 1


async def test_a_change_in_the_agency_is_visible_at_once(api, world):
    before = (await api.gql(NAMES, user="hr.alpha")).ok()["employees"]
    created = (await api.gql(CREATE, new_employee(world), user="hr.alpha")).ok()
    assert created["createEmployee"]["errors"] == []
    after = (await api.gql(NAMES, user="hr.alpha")).ok()["employees"]
    assert after["totalCount"] == before["totalCount"] + 1
    assert "Siti Rahma" in [n["name"] for n in after["nodes"]]


async def test_a_change_in_another_agency_keeps_this_agencys_entries(api, world, services):
    await api.gql(NAMES, user="hr.alpha")
    assert (await api.gql(CREATE, new_employee(world, "beta"), user="hr.beta")).ok()
    await api.gql(NAMES, user="hr.alpha")
    assert services.responses.hits == 1


async def test_users_never_share_entries(api):
    hr = (await api.gql(NAMES, user="hr.alpha")).ok()["employees"]
    staff = (await api.gql(NAMES, user="staff.alpha")).ok()["employees"]
    assert hr["totalCount"] == 5 and staff["totalCount"] == 1


async def test_a_role_change_changes_the_next_answer(api, world):
    assert (await api.gql(NAMES, user="staff.alpha")).ok()["employees"]["totalCount"] == 1
    granted = (await api.gql(ASSIGN, {"u": gid("User", world.user_id("staff.alpha")),
                                      "r": "hr"}, user="admin.alpha")).ok()
    assert granted["assignRole"]["errors"] == []
    assert (await api.gql(NAMES, user="staff.alpha")).ok()["employees"]["totalCount"] == 5


async def test_a_platform_change_reaches_every_agency(api, world):
    assert (await api.gql(ME_TENANT, user="hr.alpha")).ok()["me"]["tenant"]["name"] == "Dinas Alpha"
    renamed = (await api.gql(RENAME, {"i": {"id": gid("Tenant", world.tenant_id("alpha")),
                                            "name": "Dinas Alpha Baru"}},
                             user="platform.root")).ok()
    assert renamed["updateTenant"]["errors"] == []
    me = (await api.gql(ME_TENANT, user="hr.alpha")).ok()["me"]
    assert me["tenant"]["name"] == "Dinas Alpha Baru"


async def test_a_disabled_user_is_refused_even_with_a_cached_answer(api, db, world):
    token = world.token("hr.alpha")
    assert (await api.gql(NAMES, token=token)).ok()
    async with db.unit_of_work(platform=True) as session:
        await session.execute(sa.update(User).where(User.username == "hr.alpha")
                              .values(disabled=True))
    result = await api.gql(NAMES, token=token)
    assert result.status == 401 and result.codes == ["UNAUTHENTICATED"]


async def test_answers_with_errors_are_not_cached(api, services):
    missing = ("query { employee(id: "
               "\"RW1wbG95ZWU6MDAwMDAwMDAtMDAwMC0wMDAwLTAwMDAtMDAwMDAwMDAwMDAw\") { name } }")
    for _ in range(2):
        assert (await api.gql(missing, user="hr.alpha")).codes == ["NOT_FOUND"]
    assert services.responses.hits == 0


async def test_the_cache_can_be_switched_off(db, world, sql_counter):
    async with app_client(db, world, response_cache_size=0) as api:
        await api.gql(NAMES, user="hr.alpha")
        before = sql_counter.count
        await api.gql(NAMES, user="hr.alpha")
        assert sql_counter.count - before > 1


async def test_an_account_change_reaches_the_other_agencies(api, db, services, world):
    """admin.alpha also joins beta; beta's user list is cached; admin.alpha renames themselves
    while acting in alpha: beta's next answer shows the new name."""
    from kinerja.models import CasbinRule

    users = "query { users(first: 50) { nodes { username displayName } } }"
    rename = ("mutation($i:UpdateUserInput!){updateUser(input:$i){user{displayName} "
              "errors{code}}}")
    async with db.unit_of_work(platform=True) as session:
        session.add(CasbinRule(ptype="g", v0=str(world.user_id("admin.alpha")), v1="staff",
                               v2=str(world.tenant_id("beta"))))
    services.policies.invalidate()
    before = (await api.gql(users, user="admin.beta", tenant="beta")).ok()["users"]["nodes"]
    assert {"username": "admin.alpha", "displayName": "Admin Alpha"} in before
    renamed = (await api.gql(rename, {"i": {"id": gid("User", world.user_id("admin.alpha")),
                                            "displayName": "Admin Alpha Baru"}},
                             user="admin.alpha", tenant="alpha")).ok()
    assert renamed["updateUser"]["errors"] == []
    after = (await api.gql(users, user="admin.beta", tenant="beta")).ok()["users"]["nodes"]
    assert {"username": "admin.alpha", "displayName": "Admin Alpha Baru"} in after
