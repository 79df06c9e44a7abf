"""Regressions for defects an adversarial review found in the merged features: 360 anonymity
(nomination errors, audit trail), result visibility through the distribution check, and
Unicode digits in the assessment-centre CSV."""

from __future__ import annotations

from tests.api.reviews_support import setup_reviews
from tests.api.test_competency_assessments import RECORD, assessment, employee
from tests.api.test_competency_import import IMPORT, nip
from tests.api.test_development import propose
from tests.api.test_objections import APRIL, file, released
from tests.api.test_result_distribution import QUERY, unit_with_results
from tests.api.test_reviews import DECLINE, MINE, NOMINATE, NOMINATIONS, answer, as_peer
from tests.support.api import gid
from tests.support.results import (
    CALIBRATE,
    DECIDE,
    HEAD,
    ORG,
    READ,
    advance,
    call,
    codes,
    head_login,
    rate,
    running_cycle,
    set_today,
)

LINK = "mutation($i:UpdateEmployeeInput!){updateEmployee(input:$i){errors{code}}}"
AUDIT = ("query($t:String){auditEvents(first:100,objectType:$t){nodes{action actorUserId "
         "objectId}}}")


def _propose_all(s, peers) -> dict:
    return {"i": {"skpId": s.skps["staff"], "periodId": s.period,
                  "reviewers": [{"employeeId": r.gid, "relation": "PEER"} for r in peers]}}


async def test_proposing_someone_already_nominated_does_not_say_so(api, db, services, world):
    s = await setup_reviews(api, db, services, world)
    p = s.peers
    hr = (await api.gql(NOMINATE, {"i": {"skpId": s.skps["staff"], "periodId": s.period,
                                         "reviewers": [{"employeeId": p[1].gid,
                                                        "relation": "PEER"}]}},
                        user="hr.alpha")).ok()["nominateReviewers"]
    assert hr["errors"] == []
    for user in ("staff.alpha", "rater.alpha"):
        probe = (await api.gql(NOMINATE, _propose_all(s, p), user=user)).ok()
        assert codes(probe["nominateReviewers"]) == set(), user
    again = (await api.gql(NOMINATE, _propose_all(s, p[1:2]), user="hr.alpha")).ok()
    assert codes(again["nominateReviewers"]) == {("reviewers.0.employeeId", "DUPLICATE")}


async def test_auditors_do_not_see_who_answered_or_declined(api, db, services, world):
    s = await setup_reviews(api, db, services, world)
    p = s.peers
    (await api.gql(NOMINATE, {"i": {"skpId": s.skps["staff"], "periodId": s.period,
                                    "reviewers": [{"employeeId": r.gid, "relation": "PEER"}
                                                  for r in p[:2]]}}, user="hr.alpha")).ok()
    await answer(api, p[0])
    [mine] = (await as_peer(api, p[1], MINE)).ok()["myReviewRequests"]
    (await as_peer(api, p[1], DECLINE, {"i": {"id": mine["id"]}})).ok()
    nominees = (await api.gql(NOMINATIONS, {"s": s.skps["staff"], "p": s.period},
                              user="auditor.alpha")).ok()["reviewNominations"]
    assert {n["status"] for n in nominees} == {"NOMINATED"}
    for user in ("auditor.alpha", "admin.alpha"):
        events = (await api.gql(AUDIT, {"t": "ReviewRequest"}, user=user)).ok()
        actions = {e["action"] for e in events["auditEvents"]["nodes"]}
        if user == "auditor.alpha":
            assert actions == set()  # hidden from readers without `review identity`
        else:
            assert {"review.submit", "review.decline"} <= actions  # still recorded
    everything = (await api.gql(AUDIT, {"t": None}, user="auditor.alpha")).ok()
    assert not {e["action"] for e in everything["auditEvents"]["nodes"]} & {
        "review.submit", "review.decline"}


async def test_distribution_counts_only_results_the_reader_may_see(api, db, world):
    period, unit = await unit_with_results(api, db, world, {"SANGAT_KURANG": 1})
    rater = (await api.gql(QUERY, {"p": period, "u": unit}, user="rater.alpha")).ok()
    assert rater["resultDistribution"]["unitSize"] == 0
    assert all(g["count"] == 0 for g in rater["resultDistribution"]["groups"])
    hr = (await api.gql(QUERY, {"p": period, "u": unit}, user="hr.alpha")).ok()
    groups = {g["predikat"]: g["count"] for g in hr["resultDistribution"]["groups"]}
    assert groups["SANGAT_KURANG"] == 1


async def test_unicode_digits_in_a_csv_level_are_a_row_error(api, world):
    staff = await nip(api, world, "staff")
    for level in ("²", "٣"):
        text = ("nip,competency_code,level,assessed_on,assessor\n"
                f"{staff},M.01,{level},2026-05-02,BKD\n")
        found = (await api.gql(IMPORT, {"csv": text, "dry": True}, user="hr.alpha")).ok()
        errors = found["importCompetencyAssessments"]["rowErrors"]
        assert [e["code"] for e in errors] == ["OUT_OF_RANGE"], level


# --- second review ---------------------------------------------------------------------------

async def test_a_stale_second_decision_is_a_conflict_and_a_retry_is_a_no_op(
        api, db, world, monkeypatch):
    _, result = await released(api, db, world, monkeypatch)
    head = await head_login(api, world)
    objection = (await file(api, result["id"]))["objection"]
    decision = {"objectionId": objection["id"], "decision": "CHANGE", "ratingHasil": "SESUAI",
                "reason": "A", "version": objection["version"]}
    first = await call(api, DECIDE, "decideObjection", {"i": decision}, token=head)
    assert first["errors"] == []
    retry = await call(api, DECIDE, "decideObjection", {"i": decision}, token=head)
    assert retry["errors"] == []  # the very same decision again: nothing to do
    other = await api.gql(DECIDE, {"i": {
        **decision, "ratingHasil": "DI_ATAS", "ratingPerilaku": "DI_ATAS", "reason": "B"}},
        token=head, tenant="alpha")
    assert other.codes == ["CONFLICT"]
    final = (await api.gql(READ, {"id": result["id"]}, user="staff.alpha")).ok()["result"]
    assert final["ratingHasil"] == "SESUAI" and final["predikat"] == "BAIK"


async def test_calibration_cannot_replace_a_head_of_units_hasil(api, db, world, monkeypatch):
    set_today(monkeypatch, APRIL)
    cycle = await running_cycle(api, db, world)
    sec = gid("OrgUnit", world.unit_id("alpha", "SEC"))
    await call(api, HEAD, "setUnitHead", {"i": {
        "unitId": sec, "employeeId": gid("Employee", world.employee_id("alpha", "rater"))}},
        "hr.alpha")
    await call(api, ORG, "setOrganisationResult", {"i": {
        "unitId": sec, "periodId": cycle.periods["Q1"], "result": "ISTIMEWA"}}, "hr.alpha")
    derived = (await rate(api, cycle, "rater", "Q1", None, "SESUAI", user="hr.alpha"))["result"]
    assert derived["ratingHasil"] == "DI_ATAS"
    await advance(api, cycle, "ASSESSMENT", "CALIBRATION")
    refused = await call(api, CALIBRATE, "calibrateResult", {"i": {
        "resultId": derived["id"], "ratingHasil": "DI_BAWAH", "reason": "kurva"}}, "hr.alpha")
    assert codes(refused) == {("ratingHasil", "HASIL_FROM_ORGANISATION")}
    perilaku = await call(api, CALIBRATE, "calibrateResult", {"i": {
        "resultId": derived["id"], "ratingPerilaku": "DI_ATAS", "reason": "kurva"}}, "hr.alpha")
    assert perilaku["errors"] == [] and perilaku["result"]["predikat"] == "SANGAT_BAIK"


async def _link(api, world, user, key):
    done = (await api.gql(LINK, {"i": {"id": employee(world, key),
                                       "userId": gid("User", world.user_id(user))}},
                          user="admin.alpha")).ok()["updateEmployee"]
    assert done["errors"] == [], done


async def test_nobody_records_their_own_assessment_centre_result(api, world):
    await _link(api, world, "hr.alpha", "other")
    result = await api.gql(RECORD, assessment(world, "other", level=5,
                                              source="ASSESSMENT_CENTRE", assessorName="UPT"),
                           user="hr.alpha")
    assert result.codes == ["FORBIDDEN"]
    own = await nip(api, world, "other")
    text = f"nip,competency_code,level,assessed_on,assessor\n{own},M.02,5,2026-05-02,BKD\n"
    imported = (await api.gql(IMPORT, {"csv": text}, user="hr.alpha")).ok()
    payload = imported["importCompetencyAssessments"]
    assert payload["importedCount"] == 0
    assert [e["code"] for e in payload["rowErrors"]] == ["OWN_RECORD"]


async def test_an_inactive_employee_gets_no_new_plan_items_or_assessments(api, world):
    off = (await api.gql(LINK.replace("userId", "active"), {"i": {
        "id": employee(world, "staff"), "active": False}}, user="hr.alpha")).ok()
    assert off["updateEmployee"]["errors"] == [], off
    item = await propose(api, world, user="hr.alpha", title="Kursus", competencyCode="M.05",
                         jp=10)
    assert [e["code"] for e in item["errors"]] == ["INACTIVE_REFERENCE"]
    rated = (await api.gql(RECORD, assessment(world, "staff", source="RATER", reason="x"),
                           user="rater.alpha")).ok()["recordCompetencyAssessment"]
    assert [e["code"] for e in rated["errors"]] == ["INACTIVE_REFERENCE"]
