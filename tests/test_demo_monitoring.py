"""The Pauh demo's monitoring data: realisations for Q1-Q3 with link evidence on approved SKPs,
the service-innovation example with its evidence and a feedback thread, visible at once to the
rater and HR through the API."""

from __future__ import annotations

import sqlalchemy as sa

from kinerja.demo.monitoring import INNOVATION
from kinerja.models import Employee, Evidence, FeedbackEntry, Period, Realisation, Skp
from tests.support.api import Api, gid
from tests.test_demo_cycle import DemoWorld, _rows

READ = ("query($id:ID!){skp(id:$id){realisations{narrative evidence{kind url title}} "
        "feedback{about realisationId text authorName replies{text byEmployee}}}}")


async def test_demo_realisations_and_feedback(db, demo, client, settings):
    data, loaded = demo
    username_of = {v: k for k, v in loaded.user_ids.items()}
    api = Api(client, DemoWorld(loaded, settings))
    for tenant in data.tenants:
        tenant_id = loaded.tenant_ids[tenant.slug]
        rows = await _rows(db, tenant_id, sa.select(
            Realisation.id, Realisation.skp_id, Realisation.narrative, Period.kind,
            Period.number, Skp.status).join(Period, Period.id == Realisation.period_id)
            .join(Skp, Skp.id == Realisation.skp_id))
        assert rows and {(r.kind, r.number) for r in rows} == {("QUARTER", n) for n in (1, 2, 3)}
        assert {r.status for r in rows} == {"APPROVED"}
        evidence = await _rows(db, tenant_id, sa.select(Evidence.realisation_id, Evidence.url))
        assert {e.realisation_id for e in evidence} == {r.id for r in rows}
        assert all(e.url.startswith("https://") for e in evidence)
        [featured] = [r for r in rows if r.narrative == INNOVATION]
        threads = await _rows(db, tenant_id, sa.select(FeedbackEntry.id).where(
            FeedbackEntry.realisation_id == featured.id))
        assert len(threads) == 1
        [line] = await _rows(db, tenant_id, sa.select(Employee.user_id).join(
            Skp, Skp.rater_id == Employee.id).where(Skp.id == featured.skp_id))
        hr = next(u.username for u in tenant.users if "hr" in u.roles)
        readers = [hr] + ([username_of[line.user_id]] if line.user_id else [])
        for username in readers:
            skp = (await api.gql(READ, {"id": gid("Skp", featured.skp_id)}, user=username,
                                 tenant=tenant.slug)).ok()["skp"]
            innovation = [r for r in skp["realisations"] if r["narrative"] == INNOVATION]
            assert len(innovation) == 1 and len(innovation[0]["evidence"]) == 2, username
            about = [t for t in skp["feedback"] if t["about"] == "REALISATION"]
            assert about and about[0]["text"], username
