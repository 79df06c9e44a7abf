"""The first GraphQL session from the README: login, select a tenant, list employees."""

from tests.support.world import PASSWORD

LOGIN = ("mutation($u:String!,$p:String!){login(username:$u,password:$p)"
         "{token expiresAt errors{code field message}}}")
EMPLOYEES = ("{employees(first:10){totalCount nodes{name nip unit{name} position{name} "
             "rater{name}}}}")


async def test_login_then_list_employees_of_the_selected_tenant(api):
    login = (await api.gql(LOGIN, {"u": "hr.alpha", "p": PASSWORD})).ok()["login"]
    assert login["errors"] == [] and login["token"]
    data = (await api.gql(EMPLOYEES, token=login["token"], tenant="alpha")).ok()["employees"]
    assert data["totalCount"] == 5
    assert {n["name"] for n in data["nodes"]} == {
        "Alpha Head", "Alpha Rater", "Alpha Staff", "Alpha Staff2", "Alpha Other"}
    staff = next(n for n in data["nodes"] if n["name"] == "Alpha Staff")
    assert staff["rater"]["name"] == "Alpha Rater"
    assert staff["unit"]["name"] == "Alpha Section"


async def test_wrong_password_and_unknown_user_give_the_same_error(api):
    wrong = (await api.gql(LOGIN, {"u": "hr.alpha", "p": "nope-nope"})).ok()["login"]
    unknown = (await api.gql(LOGIN, {"u": "ghost", "p": "nope-nope"})).ok()["login"]
    assert wrong == unknown == {"token": None, "expiresAt": None, "errors": [
        {"code": "INVALID_CREDENTIALS", "field": None, "message": "Wrong username or password."}]}


async def test_staff_sees_only_their_own_record(api):
    data = (await api.gql(EMPLOYEES, user="staff.alpha")).ok()["employees"]
    assert [n["name"] for n in data["nodes"]] == ["Alpha Staff"]


async def test_rater_sees_the_people_they_rate_and_themselves(api):
    data = (await api.gql(EMPLOYEES, user="rater.alpha")).ok()["employees"]
    assert sorted(n["name"] for n in data["nodes"]) == ["Alpha Rater", "Alpha Staff",
                                                        "Alpha Staff2"]


async def test_foreign_tenant_header_is_refused(api):
    result = await api.gql(EMPLOYEES, user="hr.alpha", tenant="beta")
    assert result.status == 403 and result.codes == ["TENANT_NOT_ALLOWED"]


async def test_tenants_see_only_their_own_employees(api):
    alpha = (await api.gql(EMPLOYEES, user="hr.alpha")).ok()["employees"]["nodes"]
    beta = (await api.gql(EMPLOYEES, user="hr.beta")).ok()["employees"]["nodes"]
    assert all(n["name"].startswith("Alpha") for n in alpha)
    assert all(n["name"].startswith("Beta") for n in beta)
