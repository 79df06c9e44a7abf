"""Schema-driven fuzzing (schemathesis's GraphQL generator) against the real server.

For every root field of `schema/schema.graphql` (queries and mutations), schemathesis builds
documents with random selections and random literal arguments (arbitrary text with NUL and
surrogate escapes, huge numbers, unknown enum-like strings, junk IDs and dates). Each one is
posted to a real `kinerja serve` on a fresh database with the Pauh demo, anonymously and as
HR of camat-pauh, on SQLite and on PostgreSQL (as the app role, under RLS). No answer may be
a server error: HTTP 5xx, a body that is not JSON, or a masked INTERNAL_SERVER_ERROR.

Bounded in `make test` (KINERJA_FUZZ_EXAMPLES per root field and principal, fixed seed);
`make fuzz` runs a longer one. The figures are printed (`-s`) and quoted in the README.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import AsyncIterator

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st
from schemathesis.graphql import nodes

from tests.support.server import ROOT, running_server

EXAMPLES = int(os.environ.get("KINERJA_FUZZ_EXAMPLES", "2"))
SEED = int(os.environ.get("KINERJA_FUZZ_SEED", "20261207"))
HARVEST = ("{ employees(first: 100) { nodes { id } } orgUnits { id } positions { id }"
           " cycles { id periods { id } } users(first: 100) { nodes { id } } }")
LOGIN = "mutation($u:String!,$p:String!){login(username:$u,password:$p){token errors{code}}}"

_json_values = st.one_of(st.text(max_size=20).map(nodes.String), st.integers().map(nodes.Int),
                         st.booleans().map(nodes.Boolean))
schemathesis.graphql.scalar("JSON", _json_values)
# Dates as they should be, and as they should not be.
schemathesis.graphql.scalar("Date", st.one_of(st.dates().map(str), st.text(max_size=12))
                            .map(nodes.String))
# IDs: the global IDs that earlier answers held (so mutations reach real objects), and junk.
SEEN_IDS: list[str] = []
schemathesis.graphql.scalar("ID", st.one_of(
    st.integers(0, 1 << 20).map(lambda i: SEEN_IDS[i % len(SEEN_IDS)] if SEEN_IDS else "x"),
    st.text(max_size=40)).map(nodes.String))
schemathesis.graphql.scalar("DateTime", st.one_of(
    st.datetimes().map(lambda d: d.isoformat() + "Z"), st.text(max_size=25)).map(nodes.String))


@pytest.fixture(scope="module")
async def demo_url(backend, tmp_path_factory) -> AsyncIterator[str]:
    """A database of its own with the Pauh demo just loaded (a copy of the backend's committed
    demo data set): the fuzzed mutations really commit."""
    async with backend.copy_of("demo", tmp_path_factory.mktemp("fuzz")) as url:
        yield url


def _operations():
    schema = schemathesis.graphql.from_path(str(ROOT / "schema" / "schema.graphql"))
    return [result.ok() for result in schema.get_all_operations()]


def _server_error(response: httpx.Response) -> str | None:
    if response.status_code >= 500:
        return f"HTTP {response.status_code}"
    try:
        body = response.json()
    except ValueError:
        return "body is not JSON"
    codes = [(e.get("extensions") or {}).get("code") for e in body.get("errors") or []]
    if "INTERNAL_SERVER_ERROR" in codes or None in codes:
        return f"codes {codes}"
    return None


def _harvest_ids(response: httpx.Response) -> None:
    try:
        stack = [response.json()]
    except ValueError:
        return
    while stack and len(SEEN_IDS) < 5000:
        item = stack.pop()
        if isinstance(item, dict):
            for key, value in item.items():
                if key == "id" and isinstance(value, str) and value not in SEEN_IDS:
                    SEEN_IDS.append(value)
                else:
                    stack.append(value)
        elif isinstance(item, list):
            stack.extend(item)


def _codes(response: httpx.Response) -> list[str]:
    try:
        errors = response.json().get("errors") or []
    except ValueError:
        return []
    return [str((e.get("extensions") or {}).get("code")) for e in errors] or ["ok"]


def _fuzz(http: httpx.Client, headers: dict, tally: Counter, failures: list) -> None:
    for operation in _operations():
        @seed(SEED)
        @settings(max_examples=EXAMPLES, database=None, deadline=None,
                  suppress_health_check=list(HealthCheck))
        @given(operation.as_strategy())
        def run(case) -> None:
            response = http.post("/graphql", json={"query": case.body}, headers=headers)
            tally["cases"] += 1
            tally[f"HTTP {response.status_code}"] += 1
            tally.update(_codes(response))
            _harvest_ids(response)
            problem = _server_error(response)
            if problem is not None:
                # run() is called below, in the same iteration: the binding is the current one
                failures.append((operation.label, problem, case.body[:2000],  # noqa: B023
                                 response.text[:500]))

        run()


@pytest.mark.parametrize("principal", ["anonymous", "hr"])
def test_fuzzed_documents_never_get_a_server_error(demo_url, tmp_path, principal):
    tally: Counter = Counter()
    failures: list = []
    started = time.perf_counter()
    with running_server(demo_url, tmp_path / "files") as url:
        with httpx.Client(base_url=url.removesuffix("/graphql"), timeout=60) as http:
            headers = {"accept-language": "en"}
            if principal == "hr":
                login = http.post("/graphql", json={"query": LOGIN, "variables": {
                    "u": "hr.camat", "p": "pauh-hr-2026"}}).json()
                token = login["data"]["login"]["token"]
                assert token, login
                headers |= {"authorization": f"Bearer {token}", "x-tenant": "camat-pauh"}
            SEEN_IDS.clear()
            _harvest_ids(http.post("/graphql", json={"query": HARVEST}, headers=headers))
            _fuzz(http, headers, tally, failures)
    seconds = time.perf_counter() - started
    print(f"\nfuzz {principal}: {tally['cases']} cases in {seconds:.0f} s, "
          f"{len(failures)} server errors, {dict(sorted(tally.items()))}")
    assert tally["cases"] >= EXAMPLES * 50
    assert not failures, "\n\n".join(" | ".join(f) for f in failures[:20])
