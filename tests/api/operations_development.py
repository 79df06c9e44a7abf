"""Cases of tests/api/test_operations.py for the training and development operations:
`(user, variables builder, check)` per operation file, read as a client would (versions)."""

from __future__ import annotations

from tests.support.api import gid
from tests.support.signals import m05_gap

YEAR = 2026
ACTIVITY = {"title": "Pelatihan Pelayanan Prima", "form": "KLASIKAL", "kind": "PELATIHAN_TEKNIS",
            "competencyCodes": ["M.05"], "jp": 24, "provider": "BPSDM Sumatera Barat"}
CREATE = ("mutation($i:TrainingActivityInput!){createTrainingActivity(input:$i){"
          "activity{id version} errors{code}}}")
PROPOSE = ("mutation($i:ProposeDevelopmentItemInput!){proposeDevelopmentItem(input:$i){"
           "item{id version} errors{code}}}")
APPROVE = ("mutation($i:ApproveDevelopmentItemInput!){approveDevelopmentItem(input:$i){"
           "item{id version} errors{code}}}")


def staff(world) -> str:
    return gid("Employee", world.employee_id("alpha", "staff"))


async def new_activity(api) -> dict:
    data = (await api.gql(CREATE, {"i": ACTIVITY}, user="hr.alpha")).ok()
    return data["createTrainingActivity"]["activity"]


async def proposed_item(api, world, approved: bool = False) -> dict:
    activity = await new_activity(api)
    data = (await api.gql(PROPOSE, {"i": {"employeeId": staff(world), "year": YEAR,
                                          "activityId": activity["id"]}},
                          user="staff.alpha")).ok()
    item = data["proposeDevelopmentItem"]["item"]
    if approved:
        item = (await api.gql(APPROVE, {"i": {"id": item["id"]}}, user="rater.alpha")).ok()[
            "approveDevelopmentItem"]["item"]
    return item


async def update_settings(api, world):
    return {"input": {"version": 0, "minimumJp": [{"employeeType": "PPPK", "jp": 24}],
                      "jpRules": [{"kind": "BIMBINGAN_TEKNIS", "jpPerDay": 6}]}}


async def settings_versions(api, world):
    await api.gql("mutation($i:UpdateTrainingSettingsInput!){updateTrainingSettings(input:$i)"
                  "{errors{code}}}", {"i": {"lowValueThreshold": 3.0}}, user="hr.alpha")
    return {}


async def activities(api, world):
    await new_activity(api)
    return {"first": 10, "competencyCode": "M.05", "form": "KLASIKAL", "active": True}


async def update_activity(api, world):
    activity = await new_activity(api)
    return {"input": {"id": activity["id"], "version": activity["version"], "activity": {
        **ACTIVITY, "kind": "WORKSHOP", "jp": None, "durationDays": 3, "international": True}}}


async def deactivate_activity(api, world):
    activity = await new_activity(api)
    return {"input": {"id": activity["id"], "version": activity["version"]}}


async def propose(api, world):
    activity = await new_activity(api)
    return {"input": {"employeeId": staff(world), "year": YEAR, "activityId": activity["id"]}}


async def plan(api, world):
    await proposed_item(api, world)
    return {"employeeId": staff(world), "year": YEAR}


async def suggestions(api, world):
    await new_activity(api)
    await m05_gap(api, world)
    return {"employeeId": staff(world), "year": YEAR}


async def accept(api, world):
    activity = await new_activity(api)
    await m05_gap(api, world)
    from kinerja.graphql.relay import from_global_id

    return {"input": {"employeeId": staff(world), "year": YEAR,
                      "key": f"activity:{from_global_id(activity['id'])[1]}"}}


async def approve(api, world):
    item = await proposed_item(api, world)
    return {"input": {"id": item["id"], "version": item["version"]}}


async def complete(api, world):
    item = await proposed_item(api, world, approved=True)
    (await api.gql("mutation($i:UpdateDevelopmentItemStatusInput!){updateDevelopmentItemStatus"
                   "(input:$i){errors{code}}}", {"i": {"id": item["id"],
                                                       "status": "IN_PROGRESS"}},
                   user="staff.alpha")).ok()
    return {"input": {"id": item["id"], "status": "COMPLETED", "version": item["version"] + 1,
                      "actualJp": 20, "evidenceUrl": "https://lms.example/sertifikat/1"}}


async def compliance(api, world):
    return {"year": YEAR, "unitId": gid("OrgUnit", world.unit_id("alpha", "SEC")),
            "belowOnly": True, "first": 10}


def check_settings(data, world):
    assert data["trainingSettings"]["version"] == 0 and data["trainingSettings"]["jpRules"]


def check_settings_versions(data, world):
    [version] = data["trainingSettingsVersions"]
    assert version["version"] == 1


def check_update_settings(data, world):
    saved = data["updateTrainingSettings"]["settings"]
    assert saved["version"] == 1 and {"employeeType": "PPPK", "jp": 24} in saved["minimumJp"]


def check_activities(data, world):
    assert [n["jp"] for n in data["trainingActivities"]["nodes"]] == [24]


def check_create_activity(data, world):
    assert data["createTrainingActivity"]["activity"]["jp"] == 24


def check_update_activity(data, world):
    activity = data["updateTrainingActivity"]["activity"]
    assert (activity["kind"], activity["jp"], activity["version"]) == ("WORKSHOP", 21, 2)


def check_deactivate_activity(data, world):
    assert data["deactivateTrainingActivity"]["activity"]["active"] is False


def check_propose(data, world):
    assert data["proposeDevelopmentItem"]["item"]["status"] == "PROPOSED"


def check_plan(data, world):
    found = data["developmentPlan"]
    assert found["employee"]["rater"]["name"] == "Alpha Rater"
    assert [i["status"] for i in found["items"]] == ["PROPOSED"] and found["shortfallJp"] == 20


def check_suggestions(data, world):
    [found] = data["developmentSuggestions"]
    assert found["reasons"][0]["text"] == "M.05 Pelayanan Publik level 1 of 3 required"


def check_accept(data, world):
    assert data["acceptSuggestion"]["item"]["reasons"][0]["code"] == "GAP"


def check_approve(data, world):
    assert data["approveDevelopmentItem"]["item"]["status"] == "APPROVED"


def check_complete(data, world):
    done = data["updateDevelopmentItemStatus"]
    assert done["item"]["status"] == "COMPLETED" and done["plan"]["completedJp"] == 20
    assert done["item"]["evidenceUrl"] and done["item"]["evidenceFile"] is None


def check_compliance(data, world):
    result = data["jpCompliance"]
    assert result["belowCount"] == 3 and len(result["nodes"]) == 3


OPERATIONS = {
    "TrainingSettings": ("staff.alpha", lambda api, w: {}, check_settings),
    "TrainingSettingsVersions": ("auditor.alpha", settings_versions, check_settings_versions),
    "UpdateTrainingSettings": ("hr.alpha", update_settings, check_update_settings),
    "TrainingActivities": ("staff.alpha", activities, check_activities),
    "CreateTrainingActivity": ("hr.alpha", lambda api, w: {"input": ACTIVITY},
                               check_create_activity),
    "UpdateTrainingActivity": ("hr.alpha", update_activity, check_update_activity),
    "DeactivateTrainingActivity": ("hr.alpha", deactivate_activity, check_deactivate_activity),
    "ProposeDevelopmentItem": ("staff.alpha", propose, check_propose),
    "DevelopmentPlan": ("rater.alpha", plan, check_plan),
    "DevelopmentSuggestions": ("staff.alpha", suggestions, check_suggestions),
    "AcceptSuggestion": ("staff.alpha", accept, check_accept),
    "ApproveDevelopmentItem": ("rater.alpha", approve, check_approve),
    "UpdateDevelopmentItemStatus": ("staff.alpha", complete, check_complete),
    "JpCompliance": ("hr.alpha", compliance, check_compliance),
}
