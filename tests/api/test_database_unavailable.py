"""A database that cannot be reached answers a typed 503 with Retry-After, never a 5xx of
Starlette's or a masked INTERNAL_SERVER_ERROR (PostgreSQL down, SQLite file unopenable)."""

from __future__ import annotations

import uuid

import httpx
import pytest

from kinerja.app import Services, create_app
from kinerja.auth.tokens import issue_token
from kinerja.db import Database, create_engine
from tests.conftest import SCHEMA, TEST_SETTINGS


@pytest.mark.parametrize("url", [
    "postgresql+asyncpg://postgres@127.0.0.1:1/test",  # nothing listens on port 1
    "sqlite+aiosqlite:////nonexistent-directory/kinerja.sqlite3",
])
async def test_an_unreachable_database_is_a_typed_503(url):
    db = Database(create_engine(url))
    app = create_app(services=Services(TEST_SETTINGS, db, schema=SCHEMA))
    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                     base_url="http://kinerja.test") as http:
            token = issue_token(TEST_SETTINGS, uuid.uuid4()).token
            for query, headers in (
                    ("{ me { roles } }", {"authorization": f"Bearer {token}"}),
                    ('mutation { login(username: "a", password: "b") { token } }', {})):
                response = await http.post("/graphql", json={"query": query},
                                           headers={"accept-language": "en", **headers})
                assert response.status_code == 503, response.text
                assert response.headers["retry-after"] == "1"
                error = response.json()["errors"][0]
                assert error["extensions"]["code"] == "SERVICE_UNAVAILABLE"
                assert "unavailable" in error["message"]
    finally:
        await db.dispose()
