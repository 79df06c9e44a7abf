"""Custom views end to end: define, list, run as the caller (no widening), versions, the table
as CSV and XLSX (paged, neutralised), and every refusal. Both backends."""

from __future__ import annotations

import dataclasses
import io

import httpx
import openpyxl
import pytest

from kinerja.app import Services, create_app
from tests.conftest import SCHEMA, TEST_SETTINGS

STAFF_DOC = ("query Staff($first: Int = 50, $after: String) { employees(first: $first, "
             "after: $after) { nodes { name nip unit { name } } "
             "pageInfo { hasNextPage endCursor } } }")
COLUMNS = [{"path": "name", "labelId": "Nama", "labelEn": "Name"},
           {"path": "nip", "labelId": "NIP", "labelEn": "NIP"},
           {"path": "unit.name", "labelId": "Unit kerja", "labelEn": "Unit"}]
VIEW_FIELDS = ("key number currentNumber version title titleEn roles rowsPath csvPath xlsxPath "
               "variables{name type default required} columns{path label}")
CREATE = ("mutation($i:CreateViewInput!){createView(input:$i){view{" + VIEW_FIELDS
          + "} errors{field code message}}}")
UPDATE = ("mutation($i:UpdateViewInput!){updateView(input:$i){view{" + VIEW_FIELDS
          + "} errors{field code}}}")
CURRENT = ("mutation($k:String!,$n:Int!){setCurrentViewVersion(key:$k,number:$n){view{number "
           "currentNumber} errors{code}}}")
DELETE = "mutation($k:String!){deleteView(key:$k){deletedKey errors{code}}}"
VIEWS = "{views{key title}}"
VIEW = "query($k:String!,$n:Int){view(key:$k,number:$n){key number titleEn document}}"
RUN = ("query($k:String!,$n:Int,$v:JSON){runView(key:$k,number:$n,variables:$v){"
       "view{number} data errors{code path} columns{label} rows}}")


def definition(**overrides) -> dict:
    base = {"key": "daftar-pegawai", "titleId": "Daftar pegawai", "titleEn": "Staff list",
            "descriptionId": "Semua pegawai yang boleh Anda lihat.",
            "descriptionEn": "Everyone you may see.", "document": STAFF_DOC,
            "roles": ["hr", "staff"], "rowsPath": "employees.nodes", "columns": COLUMNS}
    return {**base, **overrides}


async def create(api, user="admin.alpha", **overrides) -> dict:
    payload = (await api.gql(CREATE, {"i": definition(**overrides)}, user=user)).ok()
    assert payload["createView"]["errors"] == [], payload
    return payload["createView"]["view"]


async def export(api, path: str, user: str = "hr.alpha", lang: str = "en", **params):
    headers = {"authorization": f"Bearer {api.world.token(user)}", "accept-language": lang}
    return await api.client.get(path, params=params, headers=headers)


def csv_rows(response: httpx.Response) -> list[list[str]]:
    import csv

    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


async def test_define_list_and_run_as_the_caller(api, world):
    view = await create(api)
    assert view["number"] == 1 and view["csvPath"] == "/views/daftar-pegawai.csv"
    assert {v["name"]: (v["type"], v["default"], v["required"]) for v in view["variables"]} == {
        "first": ("Int", 50, False), "after": ("String", None, False)}
    assert [v["key"] for v in (await api.gql(VIEWS, user="hr.alpha")).ok()["views"]] == [
        "daftar-pegawai"]
    assert (await api.gql(VIEWS, user="rater.alpha")).ok()["views"] == []
    indonesian = (await api.gql(VIEWS, user="staff.alpha", lang="id")).ok()["views"]
    assert indonesian == [{"key": "daftar-pegawai", "title": "Daftar pegawai"}]
    hr = (await api.gql(RUN, {"k": "daftar-pegawai"}, user="hr.alpha")).ok()["runView"]
    assert hr["errors"] == [] and [c["label"] for c in hr["columns"]] == ["Name", "NIP", "Unit"]
    assert len(hr["rows"]) == 5
    # a view never widens access: staff see what staff may see (their own record)
    staff = (await api.gql(RUN, {"k": "daftar-pegawai"}, user="staff.alpha")).ok()["runView"]
    assert [r[0] for r in staff["rows"]] == ["Alpha Staff"]
    assert (await api.gql(RUN, {"k": "daftar-pegawai"}, user="rater.alpha")).codes == \
        ["FORBIDDEN"]
    paged = (await api.gql(RUN, {"k": "daftar-pegawai", "v": {"first": 2}},
                           user="hr.alpha")).ok()["runView"]
    assert len(paged["rows"]) == 2 and paged["data"]["employees"]["pageInfo"]["hasNextPage"]


async def test_csv_and_xlsx_page_through_the_whole_table(api):
    await create(api)
    response = await export(api, "/views/daftar-pegawai.csv", first="2")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert 'filename="daftar-pegawai-v1.csv"' in response.headers["content-disposition"]
    rows = csv_rows(response)
    assert rows[0] == ["Name", "NIP", "Unit"] and len(rows) == 6  # 5 employees over 3 pages
    assert len({r[1] for r in rows[1:]}) == 5
    indonesian = csv_rows(await export(api, "/views/daftar-pegawai.csv", lang="id"))
    assert indonesian[0] == ["Nama", "NIP", "Unit kerja"]
    staff = csv_rows(await export(api, "/views/daftar-pegawai.csv", user="staff.alpha"))
    assert [r[0] for r in staff[1:]] == ["Alpha Staff"]
    xlsx = await export(api, "/views/daftar-pegawai.xlsx", first="3")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0] == ["Name", "NIP", "Unit"] and len(values) == 6


async def test_cells_a_spreadsheet_would_execute_are_neutralised(api):
    for name in ("=1+2", "@SUM(A1)", "+x", "-y", "Kantor Camat"):
        created = await api.gql("mutation($n:String!){createOrgUnit(input:{name:$n}){"
                                "errors{code}}}", {"n": name}, user="hr.alpha")
        assert created.ok()["createOrgUnit"]["errors"] == []
    await create(api, key="unit", document="query Units { orgUnits { name } }",
                 rowsPath="orgUnits", columns=[{"path": "name", "labelId": "Unit",
                                                "labelEn": "Unit"}])
    cells = {r[0] for r in csv_rows(await export(api, "/views/unit.csv"))[1:]}
    assert {"'=1+2", "'@SUM(A1)", "'+x", "'-y", "Kantor Camat"} <= cells
    xlsx = await export(api, "/views/unit.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    stored = {c.value: c.data_type for row in sheet.iter_rows(min_row=2) for c in row}
    assert stored["=1+2"] == "s" and stored["@SUM(A1)"] == "s"  # text, never a formula


async def test_versions_stay_readable_and_can_be_pinned(api):
    view = await create(api)
    changed = (await api.gql(UPDATE, {"i": {"key": "daftar-pegawai", "version": view["version"],
                                            "titleEn": "Staff (v2)",
                                            "columns": COLUMNS[:1]}},
                             user="admin.alpha")).ok()["updateView"]
    assert changed["errors"] == [] and changed["view"]["number"] == 2
    assert changed["view"]["titleEn"] == "Staff (v2)" and len(changed["view"]["columns"]) == 1
    old = (await api.gql(VIEW, {"k": "daftar-pegawai", "n": 1}, user="hr.alpha")).ok()["view"]
    assert old["titleEn"] == "Staff list"
    pinned = (await api.gql(RUN, {"k": "daftar-pegawai", "n": 1}, user="hr.alpha")).ok()
    assert len(pinned["runView"]["columns"]) == 3
    assert len(csv_rows(await export(api, "/views/daftar-pegawai.csv", version="1"))[0]) == 3
    assert len(csv_rows(await export(api, "/views/daftar-pegawai.csv"))[0]) == 1
    stale = await api.gql(UPDATE, {"i": {"key": "daftar-pegawai", "version": view["version"],
                                         "titleEn": "x"}}, user="admin.alpha")
    assert stale.codes == ["CONFLICT"]
    back = (await api.gql(CURRENT, {"k": "daftar-pegawai", "n": 1}, user="admin.alpha")).ok()
    assert back["setCurrentViewVersion"]["view"]["currentNumber"] == 1
    assert (await api.gql(CURRENT, {"k": "daftar-pegawai", "n": 9},
                          user="admin.alpha")).codes == ["NOT_FOUND"]
    deleted = (await api.gql(DELETE, {"k": "daftar-pegawai"}, user="admin.alpha")).ok()
    assert deleted["deleteView"]["deletedKey"] == "daftar-pegawai"
    assert (await api.gql(VIEW, {"k": "daftar-pegawai"}, user="hr.alpha")).codes == ["NOT_FOUND"]


@pytest.mark.parametrize(("overrides", "field", "code"), [
    ({"document": "mutation { login(username: \"a\", password: \"b\") { token } }"},
     "document", "VIEW_NOT_READ_ONLY"),
    ({"document": "query { nope }"}, "document", "DOCUMENT_INVALID"),
    ({"document": "query {"}, "document", "DOCUMENT_INVALID"),
    ({"document": "query A { me { roles } } query B { me { roles } }"}, "document",
     "INVALID_VALUE"),
    ({"document": "   "}, "document", "REQUIRED"),
    ({"key": "Bad Key!"}, "key", "INVALID_VALUE"),
    ({"roles": []}, "roles", "REQUIRED"),
    ({"roles": ["wizard"]}, "roles", "UNKNOWN_REFERENCE"),
    ({"roles": ["platform_admin"]}, "roles", "RESERVED_ROLE"),
    ({"titleId": " "}, "titleId", "REQUIRED"),
    ({"titleEn": "x" * 201}, "titleEn", "TOO_LONG"),
    ({"rowsPath": "employees.edges"}, "rowsPath", "INVALID_VALUE"),
    ({"rowsPath": "employees..nodes"}, "rowsPath", "INVALID_VALUE"),
    ({"columns": [{"path": "email", "labelId": "E", "labelEn": "E"}]}, "columns.0.path",
     "INVALID_VALUE"),
    ({"columns": [{"path": "name", "labelId": "", "labelEn": "N"}]}, "columns.0.labelId",
     "REQUIRED"),
    ({"columns": None}, "columns", "REQUIRED"),
    ({"defaults": {"nope": 1}}, "defaults.nope", "INVALID_VALUE"),
    ({"defaults": [1, 2]}, "defaults", "INVALID_VALUE"),
])
async def test_bad_definitions_are_refused(api, overrides, field, code):
    payload = (await api.gql(CREATE, {"i": definition(**overrides)}, user="admin.alpha")).ok()
    errors = payload["createView"]["errors"]
    assert (field, code) in [(e["field"], e["code"]) for e in errors], errors
    assert payload["createView"]["view"] is None
    assert (await api.gql(VIEWS, user="admin.alpha")).ok()["views"] == []


async def test_duplicate_keys_and_who_may_define(api):
    await create(api)
    again = (await api.gql(CREATE, {"i": definition()}, user="admin.alpha")).ok()["createView"]
    assert [e["code"] for e in again["errors"]] == ["DUPLICATE"]
    for user in ("hr.alpha", "staff.alpha", "auditor.alpha", "rater.alpha"):
        assert (await api.gql(CREATE, {"i": definition(key="x")}, user=user)).codes == \
            ["FORBIDDEN"]


async def test_bad_runs_are_typed_errors(api):
    await create(api)
    await create(api, key="tanpa-tabel", rowsPath=None, columns=None)
    cases = [({"k": "daftar-pegawai", "v": {"nope": 1}}, "VIEW_UNKNOWN_VARIABLE"),
             ({"k": "daftar-pegawai", "v": {"first": "banyak"}}, "VIEW_VARIABLES"),
             ({"k": "daftar-pegawai", "v": [1]}, "VIEW_VARIABLES"),
             ({"k": "nothing-here"}, "NOT_FOUND"),
             ({"k": "daftar-pegawai", "n": 7}, "NOT_FOUND")]
    for variables, code in cases:
        assert (await api.gql(RUN, variables, user="hr.alpha")).codes == [code], variables
    statuses = [
        ("/views/daftar-pegawai.csv", {"nope": "1"}, 400, "VIEW_UNKNOWN_VARIABLE"),
        ("/views/daftar-pegawai.csv", {"first": "banyak"}, 400, "VIEW_VARIABLES"),
        ("/views/daftar-pegawai.csv", {"variables": "{not json"}, 400, "VIEW_VARIABLES"),
        ("/views/daftar-pegawai.csv", {"version": "-1"}, 400, "INVALID_VALUE"),
        ("/views/daftar-pegawai.csv", {"version": "5"}, 404, "NOT_FOUND"),
        ("/views/daftar-pegawai.pdf", {}, 404, "NOT_FOUND"),
        ("/views/nothing-here.csv", {}, 404, "NOT_FOUND"),
        ("/views/tanpa-tabel.csv", {}, 400, "VIEW_HAS_NO_TABLE"),
    ]
    for path, params, status, code in statuses:
        response = await export(api, path, **params)
        assert response.status_code == status, (path, params, response.text)
        assert response.json()["errors"][0]["extensions"]["code"] == code
    forbidden = await export(api, "/views/daftar-pegawai.csv", user="rater.alpha")
    assert forbidden.status_code == 403
    anonymous = await api.client.get("/views/daftar-pegawai.csv")
    assert anonymous.status_code == 401


async def test_required_variables_and_the_row_cap(db, world, api):
    await create(api, key="satu", document="query One($id: ID!) { employee(id: $id) { name } }",
                 rowsPath=None, columns=None)
    missing = await api.gql(RUN, {"k": "satu"}, user="hr.alpha")
    assert missing.codes == ["VIEW_VARIABLE_REQUIRED"]
    await create(api)
    settings = dataclasses.replace(TEST_SETTINGS, view_max_rows=3)
    services = Services(settings, db, schema=SCHEMA)
    transport = httpx.ASGITransport(app=create_app(services=services))
    async with httpx.AsyncClient(transport=transport, base_url="http://kinerja.test") as http:
        response = await http.get("/views/daftar-pegawai.csv", params={"first": "2"}, headers={
            "authorization": f"Bearer {world.token('hr.alpha')}"})
    rows = csv_rows(response)
    assert len(rows) == 1 + 3 + 1 and rows[-1][:2] == ["#ERROR", "VIEW_TOO_MANY_ROWS"]


async def test_views_stay_in_their_agency(api):
    await create(api)
    assert (await api.gql(VIEWS, user="admin.beta")).ok()["views"] == []
    assert (await api.gql(RUN, {"k": "daftar-pegawai"}, user="hr.beta")).codes == ["NOT_FOUND"]
    assert (await export(api, "/views/daftar-pegawai.csv", user="hr.beta")).status_code == 404
    assert (await api.gql(DELETE, {"k": "daftar-pegawai"}, user="admin.beta")).codes == \
        ["NOT_FOUND"]


async def test_an_app_runs_views_with_its_own_roles(api):
    await create(api)
    created = (await api.gql("mutation{registerClientApp(input:{name:\"Kios\",kind:DASHBOARD,"
                             "enforcement:DOCUMENTS_ONLY}){clientSecret app{id clientId}}}",
                             user="admin.alpha")).ok()["registerClientApp"]
    app = created["app"]
    await api.gql("mutation($id:ID!){assignClientAppRole(id:$id,role:\"hr\"){errors{code}}}",
                  {"id": app["id"]}, user="admin.alpha")
    token = (await api.client.post("/oauth/token", data={
        "grant_type": "client_credentials", "client_id": app["clientId"],
        "client_secret": created["clientSecret"]})).json()["access_token"]
    response = await api.client.get("/views/daftar-pegawai.csv",
                                    headers={"authorization": f"Bearer {token}"})
    assert response.status_code == 200 and len(csv_rows(response)) == 6
