"""A page's LIMIT is part of its statement (kit/compiled.page_limit), so PostgreSQL settles on
one generic plan of the prepared statement instead of planning every execution afresh."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
import sqlalchemy as sa

from kinerja.authz.vocabulary import Scope
from kinerja.db import on_citus
from kinerja.models import Employee
from kinerja.people.nip import generate_nip
from kinerja.people.page_repository import EmployeePageRepository
from kinerja.people.repository import EmployeeFilter


async def _add_many(db, world, count: int) -> None:
    """`count` more alpha employees in one executemany (enough for the planner to tell an
    index walk from a sort)."""
    tenant_id = world.tenant_id("alpha")
    unit, position = world.unit_id("alpha", "ROOT"), world.position_id("alpha", "STAFF")
    rows = [{"tenant_id": tenant_id, "id": uuid.uuid4(), "employee_type": "PNS",
             "name": f"Extra {i:05d}", "rank": "III_B", "unit_id": unit,
             "position_id": position, "active": True, "version": 1,
             "nip": generate_nip(None, "PNS", date(1970 + i // 999, 1, 1), date(2005, 3, 1),
                                 1, 1 + i % 999)}
            for i in range(count)]
    async with db.unit_of_work(tenant_id=tenant_id) as session:
        await (await session.connection()).execute(sa.insert(Employee.__table__), rows)


@pytest.mark.postgres_only
async def test_the_employee_page_runs_on_a_generic_plan(db, world, settings):
    if on_citus(db.engine.sync_engine):
        pytest.skip("on Citus the coordinator's router planner plans each distributed "
                    "execution itself; the generic plan is single PostgreSQL's")
    await _add_many(db, world, 1000)
    session = db.session(tenant_id=world.tenant_id("alpha"))
    try:
        repo = EmployeePageRepository(session)
        day = settings.today()
        for _ in range(8):  # PostgreSQL weighs a generic plan after five custom ones
            rows = await repo.page(EmployeeFilter(), Scope.TENANT, None, day, 50, None,
                                   references=True)
            assert len(rows) == 51
        plans = (await session.execute(sa.text(
            "SELECT generic_plans, custom_plans FROM pg_prepared_statements"
            " WHERE statement LIKE 'SELECT employee.id AS id%' AND statement LIKE '%org_unit%'"
            ))).all()
    finally:
        await session.close()
    assert len(plans) == 1
    generic, custom = plans[0]
    assert generic >= 2 and custom <= 5, plans


def test_every_page_has_its_limit_in_its_text():
    """A parameter there would keep PostgreSQL on custom plans at 5,000 employees an agency
    (measured: bench/README), planning each execution."""
    from sqlalchemy.dialects import postgresql

    from kinerja.people.page_repository import Shape, page_read
    from kinerja.results import page_repository as result_pages
    from kinerja.skp import page_repository as skp_pages

    for read in (page_read(Shape(Scope.TENANT, True), 51),
                 skp_pages.page_read(skp_pages.Shape(Scope.TENANT, True), 51),
                 result_pages.page_read(result_pages.Shape(Scope.TENANT, True), 51)):
        compiled = read.statement.compile(dialect=postgresql.dialect())
        assert "LIMIT 51" in str(compiled)
        assert not any("limit" in name for name in compiled.params)
    with pytest.raises(ValueError):
        page_read(Shape(Scope.TENANT, True), -1)


def _bench_dataset():
    """bench/dataset.py (the benchmark's agencies: employees, lines, SKPs, results by COPY)."""
    import sys
    from pathlib import Path

    bench = str(Path(__file__).resolve().parents[2] / "bench")
    if bench not in sys.path:
        sys.path.insert(0, bench)
    import dataset

    return dataset


def _nodes(plan: dict) -> list[dict]:
    return [plan, *(n for child in plan.get("Plans", []) for n in _nodes(child))]


@pytest.mark.postgres_only
async def test_a_large_agency_s_pages_walk_the_name_index(db, tmp_path_factory):
    """Four agencies of 2,000 employees: the results page looks up each employee's SKP and
    result by their keys while walking the employees by name, instead of joining and sorting
    every result of the period (9.4 ms at 5,000: bench/README). It takes both the SKP's cycle
    in the page's conditions and the (tenant_id, key) dependency statistics (migration 0020:
    with several agencies the planner otherwise takes a quarter of the rows for all)."""
    import asyncpg

    from kinerja.db import Database, asyncpg_dsn, create_engine
    from kinerja.results.page_repository import ResultPageRepository
    from kinerja.skp.page_repository import SkpPageRepository
    from tests.conftest import APP_ROLE
    from tests.support.databases import fresh_database

    if on_citus(db.engine.sync_engine):
        pytest.skip("on Citus each shard plans its own part")
    databases = fresh_database("postgresql", tmp_path_factory)
    app_url = await anext(databases)
    try:
        owner_dsn = asyncpg_dsn(app_url).replace(f"{APP_ROLE}@", "postgres@", 1)
        loaded = await _bench_dataset().load(owner_dsn, 4, 2000)
        owner = await asyncpg.connect(owner_dsn)
        try:  # 300 namesakes: ties on the name run across the pages walked below
            await owner.execute(
                "UPDATE employee SET name = 'Sama Nama' WHERE id IN (SELECT id FROM employee "
                "WHERE tenant_id = $1 ORDER BY id LIMIT 300)", loaded.tenants[0][1])
            await owner.execute("ANALYZE")
        finally:
            await owner.close()
        slug, tenant_id = loaded.tenants[0]
        app_db = Database(create_engine(app_url))
        sent: list[tuple[str, object]] = []

        def capture(_conn, _cursor, statement, parameters, _context, _many) -> None:
            sent.append((statement, parameters))

        session = app_db.session(tenant_id=tenant_id)
        try:
            sa.event.listen(app_db.engine.sync_engine, "before_cursor_execute", capture)
            rows = await ResultPageRepository(session).page(
                loaded.cycles[slug], loaded.quarters[slug], None, Scope.TENANT,
                loaded.hr_users[slug], 50, None)
            skps = await SkpPageRepository(session).page(
                loaded.cycles[slug], Scope.TENANT, loaded.hr_users[slug], 50, None, True)
            sa.event.remove(app_db.engine.sync_engine, "before_cursor_execute", capture)
            connection = await session.connection()
            plans = {}
            for table in ("page_result", "page_skp"):  # the walks' LATERAL subqueries
                statement, parameters = next(s for s in sent if f"AS {table} ON" in s[0])
                plans[table] = (await connection.exec_driver_sql(
                    "EXPLAIN (FORMAT JSON) " + statement, parameters)).scalar()
            walked = {}  # every page of both lists, by (name, employee id) cursors
            for name, read in (
                    ("results", lambda after: ResultPageRepository(session).page(
                        loaded.cycles[slug], loaded.quarters[slug], None, Scope.TENANT,
                        loaded.hr_users[slug], 100, after)),
                    ("skps", lambda after: SkpPageRepository(session).page(
                        loaded.cycles[slug], Scope.TENANT, loaded.hr_users[slug], 100,
                        after))):
                seen, after = [], None
                while True:
                    page = await read(after)
                    seen += page[:100]
                    if len(page) <= 100:
                        break
                    after = [page[99].employee_name, str(page[99].employee_id)]
                walked[name] = seen
        finally:
            await session.close()
            await app_db.dispose()
    finally:
        await databases.aclose()
    assert len(rows) == 51 and len(skps) == 51
    for name, seen in walked.items():
        same = [r.employee_id for r in seen if r.employee_name == "Sama Nama"]
        assert len(seen) == len({r.id for r in seen}) == 2000, name  # none twice, none lost
        assert len(same) == 300 and same == sorted(same), name  # namesakes by employee id
    for table, plan in plans.items():
        kinds = {n["Node Type"] for n in _nodes(plan[0]["Plan"])}
        assert "Sort" not in kinds and "Hash Join" not in kinds, (table, kinds)
        assert plan[0]["Plan"]["Node Type"] == "Limit", (table, plan)


def test_the_skp_and_results_pages_walk_employees_by_name_on_postgresql():
    """At 500 employees an agency PostgreSQL would rather join and sort them all (1.0-1.3 ms
    against 0.3-0.4 ms for the walk, bench/README), so on PostgreSQL the pages look each
    employee's row up in a LATERAL subquery it cannot pull up into a join (OFFSET 0,
    kit/compiled.per_row); SQLite, which has no LATERAL, keeps the join. The test above shows
    the plan that comes of it."""
    from sqlalchemy.dialects import postgresql, sqlite

    from kinerja.results import page_repository as result_pages
    from kinerja.skp import page_repository as skp_pages

    for read in (skp_pages.page_read(skp_pages.Shape(Scope.UNIT, True, True, True), 51),
                 result_pages.page_read(result_pages.Shape(Scope.UNIT, True, True, True), 51)):
        walk = " ".join(str(read.postgresql.compile(dialect=postgresql.dialect())).split())
        assert "FROM employee JOIN LATERAL (SELECT" in walk and "OFFSET 0) AS page_" in walk
        assert walk.endswith("ORDER BY employee.name, employee.id LIMIT 51")
        joined = str(read.statement.compile(dialect=sqlite.dialect()))
        assert "LATERAL" not in joined and "ORDER BY employee.name, employee.id" in joined
