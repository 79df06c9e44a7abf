"""The HTTP surface: health, readiness, GraphiQL, GET/POST rules, request ids, language, logs."""

from __future__ import annotations

import logging

import httpx
import orjson
from sqlalchemy.pool import NullPool

from kinerja.app import Services, create_app
from kinerja.db import Database, create_engine
from kinerja.ops.logging import JsonFormatter
from tests.conftest import SCHEMA, TEST_SETTINGS
from tests.support.world import PASSWORD

ME = "{me{user{username}}}"


async def test_healthz_answers(client):
    response = await client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


async def test_readyz_is_ready_on_the_migrated_database(client):
    response = await client.get("/readyz")
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "ok"


async def test_readyz_is_unavailable_on_a_database_that_is_not_migrated(tmp_path):
    url = f"sqlite+aiosqlite:///{tmp_path / 'empty.sqlite3'}"
    services = Services(TEST_SETTINGS, Database(create_engine(url, poolclass=NullPool)),
                        schema=SCHEMA)
    app = create_app(services=services)
    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                     base_url="http://kinerja.test") as http:
            response = await http.get("/readyz")
    finally:
        await services.db.dispose()
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"


async def test_graphiql_page_for_browsers(client):
    response = await client.get("/graphql", headers={"accept": "text/html"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "graphiql" in response.text.lower()


async def test_get_without_query_for_non_browsers_is_a_bad_request(client):
    response = await client.get("/graphql", headers={"accept": "application/json"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


async def test_get_runs_queries(client, world):
    response = await client.get("/graphql", params={"query": ME}, headers={
        "authorization": f"Bearer {world.token('hr.alpha')}"})
    assert response.status_code == 200
    assert response.json() == {"data": {"me": {"user": {"username": "hr.alpha"}}}}


async def test_get_with_variables(client, world):
    query = "query($f:Int){employees(first:$f){nodes{name}}}"
    response = await client.get("/graphql", params={
        "query": query, "variables": orjson.dumps({"f": 2}).decode()},
        headers={"authorization": f"Bearer {world.token('hr.alpha')}"})
    assert response.status_code == 200 and len(response.json()["data"]["employees"]["nodes"]) == 2


async def test_get_refuses_mutations(client, db, world):
    query = f'mutation{{login(username:"hr.alpha",password:"{PASSWORD}"){{token}}}}'
    response = await client.get("/graphql", params={"query": query})
    assert response.status_code == 405 and response.headers["allow"] == "GET, POST"
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
    assert "token" not in response.text


async def test_request_id_is_echoed_or_created(client):
    response = await client.post("/graphql", json={"query": ME},
                                 headers={"x-request-id": "abc-123"})
    assert response.headers["x-request-id"] == "abc-123"
    generated = await client.post("/graphql", json={"query": ME})
    assert len(generated.headers["x-request-id"]) == 32
    long = await client.post("/graphql", json={"query": ME}, headers={"x-request-id": "r" * 500})
    assert long.headers["x-request-id"] == "r" * 64


async def test_messages_are_indonesian_by_default_and_english_on_request(client):
    default = (await client.post("/graphql", json={"query": ME})).json()
    assert default["errors"][0]["message"] == "Anda harus masuk terlebih dahulu."
    english = (await client.post("/graphql", json={"query": ME},
                                 headers={"accept-language": "en-GB,en;q=0.9"})).json()
    assert english["errors"][0]["message"] == "You must sign in first."
    other = (await client.post("/graphql", json={"query": ME},
                               headers={"accept-language": "fr, de;q=0.5"})).json()
    assert other["errors"][0]["message"] == "Anda harus masuk terlebih dahulu."
    assert default["errors"][0]["extensions"] == english["errors"][0]["extensions"] == {
        "code": "UNAUTHENTICATED"}


async def test_payload_errors_follow_the_language_too(client, world):
    query = 'mutation{login(username:"hr.alpha",password:"wrong-password"){errors{message}}}'
    answer = (await client.post("/graphql", json={"query": query})).json()
    assert answer["data"]["login"]["errors"] == [
        {"message": "Nama pengguna atau kata sandi salah."}]


class _Capture(logging.Handler):
    def __init__(self):
        super().__init__()
        self.lines: list[str] = []
        self.setFormatter(JsonFormatter())

    def emit(self, record):
        self.lines.append(self.format(record))


async def test_one_json_log_line_per_request_without_secrets(client, world):
    logger = logging.getLogger("kinerja.request")
    capture = _Capture()
    logger.addHandler(capture)
    token = world.token("hr.alpha")
    try:
        await client.post("/graphql", json={
            "query": "query Staff{employees(first:1){nodes{name}}}", "operationName": "Staff"},
            headers={"authorization": f"Bearer {token}", "x-tenant": "alpha",
                     "x-request-id": "req-1"})
        await client.post("/graphql", json={
            "query": "mutation SignIn($u:String!,$p:String!){login(username:$u,password:$p)"
                     "{token}}", "operationName": "SignIn",
            "variables": {"u": "hr.alpha", "p": PASSWORD}}, headers={"x-request-id": "req-2"})
        await client.post("/graphql", content=b"{", headers={
            "content-type": "application/json", "x-request-id": "req-3",
            "authorization": f"Bearer {token}"})
    finally:
        logger.removeHandler(capture)
    entries = [orjson.loads(line) for line in capture.lines]
    by_id = {e["request_id"]: e for e in entries if e.get("message") == "graphql"}
    assert set(by_id) == {"req-1", "req-2", "req-3"}
    first = by_id["req-1"]
    assert first["tenant"] == "alpha" and first["user"] == str(world.user_id("hr.alpha"))
    assert first["operation"] == "Staff" and first["outcome"] == "ok" and first["status"] == 200
    assert isinstance(first["duration_ms"], float | int)
    assert by_id["req-2"]["operation"] == "SignIn" and by_id["req-2"]["user"] is None
    assert by_id["req-3"]["outcome"] == "http_400"
    text = "\n".join(capture.lines)
    assert token not in text and PASSWORD not in text
    assert token.split(".")[1] not in text  # not even the claims part


async def test_error_outcomes_are_logged_with_their_codes(client, world):
    logger = logging.getLogger("kinerja.request")
    capture = _Capture()
    logger.addHandler(capture)
    try:
        await client.post("/graphql", json={"query": "{employees{totalCount}}"},
                          headers={"authorization": f"Bearer {world.token('platform.root')}"})
        await client.post("/graphql", json={"query": ME},
                          headers={"authorization": "Bearer nonsense"})
    finally:
        logger.removeHandler(capture)
    outcomes = [orjson.loads(line)["outcome"] for line in capture.lines]
    assert outcomes == ["TENANT_REQUIRED", "TOKEN_INVALID"]
