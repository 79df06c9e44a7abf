"""Logs carry no input values: a failing statement's traceback shows the error class, SQLSTATE,
constraint and SQL, never its parameters nor a driver message quoting a value.

The log output is captured as the server writes it: the app's own handler and formatter
(configure_logging, called by create_app) writing to the captured stdout.
"""

from __future__ import annotations

import logging

import httpx
import orjson
import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.pool import NullPool

from kinerja.accounts.repository import UserRepository
from kinerja.app import create_app
from kinerja.db import create_engine
from kinerja.models import User
from kinerja.ops.logging import HIDDEN, configure_logging
from tests.support import citus

SECRET_USER = "zulaikha.q7731"
SECRET_NAME = "Zulaikha Qaribullah"
SECRET_MAIL = "zulaikha.q7731@nagari.example"
SECRETS = (SECRET_USER, SECRET_NAME, SECRET_MAIL, "zulaikha", "Qaribullah")
CREATE_USER = ("mutation NewMember($i:CreateUserInput!){createUser(input:$i)"
               "{user{id} errors{field code}}}")


class ServerLog:
    def __init__(self, capsys):
        self.capsys = capsys

    def start(self) -> None:
        """The server's handler (create_app does the same) on the test's captured stdout:
        call it in the test itself, where that capture is active."""
        configure_logging("INFO")

    def text(self) -> str:
        """Everything written since: the JSON lines (stdout) and anything else (stderr)."""
        return "".join(self.capsys.readouterr())

    def entries(self, text: str) -> list[dict]:
        return [orjson.loads(line) for line in text.splitlines() if line.startswith("{")]


@pytest.fixture
def server_log(capsys):
    kinerja = logging.getLogger("kinerja")
    saved = kinerja.handlers[:]
    yield ServerLog(capsys)
    kinerja.handlers[:] = saved  # not left writing to this test's closed capture


def _assert_no_secret(text: str) -> None:
    for secret in SECRETS:
        assert secret.lower() not in text.lower(), f"{secret!r} was logged"


async def test_a_failing_statement_through_the_api_logs_no_input_values(
        services, world, server_log, monkeypatch):
    """A repository statement that fails with the user's input as its parameter: the client
    gets INTERNAL_SERVER_ERROR, the log the request id and the error type, not the input."""
    raised: list[BaseException] = []

    async def failing_check(self, username, except_id=None):
        statement = ("SELECT CAST(:name AS integer)"  # asyncpg quotes the value it refuses
                     if self.session.bind.dialect.name == "postgresql"
                     else "SELECT :name FROM no_such_table")
        try:
            await self.session.execute(sa.text(statement), {"name": username})
        except sa.exc.DBAPIError as exc:
            raised.append(exc)
            raise

    monkeypatch.setattr(UserRepository, "username_taken", failing_check)
    app = create_app(services=services)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://kinerja.test") as http:
        response = await http.post("/graphql", json={"query": CREATE_USER, "variables": {"i": {
            "username": SECRET_USER, "displayName": SECRET_NAME, "email": SECRET_MAIL,
            "roles": ["staff"]}}}, headers={
            "authorization": f"Bearer {world.token('admin.alpha')}", "x-tenant": "alpha",
            "x-request-id": "privacy-req-1"})
    codes = [e["extensions"]["code"] for e in response.json()["errors"]]
    assert response.status_code == 200 and codes == ["INTERNAL_SERVER_ERROR"]
    output = server_log.text()
    entries = server_log.entries(output)
    [error] = [e for e in entries if e["message"] == "unexpected error"]
    assert error["request_id"] == "privacy-req-1"
    assert error["exception_type"] in ("DBAPIError", "OperationalError")
    assert error["exception_type"] in error["exception"] and HIDDEN in error["exception"]
    assert "[SQL: SELECT" in error["exception"]
    assert [e["request_id"] for e in entries if e["message"] == "graphql"] == ["privacy-req-1"]
    _assert_no_secret(output)
    if services.db.dialect == "postgresql":  # the driver's own message carried the value
        assert SECRET_USER in str(raised[0])


async def test_a_unique_violation_logs_its_constraint_not_the_values(backend, server_log):
    """Even from an engine that shows parameters (hide_parameters=False), and with
    PostgreSQL's `DETAIL: Key (username)=(...)` on the driver exception, the log shows the
    constraint and the statement only."""
    engine = create_engine(backend.app_url, poolclass=NullPool, hide_parameters=False)
    try:
        async with AsyncSession(engine) as session:
            session.add(User(username=SECRET_USER, display_name=SECRET_NAME, email=SECRET_MAIL))
            await session.flush()
            session.add(User(username=SECRET_USER, display_name=SECRET_NAME))
            with pytest.raises(sa.exc.IntegrityError) as caught:
                await session.flush()
            await session.rollback()
    finally:
        await engine.dispose()
    assert SECRET_USER in str(caught.value)  # what a plain traceback would have printed
    server_log.start()
    logging.getLogger("kinerja.request").error(
        "unexpected error", exc_info=caught.value, extra={"request_id": "privacy-req-2"})
    output = server_log.text()
    [entry] = server_log.entries(output)
    assert entry["request_id"] == "privacy-req-2" and entry["exception_type"] == "IntegrityError"
    assert "[SQL: INSERT INTO app_user" in entry["exception"]
    if backend.name == "postgresql":
        assert "sqlstate=23505" in entry["exception"]
        # Citus reports a worker's error without the constraint field (the shard's
        # constraint, uq_app_user_username_<shard>, is named in the message only)
        if not citus.enabled():
            assert "constraint_name=uq_app_user_username" in entry["exception"]
        assert SECRET_USER in caught.value.orig.__cause__.detail  # DETAIL: Key (username)=
    else:
        assert "sqlite_errorname=SQLITE_CONSTRAINT_UNIQUE" in entry["exception"]
    _assert_no_secret(output)


async def test_every_engine_hides_statement_parameters(backend):
    engine = create_engine(backend.app_url, poolclass=NullPool)
    try:
        assert engine.sync_engine.hide_parameters is True
    finally:
        await engine.dispose()


def test_tracebacks_logged_by_uvicorn_are_scrubbed_too(server_log):
    """'Exception in ASGI application' is written by uvicorn's own handler and formatter."""
    server_log.start()  # installs the filter on uvicorn's logger, as the app does
    lines: list[str] = []

    class Plain(logging.Handler):
        def emit(self, record):
            lines.append(self.format(record))

    handler = Plain()
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    logger = logging.getLogger("uvicorn.error")
    logger.addHandler(handler)
    try:
        try:
            raise sa.exc.IntegrityError("INSERT INTO app_user (username) VALUES (?)",
                                        (SECRET_USER,),
                                        Exception(f"Key (username)=({SECRET_USER})"))
        except sa.exc.IntegrityError as exc:
            logger.error("Exception in ASGI application\n", exc_info=exc)
    finally:
        logger.removeHandler(handler)
    [text] = lines
    assert "IntegrityError" in text and HIDDEN in text and "[SQL: INSERT INTO app_user" in text
    _assert_no_secret(text)


async def test_an_operation_name_that_is_no_name_is_not_logged(client, world, server_log):
    server_log.start()
    response = await client.post("/graphql", json={
        "query": "query Staff{me{user{username}}}", "operationName": SECRET_NAME},
        headers={"x-request-id": "privacy-req-3"})
    assert response.status_code == 400
    output = server_log.text()
    [entry] = server_log.entries(output)
    assert entry["request_id"] == "privacy-req-3" and entry["operation"] is None
    assert entry["outcome"] == "http_400"
    _assert_no_secret(output)
