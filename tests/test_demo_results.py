"""The Pauh demo's results: rated Q1/Q2 results, organisation results for the units, Q1
released in every tenant with one acknowledgement and one objection awaiting its decision,
and the cycle still RUNNING."""

from __future__ import annotations

from collections import Counter

import sqlalchemy as sa

from kinerja.models import Cycle, Objection, OrganisationResult, PerformanceResult, Period


async def test_demo_has_rated_released_and_objected_results(db, demo):
    data, loaded = demo
    tenant = next(t for t in data.tenants if any("staff" in u.roles for u in t.users))
    async with db.session(tenant_id=loaded.tenant_ids[tenant.slug]) as session:
        rows = (await session.execute(
            sa.select(Period.number, PerformanceResult.status)
            .join(Period, Period.id == PerformanceResult.period_id))).all()
        by_quarter = Counter(rows)
        org = (await session.execute(sa.select(sa.func.count(OrganisationResult.id)))).scalar()
        objections = (await session.execute(sa.select(Objection.status))).scalars().all()
        state = (await session.execute(sa.select(Cycle.state))).scalar()
    assert state == "RUNNING"
    assert org >= 2
    assert {status for (number, status) in by_quarter if number == 2} == {"RATED"}
    q1 = Counter({status: n for (number, status), n in by_quarter.items() if number == 1})
    assert q1["RELEASED"] >= 2 and q1["ACKNOWLEDGED"] == 1 and q1["OBJECTED"] == 1
    assert objections == ["OPEN"]


async def test_each_demo_objection_waits_for_a_superior_who_can_decide_it(db, demo, client,
                                                                         settings):
    """The objecting employee's SKP names a rater's superior with a login, and that login
    finds the objection in `objectionsToDecide` (nobody else decides, PP 30/2019 Pasal 59)."""
    from kinerja.auth.tokens import issue_token
    from kinerja.models import Employee, Skp

    data, loaded = demo
    decidable = 0
    for tenant in data.tenants:
        async with db.session(tenant_id=loaded.tenant_ids[tenant.slug]) as session:
            rows = (await session.execute(
                sa.select(Objection.id, Employee.user_id)
                .join(PerformanceResult, PerformanceResult.id == Objection.result_id)
                .join(Skp, Skp.id == PerformanceResult.skp_id)
                .join(Employee, Employee.id == Skp.rater_superior_id))).all()
        for _objection_id, superior_user in rows:
            assert superior_user is not None, tenant.slug
            token = issue_token(settings, superior_user).token
            response = await client.post("/graphql", json={
                "query": "{ objectionsToDecide { id status } }"},
                headers={"authorization": f"Bearer {token}", "x-tenant": tenant.slug})
            listed = response.json()["data"]["objectionsToDecide"]
            assert [o["status"] for o in listed] == ["OPEN"], (tenant.slug, response.json())
            decidable += 1
    assert decidable >= 3
