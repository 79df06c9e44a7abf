"""Demo 360 data in the running 2026 cycle: in each Pauh tenant with a big enough team, three
employees have published peer feedback and a submitted self-assessment, one has too few
answers; HR sees the aggregates through the API, and no reviewer shows up in them."""

from __future__ import annotations

import orjson
import sqlalchemy as sa

from kinerja.models import Employee, Period, ReviewRequest, SelfAssessment
from tests.support.api import Api, gid
from tests.test_demo_cycle import DemoWorld

SUMMARY = ("query($s:ID!,$p:ID!){reviewSummary(skpId:$s,periodId:$p){status publishedCount "
           "combined{values{value mean}} comments}}")


async def test_demo_has_published_and_insufficient_feedback(db, demo, client, settings):
    _data, loaded = demo
    tenant_id = loaded.tenant_ids["camat-pauh"]
    async with db.session(tenant_id=tenant_id) as session:
        rows = (await session.execute(sa.select(
            ReviewRequest.skp_id, ReviewRequest.period_id, ReviewRequest.status,
            Employee.name).join(Employee, Employee.id == ReviewRequest.reviewer_id))).all()
        selfs = (await session.execute(sa.select(SelfAssessment.status))).scalars().all()
        kinds = dict((await session.execute(sa.select(Period.id, Period.kind))).all())
    assert selfs and set(selfs) == {"SUBMITTED"}
    by_skp: dict = {}
    for row in rows:
        by_skp.setdefault((row.skp_id, row.period_id), []).append(row)
    assert all(kinds[p] != "YEAR" for _, p in by_skp)
    api = Api(client, DemoWorld(loaded, settings))
    seen = []
    for (skp_id, period_id), requests in by_skp.items():
        result = await api.gql(SUMMARY, {"s": gid("Skp", skp_id), "p": gid("Period", period_id)},
                               user="hr.camat", tenant="camat-pauh")
        summary = result.ok()["reviewSummary"]
        seen.append(summary["status"])
        text = orjson.dumps(summary).decode()
        assert not [r.name for r in requests if r.name in text]
        if summary["status"] == "AVAILABLE":
            assert summary["publishedCount"] == 3 and len(summary["comments"]) >= 1
    assert sorted(seen) == ["AVAILABLE"] * 3 + ["INSUFFICIENT_RESPONSES"]
