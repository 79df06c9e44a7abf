"""Bad input for training and development: every malformed or invalid input gets a typed code
(top-level extensions.code or payload error codes), never a 5xx or INTERNAL_SERVER_ERROR, and
changes no table."""

from __future__ import annotations

import base64

import orjson
import pytest

from tests.isolation import diff_snapshots, snapshot_all
from tests.isolation.cases_development import raw, with_development
from tests.support.api import gid

SETTINGS = ("mutation($i:UpdateTrainingSettingsInput!){updateTrainingSettings(input:$i){"
            "settings{version} errors{field code}}}")
CREATE = ("mutation($i:TrainingActivityInput!){createTrainingActivity(input:$i){"
          "activity{id} errors{field code}}}")
UPDATE = ("mutation($i:UpdateTrainingActivityInput!){updateTrainingActivity(input:$i){"
          "activity{id} errors{field code}}}")
PROPOSE = ("mutation($i:ProposeDevelopmentItemInput!){proposeDevelopmentItem(input:$i){"
           "item{id} errors{field code}}}")
ACCEPT = "mutation($i:AcceptSuggestionInput!){acceptSuggestion(input:$i){item{id} errors{code}}}"
STATUS = ("mutation($i:UpdateDevelopmentItemStatusInput!){updateDevelopmentItemStatus(input:$i)"
          "{item{id} errors{field code}}}")
APPROVE = ("mutation($i:ApproveDevelopmentItemInput!){approveDevelopmentItem(input:$i){"
           "item{id} errors{field code}}}")
PLAN = "query($e:ID!,$y:Int!){developmentPlan(employeeId:$e,year:$y){id}}"
COMPLIANCE = ("query($y:Int!,$u:ID,$n:Int,$a:String){jpCompliance(year:$y,unitId:$u,first:$n,"
              "after:$a){totalCount}}")
ACTIVITIES = ("query($n:Int,$a:String,$c:String){trainingActivities(first:$n,after:$a,"
              "competencyCode:$c){totalCount}}")
ACTIVITY = {"title": "Seminar", "form": "KLASIKAL", "kind": "SEMINAR",
            "competencyCodes": ["M.05"], "durationDays": 1}


def cursor(values) -> str:
    return base64.urlsafe_b64encode(orjson.dumps(values)).decode()


def cases(world):
    staff = gid("Employee", world.employee_id("alpha", "staff"))
    item = gid("DevelopmentItem", raw(world, "alpha", "approved"))
    proposed = gid("DevelopmentItem", raw(world, "alpha", "proposed"))
    activity = gid("TrainingActivity", raw(world, "alpha", "pelayanan"))
    return [
        (SETTINGS, {"version": 1, "lowValueThreshold": 1e308}, {"OUT_OF_RANGE"}),
        (SETTINGS, {"jpRules": [{"kind": "NOPE"}]}, {"BAD_USER_INPUT"}),
        (SETTINGS, {"minimumJp": [{"employeeType": "PNS", "jp": 1e9}]}, {"OUT_OF_RANGE"}),
        (SETTINGS, {"developmentPredikat": [{"predikat": "BAIK",
                                             "competencyCodes": ["x" * 5000]}]},
         {"UNKNOWN_REFERENCE"}),
        (CREATE, {**ACTIVITY, "title": "x" * 10000}, {"TOO_LONG"}),
        (CREATE, {**ACTIVITY, "durationDays": 1e300}, {"OUT_OF_RANGE"}),
        (CREATE, {**ACTIVITY, "competencyCodes": ["M.05"] * 500}, {"TOO_MANY_ROWS", "DUPLICATE"}),
        (CREATE, {**ACTIVITY, "form": "ONLINE"}, {"BAD_USER_INPUT"}),
        (UPDATE, {"id": "bm9wZQ==", "activity": ACTIVITY}, {"INVALID_ID"}),
        (UPDATE, {"id": staff, "activity": ACTIVITY}, {"INVALID_ID"}),  # wrong type of ID
        (UPDATE, {"id": activity, "version": -3, "activity": ACTIVITY}, {"CONFLICT"}),
        (PROPOSE, {"employeeId": "%%%", "year": 2026}, {"INVALID_ID"}),
        (PROPOSE, {"employeeId": staff, "year": 2026, "activityId": staff}, {"UNKNOWN_REFERENCE"}),
        (PROPOSE, {"employeeId": staff, "year": -1, "title": "x", "competencyCode": "M.01",
                   "jp": 1}, {"OUT_OF_RANGE"}),
        (PROPOSE, {"employeeId": staff, "year": 2026, "title": "x", "competencyCode": "M.01",
                   "durationHours": -1}, {"OUT_OF_RANGE"}),
        (PROPOSE, {"employeeId": staff, "year": 2026, "title": "x", "competencyCode": "M.01",
                   "jp": 1, "durationHours": 1, "durationDays": 1}, {"JP_CHOICE"}),
        (ACCEPT, {"employeeId": staff, "year": 2026, "key": "x" * 3000}, {"UNKNOWN_REFERENCE"}),
        (STATUS, {"id": item, "status": "COMPLETED"}, {"INVALID_TRANSITION", "EVIDENCE_REQUIRED"}),
        (STATUS, {"id": item, "status": "DONE"}, {"BAD_USER_INPUT"}),
        (STATUS, {"id": item, "status": "IN_PROGRESS", "actualJp": 5}, {"INVALID_VALUE"}),
        (STATUS, {"id": item, "status": "COMPLETED", "evidenceFileId": "%%"},
         {"INVALID_TRANSITION", "UNKNOWN_REFERENCE"}),
        (STATUS, {"id": item, "status": "COMPLETED", "evidenceFileId": "x" * 5000},
         {"INVALID_TRANSITION", "UNKNOWN_REFERENCE"}),
        (STATUS, {"id": item, "status": "COMPLETED", "evidenceFileId": staff},
         {"INVALID_TRANSITION", "UNKNOWN_REFERENCE"}),  # wrong type of ID
        (STATUS, {"id": item, "status": "CANCELLED", "evidenceFileId": staff},
         {"INVALID_VALUE"}),
        (STATUS, {"id": proposed, "status": "PROPOSED"}, {"INVALID_TRANSITION"}),
        (APPROVE, {"id": proposed, "version": 99}, {"CONFLICT"}),
        (APPROVE, {"id": "", "version": 1}, {"INVALID_ID"}),
    ]


QUERIES = [
    (PLAN, lambda w: {"e": gid("Employee", w.employee_id("alpha", "staff")), "y": 10 ** 6},
     "BAD_REQUEST"),
    (PLAN, lambda w: {"e": "bad", "y": 2026}, "INVALID_ID"),
    (COMPLIANCE, lambda w: {"y": 2026, "a": "###"}, "INVALID_CURSOR"),
    (COMPLIANCE, lambda w: {"y": 2026, "a": cursor([1, 2])}, "INVALID_CURSOR"),
    (COMPLIANCE, lambda w: {"y": 2026, "a": cursor(["x", "not-a-uuid"])}, "INVALID_CURSOR"),
    (COMPLIANCE, lambda w: {"y": 2026, "n": 0}, "PAGE_SIZE"),
    (COMPLIANCE, lambda w: {"y": 2026, "u": "zzz"}, "INVALID_ID"),
    (ACTIVITIES, lambda w: {"n": 100000}, "PAGE_SIZE"),
    (ACTIVITIES, lambda w: {"a": cursor(["t", 5])}, "INVALID_CURSOR"),
]


@pytest.fixture
async def prepared(db, services, world):
    await with_development(db, services, world)


async def test_bad_mutation_input_is_refused_with_a_code_and_changes_nothing(api, db, world,
                                                                             prepared):
    before = await snapshot_all(db)
    failures = []
    for operation, variables, expected in cases(world):
        result = await api.gql(operation, {"i": variables}, user="hr.alpha", tenant="alpha")
        payload = next(iter((result.data or {}).values()), None) or {}
        found = set(result.codes) | {e["code"] for e in payload.get("errors") or []}
        if result.status >= 500 or "INTERNAL_SERVER_ERROR" in found or not found or not (
                found <= expected):
            failures.append(f"{operation[:60]} {variables}: {result.status} {result.body}")
    assert not failures, "\n".join(failures)
    assert diff_snapshots(before, await snapshot_all(db)) == []


async def test_bad_query_arguments_get_typed_errors(api, world, prepared):
    for operation, variables, expected in QUERIES:
        result = await api.gql(operation, variables(world), user="hr.alpha", tenant="alpha")
        assert result.status < 500 and result.codes == [expected], (operation, result.body)
