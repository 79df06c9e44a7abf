"""The isolation matrix compares beta before and after a call only when the call may have
written (`WriteWatch`): writes of every shape must be seen, plain reads must not count."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as postgres_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from kinerja.models import Employee, LoginThrottle
from kinerja.models.base import utcnow
from tests.isolation import Unchanged, WriteWatch, may_write
from tests.support import citus


# On Citus rows written through Citus (an agency table's shards on a worker, the placements of
# a reference table) are not in the counters of the coordinator's transaction: there the
# statement is the signal.
def _counted(rows: int) -> int:
    return 0 if citus.enabled() else rows


READS = [
    "SELECT employee.id FROM employee WHERE employee.tenant_id = $1",
    "  select updated_at, deleted_at, inserted_by FROM x",
    "WITH RECURSIVE up(id) AS (SELECT id FROM org_unit) SELECT id FROM up",
    "SELECT set_config('app.tenant_id', $1, true)",
    "SET LOCAL app.tenant_id = '01a251e4-17a0-705c-8873-7b22107f9740'",  # Citus
    "SAVEPOINT sa_savepoint_1",
    "RELEASE SAVEPOINT sa_savepoint_1",
    "ROLLBACK TO SAVEPOINT sa_savepoint_1",
    "BEGIN IMMEDIATE",
]
WRITES = [
    "INSERT INTO employee (id) VALUES ($1)",
    "insert into login_throttle (username) values (?) on conflict do nothing",
    "INSERT INTO x VALUES (1) ON CONFLICT (a) DO UPDATE SET b = excluded.b",
    "UPDATE employee SET name = $1",
    "DELETE FROM casbin_rule WHERE v0 = $1",
    "WITH moved AS (UPDATE employee SET name = 'x' RETURNING id) SELECT count(*) FROM moved",
    "WITH gone AS (DELETE FROM employee RETURNING id) SELECT id FROM gone",
    "SELECT id FROM employee WHERE id = $1 FOR UPDATE",
    "SELECT * INTO copy FROM employee",
    "SELECT nextval('seq')",
    "(SELECT 1) UNION (SELECT 2)",  # not recognised as a read: counted as a write
    "REPLACE INTO x VALUES (1)",
    "MERGE INTO x USING y ON true WHEN MATCHED THEN DELETE",
    "TRUNCATE employee",
    "PRAGMA user_version = 3",
    "CREATE TABLE t (a int)",
]


@pytest.mark.parametrize("statement", READS)
def test_plain_reads_are_not_writes(statement):
    assert not may_write(statement)


@pytest.mark.parametrize("statement", WRITES)
def test_every_shape_of_write_is_a_write(statement):
    assert may_write(statement)


async def _watched(db, action) -> tuple[bool, int]:
    """(wrote?, rows the database counted as changed) for `action` inside a SAVEPOINT."""
    watch = WriteWatch(db)
    savepoint = await db.bind.begin_nested()
    try:
        before = await watch.changed_rows()
        await watch.start()
        await action()
        wrote = await watch.wrote()
        return wrote, await watch.changed_rows() - before
    finally:
        await savepoint.rollback()
        watch.close()


async def test_reads_are_not_writes_and_writes_are_seen(db, world):
    alpha = world.tenant_id("alpha")

    async def read():
        async with db.session(tenant_id=alpha) as session:
            await session.execute(sa.select(Employee.id))

    async def update():
        async with db.session(tenant_id=alpha) as session:
            await session.execute(sa.update(Employee).values(name=Employee.name))

    async def upsert():  # the login throttle's shape: INSERT ... ON CONFLICT DO NOTHING
        insert = postgres_insert if db.dialect == "postgresql" else sqlite_insert
        async with db.session() as session:
            for _ in range(2):  # the second one changes nothing, and is still a write
                await session.execute(insert(LoginThrottle).values(
                    username="nobody", failures=0, window_started_at=utcnow())
                    .on_conflict_do_nothing(index_elements=[LoginThrottle.username]))

    assert await _watched(db, read) == (False, 0)
    wrote, changed = await _watched(db, update)
    assert wrote and changed == _counted(5)  # alpha's five employees
    wrote, changed = await _watched(db, upsert)
    assert wrote and changed == _counted(1)


@pytest.mark.postgres_only
async def test_a_write_in_a_cte_or_one_that_rls_filters_out_is_seen(db, world):
    beta = world.tenant_id("beta")

    async def hidden_in_a_cte():
        async with db.session(tenant_id=beta) as session:
            await session.execute(sa.text(
                "WITH moved AS (UPDATE employee SET name = name RETURNING id) "
                "SELECT count(*) FROM moved"))

    async def filtered_by_rls():  # scoped to no tenant: RLS lets the UPDATE reach no row
        async with db.session(platform=True) as session:
            await session.execute(sa.text("UPDATE employee SET name = name"))

    wrote, changed = await _watched(db, hidden_in_a_cte)
    assert wrote and changed == _counted(5)
    assert await _watched(db, filtered_by_rls) == (True, 0)  # the statement alone suffices


async def test_unchanged_reports_what_a_call_changed_and_nothing_after_reads(db, world):
    alpha = world.tenant_id("alpha")
    unchanged = await Unchanged.start(db, skip=("login_throttle",))
    try:
        await unchanged.mark()
        async with db.session(tenant_id=alpha) as session:
            await session.execute(sa.select(Employee.id))
        assert await unchanged.changes() == []
        await unchanged.mark()
        async with db.unit_of_work(tenant_id=alpha) as session:
            await session.execute(sa.update(Employee).where(Employee.name == "Alpha Staff")
                                  .values(name="Renamed"))
        [change] = await unchanged.changes()
        assert change.startswith(f"employee@{alpha}: 5 -> 5 rows") and "Renamed" in change
        await unchanged.mark()  # compared with the state after the previous change
        async with db.unit_of_work(tenant_id=alpha) as session:
            await session.execute(sa.update(Employee).where(Employee.name == "Renamed")
                                  .values(name="Renamed"))
        assert await unchanged.changes() == []
    finally:
        unchanged.close()
