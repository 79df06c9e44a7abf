"""Bad input corpus: malformed HTTP requests and invalid GraphQL inputs.

Each one gets a clear, typed answer (HTTP 4xx with extensions.code for transport problems,
extensions.code or payload error codes for GraphQL ones), never a 5xx or
INTERNAL_SERVER_ERROR, and leaves every table as it was.
"""

from __future__ import annotations

import base64
import dataclasses
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import orjson

from kinerja.auth.tokens import issue_token
from tests.conftest import SCHEMA, TEST_SETTINGS
from tests.isolation import Unchanged
from tests.support.api import gid

LIMITS = TEST_SETTINGS.limits
EMPLOYEES = "query($f:Int,$a:String){employees(first:$f,after:$a){totalCount nodes{name}}}"
EMPLOYEE = "query($id:ID!){employee(id:$id){name}}"
NODE = "query($id:ID!){node(id:$id){id}}"
CREATE_TENANT = ("mutation($i:CreateTenantInput!){createTenant(input:$i)"
                 "{tenant{id} errors{field code message}}}")
UPDATE_TENANT = ("mutation($i:UpdateTenantInput!){updateTenant(input:$i)"
                 "{tenant{id} errors{field code message}}}")
CREATE_EMPLOYEE = ("mutation($i:CreateEmployeeInput!){createEmployee(input:$i)"
                   "{employee{id} errors{field code message}}}")
LOGIN = "mutation($u:String!,$p:String!){login(username:$u,password:$p){token errors{code}}}"
NIP_CODES = {"NIP_FORMAT", "NIP_BIRTH_DATE", "NIP_APPOINTMENT", "NIP_SEX", "NIP_SEQUENCE",
             "INVALID_VALUE"}


def cursor(values: Any) -> str:
    return base64.urlsafe_b64encode(orjson.dumps(values)).decode()


def raw_gid(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def gql(query: str, variables: Any = None) -> Callable[[Any], dict]:
    return lambda world: {"query": query, **({"variables": variables(world) if callable(
        variables) else variables} if variables is not None else {})}


def bearer(token_of: Callable[[Any], str]) -> Callable[[Any], dict]:
    return lambda world: {"authorization": f"Bearer {token_of(world)}"}


@dataclass
class Bad:
    name: str
    body: Any = None  # dict/list/scalar (sent as JSON), bytes (sent as is), or callable(world)
    status: int = 200
    codes: tuple[str, ...] = ()  # expected top-level extensions.code values
    payload: tuple[str, frozenset[str]] | None = None  # (root field, acceptable payload codes)
    method: str = "POST"
    content_type: str | None = "application/json"
    params: Any = None  # GET query string (dict or callable(world))
    user: str | None = "hr.alpha"
    tenant: str | None = None
    headers: Any = field(default_factory=dict)  # dict or callable(world)
    needs: str | None = None  # a Mutation field that must exist (else skip)

    def __str__(self) -> str:
        return self.name


def employee_input(world, **changes) -> dict:
    value = {"nip": "198507122010011002", "employeeType": "PNS", "name": "Pegawai Baru",
             "rank": "III_A", "positionId": gid("Position", world.position_id("alpha", "STAFF")),
             "unitId": gid("OrgUnit", world.unit_id("alpha", "SEC"))}
    return {"i": {**value, **changes}}


def _deep_query(depth: int) -> str:
    inner = "name"
    for _ in range(depth):
        inner = f"rater{{name {inner}}}"
    return f"{{employees{{nodes{{{inner}}}}}}}"


BAD = "BAD_REQUEST"
CASES = [
    # --- HTTP: bodies, content types, methods, sizes
    Bad("invalid JSON", b'{"query": "{me{roles}}"', 400, (BAD,)),
    Bad("JSON null", b"null", 400, (BAD,)),
    Bad("JSON string", b'"{me{roles}}"', 400, (BAD,)),
    Bad("JSON array (batching is not offered)", b'[{"query":"{me{roles}}"}]', 400, (BAD,)),
    Bad("JSON number", b"42", 400, (BAD,)),
    Bad("invalid UTF-8", b'{"query":"{me{roles}}\xff\xfe"}', 400, (BAD,)),
    Bad("UTF-16 body", '{"query":"{me{roles}}"}'.encode("utf-16"), 400, (BAD,)),
    Bad("empty body", b"", 400, (BAD,)),
    Bad("text/plain content type", b'{"query":"{me{roles}}"}', 400, (BAD,),
        content_type="text/plain"),
    Bad("application/graphql content type", b"{me{roles}}", 400, (BAD,),
        content_type="application/graphql"),
    Bad("form content type", b"query=%7Bme%7Broles%7D%7D", 400, (BAD,),
        content_type="application/x-www-form-urlencoded"),
    Bad("no content type", b'{"query":"{me{roles}}"}', 400, (BAD,), content_type=None),
    Bad("body larger than max_body_bytes",
        orjson.dumps({"query": "{me{roles}}", "variables": {"x": "a" * LIMITS.max_body_bytes}}),
        413, (BAD,)),
    Bad("PUT is not a GraphQL method", b'{"query":"{me{roles}}"}', 405, (BAD,), method="PUT"),
    Bad("DELETE is not a GraphQL method", None, 405, (BAD,), method="DELETE"),
    Bad("mutation via GET", method="GET", status=405, codes=(BAD,),
        params={"query": 'mutation{login(username:"a",password:"b"){token}}'}),
    Bad("GET with variables that are not JSON", method="GET", status=400, codes=(BAD,),
        params={"query": EMPLOYEES, "variables": "{f:1"}),
    Bad("GET without a query", method="GET", status=400, codes=(BAD,), params={"x": "1"}),
    Bad("subscription over POST", {"query": "subscription{me{roles}}"}, 400, (BAD,)),
    # --- GraphQL-over-HTTP parameters
    Bad("missing query", {}, 400, (BAD,)),
    Bad("query null", {"query": None}, 400, (BAD,)),
    Bad("query is not a string", {"query": ["{me{roles}}"]}, 400, (BAD,)),
    Bad("query is blank", {"query": "   "}, 400, (BAD,)),
    Bad("variables not an object", {"query": EMPLOYEES, "variables": [1]}, 400, (BAD,)),
    Bad("variables a string", {"query": EMPLOYEES, "variables": '{"f":1}'}, 400, (BAD,)),
    Bad("operationName not a string", {"query": "{me{roles}}", "operationName": 5}, 400, (BAD,)),
    Bad("unknown operationName", {"query": "query A{me{roles}}", "operationName": "B"},
        400, (BAD,)),
    # --- documents
    Bad("syntax error", {"query": "{me{roles}"}, codes=("GRAPHQL_PARSE_FAILED",)),
    Bad("unknown field", {"query": "{me{salary}}"}, codes=("GRAPHQL_VALIDATION_FAILED",)),
    Bad("unknown root field", {"query": "{dropTables}"}, codes=("GRAPHQL_VALIDATION_FAILED",)),
    Bad("argument of the wrong type", {"query": '{employees(first:"ten"){totalCount}}'},
        codes=("GRAPHQL_VALIDATION_FAILED",)),
    Bad("Int beyond 32 bits", {"query": "{employees(first:99999999999){totalCount}}"},
        codes=("GRAPHQL_VALIDATION_FAILED",)),
    Bad("unknown argument", {"query": "{employees(limit:5){totalCount}}"},
        codes=("GRAPHQL_VALIDATION_FAILED",)),
    Bad("unknown directive", {"query": "{me @cached {roles}}"},
        codes=("GRAPHQL_VALIDATION_FAILED",)),
    Bad("fragment cycle", {"query": "{me{...A}} fragment A on Me{...B} fragment B on Me{...A}"},
        codes=("GRAPHQL_VALIDATION_FAILED",)),
    Bad("variable of the wrong type", gql(EMPLOYEES, {"f": "abc"}), codes=("BAD_USER_INPUT",)),
    Bad("required variable missing", {"query": EMPLOYEE}, codes=("BAD_USER_INPUT",)),
    Bad("null for a required variable", gql(EMPLOYEE, {"id": None}), codes=("BAD_USER_INPUT",)),
    Bad("query deeper than max_depth", {"query": _deep_query(LIMITS.max_depth)},
        codes=("QUERY_TOO_COMPLEX",)),
    Bad("more aliases than max_aliases", {"query": "{" + " ".join(
        f"a{i}:me{{roles}}" for i in range(LIMITS.max_aliases + 1)) + "}"},
        codes=("QUERY_TOO_COMPLEX",)),
    Bad("more tokens than max_tokens", {"query": "{me{" + " ".join(
        ["roles"] * (LIMITS.max_tokens + 10)) + "}}"}, codes=("QUERY_TOO_COMPLEX",)),
    # --- pagination
    Bad("page size 0", gql(EMPLOYEES, {"f": 0}), codes=("PAGE_SIZE",)),
    Bad("page size -1", gql(EMPLOYEES, {"f": -1}), codes=("PAGE_SIZE",)),
    Bad("page size 1000", gql(EMPLOYEES, {"f": 1000}), codes=("PAGE_SIZE",)),
    Bad("cursor garbage", gql(EMPLOYEES, {"a": "!!not base64!!"}), codes=("INVALID_CURSOR",)),
    Bad("cursor is base64 of no JSON", gql(EMPLOYEES, {"a": base64.urlsafe_b64encode(
        b"hello").decode()}), codes=("INVALID_CURSOR",)),
    Bad("cursor of the wrong length", gql(EMPLOYEES, {"a": cursor(["A"])}),
        codes=("INVALID_CURSOR",)),
    Bad("cursor with numbers", gql(EMPLOYEES, {"a": cursor([1, 2])}), codes=("INVALID_CURSOR",)),
    Bad("cursor with a bad id", gql(EMPLOYEES, {"a": cursor(["A", "not-a-uuid"])}),
        codes=("INVALID_CURSOR",)),
    Bad("cursor with objects", gql(EMPLOYEES, {"a": cursor([{}, []])}),
        codes=("INVALID_CURSOR",)),
    # --- IDs
    Bad("global ID not base64", gql(EMPLOYEE, {"id": "%%%"}), codes=("INVALID_ID",)),
    Bad("global ID without a UUID", gql(EMPLOYEE, {"id": raw_gid("Employee:42")}),
        codes=("INVALID_ID",)),
    Bad("empty global ID", gql(EMPLOYEE, {"id": ""}), codes=("INVALID_ID",)),
    Bad("huge global ID", gql(EMPLOYEE, {"id": raw_gid("Employee:" + "a" * 20000)}),
        codes=("INVALID_ID",)),
    Bad("global ID of the wrong type", gql(EMPLOYEE, lambda w: {
        "id": gid("OrgUnit", w.unit_id("alpha", "SEC"))}), codes=("INVALID_ID",)),
    Bad("node of an unknown type", gql(NODE, {"id": raw_gid(f"Salary:{uuid.uuid4()}")}),
        codes=("INVALID_ID",)),
    Bad("unknown employee id", gql(EMPLOYEE, {"id": gid("Employee", uuid.uuid4())}),
        codes=("NOT_FOUND",)),
    Bad("employee of another tenant", gql(EMPLOYEE, lambda w: {
        "id": gid("Employee", w.employee_id("beta", "staff"))}), codes=("NOT_FOUND",)),
    Bad("node of another tenant", gql(NODE, lambda w: {
        "id": gid("OrgUnit", w.unit_id("beta", "SEC"))}), codes=("NOT_FOUND",)),
    Bad("unit filter with a malformed id", gql(
        "query($u:ID){employees(unitId:$u){totalCount}}", {"u": "xyz"}), codes=("INVALID_ID",)),
    # --- mutation inputs
    Bad("tenant name far too long", gql(CREATE_TENANT, {"i": {
        "slug": "gamma", "name": "N" * 10000, "kind": "DINAS"}}), user="platform.root",
        payload=("createTenant", frozenset({"TOO_LONG"}))),
    Bad("tenant slug invalid, name blank (all errors at once)", gql(CREATE_TENANT, {"i": {
        "slug": "Not A Slug!", "name": " ", "kind": "DINAS"}}), user="platform.root",
        payload=("createTenant", frozenset({"INVALID_VALUE", "REQUIRED"}))),
    Bad("tenant slug taken", gql(CREATE_TENANT, {"i": {
        "slug": "beta", "name": "Another", "kind": "DINAS"}}), user="platform.root",
        payload=("createTenant", frozenset({"DUPLICATE"}))),
    Bad("tenant kind outside the enum", gql(CREATE_TENANT, {"i": {
        "slug": "gamma", "name": "Gamma", "kind": "CASTLE"}}), user="platform.root",
        codes=("BAD_USER_INPUT",)),
    Bad("tenant parent malformed", gql(CREATE_TENANT, {"i": {
        "slug": "gamma", "name": "Gamma", "kind": "DINAS", "parentId": "nope"}}),
        user="platform.root", payload=("createTenant", frozenset({"UNKNOWN_REFERENCE"}))),
    Bad("tenant parent unknown", gql(CREATE_TENANT, {"i": {
        "slug": "gamma", "name": "Gamma", "kind": "DINAS",
        "parentId": gid("Tenant", uuid.uuid4())}}), user="platform.root",
        payload=("createTenant", frozenset({"UNKNOWN_REFERENCE"}))),
    Bad("update of a malformed tenant id", gql(UPDATE_TENANT, {"i": {"id": "nope"}}),
        user="platform.root", codes=("INVALID_ID",)),
    Bad("update with a stale version", gql(UPDATE_TENANT, lambda w: {"i": {
        "id": gid("Tenant", w.tenant_id("alpha")), "version": 99, "name": "X"}}),
        user="platform.root", codes=("CONFLICT",)),
    Bad("tenant parent is itself (cycle)", gql(UPDATE_TENANT, lambda w: {"i": {
        "id": gid("Tenant", w.tenant_id("alpha")),
        "parentId": gid("Tenant", w.tenant_id("alpha"))}}), user="platform.root",
        payload=("updateTenant", frozenset({"CYCLE"}))),
    Bad("NIP too short", gql(CREATE_EMPLOYEE, lambda w: employee_input(w, nip="123")),
        needs="createEmployee", payload=("createEmployee", frozenset(NIP_CODES))),
    Bad("NIP with letters", gql(CREATE_EMPLOYEE, lambda w: employee_input(
        w, nip="19850712201001100X")), needs="createEmployee",
        payload=("createEmployee", frozenset(NIP_CODES))),
    Bad("NIP birth month 13", gql(CREATE_EMPLOYEE, lambda w: employee_input(
        w, nip="198513122010011002")), needs="createEmployee",
        payload=("createEmployee", frozenset(NIP_CODES))),
    Bad("NIP sex digit 3", gql(CREATE_EMPLOYEE, lambda w: employee_input(
        w, nip="198507122010013002")), needs="createEmployee",
        payload=("createEmployee", frozenset(NIP_CODES))),
    Bad("NIP sequence 000", gql(CREATE_EMPLOYEE, lambda w: employee_input(
        w, nip="198507122010011000")), needs="createEmployee",
        payload=("createEmployee", frozenset(NIP_CODES))),
    Bad("NIP appointed before birth", gql(CREATE_EMPLOYEE, lambda w: employee_input(
        w, nip="198507121980011002")), needs="createEmployee",
        payload=("createEmployee", frozenset(NIP_CODES))),
    Bad("employee name far too long", gql(CREATE_EMPLOYEE, lambda w: employee_input(
        w, name="N" * 5000)), needs="createEmployee",
        payload=("createEmployee", frozenset({"TOO_LONG"}))),
    Bad("employee unit of another tenant", gql(CREATE_EMPLOYEE, lambda w: employee_input(
        w, unitId=gid("OrgUnit", w.unit_id("beta", "SEC")))), needs="createEmployee",
        payload=("createEmployee", frozenset({"UNKNOWN_REFERENCE", "NOT_FOUND"}))),
    Bad("employee position malformed", gql(CREATE_EMPLOYEE, lambda w: employee_input(
        w, positionId="garbage")), needs="createEmployee",
        payload=("createEmployee", frozenset({"UNKNOWN_REFERENCE", "NOT_FOUND", "INVALID_ID"}))),
    Bad("login with a huge username", gql(LOGIN, {"u": "u" * 100_000, "p": "whatever-pass"}),
        user=None, payload=("login", frozenset({"INVALID_CREDENTIALS"}))),
    Bad("login with a number as username", gql(LOGIN, {"u": 5, "p": "x"}), user=None,
        codes=("BAD_USER_INPUT",)),
    # --- credentials and tenant selection
    Bad("Bearer garbage", {"query": "{me{roles}}"}, 401, ("UNAUTHENTICATED",), user=None,
        headers={"authorization": "Bearer garbage.garbage.garbage"}),
    Bad("Bearer without a token", {"query": "{me{roles}}"}, 401, ("UNAUTHENTICATED",),
        user=None, headers={"authorization": "Bearer "}),
    Bad("expired token", {"query": "{me{roles}}"}, 401, ("UNAUTHENTICATED",), user=None,
        headers=bearer(lambda w: issue_token(TEST_SETTINGS, w.user_id("hr.alpha"), now=datetime.now(
            UTC) - timedelta(days=1)).token)),
    Bad("token signed with another secret", {"query": "{me{roles}}"}, 401, ("UNAUTHENTICATED",),
        user=None, headers=bearer(lambda w: issue_token(dataclasses.replace(
            TEST_SETTINGS, secret_key="s" * 40), w.user_id("hr.alpha")).token)),
    Bad("token of an unknown user", {"query": "{me{roles}}"}, 401, ("UNAUTHENTICATED",),
        user=None, headers=bearer(lambda w: issue_token(TEST_SETTINGS, uuid.uuid4()).token)),
    Bad("Authorization: Basic", {"query": "{me{roles}}"}, 401, ("UNAUTHENTICATED",), user=None,
        headers={"authorization": "Basic aHIuYWxwaGE6c2VjcmV0"}),
    Bad("X-Tenant unknown", {"query": "{employees{totalCount}}"}, 403,
        ("TENANT_NOT_ALLOWED",), tenant="atlantis"),
    Bad("X-Tenant of another tenant", {"query": "{employees{totalCount}}"}, 403,
        ("TENANT_NOT_ALLOWED",), tenant="beta"),
    Bad("X-Tenant far too long", {"query": "{employees{totalCount}}"}, 403,
        ("TENANT_NOT_ALLOWED",), tenant="x" * 5000),
    Bad("X-Tenant empty and no single membership", {"query": "{employees{totalCount}}"},
        codes=("TENANT_REQUIRED",), user="platform.root", tenant=""),
    Bad("X-Tenant without a token", {"query": "{me{roles}}"}, 401, ("UNAUTHENTICATED",),
        user=None, tenant="alpha"),
]


def _resolve(value: Any, world: Any) -> Any:
    return value(world) if callable(value) else value


async def _send(client, world, case: Bad):
    headers = dict(_resolve(case.headers, world))
    if case.user is not None:
        headers.setdefault("authorization", f"Bearer {world.token(case.user)}")
    if case.tenant is not None:
        headers["x-tenant"] = case.tenant
    if case.content_type is not None and case.method != "GET":
        headers["content-type"] = case.content_type
    body = _resolve(case.body, world)
    content = None if case.method == "GET" or body is None else (
        body if isinstance(body, bytes) else orjson.dumps(body))
    return await client.request(case.method, "/graphql", content=content, headers=headers,
                                params=_resolve(case.params, world))


def _check_payload(case: Bad, data: Any) -> list[str]:
    root, acceptable = case.payload
    result = (data or {}).get(root)
    if not isinstance(result, dict):
        return [f"no payload for {root}: {data}"]
    codes = {e["code"] for e in result.get("errors", [])}
    problems = []
    if not codes or not codes <= acceptable:
        problems.append(f"payload codes {sorted(codes)} not within {sorted(acceptable)}")
    if any(value for key, value in result.items() if key != "errors"):
        problems.append(f"payload also carries a result: {result}")
    return problems


async def _problems(client, unchanged: Unchanged, world, case: Bad) -> list[str]:
    await unchanged.mark()
    response = await _send(client, world, case)
    changed = await unchanged.changes()
    problems = []
    if response.status_code != case.status:
        problems.append(f"status {response.status_code}, expected {case.status}")
    if response.status_code == 405:
        allowed = set(response.headers.get("allow", "").replace(" ", "").split(","))
        if not {"GET", "POST"} <= allowed:
            problems.append(f"Allow header {allowed}")
    if not response.headers.get("content-type", "").startswith("application/json"):
        problems.append("the answer is not JSON")
    else:
        body = response.json()
        errors = body.get("errors") or []
        codes = sorted({e.get("extensions", {}).get("code") for e in errors})
        if codes != sorted(set(case.codes)):
            problems.append(f"codes {codes}, expected {sorted(set(case.codes))}")
        if not all(e.get("message") for e in errors):
            problems.append("an error without a message")
        if case.payload:
            problems += _check_payload(case, body.get("data"))
        elif not case.codes:
            problems.append("the case expects no error at all")
    if changed:
        problems.append(f"database changed: {changed}")
    return [f"{case.name}: {p} -- {response.text[:300]}" for p in problems]


async def test_bad_input_corpus_gets_typed_errors_and_changes_nothing(client, db, world):
    """One test per backend (each case is checked, and named on failure, individually)."""
    mutations = SCHEMA._schema.mutation_type.fields
    failures: list[str] = []
    ran = 0
    # Failed logins are counted on purpose (throttling); every other table must stay as it was.
    unchanged = await Unchanged.start(db, skip=("login_throttle",))
    try:
        for case in CASES:
            if case.needs and case.needs not in mutations:
                continue  # the mutation is not in the schema yet
            failures += await _problems(client, unchanged, world, case)
            ran += 1
    finally:
        unchanged.close()
    assert ran >= 40, f"only {ran} cases could run"
    assert not failures, "\n".join(failures)


def test_the_corpus_is_large_and_names_are_unique():
    names = [c.name for c in CASES]
    assert len(names) == len(set(names))
    assert len(CASES) >= 40
