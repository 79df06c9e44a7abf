"""The raw baseline: Starlette + asyncpg + orjson, no GraphQL, no ORM.

Serves the benchmark's question, "the first 50 employees of a tenant with unit, position and
rater", as the same JSON the GraphQL endpoint returns. Tenant filtering is equivalent: the
tenant is chosen by the X-Tenant slug (unknown or inactive -> 403), the transaction sets
`app.tenant_id` for row-level security (it connects as the same non-owner role), and the
statement filters on tenant_id as the ORM would. It does not verify a token: authentication
is part of what the GraphQL path pays for, and the README says so.

Run: BENCH_RAW_DSN=postgresql://... uvicorn raw_server:app (from bench/).
"""

from __future__ import annotations

import base64
import contextlib
import os
from datetime import date

import asyncpg
import orjson
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

PAGE = 50
TENANT_SQL = ("SELECT set_config('app.tenant_id', id::text, true) FROM tenant "
              "WHERE slug = $1 AND active")
EMPLOYEES_SQL = """
SELECT e.id, e.name, e.nip, u.id AS unit_id, u.name AS unit_name,
       p.id AS position_id, p.name AS position_name, r.id AS rater_id, r.name AS rater_name
FROM employee e
LEFT JOIN org_unit u ON u.tenant_id = e.tenant_id AND u.id = e.unit_id
LEFT JOIN position p ON p.tenant_id = e.tenant_id AND p.id = e.position_id
LEFT JOIN reporting_line l ON l.tenant_id = e.tenant_id AND l.employee_id = e.id
     AND l.valid_from <= $2 AND (l.valid_to IS NULL OR l.valid_to >= $2)
LEFT JOIN employee r ON r.tenant_id = e.tenant_id AND r.id = l.rater_id
WHERE e.tenant_id = current_setting('app.tenant_id')::uuid
ORDER BY e.name, e.id
LIMIT $1
"""


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


async def employees(request: Request) -> Response:
    slug = request.headers.get("x-tenant", "").strip().lower()
    async with State.pool.acquire() as conn, conn.transaction():
        if await conn.fetchval(TENANT_SQL, slug) is None:
            return Response(b'{"errors":[{"message":"tenant not allowed"}]}', 403,
                            media_type="application/json")
        rows = await conn.fetch(EMPLOYEES_SQL, PAGE, date.today())
    body = {"data": {"employees": {"nodes": [_node(r) for r in rows]}}}
    return Response(orjson.dumps(body), media_type="application/json")


@contextlib.asynccontextmanager
async def lifespan(_app):
    State.pool = await asyncpg.create_pool(os.environ["BENCH_RAW_DSN"], min_size=2, max_size=10)
    try:
        yield
    finally:
        await State.pool.close()


app = Starlette(routes=[Route("/employees", employees)], lifespan=lifespan)
