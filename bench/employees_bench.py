"""Benchmark (issue 2 section 9): "first 50 employees of a tenant with unit, position, rater".

Creates a dedicated PostgreSQL database, migrates it, creates the app role, bulk-loads
20 tenants x 500 employees, starts the real server (`uvicorn kinerja.asgi:app`) and a raw
asyncpg + JSON baseline (bench/raw_server.py) in subprocesses, checks both return the same
data, measures requests/s and p50/p99 latency at each concurrency against 127.0.0.1, prints a
markdown table with the GraphQL/raw ratio, writes bench/results/, and drops the database.

    make bench                                  # defaults
    .venv/bin/python bench/employees_bench.py --seconds 5 --concurrency 1,16
    .venv/bin/python bench/employees_bench.py --profile 300   # in-process cProfile instead

Server: --server or BENCH_DATABASE_URL (default postgresql+asyncpg://postgres@127.0.0.1:5432/test,
an account allowed to CREATE DATABASE and CREATE ROLE); the app role's password, if the
server needs one: BENCH_APP_PASSWORD.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import asyncpg
import orjson
from sqlalchemy.engine import make_url

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "platform"))

import dataset  # noqa: E402
import inprocess  # noqa: E402
import loadgen  # noqa: E402

from kinerja.auth.tokens import issue_token  # noqa: E402
from kinerja.config import Settings  # noqa: E402
from kinerja.db import asyncpg_dsn  # noqa: E402
from kinerja.migrate import upgrade  # noqa: E402
from kinerja.ops.app_role import ensure_app_role  # noqa: E402

DEFAULT_SERVER = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
QUERY = ("query FirstEmployees { employees(first: 50) { nodes { id name nip "
         "unit { id name } position { id name } rater { id name } } } }")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--server", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_SERVER))
    p.add_argument("--app-role", default="kinerja_app_bench")
    p.add_argument("--tenants", type=int, default=20)
    p.add_argument("--employees", type=int, default=500)
    p.add_argument("--concurrency", default="1,16", help="comma-separated client counts")
    p.add_argument("--requests", type=int, default=3000, help="max requests per run")
    p.add_argument("--seconds", type=float, default=10.0, help="max seconds per run")
    p.add_argument("--warmup", type=int, default=300, help="warm-up requests per server")
    p.add_argument("--graphql-port", type=int, default=18781)
    p.add_argument("--raw-port", type=int, default=18782)
    p.add_argument("--label", default="", help="tag for the results file (e.g. before/after)")
    p.add_argument("--profile", type=int, default=0, metavar="N",
                   help="instead of HTTP: run the GraphQL request N times in-process under "
                        "cProfile")
    p.add_argument("--keep", action="store_true", help="do not drop the database at the end")
    args = p.parse_args(argv)
    args.concurrency = [int(c) for c in args.concurrency.split(",") if c.strip()]
    return args


# --- database ------------------------------------------------------------------------------
async def create_database(server: str) -> tuple[str, str]:
    name = f"kinerja_bench_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    conn = await asyncpg.connect(asyncpg_dsn(server))
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    return name, make_url(server).set(database=name).render_as_string(hide_password=False)


async def drop_database(server: str, name: str) -> None:
    conn = await asyncpg.connect(asyncpg_dsn(server))
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


# --- servers -------------------------------------------------------------------------------
def start_server(app: str, port: int, env: dict[str, str], cwd: Path) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "uvicorn", app, "--host", "127.0.0.1", "--port", str(port),
           "--log-level", "warning", "--no-access-log"]
    return subprocess.Popen(cmd, env={**os.environ, **env}, cwd=cwd)


async def wait_ready(port: int, request: bytes, proc: subprocess.Popen,
                     timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server on port {port} exited with {proc.returncode}")
        try:
            status, _ = await loadgen.fetch(port, request)
            if status == 200:
                return
        except OSError:
            pass
        await asyncio.sleep(0.2)
    raise RuntimeError(f"server on port {port} not ready after {timeout} s")


def stop(proc: subprocess.Popen | None) -> None:
    if proc is None or proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


# --- requests ------------------------------------------------------------------------------
def graphql_requests(port: int, settings: Settings, loaded: dataset.Loaded) -> list[bytes]:
    body = orjson.dumps({"query": QUERY, "operationName": "FirstEmployees"})
    return [loadgen.build_request("POST", "/graphql", port, {
        "Content-Type": "application/json", "X-Tenant": slug,
        "Authorization": f"Bearer {issue_token(settings, loaded.hr_users[slug]).token}",
    }, body) for slug, _ in loaded.tenants]


def raw_requests(port: int, loaded: dataset.Loaded) -> list[bytes]:
    return [loadgen.build_request("GET", "/employees", port, {"X-Tenant": slug})
            for slug, _ in loaded.tenants]


async def check_same_data(gql: list[bytes], raw: list[bytes], gport: int, rport: int) -> None:
    for g, r in zip(gql, raw, strict=True):
        (gs, gb), (rs, rb) = await loadgen.fetch(gport, g), await loadgen.fetch(rport, r)
        left, right = orjson.loads(gb), orjson.loads(rb)
        if gs != 200 or rs != 200 or left != right:
            raise SystemExit(f"GraphQL and raw answers differ:\n{gb[:400]!r}\n{rb[:400]!r}")
        if len(left["data"]["employees"]["nodes"]) != 50:
            raise SystemExit("expected 50 employees per page")
    print(f"data check: GraphQL and raw return identical JSON for all {len(gql)} tenants")


# --- report --------------------------------------------------------------------------------
def table(results: list[dict]) -> str:
    lines = ["| server | clients | requests | req/s | p50 ms | p99 ms | GraphQL/raw |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    by = {(r["label"], r["concurrency"]): r for r in results}
    for r in results:
        raw = by.get(("raw", r["concurrency"]))
        ratio = f"{r['rps'] / raw['rps']:.2f}" if r["label"] != "raw" and raw else ""
        lines.append(f"| {r['label']} | {r['concurrency']} | {r['requests']} | {r['rps']:.0f} | "
                     f"{r['p50_ms']:.1f} | {r['p99_ms']:.1f} | {ratio} |")
    return "\n".join(lines)


def write_results(args: argparse.Namespace, payload: dict, markdown: str) -> Path:
    out_dir = HERE / "results"
    out_dir.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    stem = out_dir / f"employees_{stamp}{'_' + args.label if args.label else ''}"
    stem.with_suffix(".json").write_text(json.dumps(payload, indent=2))
    stem.with_suffix(".md").write_text(markdown + "\n")
    return stem.with_suffix(".md")


# --- modes ---------------------------------------------------------------------------------
async def http_mode(args, app_url: str, loaded: dataset.Loaded, secret: str) -> None:
    settings = Settings(database_url=app_url, environment="production", secret_key=secret)
    env = {"KINERJA_DATABASE_URL": app_url, "KINERJA_ENV": "production",
           "KINERJA_SECRET_KEY": secret, "KINERJA_LOG_LEVEL": "WARNING",
           "PYTHONPATH": str(ROOT / "platform")}
    cached_port = args.graphql_port + 2
    gql = graphql_requests(args.graphql_port, settings, loaded)
    gql_cached = graphql_requests(cached_port, settings, loaded)
    raw = raw_requests(args.raw_port, loaded)
    # "graphql": every request executed (response cache off); "graphql+cache": the default
    # configuration, where a repeated query is answered from the response cache after the
    # identity check. Both servers are the same code, production settings, one process.
    servers = [("graphql", args.graphql_port, gql, {"KINERJA_RESPONSE_CACHE_SIZE": "0"}),
               ("graphql+cache", cached_port, gql_cached, {}),
               ("raw", args.raw_port, raw, None)]
    procs: list[subprocess.Popen] = []
    try:
        for _label, port, reqs, extra in servers:
            proc = (start_server("raw_server:app", port, {"BENCH_RAW_DSN": asyncpg_dsn(app_url)},
                                 HERE) if extra is None
                    else start_server("kinerja.asgi:app", port, {**env, **extra}, ROOT))
            procs.append(proc)
            await wait_ready(port, reqs[0], proc)
        await check_same_data(gql, raw, args.graphql_port, args.raw_port)
        await check_same_data(gql_cached, raw, cached_port, args.raw_port)
        for label, port, reqs, _extra in servers:
            await loadgen.run(label, port, reqs, 4, args.warmup, 30)
        results = []
        for concurrency in args.concurrency:
            for label, port, reqs, _extra in servers:
                run = await loadgen.run(label, port, reqs, concurrency, args.requests, args.seconds)
                if run.errors:
                    raise SystemExit(f"{label}: {run.errors} non-200 responses")
                results.append(run.summary())
                print(f"  {label:14} c={concurrency:<3} {run.rps:8.1f} req/s  "
                      f"p50 {run.p50:6.1f} ms  p99 {run.p99:6.1f} ms")
    finally:
        for proc in procs:
            stop(proc)
    markdown = (f"{args.tenants} tenants x {args.employees} employees; query: first 50 employees "
                f"with unit, position, rater; one server process each; {os.cpu_count()} CPUs.\n\n"
                + table(results))
    print("\n" + markdown)
    path = write_results(args, {"args": {k: v for k, v in vars(args).items() if k != "server"},
                                "results": results, "query": QUERY}, markdown)
    print(f"\nwritten: {path.relative_to(ROOT)}")


async def profile_mode(args, app_url: str, loaded: dataset.Loaded, secret: str) -> None:
    settings = Settings(database_url=app_url, environment="production", secret_key=secret,
                        log_level="WARNING")
    body = orjson.dumps({"query": QUERY, "operationName": "FirstEmployees"})
    requests = [({"content-type": "application/json", "x-tenant": slug,
                  "authorization": f"Bearer {issue_token(settings, loaded.hr_users[slug]).token}"},
                 body) for slug, _ in loaded.tenants]
    report = await inprocess.profile(settings, requests, args.profile)
    path = write_results(args, report, f"in-process: {report['ms_per_request']} ms per request\n\n"
                         "```\n" + report["tottime"] + "\n```")
    print(f"written: {path.relative_to(ROOT)}")


async def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    name, owner_url = await create_database(args.server)
    print(f"database {name}")
    try:
        started = time.perf_counter()
        await upgrade(owner_url)
        password = os.environ.get("BENCH_APP_PASSWORD") or None
        await ensure_app_role(owner_url, args.app_role, password)
        app_url = make_url(owner_url).set(username=args.app_role, password=password)
        app_url_text = app_url.render_as_string(hide_password=False)
        loaded = await dataset.load(asyncpg_dsn(owner_url), args.tenants, args.employees)
        print(f"loaded {args.tenants} tenants x {args.employees} employees "
              f"in {time.perf_counter() - started:.1f} s")
        secret = secrets.token_urlsafe(48)
        if args.profile:
            await profile_mode(args, app_url_text, loaded, secret)
        else:
            await http_mode(args, app_url_text, loaded, secret)
    finally:
        if args.keep:
            print(f"kept database {name}")
        else:
            await drop_database(args.server, name)


if __name__ == "__main__":
    asyncio.run(main())
