"""The Pauh demo's development data (`load_demo(with_cycle=True)`): a ten-activity catalog with
server-computed JP, plans in every item state for several employees, and a 20 JP compliance
list with employees on both sides, readable through the API by the demo HR user."""

from __future__ import annotations

from collections import Counter

import sqlalchemy as sa

from kinerja.models import AuditEvent, DevelopmentItem, DevelopmentPlan, TrainingActivity
from tests.support.api import Api
from tests.test_demo_cycle import DemoWorld

COMPLIANCE = ("{jpCompliance(year:2026,first:100){totalCount belowCount nodes{employee{name} "
              "completedJp minimumJp shortfallJp}}}")


async def _rows(db, tenant_id, stmt):
    async with db.session(tenant_id=tenant_id) as session:
        return (await session.execute(stmt)).all()


async def test_demo_has_a_catalog_and_plans_in_every_state(db, demo, client, settings):
    data, loaded = demo
    for tenant in data.tenants:
        tenant_id = loaded.tenant_ids[tenant.slug]
        catalog = await _rows(db, tenant_id, sa.select(TrainingActivity.kind, TrainingActivity.jp,
                                                       TrainingActivity.international))
        assert len(catalog) == 10
        jp = {r.kind: r.jp for r in catalog}
        assert (jp["SEMINAR"], jp["WORKSHOP"], jp["KURSUS"], jp["E_LEARNING"]) == (
            4, 10, 38.4, 16)
        plans = await _rows(db, tenant_id, sa.select(DevelopmentPlan.employee_id))
        assert len(plans) == 6
        statuses = Counter(r.status for r in await _rows(db, tenant_id,
                                                         sa.select(DevelopmentItem.status)))
        assert set(statuses) == {"PROPOSED", "APPROVED", "IN_PROGRESS", "COMPLETED",
                                 "CANCELLED"}, statuses
        completed = await _rows(db, tenant_id, sa.select(DevelopmentItem.evidence_url).where(
            DevelopmentItem.status == "COMPLETED"))
        assert all(r.evidence_url.startswith("https://") for r in completed)
        actions = Counter(r.action for r in await _rows(db, tenant_id,
                                                        sa.select(AuditEvent.action)))
        assert actions["training_activity.create"] == 10
        assert actions["development_item.propose"] == 12
    tenant = data.tenants[0]
    hr = next(u.username for u in tenant.users if "hr" in u.roles)
    api = Api(client, DemoWorld(loaded, settings))
    result = (await api.gql(COMPLIANCE, user=hr, tenant=tenant.slug)).ok()["jpCompliance"]
    nodes = result["nodes"]
    assert result["totalCount"] == len(tenant.employees)
    assert any(n["shortfallJp"] == 0 and n["completedJp"] >= 20 for n in nodes)
    assert any(0 < n["completedJp"] < 20 and n["shortfallJp"] == 20 - n["completedJp"]
               for n in nodes)
    assert result["belowCount"] == sum(1 for n in nodes if n["shortfallJp"] > 0)
