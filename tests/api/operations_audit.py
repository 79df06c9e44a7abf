"""Cases of tests/api/test_operations.py for the audit-chain and "who viewed" operations."""

from __future__ import annotations

import uuid

from kinerja.models import DataView
from kinerja.models.base import utcnow
from tests.support.api import gid


async def _hr_viewed_staff(db, world) -> None:
    tenant_id = world.tenant_id("alpha")
    async with db.unit_of_work(tenant_id=tenant_id) as session:
        session.add(DataView(tenant_id=tenant_id, window_start=utcnow(),
                             viewer_user_id=world.user_id("hr.alpha"),
                             subject_employee_id=world.employee_id("alpha", "staff"),
                             kind="RESULT_EXPLANATION", skp_id=uuid.uuid4(),
                             period_id=uuid.uuid4(), result_id=uuid.uuid4()))


async def my_data_views(api, world, db):
    await _hr_viewed_staff(db, world)
    return {"first": 10}


async def data_views(api, world, db):
    await _hr_viewed_staff(db, world)
    return {"first": 10, "subjectEmployeeId": gid("Employee", world.employee_id("alpha", "staff"))}


async def verify(api, world, db):
    await api.gql("mutation($i:CreateRoleInput!){createRole(input:$i){errors{code}}}",
                  {"i": {"name": "pemeriksa", "permissions": [
                      {"resource": "audit", "action": "read", "scope": "TENANT"}]}},
                  user="admin.alpha")
    return {}


def check_verify(data, world):
    answer = data["verifyAuditTrail"]
    assert answer["ok"] is True and answer["firstBroken"] is None
    assert answer["eventsChecked"] == answer["headSeq"] >= 1


def check_my_data_views(data, world):
    [edge] = data["myDataViews"]["edges"]
    assert (edge["node"]["viewerUsername"], edge["node"]["kind"]) == (
        "hr.alpha", "RESULT_EXPLANATION")


def check_data_views(data, world):
    [node] = data["dataViews"]["nodes"]
    assert (node["subjectName"], node["viewerName"]) == ("Alpha Staff", "Hr Alpha")


# name -> (user, variables builder taking (api, world, db), check)
OPERATIONS = {
    "VerifyAuditTrail": ("auditor.alpha", verify, check_verify),
    "MyDataViews": ("staff.alpha", my_data_views, check_my_data_views),
    "DataViews": ("auditor.alpha", data_views, check_data_views),
}
