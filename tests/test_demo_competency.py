"""Pauh demo competency evidence: all three sources for several employees, a pending
self-assessment for the rater to decide, and a target position; visible through the API."""

from __future__ import annotations

from collections import Counter

import sqlalchemy as sa

from kinerja.models import CompetencyAssessment, EmployeeTargetPosition, PositionStandard
from tests.support.api import Api, gid
from tests.test_demo_cycle import DemoWorld

GAPS = ("query($e:ID!){competencyGaps(employeeId:$e,position:TARGET){position{code} jpm "
        "band{code} gaps{competencyCode actualLevel}}}")
MATRIX = "{competencyGapMatrix(first:5){bandCounts{band{code} count} rows{totalCount}}}"


async def test_demo_has_assessments_from_every_source_and_a_target(db, demo, client,
                                                                   settings):
    data, loaded = demo
    tenant = data.tenants[0]
    tenant_id = loaded.tenant_ids[tenant.slug]
    async with db.session(tenant_id=tenant_id) as session:
        rows = (await session.execute(sa.select(CompetencyAssessment.source,
                                                CompetencyAssessment.status,
                                                CompetencyAssessment.employee_id))).all()
        targets = (await session.execute(sa.select(EmployeeTargetPosition.employee_id))).all()
    by_source = Counter((r.source, r.status) for r in rows)
    assert by_source[("SELF", "ACCEPTED")] >= 4 and by_source[("SELF", "PENDING")] >= 2
    assert by_source[("RATER", "ACCEPTED")] >= 12
    assert by_source[("ASSESSMENT_CENTRE", "ACCEPTED")] == 9
    assert len({r.employee_id for r in rows}) >= 2 and len(targets) == 1
    hr = next(u.username for u in tenant.users if "hr" in u.roles)
    api = Api(client, DemoWorld(loaded, settings))
    target = (await api.gql(GAPS, {"e": gid("Employee", targets[0].employee_id)}, user=hr,
                            tenant=tenant.slug)).ok()["competencyGaps"]
    assert target["position"] is not None and target["jpm"] > 0
    matrix = (await api.gql(MATRIX, user=hr, tenant=tenant.slug)).ok()["competencyGapMatrix"]
    assert sum(c["count"] for c in matrix["bandCounts"]) == matrix["rows"]["totalCount"] > 0


FRAMEWORK = "{competencyFramework{technical{version competencies{code levels{level}}}}}"


async def test_demo_agencies_have_technical_frameworks_and_position_standards(
        db, demo, client, settings):
    data, loaded = demo
    tenant = data.tenants[0]  # the Kantor Camat: PATEN, archives, public order
    hr = next(u.username for u in tenant.users if "hr" in u.roles)
    api = Api(client, DemoWorld(loaded, settings))
    framework = (await api.gql(FRAMEWORK, user=hr, tenant=tenant.slug)).ok()
    technical = framework["competencyFramework"]["technical"]["competencies"]
    assert {c["code"] for c in technical} >= {"T.PATEN", "T.ARSIP"}
    assert all(len(c["levels"]) == 5 for c in technical)
    async with db.session(tenant_id=loaded.tenant_ids[tenant.slug]) as session:
        overrides = (await session.execute(sa.select(PositionStandard.competency_code))).all()
    assert "T.PATEN" in {r.competency_code for r in overrides}
