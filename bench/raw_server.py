"""The raw baseline: Starlette + asyncpg + orjson, no GraphQL, no ORM.

Serves the benchmark's questions as the same JSON the GraphQL endpoint returns: "the first 50
employees of a tenant with unit, position and rater" (GET /employees) and the SKP list (GET
/skps?cycle=<uuid>&period=<uuid>: the first 50 SKPs of a cycle with employee, rater, RHKs with
indicators and the period's realisations, plus the first 50 results of the period). Tenant
filtering is equivalent: the tenant is chosen by the X-Tenant slug (unknown or inactive ->
403), the transaction sets `app.tenant_id` for row-level security (it connects as the same
non-owner role), and every statement filters on tenant_id as the ORM would: the agency's id,
returned by that statement, as a bound parameter (on Citus this makes each read a router
query on the agency's shard; a filter on current_setting() would be a multi-shard query,
which Citus on PostgreSQL 15 refuses for the outer joins here). It does not
verify a token: authentication is part of what the GraphQL path pays for, and the README says
so.

On Citus (BENCH_RAW_CITUS=1, set by the bench with --citus-workers) the agency is set with
Kinerja's `kinerja_set_tenant` (kinerja/citus/tenant_setting.py, created by `kinerja
distribute`) instead of set_config: its `SET LOCAL` reaches the workers' connections, where
set_config's value never arrives (row-level security on the shards would show nothing). The
same single statement either way.

Run: BENCH_RAW_DSN=postgresql://... uvicorn raw_server:app (from bench/).
"""

from __future__ import annotations

import base64
import contextlib
import os
import uuid
from collections import defaultdict
from datetime import date

import asyncpg
import orjson
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

PAGE = 50


def tenant_sql(citus: bool) -> str:
    """The statement choosing the tenant and setting `app.tenant_id` for RLS (None: refused)."""
    setter = ("kinerja_set_tenant(id::text)" if citus
              else "set_config('app.tenant_id', id::text, true)")
    return f"SELECT {setter} FROM tenant WHERE slug = $1 AND active"


EMPLOYEES_SQL = """
SELECT e.id, e.name, e.nip, u.id AS unit_id, u.name AS unit_name,
       p.id AS position_id, p.name AS position_name, r.id AS rater_id, r.name AS rater_name
FROM employee e
LEFT JOIN org_unit u ON u.tenant_id = e.tenant_id AND u.id = e.unit_id
LEFT JOIN position p ON p.tenant_id = e.tenant_id AND p.id = e.position_id
LEFT JOIN reporting_line l ON l.tenant_id = e.tenant_id AND l.employee_id = e.id
     AND l.valid_from <= $2 AND (l.valid_to IS NULL OR l.valid_to >= $2)
LEFT JOIN employee r ON r.tenant_id = e.tenant_id AND r.id = l.rater_id
WHERE e.tenant_id = $3
ORDER BY e.name, e.id
LIMIT $1
"""
SKPS_SQL = """
SELECT s.id, s.status, e.id AS employee_id, e.name, e.nip, r.id AS rater_id, r.name AS rater_name
FROM skp s
JOIN employee e ON e.tenant_id = s.tenant_id AND e.id = s.employee_id
LEFT JOIN employee r ON r.tenant_id = s.tenant_id AND r.id = s.rater_id
WHERE s.tenant_id = $3 AND s.cycle_id = $1
ORDER BY e.name, e.id
LIMIT $2
"""
WORK_SQL = """
SELECT w.skp_id, w.id, w.kind, w.text, w.position, i.id AS indicator_id, i.aspect,
       i.text AS indicator_text, i.target_value, i.target_unit, i.target_text
FROM work_result w
LEFT JOIN indicator i ON i.tenant_id = w.tenant_id AND i.work_result_id = w.id
WHERE w.tenant_id = $2 AND w.skp_id = ANY($1::uuid[])
ORDER BY w.skp_id, w.position, i.position
"""
REALISATIONS_SQL = """
SELECT r.skp_id, r.id, r.indicator_id, r.value, r.narrative
FROM realisation r
WHERE r.tenant_id = $3 AND r.skp_id = ANY($1::uuid[])
  AND r.period_id = $2
"""
RESULTS_SQL = """
SELECT p.id, p.status, p.rating_hasil, p.rating_perilaku, p.predikat, p.skp_id,
       e.id AS employee_id, e.name
FROM performance_result p
JOIN skp s ON s.tenant_id = p.tenant_id AND s.id = p.skp_id
JOIN employee e ON e.tenant_id = s.tenant_id AND e.id = s.employee_id
WHERE p.tenant_id = $4 AND p.period_id = $1
  AND s.cycle_id = $2
ORDER BY e.name, e.id
LIMIT $3
"""


def forbidden() -> Response:
    return Response(b'{"errors":[{"message":"tenant not allowed"}]}', 403,
                    media_type="application/json")


def gid(type_name: str, raw_id) -> str:
    return base64.b64encode(f"{type_name}:{raw_id}".encode()).decode()


def _ref(type_name: str, raw_id, name) -> dict | None:
    return None if raw_id is None else {"id": gid(type_name, raw_id), "name": name}


def _node(row) -> dict:
    return {
        "id": gid("Employee", row["id"]), "name": row["name"], "nip": row["nip"],
        "unit": _ref("OrgUnit", row["unit_id"], row["unit_name"]),
        "position": _ref("Position", row["position_id"], row["position_name"]),
        "rater": _ref("Employee", row["rater_id"], row["rater_name"]),
    }


class State:
    pool: asyncpg.Pool | None = None
    tenant_sql: str = tenant_sql(False)


async def employees(request: Request) -> Response:
    slug = request.headers.get("x-tenant", "").strip().lower()
    async with State.pool.acquire() as conn, conn.transaction():
        tenant = await conn.fetchval(State.tenant_sql, slug)
        if tenant is None:
            return forbidden()
        rows = await conn.fetch(EMPLOYEES_SQL, PAGE, date.today(), uuid.UUID(tenant))
    body = {"data": {"employees": {"nodes": [_node(r) for r in rows]}}}
    return Response(orjson.dumps(body), media_type="application/json")


def _indicator(row) -> dict:
    return {"id": gid("Indicator", row["indicator_id"]), "aspect": row["aspect"],
            "text": row["indicator_text"], "targetValue": row["target_value"],
            "targetUnit": row["target_unit"], "targetText": row["target_text"]}


def _work_results(rows) -> dict[uuid.UUID, list[dict]]:
    out: dict[uuid.UUID, list[dict]] = defaultdict(list)
    current = None
    for row in rows:
        if current is None or current["_id"] != row["id"]:
            current = {"_id": row["id"], "id": gid("WorkResult", row["id"]), "kind": row["kind"],
                       "text": row["text"], "position": row["position"], "indicators": []}
            out[row["skp_id"]].append(current)
        if row["indicator_id"] is not None:
            current["indicators"].append(_indicator(row))
    for items in out.values():
        for item in items:
            del item["_id"]
    return out


async def skps(request: Request) -> Response:
    slug = request.headers.get("x-tenant", "").strip().lower()
    try:
        cycle_id = uuid.UUID(request.query_params["cycle"])
        period_id = uuid.UUID(request.query_params["period"])
    except (KeyError, ValueError):
        return Response(b'{"errors":[{"message":"cycle and period needed"}]}', 400,
                        media_type="application/json")
    async with State.pool.acquire() as conn, conn.transaction():
        tenant = await conn.fetchval(State.tenant_sql, slug)
        if tenant is None:
            return forbidden()
        tenant_id = uuid.UUID(tenant)
        page = await conn.fetch(SKPS_SQL, cycle_id, PAGE, tenant_id)
        ids = [row["id"] for row in page]
        work = _work_results(await conn.fetch(WORK_SQL, ids, tenant_id))
        realised: dict[uuid.UUID, list[dict]] = defaultdict(list)
        for row in await conn.fetch(REALISATIONS_SQL, ids, period_id, tenant_id):
            realised[row["skp_id"]].append({
                "id": gid("Realisation", row["id"]),
                "indicatorId": gid("Indicator", row["indicator_id"]),
                "value": row["value"], "narrative": row["narrative"]})
        results = await conn.fetch(RESULTS_SQL, period_id, cycle_id, PAGE, tenant_id)
    nodes = [{"id": gid("Skp", row["id"]), "status": row["status"],
              "employee": {"id": gid("Employee", row["employee_id"]), "name": row["name"],
                           "nip": row["nip"]},
              "rater": _ref("Employee", row["rater_id"], row["rater_name"]),
              "workResults": work.get(row["id"], []), "realisations": realised.get(row["id"], [])}
             for row in page]
    body = {"data": {"skps": {"nodes": nodes}, "results": {"nodes": [
        {"id": gid("PerformanceResult", r["id"]), "status": r["status"],
         "ratingHasil": r["rating_hasil"], "ratingPerilaku": r["rating_perilaku"],
         "predikat": r["predikat"], "skpId": gid("Skp", r["skp_id"]),
         "employee": {"id": gid("Employee", r["employee_id"]), "name": r["name"]}}
        for r in results]}}}
    return Response(orjson.dumps(body), media_type="application/json")


@contextlib.asynccontextmanager
async def lifespan(_app):
    State.tenant_sql = tenant_sql(os.environ.get("BENCH_RAW_CITUS") == "1")
    State.pool = await asyncpg.create_pool(os.environ["BENCH_RAW_DSN"], min_size=2, max_size=10)
    try:
        yield
    finally:
        await State.pool.close()


app = Starlette(routes=[Route("/employees", employees), Route("/skps", skps)],
                lifespan=lifespan)
