"""Isolation cases of the tamper-evident audit trail and the "who viewed" trail:
verifyAuditTrail, dataViews, myDataViews.

`setup` gives both agencies audit events (a chain each) and data views of their staff member
seen by their HR officer, so the answers have content and the foreign variant proves that
beta's views (which name beta's people) never appear. None of the fields takes an object ID
except the dataViews filters: beta's IDs simply match nothing ("OK").
"""

from __future__ import annotations

import uuid

from kinerja.audit.recorder import record
from kinerja.models import DataView
from kinerja.models.base import utcnow
from tests.support.api import gid

AUDITORS = {"admin", "auditor"}
EVERYONE = {"admin", "hr", "rater", "staff", "auditor"}
VIEW = "id at kind viewerUsername viewerName subjectName skpId periodId resultId"


async def with_views(db, services, world) -> None:
    for slug in ("alpha", "beta"):
        tenant_id = world.tenant_id(slug)
        async with db.unit_of_work(tenant_id=tenant_id) as session:
            for n in range(3):
                await record(session, tenant_id=tenant_id, actor_user_id=None,
                             action="test.change", object_type="Test", object_id=f"{slug}-{n}")
            session.add(DataView(
                tenant_id=tenant_id, window_start=utcnow(),
                viewer_user_id=world.user_id(f"hr.{slug}"),
                subject_employee_id=world.employee_id(slug, "staff"), kind="RESULT",
                skp_id=uuid.uuid4(), period_id=uuid.uuid4(), result_id=uuid.uuid4()))


def _none(world, slug):
    return {}


CASES = [
    {"field": "verifyAuditTrail", "setup": with_views,
     "operation": "{verifyAuditTrail{ok eventsChecked headSeq headHash "
                  "firstBroken{seq eventId problem message}}}",
     "variables": _none, "allowed_roles": AUDITORS, "foreign_ok_codes": []},
    {"field": "dataViews", "setup": with_views,
     "operation": "{dataViews(first:50){totalCount nodes{" + VIEW + "}}}",
     "variables": _none, "allowed_roles": AUDITORS, "foreign_ok_codes": []},
    {"name": "dataViews-of-subject", "field": "dataViews", "setup": with_views,
     "operation": "query($e:ID,$v:ID){dataViews(subjectEmployeeId:$e,viewerUserId:$v){"
                  "nodes{" + VIEW + "}}}",
     "variables": lambda world, slug: {"e": gid("Employee", world.employee_id(slug, "staff")),
                                       "v": gid("User", world.user_id(f"hr.{slug}"))},
     "allowed_roles": AUDITORS, "foreign_ok_codes": ["OK"]},
    {"field": "myDataViews", "setup": with_views,
     "operation": "{myDataViews(first:50){totalCount nodes{" + VIEW + "} "
                  "pageInfo{hasNextPage endCursor}}}",
     "variables": _none, "allowed_roles": EVERYONE, "foreign_ok_codes": []},
]
