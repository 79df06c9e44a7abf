"""Variables builders and checks of the self-assessment and 360 operations for
tests/api/test_operations.py: a RUNNING 2027 cycle launched through the API; the world's
staff member is the employee (and, on the rater's SKP, a SUBORDINATE reviewer)."""

from __future__ import annotations

from kinerja.skp.codes import BERAKHLAK
from tests.api.reviews_support import launch_running
from tests.support.api import gid

PLAN = ("mutation($i:SaveSkpPlanInput!){saveSkpPlan(input:$i){skp{workResults{id}} "
        "errors{code}}}")
SAVE_SELF = ("mutation($i:SaveSelfAssessmentInput!){saveSelfAssessment(input:$i){"
             "selfAssessment{id version} errors{code}}}")
NOMINATE = ("mutation($i:NominateReviewersInput!){nominateReviewers(input:$i){errors{code}}}")
MINE = "{myReviewRequests{id version}}"
SAVE_ANSWER = ("mutation($i:SaveReviewResponseInput!){saveReviewResponse(input:$i){"
               "request{version} errors{code}}}")
FULL = [{"value": v, "score": 4} for v in BERAKHLAK]


async def _running(api) -> tuple[str, dict[str, str]]:
    _, periods, skps = await launch_running(api)
    return periods[0]["id"], skps


async def _draft(api, complete: bool) -> tuple[dict, dict]:
    period, skps = await _running(api)
    plan = (await api.gql(PLAN, {"i": {"skpId": skps["staff"], "workResults": [
        {"kind": "UTAMA", "text": "Arsip tertata", "indicators": [
            {"aspect": "KUANTITAS", "text": "Berkas", "targetValue": 50,
             "targetUnit": "berkas"}]}]}}, user="staff.alpha")).ok()
    rhk = plan["saveSkpPlan"]["skp"]["workResults"][0]["id"]
    data = {"skpId": skps["staff"], "periodId": period,
            "workResults": [{"workResultId": rhk, "rating": "SESUAI", "comment": "Tepat waktu"}],
            "values": [{"value": v, "rating": "SESUAI"} for v in BERAKHLAK] if complete else [],
            "overallComment": "Triwulan pertama sesuai rencana"}
    return data, (await api.gql(SAVE_SELF, {"i": data}, user="staff.alpha")).ok()[
        "saveSelfAssessment"]["selfAssessment"]


async def self_assessment(api, world):
    data, _ = await _draft(api, complete=False)
    return {"skpId": data["skpId"], "periodId": data["periodId"]}


async def save_self_assessment(api, world):
    data, saved = await _draft(api, complete=False)
    return {"input": {**data, "version": saved["version"],
                      "values": [{"value": "LOYAL", "rating": "DI_ATAS"}]}}


async def submit_self_assessment(api, world):
    _, saved = await _draft(api, complete=True)
    return {"input": {"id": saved["id"], "version": saved["version"]}}


async def staff_skp_period(api, world):
    period, skps = await _running(api)
    await api.gql(NOMINATE, {"i": {"skpId": skps["staff"], "periodId": period, "reviewers": [
        {"employeeId": gid("Employee", world.employee_id("alpha", "staff2")),
         "relation": "PEER"}]}}, user="staff.alpha")
    return {"skpId": skps["staff"], "periodId": period}


async def nominate_reviewers(api, world):
    period, skps = await _running(api)
    return {"input": {"skpId": skps["staff"], "periodId": period, "reviewers": [
        {"employeeId": gid("Employee", world.employee_id("alpha", "staff2")), "relation": "PEER"},
        {"employeeId": gid("Employee", world.employee_id("alpha", "other")),
         "relation": "PEER"}]}}


async def decide_review_proposal(api, world):
    where = await staff_skp_period(api, world)
    listed = (await api.gql("query($s:ID!,$p:ID!){reviewNominations(skpId:$s,periodId:$p){id}}",
                            {"s": where["skpId"], "p": where["periodId"]},
                            user="rater.alpha")).ok()["reviewNominations"]
    return {"input": {"id": listed[0]["id"], "accept": True}}


async def _staff_request(api, world, full: bool = False) -> dict:
    """HR asks the staff member for feedback on their rater's SKP."""
    period, skps = await _running(api)
    (await api.gql(NOMINATE, {"i": {"skpId": skps["rater"], "periodId": period, "reviewers": [
        {"employeeId": gid("Employee", world.employee_id("alpha", "staff")),
         "relation": "SUBORDINATE"}]}}, user="hr.alpha")).ok()
    [request] = (await api.gql(MINE, user="staff.alpha")).ok()["myReviewRequests"]
    if full:
        saved = (await api.gql(SAVE_ANSWER, {"i": {"id": request["id"], "ratings": FULL}},
                               user="staff.alpha")).ok()["saveReviewResponse"]
        request = {"id": request["id"], "version": saved["request"]["version"]}
    return request


async def my_review_requests(api, world):
    await _staff_request(api, world)
    return {}


async def save_review_response(api, world):
    request = await _staff_request(api, world)
    return {"input": {"id": request["id"], "version": request["version"], "ratings": FULL,
                      "comment": "Memberi arahan yang jelas"}}


async def submit_review_response(api, world):
    request = await _staff_request(api, world, full=True)
    return {"input": {"id": request["id"], "version": request["version"]}}


async def decline_review_request(api, world):
    request = await _staff_request(api, world)
    return {"input": {"id": request["id"], "version": request["version"]}}


def check_self_assessment(data, world):
    assert data["selfAssessment"]["status"] == "DRAFT"
    assert data["selfAssessment"]["workResults"][0]["rating"] == "SESUAI"


def check_save_self_assessment(data, world):
    saved = data["saveSelfAssessment"]["selfAssessment"]
    assert saved["version"] == 2 and saved["values"][4]["rating"] == "DI_ATAS"


def check_submit_self_assessment(data, world):
    assert data["submitSelfAssessment"]["selfAssessment"]["status"] == "SUBMITTED"


def check_review_nominations(data, world):
    assert [n["status"] for n in data["reviewNominations"]] == ["PROPOSED"]


def check_review_summary(data, world):
    summary = data["reviewSummary"]
    assert summary["status"] == "INSUFFICIENT_RESPONSES" and summary["combined"] is None


def check_my_review_requests(data, world):
    [request] = data["myReviewRequests"]
    assert request["employeeName"] == "Alpha Rater" and request["relation"] == "SUBORDINATE"


def check_review_responses(data, world):
    assert [r["status"] for r in data["reviewResponses"]] == ["PROPOSED"]


def check_nominate_reviewers(data, world):
    nominations = data["nominateReviewers"]["nominations"]
    assert [n["status"] for n in nominations] == ["NOMINATED", "NOMINATED"]


def check_decide_review_proposal(data, world):
    assert data["decideReviewProposal"]["nominations"] == []  # accepted: hidden from the rater


def check_request(field: str, status: str):
    def check(data, world):
        assert data[field]["request"]["status"] == status
    return check
