"""The document gate (edge/documents.py): every limit checked before anything expensive, in
time linear in the document, and a cache that stays bounded whatever anonymous clients send.

Each test here reproduces a finding of the hardening review (issue 8) on both backends.
"""

from __future__ import annotations

import gc
import tracemalloc

import pytest

import kinerja.edge.documents as documents
from kinerja.edge.cost import _Meter, measure
from tests.conftest import TEST_SETTINGS

LIMITS = TEST_SETTINGS.limits
OWN_DOCUMENT_GATE = True  # each test gets a new gate (tests/conftest.py): its cache is inspected
GRAPHQL_RESPONSE = "application/graphql-response+json"


def doubling_fragments(levels: int) -> str:
    """Each fragment spreads the next one twice: 2^levels fields once expanded."""
    parts = ["{ ...F0 }"]
    for i in range(levels):
        parts.append(f"fragment F{i} on Query {{ __typename ...F{i + 1} ...F{i + 1} }}")
    parts.append(f"fragment F{levels} on Query {{ __typename }}")
    return "\n".join(parts)


@pytest.fixture
def validations(monkeypatch):
    """Counts graphql-core validations and parser runs made by the gate."""
    calls = {"validate": 0, "parse": 0}
    real_validate, real_parser = documents.validate, documents.Parser

    def counting_validate(*args, **kwargs):
        calls["validate"] += 1
        return real_validate(*args, **kwargs)

    class CountingParser(real_parser):
        def parse_document(self):
            calls["parse"] += 1
            return super().parse_document()

    monkeypatch.setattr(documents, "validate", counting_validate)
    monkeypatch.setattr(documents, "Parser", CountingParser)
    return calls


def _complex(result, limit: str | None = None) -> None:
    assert result.status == 200 and result.data is None, result.body
    assert result.codes == ["QUERY_TOO_COMPLEX"], result.body
    if limit is not None:
        assert limit in result.errors[0]["message"], result.body


async def test_fragments_doubling_per_level_are_refused_before_validation(api, validations):
    result = await api.gql(doubling_fragments(25))  # anonymous, 1.3 KB
    _complex(result, "fields")
    assert validations == {"validate": 0, "parse": 1}


def test_each_fragment_is_costed_once_whatever_its_spreads(monkeypatch):
    from graphql import parse

    calls = []
    real = _Meter.fragment

    def counting(self, name):
        if name not in self.memo:
            calls.append(name)
        return real(self, name)

    monkeypatch.setattr(_Meter, "fragment", counting)
    costs = dict(measure(parse(doubling_fragments(25))))
    assert len(calls) == 26  # one walk per fragment definition, not 2^25
    assert costs["(anonymous operation)"].fields > LIMITS.max_fields


async def test_a_900_kb_document_is_refused_without_parsing(api, validations):
    query = "#" + "x" * 900_000 + "\n{ __typename }"
    result = await api.gql(query)
    _complex(result, "characters")
    assert validations == {"validate": 0, "parse": 0}


async def test_more_tokens_than_the_cap_are_refused_without_parsing(api, validations):
    query = "{ me { " + "roles " * (LIMITS.max_tokens + 1) + "} }"
    assert len(query) < LIMITS.max_document_chars
    _complex(await api.gql(query), "tokens")
    assert validations == {"validate": 0, "parse": 0}


async def test_a_field_repeated_600_times_is_refused_before_validation(api, validations):
    query = "{ " + "me { user { username } } " * 600 + "}"  # the review's 4 KB document
    _complex(await api.gql(query, user="hr.alpha"), "tokens")
    query = "{ " + "me { user { username } } " * 400 + "}"  # within the tokens: 1,200 fields
    _complex(await api.gql(query, user="hr.alpha"), "fields")
    assert validations["validate"] == 0


async def test_validation_within_the_limits_is_bounded_by_its_budget(api):
    query = "{ " + "me { user { username } } " * 160 + "}"  # 480 fields: under the limit
    result = await api.gql(query, user="hr.alpha")
    _complex(result, "validating")


async def test_too_many_directives_are_refused(api, validations):
    query = "{ __typename " + "@include(if: true) " * (LIMITS.max_directives + 1) + "}"
    _complex(await api.gql(query), "directives")
    assert validations["validate"] == 0


async def test_depth_through_fragments_counts(api):
    inner = "name"
    for _ in range(LIMITS.max_depth):
        inner = f"rater {{ name {inner} }}"
    query = f"{{ employees {{ nodes {{ ...E }} }} }} fragment E on Employee {{ {inner} }}"
    _complex(await api.gql(query, user="hr.alpha"), "depth")


async def test_the_heaviest_client_operations_pass_the_gate(services):
    """Every checked-in operation is within every limit (tests/api/test_operations.py runs
    them; this proves the limits leave them room)."""
    from pathlib import Path

    from graphql import parse

    root = Path(__file__).resolve().parents[2] / "schema" / "operations"
    for path in sorted(root.glob("*.graphql")):
        for name, cost in measure(parse(path.read_text())):
            assert cost.fields <= LIMITS.max_fields // 2, (path.name, name, cost)
            assert cost.depth <= LIMITS.max_depth, (path.name, name, cost)
            assert cost.aliases <= LIMITS.max_aliases, (path.name, name, cost)


async def test_refused_documents_are_not_remembered(api, services):
    cache = services.documents.cache
    before = len(cache)
    await api.gql(doubling_fragments(20))
    await api.gql("{ me { salary } }")
    await api.gql("{ me { ")
    assert len(cache) == before


async def test_distinct_large_anonymous_documents_leave_memory_flat(api, services):
    """300 distinct 60 KB documents (a comment and `{__typename}`, all valid) leave the
    gate's cache within its byte bound, and the process holds no more after them than
    before them (the leak of the review: +540 MiB after 300 such requests)."""
    cache = services.documents.cache
    cache.max_bytes = 2 * 1024 * 1024

    def document(i: int) -> str:
        return f"# {i:06d}" + "x" * 60_000 + "\n{ __typename }"

    gc.collect()
    tracemalloc.start()  # before the first document: what leaves the cache is counted too
    try:
        for i in range(50):  # fills the cache to its bound
            assert (await api.gql(document(i))).ok() == {"__typename": "Query"}
        gc.collect()
        start = tracemalloc.get_traced_memory()[0]
        for i in range(50, 300):
            assert (await api.gql(document(i))).ok() == {"__typename": "Query"}
            assert cache.bytes <= cache.max_bytes
        gc.collect()
        grown = tracemalloc.get_traced_memory()[0] - start
    finally:
        tracemalloc.stop()
    assert grown < 1024 * 1024, f"memory grew by {grown} bytes over 250 documents"
    assert 0 < len(cache) < 50


def test_the_cache_estimate_covers_what_a_document_really_holds():
    """The byte estimate is an upper bound of tracemalloc's measurement, also for wide
    characters and for token-heavy documents."""
    from kinerja.edge.documents import DocumentCache
    from kinerja.edge.schema import build_gate
    from tests.conftest import SCHEMA

    gate = build_gate(SCHEMA, TEST_SETTINGS)
    shapes = {
        "ascii comment": lambda i: f"#{i}" + "x" * 60_000 + "\n{ __typename }",
        "wide comment": lambda i: f"#{i}" + "\U0001F3C3" * 15_000 + "\n{ __typename }",
        "many tokens": lambda i: f"query Q{i} {{ " + " ".join(
            f"a{j}: __typename" for j in range(LIMITS.max_aliases)) + " }",
    }
    for name, make in shapes.items():
        gate.prepare(make(999))  # the validation rules' one-time state is not the document's
        gate.cache = DocumentCache(100, 1 << 30)
        gc.collect()
        tracemalloc.start()
        try:
            start = tracemalloc.get_traced_memory()[0]
            for i in range(20):
                gate.prepare(make(i))
            gc.collect()
            held = tracemalloc.get_traced_memory()[0] - start
        finally:
            tracemalloc.stop()
        # Slack: CPython's type attribute cache (4,096 names, bounded) keeps the names that
        # graphql-core's visitors look up, whichever document they came from.
        assert held <= gate.cache.bytes + 300_000, (name, held, gate.cache.bytes)


async def test_an_unused_variable_is_a_validation_error(api):
    result = await api.gql("query($x: Int) { __typename }", {"x": 1})
    assert result.codes == ["GRAPHQL_VALIDATION_FAILED"] and result.data is None


async def test_field_suggestions_are_withheld_without_introspection(db):
    from dataclasses import replace

    import httpx

    from kinerja.app import Services, create_app
    from tests.conftest import SCHEMA

    services = Services(replace(TEST_SETTINGS, introspection=False), db, schema=SCHEMA)
    app = create_app(services=services)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://kinerja.test") as http:
        hidden = (await http.post("/graphql", json={"query": "{ tenantz { slug } }"})).json()
    assert hidden["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert "Did you mean" not in hidden["errors"][0]["message"]


@pytest.mark.parametrize(("query", "variables", "code"), [
    ("{ me { roles }", None, "GRAPHQL_PARSE_FAILED"),
    ("{ me { salary } }", None, "GRAPHQL_VALIDATION_FAILED"),
    ("query($id: ID!) { node(id: $id) { id } }", {"id": None}, "BAD_USER_INPUT"),
    (doubling_fragments(20), None, "QUERY_TOO_COMPLEX"),
])
async def test_request_errors_are_400_for_graphql_response_json(client, query, variables, code):
    body = {"query": query, **({"variables": variables} if variables else {})}
    strict = await client.post("/graphql", json=body, headers={"accept": GRAPHQL_RESPONSE})
    assert strict.status_code == 400
    assert strict.headers["content-type"].startswith(GRAPHQL_RESPONSE)
    assert "data" not in strict.json()
    assert strict.json()["errors"][0]["extensions"]["code"] == code
    legacy = await client.post("/graphql", json=body, headers={"accept": "application/json"})
    assert legacy.status_code == 200 and legacy.headers["content-type"] == "application/json"
    assert legacy.json()["errors"][0]["extensions"]["code"] == code


async def test_a_field_error_is_200_with_data_for_graphql_response_json(client):
    response = await client.post("/graphql", json={"query": "{ me { roles } }"},
                                 headers={"accept": GRAPHQL_RESPONSE})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(GRAPHQL_RESPONSE)
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
