"""Benchmark (issue 2 section 9, issue 12): Kinerja side by side with PostGraphile 5 and a raw
asyncpg baseline, over the same database, the same app role and row-level security.

Creates a dedicated PostgreSQL database, migrates it, creates the app role, bulk-loads
20 tenants x 500 employees (and the 2026 cycle's SKPs), applies the bench-only SQL for
PostGraphile (bench/postgraphile/bench_schema.sql), starts the real server twice
(`uvicorn kinerja.asgi:app`, response cache off and on), PostGraphile 5 on Node 22
(bench/postgraphile/server.mjs) and the raw baseline (bench/raw_server.py), checks that all
return the same data for every tenant, measures requests/s, p50/p99 latency and CPU per
request (server process and database backends) at each concurrency against 127.0.0.1, prints
a markdown table with Kinerja's ratios to both baselines, writes bench/results/, and drops the
database.

    make bench                                  # defaults
    .venv/bin/python bench/employees_bench.py --seconds 5 --concurrency 1,16
    .venv/bin/python bench/employees_bench.py --tenants 100 --employees 5000 --scenarios employees
    .venv/bin/python bench/employees_bench.py --profile 300   # in-process cProfile, cold

Server: --server or BENCH_DATABASE_URL (default postgresql+asyncpg://postgres@127.0.0.1:5432/test,
an account allowed to CREATE DATABASE and CREATE ROLE); the app role's password, if the
server needs one: BENCH_APP_PASSWORD.

On Citus: --server is the coordinator and --citus-workers names the workers; the database is
created on every node, migrated, distributed by `kinerja distribute`'s own code
(--shard-count) and dropped from every node; PostGraphile is left out (its pgSettings use
set_config, which does not reach the workers):

    .venv/bin/python bench/employees_bench.py \
        --server postgresql+asyncpg://postgres@127.0.0.1:5440/postgres \
        --citus-workers 127.0.0.1:5441,127.0.0.1:5442 --shard-count 8
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
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

import asyncpg
import orjson
from sqlalchemy.engine import make_url

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "platform"))

import dataset  # noqa: E402
import inprocess  # noqa: E402
import loadgen  # noqa: E402
import report  # noqa: E402
import scenarios  # noqa: E402
import servers  # noqa: E402
import statements  # noqa: E402

from kinerja.auth.tokens import issue_token  # noqa: E402
from kinerja.citus import cluster_repository as cluster  # noqa: E402
from kinerja.citus.distribute import distribute  # noqa: E402
from kinerja.config import Settings  # noqa: E402
from kinerja.db import asyncpg_dsn  # noqa: E402
from kinerja.migrate import upgrade  # noqa: E402
from kinerja.ops.app_role import ensure_app_role  # noqa: E402

DEFAULT_SERVER = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
BENCH_SQL = HERE / "postgraphile" / "bench_schema.sql"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--server", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_SERVER))
    p.add_argument("--app-role", default="kinerja_app_bench")
    p.add_argument("--tenants", type=int, default=20)
    p.add_argument("--employees", type=int, default=500)
    p.add_argument("--scenarios", default="employees,skps",
                   help="comma-separated: employees (the page), skps (the SKP list)")
    p.add_argument("--concurrency", default="1,16", help="comma-separated client counts")
    p.add_argument("--requests", type=int, default=3000, help="max requests per run")
    p.add_argument("--seconds", type=float, default=10.0, help="max seconds per run")
    p.add_argument("--warmup", type=int, default=300, help="warm-up requests per server")
    p.add_argument("--graphql-port", type=int, default=18781,
                   help="graphql; +2: graphql+cache; +3: postgraphile")
    p.add_argument("--raw-port", type=int, default=18782)
    p.add_argument("--no-postgraphile", action="store_true",
                   help="leave PostGraphile out (also when it is not installed)")
    p.add_argument("--label", default="", help="tag for the results file (e.g. before/after)")
    p.add_argument("--profile", type=int, default=0, metavar="N",
                   help="instead of HTTP: run each scenario's GraphQL request N times "
                        "in-process under cProfile, response cache off (cold requests)")
    p.add_argument("--profile-cached", action="store_true",
                   help="with --profile: keep the response cache on (profiles cache hits)")
    p.add_argument("--profile-out", default=None, metavar="PREFIX",
                   help="with --profile: also dump the raw stats to PREFIX-<scenario>.pstats")
    p.add_argument("--keep", action="store_true", help="do not drop the database at the end")
    p.add_argument("--citus-workers", default="", metavar="HOST:PORT,...",
                   help="run on a Citus cluster: --server is the coordinator, these the workers")
    p.add_argument("--shard-count", type=int, default=8,
                   help="with --citus-workers: shards of the agency colocation group")
    args = p.parse_args(argv)
    try:
        args.citus_workers = cluster.parse_workers(args.citus_workers)
    except ValueError as exc:
        p.error(str(exc))
    args.concurrency = [int(c) for c in args.concurrency.split(",") if c.strip()]
    args.scenarios = [s.strip() for s in args.scenarios.split(",") if s.strip()]
    unknown = set(args.scenarios) - set(scenarios.SCENARIOS)
    if unknown:
        p.error(f"unknown scenario(s): {', '.join(sorted(unknown))}")
    return args


# --- database ------------------------------------------------------------------------------
async def create_database(server: str, workers: list[tuple[str, int]]) -> tuple[str, str]:
    """A fresh database (on Citus: on every node, the workers registered)."""
    name = f"kinerja_bench_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    if workers:
        await cluster.create_database(server, workers, name)
    else:
        conn = await asyncpg.connect(asyncpg_dsn(server))
        try:
            await conn.execute(f'CREATE DATABASE "{name}"')
        finally:
            await conn.close()
    return name, make_url(server).set(database=name).render_as_string(hide_password=False)


async def drop_database(server: str, workers: list[tuple[str, int]], name: str) -> None:
    if workers:
        await cluster.drop_database(server, workers, name)
        return
    conn = await asyncpg.connect(asyncpg_dsn(server))
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


async def apply_bench_sql(owner_url: str) -> None:
    """The bench-only function PostGraphile exposes as Employee.currentRater (not a migration)."""
    conn = await asyncpg.connect(asyncpg_dsn(owner_url))
    try:
        await conn.execute(BENCH_SQL.read_text())
    finally:
        await conn.close()


class DbCpu:
    """CPU of the bench database's backends (PostgreSQL on this host, /proc readable); on
    Citus the coordinator's and every worker's (one monitor connection per node, all on this
    host, so the pids are this host's processes and never collide).

    Sampled every `interval` seconds while a run goes on: a backend that appears counts from
    zero, one that ends keeps its last sample, so pools opening and closing connections do
    not skew the sum (at most one interval of an ending backend is lost).
    """

    def __init__(self, monitors: list[asyncpg.Connection], database: str,
                 interval: float = 0.25):
        self.monitors, self.database, self.interval = monitors, database, interval
        self.first: dict[int, float] = {}
        self.last: dict[int, float] = {}

    async def sample(self, into_first: bool = False) -> None:
        for monitor in self.monitors:
            rows = await monitor.fetch(
                "SELECT pid FROM pg_stat_activity WHERE datname = $1", self.database)
            for row in rows:
                cpu = servers.cpu_seconds(row["pid"])
                if into_first:
                    self.first[row["pid"]] = cpu
                self.last[row["pid"]] = max(cpu, self.last.get(row["pid"], 0.0))

    async def during(self, work):
        """Await `work` while sampling; returns (its result, database CPU seconds)."""
        self.first, self.last = {}, {}
        await self.sample(into_first=True)
        task = asyncio.ensure_future(work)
        while not task.done():
            await asyncio.wait([task], timeout=self.interval)
            await self.sample()
        return task.result(), sum(v - self.first.get(pid, 0.0) for pid, v in self.last.items())


# --- servers and their requests ------------------------------------------------------------
@dataclass
class Server:
    label: str
    port: int
    start: object  # () -> subprocess.Popen
    requests: dict[str, list[bytes]] = field(default_factory=dict)  # scenario -> one per tenant
    proc: subprocess.Popen | None = None


def graphql_requests(port: int, settings: Settings, loaded: dataset.Loaded,
                     scenario: str) -> list[bytes]:
    return [loadgen.build_request("POST", "/graphql", port, {
        "Content-Type": "application/json", "X-Tenant": slug,
        "Authorization": f"Bearer {issue_token(settings, loaded.hr_users[slug]).token}",
    }, scenarios.graphql_body(scenario, loaded.cycles.get(slug), loaded.quarters.get(slug)))
        for slug, _ in loaded.tenants]


def postgraphile_requests(port: int, loaded: dataset.Loaded) -> list[bytes]:
    body = scenarios.postgraphile_body("employees")
    return [loadgen.build_request("POST", "/graphql", port, {
        "Content-Type": "application/json", "X-Tenant-Id": str(tenant_id)}, body)
        for _, tenant_id in loaded.tenants]


def raw_requests(port: int, loaded: dataset.Loaded, scenario: str) -> list[bytes]:
    if scenario == "employees":
        return [loadgen.build_request("GET", "/employees", port, {"X-Tenant": slug})
                for slug, _ in loaded.tenants]
    return [loadgen.build_request(
        "GET", f"/skps?cycle={quote(str(loaded.cycles[slug]))}"
        f"&period={quote(str(loaded.quarters[slug]))}", port, {"X-Tenant": slug})
        for slug, _ in loaded.tenants]


def build_servers(args, app_url: str, loaded: dataset.Loaded, secret: str) -> list[Server]:
    settings = Settings(database_url=app_url, environment="production", secret_key=secret)
    env = {"KINERJA_DATABASE_URL": app_url, "KINERJA_ENV": "production",
           "KINERJA_SECRET_KEY": secret, "KINERJA_LOG_LEVEL": "WARNING",
           "PYTHONPATH": str(ROOT / "platform")}
    cold_env = {**env, "KINERJA_RESPONSE_CACHE_SIZE": "0"}
    cached_port, pg_port = args.graphql_port + 2, args.graphql_port + 3
    app_dsn = asyncpg_dsn(app_url)
    # "graphql": every request executed (response cache off); "graphql+cache": the default
    # configuration, where a repeated query is answered from the response cache after the
    # identity check. Both are the same code, production settings, one process.
    out = [
        Server("graphql", args.graphql_port, lambda: servers.start_uvicorn(
            "kinerja.asgi:app", args.graphql_port, cold_env, ROOT)),
        Server("graphql+cache", cached_port, lambda: servers.start_uvicorn(
            "kinerja.asgi:app", cached_port, env, ROOT)),
    ]
    for server in out:
        server.requests = {s: graphql_requests(server.port, settings, loaded, s)
                           for s in args.scenarios}
    if args.no_postgraphile:
        pass
    elif args.citus_workers:
        print("PostGraphile left out on Citus: its pgSettings are applied with set_config, which "
              "changes only the coordinator's session, so row-level security on the workers' "
              "shards would show it no rows")
    elif not servers.postgraphile_installed():
        print("PostGraphile not installed (make bench-postgraphile): left out")
    elif "employees" in args.scenarios:
        out.append(Server("postgraphile", pg_port,
                          lambda: servers.start_postgraphile(pg_port, app_dsn),
                          {"employees": postgraphile_requests(pg_port, loaded)}))
    out.append(Server("raw", args.raw_port, lambda: servers.start_uvicorn(
        "raw_server:app", args.raw_port,
        {"BENCH_RAW_DSN": app_dsn, "BENCH_RAW_CITUS": "1" if args.citus_workers else "0"}, HERE),
        {s: raw_requests(args.raw_port, loaded, s) for s in args.scenarios}))
    return out


async def check_same_data(scenario: scenarios.Scenario, serving: list[Server]) -> None:
    """Every server's normalised answer is the same for every tenant."""
    reference = serving[-1]
    for index, request in enumerate(reference.requests[scenario.name]):
        status, body = await loadgen.fetch(reference.port, request)
        expected = scenario.rows(orjson.loads(body)) if status == 200 else None
        if expected is None or len(expected) != scenario.expect:
            raise SystemExit(f"{reference.label}: {status}, expected {scenario.expect} rows: "
                             f"{body[:300]!r}")
        for server in serving[:-1]:
            status, body = await loadgen.fetch(server.port, server.requests[scenario.name][index])
            payload = orjson.loads(body)
            if status != 200 or "errors" in payload or scenario.rows(payload) != expected:
                raise SystemExit(f"{scenario.name}: {server.label} and {reference.label} differ "
                                 f"for tenant {index}:\n{body[:600]!r}")
    names = ", ".join(s.label for s in serving)
    print(f"data check ({scenario.name}): {names} return the same data for all "
          f"{len(reference.requests[scenario.name])} tenants")


# --- report --------------------------------------------------------------------------------
def write_results(args: argparse.Namespace, payload: dict, markdown: str) -> Path:
    out_dir = HERE / "results"
    out_dir.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    stem = out_dir / f"employees_{stamp}{'_' + args.label if args.label else ''}"
    stem.with_suffix(".json").write_text(json.dumps(payload, indent=2))
    stem.with_suffix(".md").write_text(markdown + "\n")
    return stem.with_suffix(".md")


# --- modes ---------------------------------------------------------------------------------
async def measure(server: Server, scenario: str, concurrency: int, args, db_cpu: DbCpu) -> dict:
    cpu0 = servers.cpu_seconds(server.proc.pid)
    run, db = await db_cpu.during(loadgen.run(server.label, server.port, server.requests[scenario],
                                              concurrency, args.requests, args.seconds))
    cpu1 = servers.cpu_seconds(server.proc.pid)
    if run.errors:
        raise SystemExit(f"{server.label}: {run.errors} non-200 responses")
    per = 1000 / max(run.requests, 1)
    row = {"scenario": scenario, **run.summary(), "cpu_ms": round((cpu1 - cpu0) * per, 2),
           "db_cpu_ms": round(db * per, 2)}
    print(f"  {scenario:9} {server.label:14} c={concurrency:<3} {run.rps:8.1f} req/s  "
          f"p50 {run.p50:6.1f} ms  p99 {run.p99:6.1f} ms  cpu {row['cpu_ms']:5.1f} ms/req  "
          f"db {row['db_cpu_ms']:5.1f} ms/req")
    return row


def inprocess_requests(settings: Settings, loaded: dataset.Loaded,
                       scenario: str) -> list[tuple[dict[str, str], bytes]]:
    """One GraphQL request per tenant, as (headers, body) for inprocess.call."""
    return [({"content-type": "application/json", "x-tenant": slug,
              "authorization": f"Bearer {issue_token(settings, loaded.hr_users[slug]).token}"},
             scenarios.graphql_body(scenario, loaded.cycles.get(slug), loaded.quarters.get(slug)))
            for slug, _ in loaded.tenants]


def raw_paths(loaded: dataset.Loaded, scenario: str) -> list[tuple[str, dict[str, str]]]:
    if scenario == "employees":
        return [("/employees", {"x-tenant": slug}) for slug, _ in loaded.tenants]
    return [(f"/skps?cycle={loaded.cycles[slug]}&period={loaded.quarters[slug]}",
             {"x-tenant": slug}) for slug, _ in loaded.tenants]


async def count_statements(args, app_url: str, loaded: dataset.Loaded, secret: str) -> dict:
    """Statements (and transactions) per request of each scenario, Kinerja cold and raw,
    in-process (statements.py): the figure to compare between PostgreSQL and Citus."""
    settings = Settings(database_url=app_url, environment="production", secret_key=secret,
                        log_level="WARNING")
    out: dict = {}
    for name in args.scenarios:
        out[name] = {
            "graphql": await statements.kinerja(settings, inprocess_requests(settings, loaded,
                                                                             name)),
            "raw": await statements.raw(asyncpg_dsn(app_url), bool(args.citus_workers),
                                        raw_paths(loaded, name))}
        for label, counted in out[name].items():
            print(f"statements per request ({name}, {label}): {counted['statements']} in "
                  f"{counted['transactions']} transaction(s), {counted['requests']} tenants")
    return out


def statements_table(counted: dict) -> str:
    lines = ["| scenario | server | statements per request | transactions per request |",
             "|---|---|---:|---:|"]
    for name, by_server in counted.items():
        for label, c in by_server.items():
            lines.append(f"| {name} | {label} | {c['statements']} | {c['transactions']} |")
    return "\n".join(lines)


def backend(args) -> str:
    if not args.citus_workers:
        return "single PostgreSQL"
    return (f"Citus: coordinator + {len(args.citus_workers)} workers, {args.shard_count} "
            "shards")


async def http_mode(args, app_url: str, loaded: dataset.Loaded, secret: str,
                    database: str) -> None:
    load_start = os.getloadavg()
    counted = await count_statements(args, app_url, loaded, secret)
    serving = build_servers(args, app_url, loaded, secret)
    monitors = [await asyncpg.connect(asyncpg_dsn(cluster.node_url(args.server, host, port)))
                for host, port in cluster.nodes(args.server, args.citus_workers)]
    db_cpu = DbCpu(monitors, database)
    results = []
    checked = []
    try:
        for server in serving:
            server.proc = server.start()
            first = next(iter(server.requests.values()))[0]
            await servers.wait_ready(server.port, first, server.proc)
        for name in args.scenarios:
            scenario = scenarios.SCENARIOS[name]
            taking = [s for s in serving if name in s.requests]
            await check_same_data(scenario, taking)
            checked.append(f"{name}: {', '.join(s.label for s in taking)} x "
                           f"{len(taking[0].requests[name])} tenants")
            for server in taking:
                await loadgen.run(server.label, server.port, server.requests[name], 4,
                                  args.warmup, 30)
            for concurrency in args.concurrency:
                for server in taking:
                    results.append(await measure(server, name, concurrency, args, db_cpu))
    finally:
        for monitor in monitors:
            await monitor.close()
        for server in serving:
            servers.stop(server.proc)
    titles = "; ".join(f"{n}: {scenarios.SCENARIOS[n].title}" for n in args.scenarios)
    load_end = os.getloadavg()
    load = " -> ".join(" / ".join(f"{v:.2f}" for v in la) for la in (load_start, load_end))
    markdown = (f"{backend(args)}; {args.tenants} tenants x {args.employees} employees; "
                f"{titles}; one server process each; {os.cpu_count()} CPUs; load average "
                f"(1/5/15 min) at the start -> end {load}; CPU ms/req: the server process "
                "(utime+stime) and the database backends (on Citus: coordinator and workers), "
                "per request.\n\n"
                + report.table(results)
                + "\n\nSame data for every tenant: " + "; ".join(checked)
                + ".\n\nStatements per request (in-process, one request per tenant):\n\n"
                + statements_table(counted))
    print("\n" + markdown)
    path = write_results(args, {"args": {k: v for k, v in vars(args).items() if k != "server"},
                                "backend": backend(args), "loadavg": [load_start, load_end],
                                "data_check": checked, "statements": counted,
                                "results": results,
                                "queries": {"graphql": scenarios.EMPLOYEES_QUERY,
                                            "postgraphile": scenarios.EMPLOYEES_QUERY_PG,
                                            "skps": scenarios.SKPS_QUERY}}, markdown)
    print(f"\nwritten: {path.relative_to(ROOT)}")


async def profile_mode(args, app_url: str, loaded: dataset.Loaded, secret: str) -> None:
    """In-process cProfile of cold requests (response cache off) unless --profile-cached."""
    cache = {} if args.profile_cached else {"response_cache_size": 0}
    settings = Settings(database_url=app_url, environment="production", secret_key=secret,
                        log_level="WARNING", **cache)
    kind = "cached" if args.profile_cached else "cold"
    sections = []
    for name in args.scenarios:
        requests = inprocess_requests(settings, loaded, name)
        print(f"\n=== {name} ({kind}) ===")
        dump = f"{args.profile_out}-{name}.pstats" if args.profile_out else None
        result = await inprocess.profile(settings, requests, args.profile, dump=dump)
        sections.append((name, result))
    markdown = "\n\n".join(f"{name} ({kind}), in-process: {r['ms_per_request']} ms per request"
                           f"\n\n```\n{r['tottime']}\n```" for name, r in sections)
    path = write_results(args, {name: r for name, r in sections}, markdown)
    print(f"written: {path.relative_to(ROOT)}")


async def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    name, owner_url = await create_database(args.server, args.citus_workers)
    print(f"database {name}" + (f" on {backend(args)}" if args.citus_workers else ""))
    try:
        started = time.perf_counter()
        await upgrade(owner_url)
        if args.citus_workers:
            done = await distribute(owner_url, args.shard_count)
            print(f"distributed: {done}")
        await apply_bench_sql(owner_url)
        password = os.environ.get("BENCH_APP_PASSWORD") or None
        await ensure_app_role(owner_url, args.app_role, password)
        app_url = make_url(owner_url).set(username=args.app_role, password=password)
        app_url_text = app_url.render_as_string(hide_password=False)
        migrated = time.perf_counter()
        loaded = await dataset.load(asyncpg_dsn(owner_url), args.tenants, args.employees,
                                    skps="skps" in args.scenarios)
        print(f"migrated in {migrated - started:.1f} s; loaded {args.tenants} tenants x "
              f"{args.employees} employees{' with SKPs' if loaded.cycles else ''} "
              f"in {time.perf_counter() - migrated:.1f} s")
        secret = secrets.token_urlsafe(48)
        if args.profile:
            await profile_mode(args, app_url_text, loaded, secret)
        else:
            await http_mode(args, app_url_text, loaded, secret, name)
    finally:
        if args.keep:
            print(f"kept database {name}")
        else:
            await drop_database(args.server, args.citus_workers, name)


if __name__ == "__main__":
    try:  # the event loop uvicorn serves on (--loop auto), for the profile and the client
        import uvloop
    except ImportError:
        asyncio.run(main())
    else:
        uvloop.run(main())
