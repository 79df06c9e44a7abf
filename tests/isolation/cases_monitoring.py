"""Isolation cases of realisations, evidence and feedback.

`add_monitoring` (on top of `with_skp_plan`) gives BOTH tenants: the cycle RUNNING, the staff
SKP APPROVED, a realisation of the staff indicator in the cycle's period with a link and a
stored-file evidence item, and a feedback thread by the rater with a reply by the staff
member. IDs are deterministic.
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa

from kinerja.models import Cycle, Evidence, FeedbackEntry, Realisation, Skp, StoredFile
from tests.isolation.cases_cycles import NAMESPACE, period_gid, skp_gid
from tests.isolation.cases_skp import raw, with_skp_plan
from tests.support.api import gid

ALL = {"admin", "hr", "rater", "staff", "auditor"}


def mid(world, slug: str, kind: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"monitoring-{kind}:{world.tenant_id(slug)}")


async def add_monitoring(db, world) -> None:
    for slug in ("alpha", "beta"):
        tenant_id = world.tenant_id(slug)
        skp_id = uuid.uuid5(NAMESPACE, f"skp:{tenant_id}")
        session = db.session(tenant_id=tenant_id)
        try:
            await session.execute(sa.update(Cycle).values(state="RUNNING"))
            await session.execute(sa.update(Skp).where(Skp.id == skp_id)
                                  .values(status="APPROVED"))
            session.add(StoredFile(id=mid(world, slug, "file"), tenant_id=tenant_id,
                                   filename=f"bukti-{slug}.pdf", content_type="application/pdf",
                                   size=10, sha256="0" * 64,
                                   uploaded_by=world.user_id(f"staff.{slug}")))
            session.add(Realisation(id=mid(world, slug, "realisation"), tenant_id=tenant_id,
                                    skp_id=skp_id, indicator_id=raw(world, slug, "ind-staff"),
                                    period_id=uuid.uuid5(NAMESPACE, f"period:{tenant_id}"),
                                    value=4, narrative=f"Empat dokumen {slug}"))
            await session.flush()
            session.add_all([
                Evidence(tenant_id=tenant_id, realisation_id=mid(world, slug, "realisation"),
                         position=0, url=f"https://{slug}.example/laporan", title="Laporan"),
                Evidence(tenant_id=tenant_id, realisation_id=mid(world, slug, "realisation"),
                         position=1, file_id=mid(world, slug, "file")),
                FeedbackEntry(id=mid(world, slug, "thread"), tenant_id=tenant_id, skp_id=skp_id,
                              realisation_id=mid(world, slug, "realisation"),
                              author_user_id=world.user_id(f"rater.{slug}"),
                              text=f"Bagus, lanjutkan {slug}")])
            await session.flush()
            session.add(FeedbackEntry(tenant_id=tenant_id, skp_id=skp_id,
                                      thread_id=mid(world, slug, "thread"),
                                      author_user_id=world.user_id(f"staff.{slug}"),
                                      text="Terima kasih"))
            await session.commit()
        finally:
            await session.close()


async def with_monitoring(db, services, world) -> None:
    await with_skp_plan(db, services, world)
    await add_monitoring(db, world)


REALISATION = ("id indicatorId periodId value narrative version recordedByName "
               "evidence{kind url title file{id filename contentType size downloadPath}}")
THREAD = "id about realisationId value text authorName byEmployee replies{id text authorName}"

CASES = [
    {"name": "skp-monitoring", "field": "skp",
     "operation": "query($id:ID!){skp(id:$id){id realisations{" + REALISATION + "} feedback{"
                  + THREAD + "}}}",
     "variables": lambda world, slug: {"id": skp_gid(world, slug)},
     "allowed_roles": ALL, "foreign_ok_codes": ["NOT_FOUND"], "setup": with_monitoring},
    {"field": "saveRealisation",
     "operation": "mutation($i:SaveRealisationInput!){saveRealisation(input:$i){realisation{"
                  + REALISATION + "} errors{field code}}}",
     "variables": lambda world, slug: {"i": {
         "indicatorId": gid("Indicator", raw(world, slug, "ind-staff")),
         "periodId": period_gid(world, slug), "value": 6, "narrative": "Enam dokumen",
         "evidence": [{"url": "https://arsip.example/6", "title": "Arsip"},
                      {"fileId": gid("StoredFile", mid(world, slug, "file"))}]}},
     "allowed_roles": {"admin", "hr", "staff"}, "foreign_ok_codes": ["NOT_FOUND"],
     "setup": with_monitoring},
    {"field": "giveFeedback",
     "operation": "mutation($i:GiveFeedbackInput!){giveFeedback(input:$i){thread{" + THREAD
                  + "} errors{field code}}}",
     "variables": lambda world, slug: {"i": {"skpId": skp_gid(world, slug),
                                             "value": "KOLABORATIF", "text": "Ajak rekan"}},
     "allowed_roles": {"admin", "hr", "rater"}, "foreign_ok_codes": ["NOT_FOUND"],
     "setup": with_monitoring},
    {"field": "replyToFeedback",
     "operation": "mutation($i:ReplyToFeedbackInput!){replyToFeedback(input:$i){thread{"
                  + THREAD + "} errors{field code}}}",
     "variables": lambda world, slug: {"i": {
         "threadId": gid("FeedbackThread", mid(world, slug, "thread")), "text": "Siap"}},
     "allowed_roles": {"admin", "hr", "rater", "staff"}, "foreign_ok_codes": ["NOT_FOUND"],
     "setup": with_monitoring},
]
