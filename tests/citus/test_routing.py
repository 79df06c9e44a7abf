"""Every statement of an agency's requests routes to one shard: the hot list, detail and
analysis queries of HR in camat-pauh (the Pauh demo, its running cycle) are captured with
their parameters as the app sent them and planned again with EXPLAIN; each Citus plan must
have a single task (a router plan), never a fan-out over the shards."""

from __future__ import annotations

import re
from pathlib import Path

import sqlalchemy as sa

from kinerja.auth.tokens import issue_token
from kinerja.config import PROJECT_ROOT

OPERATIONS = Path(PROJECT_ROOT) / "schema" / "operations"
TASKS = re.compile(r"Task Count: (\d+)")
HR, TENANT = "hr.camat", "camat-pauh"


def _operation(name: str) -> str:
    return (OPERATIONS / f"{name}.graphql").read_text()


class Capture:
    def __init__(self) -> None:
        self.reads: list[tuple[str, tuple]] = []

    def __call__(self, conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith(("SELECT", "WITH")) and not executemany:
            self.reads.append((statement, tuple(parameters or ())))


async def _ask(client, settings, loaded, name: str, variables: dict) -> dict:
    token = issue_token(settings, loaded.user_ids[HR]).token
    response = await client.post("/graphql", json={"query": _operation(name),
                                                   "variables": variables},
                                 headers={"authorization": f"Bearer {token}", "x-tenant": TENANT})
    body = response.json()
    assert response.status_code == 200 and not body.get("errors"), (name, body)
    return body["data"]


async def test_the_main_queries_of_an_agency_each_run_as_one_task(client, db, demo, settings):
    _data, loaded = demo
    capture = Capture()
    sa.event.listen(db.engine.sync_engine, "before_cursor_execute", capture)
    try:
        cycle = (await _ask(client, settings, loaded, "Cycles", {}))["cycles"][0]
        period = cycle["periods"][0]["id"]
        people = await _ask(client, settings, loaded, "Employees", {"first": 50})
        employee = people["employees"]["edges"][0]["node"]["id"]
        skps = await _ask(client, settings, loaded, "Skps", {"cycleId": cycle["id"], "first": 50})
        asked = {
            "Employee": {"id": employee},
            "OrgUnits": {},
            "Positions": {},
            "Skp": {"id": skps["skps"]["edges"][0]["node"]["id"]},
            "Results": {"cycleId": cycle["id"], "periodId": period, "first": 50},
            "Progress": {"periodId": period},
            "PredikatByUnit": {"periodId": period},
            "RaterFairness": {"periodId": period},
            "JpCompliance": {"year": 2026, "first": 50},
            "CompetencyGapMatrix": {"first": 50},
        }
        for name, variables in asked.items():
            await _ask(client, settings, loaded, name, variables)
    finally:
        sa.event.remove(db.engine.sync_engine, "before_cursor_execute", capture)
    plans = await _plans(db, loaded.tenant_ids[TENANT], capture.reads)
    assert len(plans) > 30, len(plans)
    fanned_out = [(s, tasks) for s, tasks in plans if any(t != 1 for t in tasks)]
    assert not fanned_out, fanned_out
    assert sum(1 for _s, tasks in plans if tasks) > 20  # really planned by Citus


async def _plans(db, tenant_id, reads) -> list[tuple[str, list[int]]]:
    """Each captured read's task counts (empty: no distributed table in it)."""
    out = []
    conn = db.bind
    async with conn.begin_nested() as savepoint:
        await conn.execute(sa.text("SELECT kinerja_set_tenant(:t)"), {"t": str(tenant_id)})
        # once each (a batch by id is an array parameter: a list, compared by its repr)
        for statement, parameters in {(s, repr(p)): (s, p) for s, p in reads}.values():
            result = await conn.exec_driver_sql(f"EXPLAIN {statement}", parameters)
            text = "\n".join(row[0] for row in result)
            out.append((statement, [int(n) for n in TASKS.findall(text)]))
        await savepoint.rollback()
    return out
