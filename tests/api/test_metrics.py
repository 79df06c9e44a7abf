"""GET /metrics: Prometheus text format, what it counts, and who may read it.

The ASGI transport's client is 127.0.0.1 unless told otherwise (`httpx.ASGITransport(client=)`),
so the default `client` fixture is a loopback scraper; `metrics_client` builds one from another
address, with or without a configured KINERJA_METRICS_TOKEN.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import AsyncIterator

import httpx
import pytest
from prometheus_client import REGISTRY
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy.pool import NullPool

from kinerja.app import Services, create_app
from kinerja.config import ConfigError, load_settings
from kinerja.db import Database, create_engine
from kinerja.ops import metrics as metrics_module
from kinerja.ops.metrics import Metrics
from tests.api.test_auth import LOGIN, app_client
from tests.conftest import SCHEMA, TEST_SETTINGS
from tests.support.world import PASSWORD

NAMES = "query Names { employees(first: 5) { totalCount nodes { name } } }"
MISSING = ("query Missing { employee(id: "
           "\"RW1wbG95ZWU6MDAwMDAwMDAtMDAwMC0wMDAwLTAwMDAtMDAwMDAwMDAwMDAw\") { name } }")
TOKEN = "metrics-token-0123456789abcdef"
REMOTE = ("203.0.113.7", 40000)


def parse(text: str) -> dict[tuple[str, frozenset], float]:
    """Every sample: (sample name, its labels) -> value. Fails on anything not parseable."""
    return {(sample.name, frozenset(sample.labels.items())): sample.value
            for family in text_string_to_metric_families(text) for sample in family.samples}


def value(samples: dict, name: str, **labels: str) -> float | None:
    return samples.get((name, frozenset(labels.items())))


async def named(api, query: str, name: str, user: str | None = None) -> dict:
    """A request with its operationName: what the endpoint records as the operation."""
    headers = {"authorization": f"Bearer {api.world.token(user)}"} if user else {}
    response = await api.client.post("/graphql", json={"query": query, "operationName": name},
                                     headers={**headers, "accept-language": "en"})
    return response.json()


async def scrape(http: httpx.AsyncClient) -> dict[tuple[str, frozenset], float]:
    response = await http.get("/metrics")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/plain; version=0.0.4; charset=utf-8"
    return parse(response.text)


@contextlib.asynccontextmanager
async def metrics_client(db: Database, client: tuple[str, int] = REMOTE,
                         **overrides) -> AsyncIterator[httpx.AsyncClient]:
    settings = dataclasses.replace(TEST_SETTINGS, **overrides)
    app = create_app(services=Services(settings, db, schema=SCHEMA))
    transport = httpx.ASGITransport(app=app, client=client)
    async with httpx.AsyncClient(transport=transport, base_url="http://kinerja.test") as http:
        yield http


# --- what is counted --------------------------------------------------------------------------

async def test_requests_are_counted_by_operation_and_outcome(api, client):
    for _ in range(2):
        assert "errors" not in await named(api, NAMES, "Names", user="hr.alpha")
    assert (await api.gql(NAMES, user="hr.alpha")).ok()  # no operationName: "none"
    samples = await scrape(client)
    assert value(samples, "kinerja_requests_total", operation="Names", app="none",
                 outcome="ok") == 1
    assert value(samples, "kinerja_requests_total", operation="Names", app="none",
                 outcome="cached") == 1  # the second one came from the response cache
    assert value(samples, "kinerja_requests_total", operation="none", app="none",
                 outcome="ok") == 1  # (the operation name is part of the cache key)
    assert value(samples, "kinerja_request_duration_seconds_count", operation="Names",
                 app="none") == 2
    assert value(samples, "kinerja_request_duration_seconds_bucket", operation="Names",
                 app="none", le="+Inf") == 2
    assert value(samples, "kinerja_request_duration_seconds_bucket", operation="Names",
                 app="none", le="0.001") is not None


async def test_error_outcomes_are_their_codes(api, client):
    missing = await named(api, MISSING, "Missing", user="hr.alpha")
    assert missing["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert (await api.raw("POST", b"{not json",
                          headers={"content-type": "application/json"})).status_code == 400
    assert (await named(api, "query Broken { nothing }", "Broken", user="hr.alpha"))["errors"]
    samples = await scrape(client)
    assert value(samples, "kinerja_requests_total", operation="Missing", app="none",
                 outcome="NOT_FOUND") == 1
    assert value(samples, "kinerja_requests_total", operation="none", app="none",
                 outcome="http_400") == 1
    assert value(samples, "kinerja_requests_total", operation="Broken", app="none",
                 outcome="GRAPHQL_VALIDATION_FAILED") == 1


async def test_response_cache_hits_and_misses_are_counted(api, client, services):
    assert (await api.gql(NAMES, user="hr.alpha")).ok()  # miss, then stored
    assert (await api.gql(NAMES, user="hr.alpha")).ok()  # hit
    assert (await api.gql(NAMES, user="staff.alpha")).ok()  # another user: miss
    await api.gql(LOGIN, {"u": "hr.alpha", "p": PASSWORD})  # a mutation: neither
    samples = await scrape(client)
    assert value(samples, "kinerja_response_cache_hits_total") == 1 == services.responses.hits
    assert value(samples, "kinerja_response_cache_misses_total") == 2


async def test_refused_logins_are_counted_by_reason(db, world):
    async with app_client(db, world, login_max_failures=2) as api:
        for _ in range(2):
            await api.gql(LOGIN, {"u": "hr.alpha", "p": "wrong-password"})
        await api.gql(LOGIN, {"u": "nobody.at.all", "p": "wrong-password"})
        await api.gql(LOGIN, {"u": "hr.alpha", "p": PASSWORD})  # throttled, right password
        await api.gql(LOGIN, {"u": "admin.alpha", "p": PASSWORD})  # signs in
        samples = await scrape(api.client)
    assert value(samples, "kinerja_login_failures_total", reason="INVALID_CREDENTIALS") == 3
    assert value(samples, "kinerja_login_failures_total", reason="TOO_MANY_ATTEMPTS") == 1
    assert value(samples, "kinerja_requests_total", operation="none", app="none",
                 outcome="ok") == 5  # payload errors are not request errors


async def test_pool_gauges_come_from_the_engines_pool(client, backend):
    samples = await scrape(client)
    assert value(samples, "kinerja_db_pool_info", dialect=backend.name,
                 pool="AsyncAdaptedQueuePool") == 1
    assert value(samples, "kinerja_db_pool_size") == 2  # the tests' pool (conftest.TEST_POOL)
    assert value(samples, "kinerja_db_pool_checked_out") >= 1  # the test's own connection
    assert value(samples, "kinerja_db_pool_checked_in") >= 0
    assert value(samples, "kinerja_db_pool_overflow") >= 0


async def test_a_pool_without_statistics_reports_only_its_class(backend):
    db = Database(create_engine(backend.app_url, poolclass=NullPool))
    try:
        text = Metrics(db).exposition().decode()
    finally:
        await db.dispose()
    samples = parse(text)
    assert value(samples, "kinerja_db_pool_info", dialect=backend.name, pool="NullPool") == 1
    assert "kinerja_db_pool_checked_out" not in text


async def test_the_output_parses_and_names_every_metric(api, client):
    await api.gql(NAMES, user="hr.alpha")
    response = await client.get("/metrics")
    families = {f.name: f.type for f in text_string_to_metric_families(response.text)}
    assert families["kinerja_requests"] == "counter"
    assert families["kinerja_request_duration_seconds"] == "histogram"
    assert families["kinerja_login_failures"] == "counter"
    assert families["kinerja_response_cache_hits"] == "counter"
    assert families["kinerja_response_cache_misses"] == "counter"
    assert families["kinerja_db_pool_checked_out"] == "gauge"
    assert "process_start_time_seconds" in families


# --- access -----------------------------------------------------------------------------------

@pytest.mark.parametrize("host", ["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1"])
async def test_loopback_clients_need_no_token(db, host):
    async with metrics_client(db, (host, 5000)) as http:
        assert (await http.get("/metrics")).status_code == 200


async def test_a_remote_client_without_a_token_is_unauthenticated(db):
    async with metrics_client(db, metrics_token=TOKEN) as http:
        response = await http.get("/metrics", headers={"accept-language": "en"})
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert response.json() == {"errors": [{"message": "You must sign in first.",
                                           "extensions": {"code": "UNAUTHENTICATED"}}]}


@pytest.mark.parametrize("authorization", [
    f"Bearer {TOKEN}x", f"Bearer {TOKEN[:-1]}", "Bearer wrong",
    "Bearer ünïcode-tökén-0123456789".encode("latin-1")])
async def test_a_remote_client_with_a_wrong_token_is_forbidden(db, authorization):
    async with metrics_client(db, metrics_token=TOKEN) as http:
        response = await http.get("/metrics", headers={"authorization": authorization})
    assert response.status_code == 403
    assert response.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_the_token_counts_only_as_a_bearer_token(db):
    async with metrics_client(db, metrics_token=TOKEN) as http:
        response = await http.get("/metrics", headers={"authorization": f"Basic {TOKEN}"})
    assert response.status_code == 401


async def test_a_remote_client_with_the_token_reads_the_metrics(db):
    async with metrics_client(db, metrics_token=TOKEN) as http:
        response = await http.get("/metrics", headers={"authorization": f"bearer  {TOKEN}"})
        assert response.status_code == 200
        assert "kinerja_db_pool_info" in response.text


async def test_without_a_configured_token_no_token_opens_it_remotely(db):
    async with metrics_client(db) as http:
        assert (await http.get("/metrics")).status_code == 401
        response = await http.get("/metrics", headers={"authorization": "Bearer anything"})
        assert response.status_code == 403


async def test_forwarded_headers_do_not_make_a_client_loopback(db):
    async with metrics_client(db, metrics_token=TOKEN) as http:
        response = await http.get("/metrics", headers={
            "x-forwarded-for": "127.0.0.1", "x-real-ip": "127.0.0.1",
            "forwarded": "for=127.0.0.1"})
    assert response.status_code == 401


# --- bounds, registries, configuration (no database) -----------------------------------------

def test_label_values_are_capped(monkeypatch):
    monkeypatch.setattr(metrics_module, "MAX_OPERATIONS", 3)
    metrics = Metrics()
    for name in ["A", "B", "C", "D", "E", "A"]:
        metrics.observe_request({"operation": name, "outcome": "ok", "duration_ms": 1.0,
                                 "app": "app-1"})
    samples = parse(metrics.exposition().decode())
    counts = {label: value(samples, "kinerja_requests_total", operation=label, app="app-1",
                           outcome="ok") for label in ["A", "B", "C", "D", "other"]}
    assert counts == {"A": 2, "B": 1, "C": 1, "D": None, "other": 2}


def test_label_sets_are_capped_as_a_whole(monkeypatch):
    monkeypatch.setattr(metrics_module, "MAX_SERIES", 2)
    metrics = Metrics()
    for name, outcome in [("A", "ok"), ("A", "FORBIDDEN"), ("B", "ok"), ("C", "FORBIDDEN")]:
        metrics.observe_request({"operation": name, "outcome": outcome, "duration_ms": 1.0})
    samples = parse(metrics.exposition().decode())
    assert value(samples, "kinerja_requests_total", operation="other", app="none",
                 outcome="ok") == 1
    assert value(samples, "kinerja_requests_total", operation="other", app="none",
                 outcome="FORBIDDEN") == 1
    assert value(samples, "kinerja_requests_total", operation="B", app="none",
                 outcome="ok") is None


def test_each_app_counts_in_its_own_registry():
    first, second = Metrics(), Metrics()
    first.observe_request({"operation": "Me", "outcome": "ok", "duration_ms": 2.0})
    assert b'operation="Me"' in first.exposition()
    assert b'operation="Me"' not in second.exposition()
    assert REGISTRY.get_sample_value("kinerja_requests_total",
                                     {"operation": "Me", "app": "none", "outcome": "ok"}) is None


def test_the_metrics_token_setting():
    assert load_settings({}).metrics_token is None
    assert load_settings({"KINERJA_METRICS_TOKEN": TOKEN}).metrics_token == TOKEN
    with pytest.raises(ConfigError, match="KINERJA_METRICS_TOKEN"):
        load_settings({"KINERJA_METRICS_TOKEN": "short"})
