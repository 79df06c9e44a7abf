"""One rule for text (kit/text.py): NUL and lone surrogates are refused in every input with
INVALID_TEXT naming the field, on both backends, before any database work.

On PostgreSQL a NUL used to reach the driver and come back as a masked INTERNAL_SERVER_ERROR
(the fuzzer of the review hit it 117 times), while SQLite stored it.
"""

from __future__ import annotations

import base64

import orjson
import pytest

from tests.isolation import diff_snapshots, snapshot_all
from tests.support.api import gid

NUL = "a\x00b"
EMPLOYEES = "query($s:String,$a:String){employees(search:$s,after:$a){totalCount}}"
LOGIN = "mutation($u:String!,$p:String!){login(username:$u,password:$p){token errors{code}}}"
AUDIT = "query($t:String){auditEvents(objectType:$t){totalCount}}"


def _cursor(values) -> str:
    return base64.urlsafe_b64encode(orjson.dumps(values)).decode()


def _invalid_text(result, field: str) -> None:
    assert result.status == 200 and result.data is None, result.body
    assert result.codes == ["INVALID_TEXT"], result.body
    assert result.errors[0]["extensions"]["field"] == field, result.body


async def test_nul_in_a_login_username_is_invalid_text(api, db):
    before = await snapshot_all(db)
    result = await api.gql(LOGIN, {"u": "hr.alpha\x00", "p": "x"})
    _invalid_text(result, "variables.u")
    assert diff_snapshots(before, await snapshot_all(db)) == []


async def test_nul_in_a_search_variable_is_invalid_text(api):
    _invalid_text(await api.gql(EMPLOYEES, {"s": NUL}, user="hr.alpha"), "variables.s")


async def test_nul_deep_inside_an_input_object_names_its_path(api, world):
    query = ("mutation($i:CreateEmployeeInput!){createEmployee(input:$i)"
             "{employee{id} errors{code}}}")
    employee = {"nip": "198507122010011002", "employeeType": "PNS", "name": "Siti\x00",
                "rank": "III_A", "positionId": gid("Position", world.position_id("alpha", "STAFF")),
                "unitId": gid("OrgUnit", world.unit_id("alpha", "SEC"))}
    _invalid_text(await api.gql(query, {"i": employee}, user="hr.alpha"), "variables.i.name")


async def test_nul_in_a_string_literal_of_the_document_is_invalid_text(api):
    query = '{ employees(search: "a\\u0000b") { totalCount } }'
    result = await api.gql(query, user="hr.alpha")
    _invalid_text(result, "employees.search")


async def test_nul_in_an_audit_filter_is_invalid_text(api):
    _invalid_text(await api.gql(AUDIT, {"t": NUL}, user="admin.alpha"), "variables.t")


async def test_nul_inside_a_cursor_is_an_invalid_cursor(api):
    result = await api.gql(EMPLOYEES, {"a": _cursor(["A\x00", "x"])}, user="hr.alpha")
    assert result.codes == ["INVALID_CURSOR"], result.body


async def test_nul_inside_a_global_id_is_an_invalid_id(api):
    raw = base64.b64encode(b"Employee:\x00").decode()
    result = await api.gql("query($id:ID!){employee(id:$id){name}}", {"id": raw},
                           user="hr.alpha")
    assert result.codes == ["INVALID_ID"], result.body


async def test_a_lone_surrogate_in_a_variable_is_invalid_text(client):
    body = b'{"query":"query($s:String){__typename}","variables":{"s":"\\ud800"}}'
    response = await client.post("/graphql", content=body,
                                 headers={"content-type": "application/json"})
    assert response.status_code in (200, 400)
    codes = [e["extensions"]["code"] for e in response.json()["errors"]]
    assert codes in (["INVALID_TEXT"], ["BAD_REQUEST"]), response.json()


@pytest.mark.parametrize("header", ["x-tenant", "accept-language", "x-request-id"])
async def test_nul_in_a_header_is_refused_before_any_endpoint(services, header):
    from kinerja.app import create_app

    app = create_app(services=services)
    sent: list[dict] = []

    async def receive():
        return {"type": "http.request", "body": b'{"query":"{__typename}"}',
                "more_body": False}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
             "method": "POST", "scheme": "http", "path": "/graphql", "raw_path": b"/graphql",
             "query_string": b"", "root_path": "", "server": ("kinerja.test", 80),
             "client": ("127.0.0.1", 1234),
             "headers": [(b"content-type", b"application/json"),
                         (header.encode(), b"alpha\x00")]}
    await app(scope, receive, send)
    assert sent[0]["status"] == 400
    error = orjson.loads(sent[1]["body"])["errors"][0]
    assert error["extensions"] == {"code": "INVALID_TEXT", "field": f"header {header}"}
