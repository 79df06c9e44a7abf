"""The compiled executor returns exactly what graphql-core's standard executor returns.

Every query of the corpus runs through the real HTTP app twice on the same data: once with
the compiled executor (the production schema) and once with the standard one; the response
bodies must be identical, data and errors alike.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from types import SimpleNamespace

import httpx
import pytest

from kinerja.app import Services, create_app
from kinerja.edge import fastexec
from kinerja.edge.schema import build_schema
from kinerja.graphql.relay import to_global_id
from kinerja.people import hydrate
from tests.api.test_monitoring import record, running
from tests.conftest import TEST_SETTINGS

STANDARD = build_schema(TEST_SETTINGS, compiled=False)

FRAGMENTS = """
fragment U on OrgUnit { __typename id name code active parent { __typename name parentId } }
fragment E on Employee {
  id name nip nipFormatted employeeType rank active version createdAt acting hasAccount
  unit { ...U } position { __typename name positionType level }
}
"""
CORPUS = [
    ("nested fragments, aliases, __typename, enums", FRAGMENTS + """
     query { employees(first: 10) { __typename totalCount
       pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
       edges { cursor node { ...E boss: rater { ...E raterSuperior { name } } } }
       people: nodes { __typename name alias1: name ... on Node { id } } } }""", None),
    ("@include/@skip with variables", FRAGMENTS + """
     query($r: Boolean!, $l: Boolean!) { employees(first: 10) { nodes {
       name rater @include(if: $r) { name unit @skip(if: $l) { name } }
       reportingLines @skip(if: $l) { __typename validFrom validTo acting rater { name } }
       ...E @include(if: $l) } } }""", {"r": True, "l": False}),
    ("@include/@skip, the other way", FRAGMENTS + """
     query($r: Boolean!, $l: Boolean!) { employees(first: 10) { nodes {
       name rater @include(if: $r) { name unit @skip(if: $l) { name } }
       reportingLines @skip(if: $l) { __typename validFrom validTo acting rater { name } }
       ...E @include(if: $l) } } }""", {"r": False, "l": True}),
    ("nulls and lists", """
     { orgUnits { name parent { name parent { name } } }
       positions { name level positionType }
       employees(first: 10) { nodes { name rater { name } raterSuperior { name }
                                      reportingLines { raterSuperior { name } } } } }""", None),
    ("abstract root (node) then plain subtree", """
     query($id: ID!) { node(id: $id) { __typename id ... on Employee {
       name unit { name parent { name } } rater { name position { level } } } } }""", "HEAD"),
    ("root error", "{ employee(id: \"bm9wZQ==\") { name } }", None),
]


@pytest.fixture
async def standard_client(db, settings):
    app = create_app(services=Services(settings, db, schema=STANDARD))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://kinerja.test") as http:
        yield http


async def _both(api, standard_client, query: str, variables) -> tuple[dict, dict]:
    headers = {"authorization": f"Bearer {api.world.token('hr.alpha')}", "accept-language": "en"}
    payload = {"query": query, "variables": variables}
    fast = await api.client.post("/graphql", json=payload, headers=headers)
    slow = await standard_client.post("/graphql", json=payload, headers=headers)
    assert fast.status_code == slow.status_code == 200
    return fast.json(), slow.json()


@pytest.mark.parametrize("name", [c[0] for c in CORPUS])
async def test_compiled_and_standard_executors_agree(name, api, standard_client, world,
                                                     monkeypatch):
    _, query, variables = next(c for c in CORPUS if c[0] == name)
    if variables == "HEAD":
        variables = {"id": to_global_id("Employee", world.employee_id("alpha", "head"))}
    compiled = []
    original = fastexec._object
    monkeypatch.setattr(fastexec, "_object", lambda plan, source, run: compiled.append(1)
                        or original(plan, source, run))
    fast, slow = await _both(api, standard_client, query, variables)
    assert fast == slow
    if name != "root error":
        assert "errors" not in fast and compiled, "the compiled path was not used"


def _breaking(field: str, value):
    """hydrate_employees that then spoils one field of 'Alpha Staff' (a nested-field error)."""
    original = hydrate.hydrate_employees

    async def hydrate_employees(ctx, nodes, sel):
        await original(ctx, nodes, sel)
        for node in nodes:
            if node.name == "Alpha Staff":
                setattr(node, field, value)
    return hydrate_employees


@pytest.mark.parametrize(("field", "value"), [
    ("nip", None),                # null in a non-null leaf: propagates to the nullable parent
    ("rank", "NOT_A_RANK"),       # an enum value that cannot be serialised
    ("version", "seven"),         # a scalar that cannot be serialised
    ("version", 2**31),           # an Int out of range (the inline test lets it through to
    ("version", True),            # graphql-core), and a bool, which Int serialises as 1
    ("reporting_lines", "oops"),  # a list field holding a non-list
    ("unit", object()),           # an object field holding a foreign object
    ("has_account", "maybe"),     # a Boolean that is not one
])
async def test_errors_in_nested_fields_are_reported_identically(field, value, api,
                                                                standard_client, monkeypatch):
    monkeypatch.setattr(hydrate, "hydrate_employees", _breaking(field, value))
    query = FRAGMENTS + """{ employees(first: 10) { nodes { ...E reportingLines { acting } }
                           edges { node { name rater { nip rank } } } } }"""
    fast, slow = await _both(api, standard_client, query, None)
    assert fast == slow
    assert fast["errors"] and all(e["extensions"]["code"] for e in fast["errors"])


LOADED_QUERY = """query($id: ID!, $p: ID, $q: ID) { skp(id: $id) { id status
  q1: realisations(periodId: $p) { id value periodId } q2: realisations(periodId: $q) { value }
  literal: realisations(periodId: "%s") { value } all: realisations { value periodId }
  employee { name } } }"""


@pytest.mark.parametrize("case", ["variables", "null variable", "bad period id"])
async def test_loaded_fields_with_arguments_are_compiled_and_agree(case, api, standard_client,
                                                                   monkeypatch):
    """`Skp.realisations(periodId:)` (a `loaded_field`) runs on the compiled path with its
    arguments from variables, literals, defaults and aliases; a bad argument falls back to
    the standard path and reports the same typed error."""
    env = await running(api)
    await record(api, env, value=3)
    await record(api, env, value=5, periodId=env["periods"]["Q2"])
    skp_id, q1, q2 = env["skps"]["staff"], env["periods"]["Q1"], env["periods"]["Q2"]
    variables = {"variables": {"id": skp_id, "p": q1, "q": q2},
                 "null variable": {"id": skp_id, "p": None, "q": q2},
                 "bad period id": {"id": skp_id, "p": "bm9wZQ==", "q": q2}}[case]
    compiled_skps = []
    original = fastexec._object

    def spy(plan, source, run):
        if any(entry[0] == "q1" for entry in plan[1]):
            compiled_skps.append(source)
        return original(plan, source, run)

    monkeypatch.setattr(fastexec, "_object", spy)
    fast, slow = await _both(api, standard_client, LOADED_QUERY % q2, variables)
    assert fast == slow
    assert compiled_skps, "the SKP with realisations(periodId:) was not compiled"
    if case == "bad period id":
        assert fast["errors"] and fast["errors"][0]["path"] == ["skp", "q1"]
        return
    skp = fast["data"]["skp"]
    assert [r["value"] for r in skp["q2"]] == [r["value"] for r in skp["literal"]] == [5.0]
    assert len(skp["all"]) == 2
    assert sorted(r["value"] for r in skp["q1"]) == ([3.0] if case == "variables" else [3.0, 5.0])


async def test_plans_are_compiled_once_per_operation_not_per_request(api, db, settings,
                                                                     monkeypatch):
    """The same document asked again compiles no plan; one whose selection depends on a
    variable (@include with $x) compiles per request, so each answer follows its variables."""
    compiled = []
    original = fastexec.FastExecutionContext._compile

    def counting(self, object_type, field_details_list):
        compiled.append(object_type.name)
        return original(self, object_type, field_details_list)

    monkeypatch.setattr(fastexec.FastExecutionContext, "_compile", counting)
    headers = {"authorization": f"Bearer {api.world.token('hr.alpha')}"}
    uncached = dataclasses.replace(settings, response_cache_size=0)  # every request executes
    app = create_app(services=Services(uncached, db))
    http = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://k.test")

    async def ask(query, variables=None):
        response = await http.post("/graphql", json={"query": query, "variables": variables},
                                   headers=headers)
        assert "errors" not in response.json(), response.json()
        return response.json()["data"]

    plain = "{ employees(first: 5) { nodes { name unit { name } rater { name } } } }"
    first = await ask(plain)
    after_first = len(compiled)
    assert after_first > 0
    assert await ask(plain) == first and len(compiled) == after_first  # no re-planning
    varying = ("query($r: Boolean!) { employees(first: 5) { nodes { name "
               "rater @include(if: $r) { name } } } }")
    with_rater = await ask(varying, {"r": True})
    without = await ask(varying, {"r": False})
    assert any("rater" in n for n in with_rater["employees"]["nodes"])
    assert not any("rater" in n for n in without["employees"]["nodes"])
    before = len(compiled)
    await ask(varying, {"r": True})
    assert len(compiled) > before  # planned again: the selection depends on $r
    await http.aclose()


@pytest.mark.parametrize("scalar", ["Int", "Float"])
@pytest.mark.parametrize("value", [0, 7, -2**31, 2**31 - 1, 2**31, -2**31 - 1, True, 7.0, 2.5,
                                   float("inf"), float("nan"), Decimal("2.50"), Decimal("NaN"),
                                   Decimal("1e400"), "3", None])
def test_inline_int_and_float_leaves_answer_as_graphql_core(scalar, value):
    """The generated code's own Int and Float tests give graphql-core's answer, and raise
    (which sends the object to the standard path) exactly where graphql-core refuses it."""
    from graphql import GraphQLError, GraphQLFloat, GraphQLInt

    graphql_type = {"Int": GraphQLInt, "Float": GraphQLFloat}[scalar]
    spec = (None, graphql_type.serialize, fastexec.INLINE_LEAVES[graphql_type])
    complete = fastexec._generated(None, (("x", "x", fastexec.LEAF, False, spec),))
    if value is None:
        assert complete(SimpleNamespace(x=None), None) == {"x": None}
        return
    try:
        expected = graphql_type.serialize(value)
    except (GraphQLError, ValueError):  # any raise sends the object to the standard path
        with pytest.raises((fastexec.Anomaly, GraphQLError, ValueError)):
            complete(SimpleNamespace(x=value), None)
        return
    got = complete(SimpleNamespace(x=value), None)["x"]
    assert got == expected and type(got) is type(expected)
