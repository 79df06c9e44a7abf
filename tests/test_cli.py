"""The `kinerja` command line, run as a subprocess against a temporary SQLite file."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa
from sqlalchemy.pool import NullPool

from kinerja.app import Services, create_app
from kinerja.db import Database, create_engine
from kinerja.edge.schema import export_sdl
from tests.conftest import DEFAULT_PG, SCHEMA, TEST_SETTINGS

ROOT = Path(__file__).resolve().parents[1]
SECRET = "cli-test-secret-" + "x" * 24
SCRIPT = Path(sys.executable).with_name("kinerja")
COMMAND = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "kinerja.cli"]


@pytest.fixture(scope="module")
def cli(tmp_path_factory):
    url = f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('cli') / 'cli.sqlite3'}"
    env = {**os.environ, "KINERJA_DATABASE_URL": url, "KINERJA_SECRET_KEY": SECRET,
           "KINERJA_ENV": "development", "PYTHONPATH": str(ROOT / "platform")}
    env.pop("KINERJA_MIGRATION_DATABASE_URL", None)

    def run(*args: str, stdin: str | None = None, **extra_env: str) -> subprocess.CompletedProcess:
        return subprocess.run([*COMMAND, *args], input=stdin, env={**env, **extra_env}, cwd=ROOT,
                              capture_output=True, text=True, timeout=120)

    run.url = url
    return run


def _ok(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 0, (result.returncode, result.stdout, result.stderr)
    return result.stdout


def _refused(result: subprocess.CompletedProcess, *fragments: str) -> None:
    assert result.returncode != 0, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    for fragment in fragments:
        assert fragment in result.stderr, result.stderr


async def test_cli_sets_up_an_agency_and_issues_a_working_token(cli):
    assert "migrated" in _ok(cli("migrate"))
    assert "created tenant kelurahan-pisang" in _ok(cli(
        "create-tenant", "--slug", "kelurahan-pisang", "--name", "Kantor Lurah Pisang",
        "--kind", "kelurahan"))
    assert "created user operator.pisang" in _ok(cli(
        "create-user", "--username", "operator.pisang", "--display-name", "Operator Pisang",
        stdin="a-long-enough-password\n"))
    assert "granted hr" in _ok(cli(
        "grant", "--username", "operator.pisang", "--role", "hr", "--tenant", "kelurahan-pisang"))
    token = _ok(cli("token", "--username", "operator.pisang")).strip()
    assert token.count(".") == 2

    settings = dataclasses.replace(TEST_SETTINGS, database_url=cli.url, secret_key=SECRET)
    services = Services(settings, Database(create_engine(cli.url, poolclass=NullPool)),
                        schema=SCHEMA)
    app = create_app(services=services)
    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                     base_url="http://kinerja.test") as http:
            me = (await http.post("/graphql", json={
                "query": "{me{user{username} tenant{slug kind} roles}}"},
                headers={"authorization": f"Bearer {token}"})).json()
            login = (await http.post("/graphql", json={
                "query": 'mutation{login(username:"operator.pisang",'
                         'password:"a-long-enough-password"){token}}'})).json()
    finally:
        await services.db.dispose()
    assert me == {"data": {"me": {"user": {"username": "operator.pisang"},
                                  "tenant": {"slug": "kelurahan-pisang", "kind": "KELURAHAN"},
                                  "roles": ["hr"]}}}
    assert login["data"]["login"]["token"]

    # refusals, run side by side (none of them changes anything)
    refusals = {
        ("create-tenant", "--slug", "kelurahan-pisang", "--name", "Again"): ("DUPLICATE",),
        ("create-tenant", "--slug", "ok-slug", "--name", "X", "--kind", "castle"): ("kind",),
        ("grant", "--username", "operator.pisang", "--role", "hr", "--tenant", "nowhere"):
            ("no tenant", "nowhere"),
        ("grant", "--username", "ghost", "--role", "hr", "--tenant", "kelurahan-pisang"):
            ("no user", "ghost"),
        ("grant", "--username", "operator.pisang", "--role", "wizard", "--tenant",
         "kelurahan-pisang"): ("no role", "wizard"),
        ("grant", "--username", "operator.pisang", "--role", "parent_rater", "--tenant",
         "kelurahan-pisang"): ("no parent agency",),
        ("token", "--username", "ghost"): ("ghost",),
        ("create-tenant", "--name", "No slug"): ("--slug",),
        ("grant", "--username", "operator.pisang"): ("--role",),
        (): ("COMMAND",),
    }
    calls = [(args, None, {}) for args in refusals]
    calls.append((("create-user", "--username", "weak.user"), "short\n", {}))
    calls.append((("migrate",), None, {"KINERJA_DATABASE_URL": "postgresql+asyncpg://nobody@"
                                                           "127.0.0.1:1/none"}))
    calls.append((("token", "--username", "x"), None, {"KINERJA_ENV": "staging"}))
    expected = [*refusals.values(), ("WEAK_PASSWORD",), ("kinerja: database error",),
                ("KINERJA_ENV",)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda call: cli(*call[0], stdin=call[1], **call[2]), calls))
    for (args, _, _), result, fragments in zip(calls, results, expected, strict=True):
        assert result.returncode != 0, (args, result.stdout)
        _refused(result, *fragments)


def test_cli_exports_the_schema(cli):
    assert _ok(cli("export-schema")) == export_sdl()


async def test_cli_purges_never_attached_uploads(cli, tmp_path):
    from datetime import timedelta

    from kinerja.models import StoredFile, Tenant
    from kinerja.models.base import utcnow

    _ok(cli("migrate"))
    _ok(cli("create-tenant", "--slug", "kelurahan-purge", "--name", "Kantor Lurah Purge"))
    db = Database(create_engine(cli.url, poolclass=NullPool))
    try:
        async with db.unit_of_work(platform=True) as session:
            tenant_id = (await session.execute(sa.select(Tenant.id).where(
                Tenant.slug == "kelurahan-purge"))).scalar_one()
        rows = [StoredFile(tenant_id=tenant_id, filename=name, content_type="text/plain",
                           size=3, sha256="0" * 64, created_at=utcnow() - timedelta(hours=age))
                for name, age in (("old.txt", 30), ("new.txt", 2))]
        async with db.unit_of_work(tenant_id=tenant_id) as session:
            session.add_all(rows)
        for row in rows:
            (tmp_path / str(tenant_id)).mkdir(exist_ok=True)
            (tmp_path / str(tenant_id) / str(row.id)).write_bytes(b"abc")
        storage = {"KINERJA_STORAGE_DIR": str(tmp_path)}
        _refused(cli("purge-files", "--older-than-hours", "0", **storage), "at least 1")
        out = _ok(cli("purge-files", **storage))
        assert "kelurahan-purge: purged 1 file(s), 3 bytes" in out, out
        assert sorted(p.name for p in (tmp_path / str(tenant_id)).iterdir()) == [str(rows[1].id)]
        async with db.unit_of_work(tenant_id=tenant_id) as session:
            left = (await session.execute(sa.select(StoredFile.filename))).scalars().all()
        assert left == ["new.txt"]
        assert "purged 1 never-attached" in _ok(cli("purge-files", "--older-than-hours", "1",
                                                    **storage))
    finally:
        await db.dispose()


async def test_cli_pushes_and_checks_trusted_documents(cli, tmp_path):
    import hashlib
    import json

    from kinerja.clients.credentials import ClientId
    from kinerja.clients.rules import set_new_secret
    from kinerja.models import ClientApp, Tenant

    _ok(cli("migrate"))
    _ok(cli("create-tenant", "--slug", "kelurahan-koto", "--name", "Kantor Lurah Koto"))
    db = Database(create_engine(cli.url, poolclass=NullPool))
    try:
        async with db.unit_of_work(platform=True) as session:
            tenant_id = (await session.execute(
                sa.select(Tenant.id).where(Tenant.slug == "kelurahan-koto"))).scalar_one()
        async with db.unit_of_work(tenant_id=tenant_id) as session:
            app = ClientApp(tenant_id=tenant_id, name="Portal", kind="web")
            set_new_secret(app)
            session.add(app)
    finally:
        await db.dispose()
    client_id = str(ClientId(app.id, tenant_id))
    text = "query Units { orgUnits { code } }"
    manifest = tmp_path / "persisted-documents.json"
    manifest.write_text(json.dumps({"sha256:" + hashlib.sha256(text.encode()).hexdigest(): text}))
    assert "published 1 document(s), 0 already" in _ok(
        cli("documents", "push", "--app", client_id, str(manifest)))
    assert "published 0 document(s), 1 already" in _ok(
        cli("documents", "push", "--app", client_id, str(manifest)))
    assert "every published document is valid" in _ok(cli("documents", "check"))
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"sha256:" + "0" * 64: text}))
    _refused(cli("documents", "push", "--app", client_id, str(bad)), "HASH_MISMATCH")
    _refused(cli("documents", "push", "--app", "nonsense", str(manifest)), "not a client id")
    _refused(cli("documents", "push", "--app", client_id, str(tmp_path / "missing.json")),
             "cannot read")
    _refused(cli("documents", "push", "--app", str(ClientId(tenant_id, tenant_id)),
                 str(manifest)), "no app")


def test_cli_installs_the_web_app_once_and_refuses_an_unknown_agency(cli):
    _ok(cli("migrate"))
    _ok(cli("create-tenant", "--slug", "kelurahan-binuang", "--name", "Kantor Lurah Binuang"))
    first = _ok(cli("webapp-install", "--tenant", "kelurahan-binuang"))
    assert "Dasbor Kinerja: registered" in first and "enabled in 1 more" in first, first
    again = _ok(cli("webapp-install", "--tenant", "kelurahan-binuang"))
    assert "already registered, 0 document(s) published, enabled in 0 more" in again, again
    _refused(cli("webapp-install", "--tenant", "no-such-agency"), "no active agency",
             "no-such-agency")
    assert "every published document is valid" in _ok(cli("documents", "check"))


def test_cli_refuses_to_distribute_a_database_without_citus(cli):
    _refused(cli("distribute"), "needs a PostgreSQL")
    plain = os.environ.get("KINERJA_TEST_DATABASE_URL", DEFAULT_PG)  # no citus extension in it
    _refused(cli("distribute", "--shard-count", "0", KINERJA_MIGRATION_DATABASE_URL=plain),
             "--shard-count: a number from 1 to 1024")
    if os.environ.get("KINERJA_REQUIRE_POSTGRES") == "1":
        _refused(cli("distribute", KINERJA_MIGRATION_DATABASE_URL=plain),
                 "the citus extension is not installed")
