"""A custom view's CSV and XLSX export of 100,000 rows, measured (`make bench-views`).

Creates a throw-away PostgreSQL database on BENCH_DATABASE_URL (as employees_bench.py does),
loads one agency with `--employees` employees (default 100,000), defines the view
`daftar-pegawai` (employees with NIP, unit and position; 100 per page, paged through with
`$after`), and fetches `GET /views/daftar-pegawai.csv` and `.xlsx` through the real ASGI app in
this process (no sockets): wall time, rows, bytes, and the process's peak RSS growth while it
runs. Prints a markdown table; drops the database (`--keep` keeps it).
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import io
import os
import resource
import sys
import time
from pathlib import Path

from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "platform"))

import dataset
import inprocess
from employees_bench import DEFAULT_SERVER, create_database, drop_database

from kinerja.app import Services, create_app
from kinerja.auth.tokens import issue_token
from kinerja.config import Settings
from kinerja.db import Database, asyncpg_dsn, create_engine
from kinerja.migrate import upgrade
from kinerja.ops.app_role import ensure_app_role

DOCUMENT = ("query Staff($first: Int = 100, $after: String) { employees(first: $first, "
            "after: $after) { nodes { name nip unit { name } position { name } } "
            "pageInfo { hasNextPage endCursor } } }")


def rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def run(args: argparse.Namespace, app_url: str, loaded: dataset.Loaded) -> str:
    settings = Settings(database_url=app_url, environment="production",
                        secret_key="bench-" + "x" * 40, response_cache_size=0,
                        view_max_rows=args.employees + 10)
    services = Services(settings, Database(create_engine(app_url)))
    app = create_app(services=services)
    slug, _ = loaded.tenants[0]
    token = issue_token(settings, loaded.hr_users[slug]).token
    headers = {"authorization": f"Bearer {token}", "x-tenant": slug}
    await define_view(services, loaded)  # run by the agency's HR user (role hr)
    rows_out = []
    for fmt in ("csv", "xlsx"):
        before = rss_mib()
        started = time.perf_counter()
        status, body = await inprocess.call(app, "GET", f"/views/daftar-pegawai.{fmt}", headers)
        seconds = time.perf_counter() - started
        assert status == 200, body[:300]
        if fmt == "csv":
            rows = sum(1 for _ in csv.reader(io.StringIO(body.decode("utf-8-sig")))) - 1
        else:
            import openpyxl

            sheet = openpyxl.load_workbook(io.BytesIO(body), read_only=True).active
            rows = sum(1 for _ in sheet.iter_rows()) - 1
        rows_out.append((fmt, rows, len(body) / 1e6, seconds, max(0.0, rss_mib() - before)))
    await services.db.dispose()
    lines = ["| export | rows | MB | seconds | rows/s | peak RSS growth (MiB) |",
             "|---|---:|---:|---:|---:|---:|"]
    lines += [f"| {fmt} | {rows} | {mb:.1f} | {s:.1f} | {rows / s:,.0f} | {rss:.0f} |"
              for fmt, rows, mb, s, rss in rows_out]
    return "\n".join(lines)


async def define_view(services: Services, loaded: dataset.Loaded) -> None:
    """The view row itself, as the API would store it (the bench has no admin login)."""
    from kinerja.models import CustomView, CustomViewVersion

    _, tenant_id = loaded.tenants[0]
    async with services.db.unit_of_work(tenant_id=tenant_id) as session:
        view = CustomView(tenant_id=tenant_id, key="daftar-pegawai")
        session.add(view)
        await session.flush()
        session.add(CustomViewVersion(
            tenant_id=tenant_id, view_id=view.id, number=1, title_id="Daftar pegawai",
            title_en="Staff list", document=DOCUMENT, operation_name="Staff", roles=["hr"],
            rows_path="employees.nodes",
            columns=[{"path": p, "label_id": p, "label_en": p}
                     for p in ("name", "nip", "unit.name", "position.name")]))


async def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--server", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_SERVER))
    parser.add_argument("--employees", type=int, default=100_000)
    parser.add_argument("--app-role", default="kinerja_bench_app")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args(argv)
    name, owner_url = await create_database(args.server)
    try:
        await upgrade(owner_url)
        await ensure_app_role(owner_url, args.app_role, None)
        app_url = make_url(owner_url).set(username=args.app_role, password=None)
        started = time.perf_counter()
        loaded = await dataset.load(asyncpg_dsn(owner_url), 1, args.employees)
        print(f"loaded 1 agency x {args.employees} employees in "
              f"{time.perf_counter() - started:.1f} s")
        print(await run(args, app_url.render_as_string(hide_password=False), loaded))
    finally:
        if args.keep:
            print(f"kept database {name}")
        else:
            await drop_database(args.server, name)


if __name__ == "__main__":
    asyncio.run(main())
