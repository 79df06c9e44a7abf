"""The Pauh demo with its running 2026 cycle (`load_demo(with_cycle=True)`, used by the CLI):
one RUNNING cycle and one SKP per active employee in every tenant, a mix of SKP states with
history and audit as through the API, cascade links into the rater's SKP, and a demo rater who
sees (and can act on) their people's SKPs through the API."""

from __future__ import annotations

from collections import Counter

import sqlalchemy as sa

from kinerja.auth.tokens import issue_token
from kinerja.demo.cycle import CYCLE_NAME
from kinerja.demo.load import LoadedDemo, load_demo
from kinerja.graphql.relay import from_global_id
from kinerja.models import (
    AuditEvent,
    BehaviourExpectation,
    Cycle,
    Employee,
    Indicator,
    RuleSet,
    Skp,
    SkpTransition,
    WorkResult,
)
from tests.support.api import Api, gid

SKPS = ("query($c:ID!){skps(cycleId:$c,first:100){totalCount nodes{id status employee{name} "
        "rater{name} workResults{kind parentId indicators{text}}}}}")
APPROVE = ("mutation($i:SkpTransitionInput!){approveSkp(input:$i){skp{status} "
           "errors{code}}}")


class DemoWorld:
    """Enough of tests.support.world.World for `Api`: tokens for the demo users."""

    def __init__(self, loaded: LoadedDemo, settings):
        self.loaded, self.settings = loaded, settings

    def token(self, username: str) -> str:
        return issue_token(self.settings, self.loaded.user_ids[username]).token


async def _rows(db, tenant_id, stmt):
    async with db.session(tenant_id=tenant_id) as session:
        return (await session.execute(stmt)).all()


async def test_every_tenant_runs_the_2026_cycle_with_one_skp_per_employee_once(db, demo):
    data, loaded = demo
    assert sorted(loaded.created_tenants) == sorted(t.slug for t in data.tenants)
    for tenant in data.tenants:
        tenant_id = loaded.tenant_ids[tenant.slug]
        cycles = await _rows(db, tenant_id, sa.select(Cycle.id, Cycle.year, Cycle.state,
                                                      Cycle.name, Cycle.rule_set_id))
        assert [(c.year, c.state, c.name) for c in cycles] == [(2026, "RUNNING", CYCLE_NAME)]
        rule_sets = await _rows(db, tenant_id, sa.select(RuleSet.id, RuleSet.version))
        assert [(r.id, r.version) for r in rule_sets] == [(cycles[0].rule_set_id, 1)]
        active = {r.id for r in await _rows(db, tenant_id, sa.select(Employee.id).where(
            Employee.active.is_(True), Employee.home_tenant_id.is_(None)))}
        officials = await _rows(db, tenant_id, sa.select(Employee.id)
                                .where(Employee.home_tenant_id.is_not(None)))
        assert len(officials) == len(tenant.parent_raters)  # they have no SKP here
        owners = [r.employee_id for r in await _rows(db, tenant_id, sa.select(Skp.employee_id)
                                                     .where(Skp.cycle_id == cycles[0].id))]
        assert sorted(owners) == sorted(active) and len(owners) == len(tenant.employees)
        actions = Counter(r.action for r in await _rows(db, tenant_id,
                                                        sa.select(AuditEvent.action)))
        assert actions["rule_set.create"] == 1 and actions["cycle.running"] == 1
        assert actions["skp.create"] == len(owners)
    again = await load_demo(db, data, with_cycle=True)  # tenants that exist are skipped
    assert again.created_tenants == []
    for tenant in data.tenants:
        tenant_id = loaded.tenant_ids[tenant.slug]
        assert len(await _rows(db, tenant_id, sa.select(Cycle.id))) == 1
        assert len(await _rows(db, tenant_id, sa.select(Skp.id))) == len(tenant.employees)


async def test_skps_end_in_a_mix_of_states_with_their_history(db, demo):
    data, loaded = demo
    for tenant in data.tenants:
        tenant_id = loaded.tenant_ids[tenant.slug]
        skps = {r.id: r for r in await _rows(db, tenant_id, sa.select(Skp.id, Skp.status))}
        counts = Counter(r.status for r in skps.values())
        assert set(counts) == {"APPROVED", "SUBMITTED", "RETURNED", "DRAFT"}, tenant.slug
        assert counts["APPROVED"] > len(skps) / 2, (tenant.slug, counts)
        history = await _rows(db, tenant_id, sa.select(
            SkpTransition.skp_id, SkpTransition.to_status, SkpTransition.comment,
            SkpTransition.actor_user_id).order_by(SkpTransition.at, SkpTransition.id))
        trail: dict = {}
        for row in history:
            assert row.actor_user_id is not None
            trail.setdefault(row.skp_id, []).append((row.to_status, row.comment))
        for skp_id, row in skps.items():
            steps = [status for status, _ in trail.get(skp_id, [])]
            assert steps == {"DRAFT": [], "SUBMITTED": ["SUBMITTED"],
                             "APPROVED": ["SUBMITTED", "APPROVED"],
                             "RETURNED": ["SUBMITTED", "RETURNED"]}[row.status]
            if row.status == "RETURNED":
                assert trail[skp_id][-1][1], "a returned SKP carries the rater's comment"


async def test_plans_cascade_into_the_raters_skp_and_approved_ones_are_complete(db, demo):
    data, loaded = demo
    linked = expectations = 0
    for tenant in data.tenants:
        tenant_id = loaded.tenant_ids[tenant.slug]
        skps = {r.id: r for r in await _rows(db, tenant_id, sa.select(
            Skp.id, Skp.cycle_id, Skp.employee_id, Skp.rater_id, Skp.status))}
        results = {r.id: r for r in await _rows(db, tenant_id, sa.select(
            WorkResult.id, WorkResult.skp_id, WorkResult.kind, WorkResult.parent_id))}
        with_indicator = {r.work_result_id for r in await _rows(
            db, tenant_id, sa.select(Indicator.work_result_id))}
        assert set(results) == with_indicator, "every RHK has at least one indicator"
        for result in results.values():
            if result.parent_id is None:
                continue
            linked += 1
            own, target = skps[result.skp_id], skps[results[result.parent_id].skp_id]
            assert target.cycle_id == own.cycle_id and target.employee_id == own.rater_id
        for skp in skps.values():
            kinds = [r.kind for r in results.values() if r.skp_id == skp.id]
            if skp.status != "DRAFT":
                assert "UTAMA" in kinds and 1 <= kinds.count("UTAMA") <= 3
                assert kinds.count("TAMBAHAN") <= 1
        assert any(not any(r.skp_id == s.id for r in results.values())
                   for s in skps.values() if s.status == "DRAFT"), "someone has not started"
        expectations += len(await _rows(db, tenant_id, sa.select(BehaviourExpectation.skp_id)))
    assert linked > 20 and expectations > 0


async def test_a_demo_rater_sees_and_approves_their_peoples_skps(db, demo, client, settings):
    data, loaded = demo
    api = Api(client, DemoWorld(loaded, settings))
    tenant = data.tenant("camat-pauh")
    tenant_id = loaded.tenant_ids[tenant.slug]
    camat = loaded.employee_ids[(tenant.slug, "camat")]
    cycle_id = (await _rows(db, tenant_id, sa.select(Cycle.id)))[0].id
    expected = {r.id for r in await _rows(db, tenant_id, sa.select(Skp.id).where(sa.or_(
        Skp.employee_id == camat, Skp.rater_id == camat, Skp.rater_superior_id == camat)))}
    page = (await api.gql(SKPS, {"c": gid("Cycle", cycle_id)}, user="rater1.camat",
                          tenant=tenant.slug)).ok()["skps"]
    assert {from_global_id(n["id"])[1] for n in page["nodes"]} == expected
    assert len(expected) < len(tenant.employees)
    waiting = [n for n in page["nodes"] if n["status"] == "SUBMITTED"
               and n["rater"] and n["rater"]["name"] == next(
                   e.name for e in tenant.employees if e.key == "camat")]
    assert waiting, "the Camat has an SKP to approve"
    assert all(n["workResults"] and n["workResults"][0]["indicators"] for n in waiting)
    done = (await api.gql(APPROVE, {"i": {"id": waiting[0]["id"]}}, user="rater1.camat",
                          tenant=tenant.slug)).ok()["approveSkp"]
    assert done == {"skp": {"status": "APPROVED"}, "errors": []}
