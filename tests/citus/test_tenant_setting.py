"""The agency setting on Citus: set_config stays on the coordinator (the workers' row-level
security then shows nothing), `kinerja_set_tenant`'s SET LOCAL reaches the shards, and a
request still sets its agency inside its single identity statement."""

from __future__ import annotations

import sqlalchemy as sa

COUNT = sa.text("SELECT count(*) FROM employee WHERE tenant_id = :t")


async def test_set_config_stays_on_the_coordinator_and_set_local_reaches_the_shards(db, world):
    alpha = world.tenant_id("alpha")
    conn = db.bind
    async with conn.begin_nested() as savepoint:
        await conn.execute(sa.text("SELECT set_config('app.tenant_id', :t, true)"),
                           {"t": str(alpha)})
        assert (await conn.execute(COUNT, {"t": alpha})).scalar() == 0  # fail closed
        await conn.execute(sa.text("SELECT kinerja_set_tenant(:t)"), {"t": str(alpha)})
        assert (await conn.execute(COUNT, {"t": alpha})).scalar() == 5
        other = world.tenant_id("beta")
        assert (await conn.execute(COUNT, {"t": other})).scalar() == 0
        await savepoint.rollback()


async def test_a_request_sets_its_agency_in_its_one_identity_statement(api, world, sql_counter):
    query = "{ employees(first: 10) { totalCount nodes { name rater { name } } } }"
    await api.gql(query, user="hr.alpha")  # policies loaded
    before = len(sql_counter.statements)
    data = (await api.gql(query, user="hr.beta")).ok()
    # the test's outer transaction: its SAVEPOINTs, and the reset a session joining an
    # enclosing transaction makes (db.py; a request's own transaction starts empty)
    joined = ("SAVEPOINT", "RELEASE", "SET LOCAL app.tenant_id = ''")
    statements = [s for s in sql_counter.statements[before:] if not s.startswith(joined)]
    assert data["employees"]["totalCount"] == 5
    assert [s for s in statements if "kinerja_set_tenant" in s] == statements[:1]
    assert not [s for s in statements if s.lstrip().upper().startswith("SET")]
