"""One employee's year end to end (issue 3 §9), driven over HTTP with the checked-in client
operations (schema/operations/*.graphql, sent by name) on both backends.

HR creates and launches the 2027 cycle; Alpha Staff plans an SKP cascading from the rater's
RHK, gets it returned, fixes and resubmits it, and the rater approves it; Q1 realisations with
a link and an uploaded file, feedback and a reply, the self-assessment and 360 feedback (rater
nominations plus one accepted proposal, three peers answer, the employee sees only the
aggregate); Q1 and annual ratings, organisation results and the distribution check;
calibration with a reason, release, the explanation, an objection decided by the rater's
superior (UPHOLD or CHANGE), acknowledgement, an expired window, reopening, closing, and every
write refused afterwards. The audit trail is read back as the auditor."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from tests.api.reviews_support import SCORES, add_peers
from tests.api.year_support import (
    Client,
    assert_closed_everywhere,
    audit_actions,
    by_name,
    upload,
)
from tests.conftest import TEST_SETTINGS
from tests.support.results import set_today

PLANNING_DAY = date(2027, 1, 11)
AFTER_Q1 = date(2027, 4, 5)
AFTER_YEAR = date(2028, 1, 10)  # release day: the 14-day window ends on 2028-01-24
WINDOW_OVER = date(2028, 1, 25)
VALUES = list(SCORES)


@pytest.fixture
def settings(tmp_path):
    return dataclasses.replace(TEST_SETTINGS, storage_dir=tmp_path / "files")


async def logins(client: Client, db, services, world) -> list:
    """Extra people: a login for the head (the staff's rater superior), one for staff2, and
    four peers with `staff` logins (created through the models)."""
    await client.link_login("head", "head.alpha", "Head Alpha", ["rater"])
    await client.link_login("staff2", "staff2.alpha", "Staff2 Alpha", ["staff"])
    peers = await add_peers(db, services, world)
    for peer in peers:
        client.tokens[peer.username] = peer.token
    return peers


async def plan_and_approve(c: Client, cycle_id: str) -> dict:
    """The rater's plan (approved by the head), the staff plan cascading from it (returned,
    fixed, resubmitted, approved after a stale try) and staff2's plan. Returns SKP ids and the
    staff indicator ids."""
    skps = by_name((await c.ok("Skps", {"cycleId": cycle_id, "first": 50}, "hr.alpha",
                               root="skps"))["edges"])
    rater_skp = (await c.ok("SaveSkpPlan", {"input": {"skpId": skps["rater"], "workResults": [
        {"kind": "UTAMA", "text": "Layanan administrasi kecamatan selesai tepat waktu",
         "indicators": [{"aspect": "KUANTITAS", "text": "Surat selesai <= 3 hari",
                         "targetValue": 95, "targetUnit": "persen"}]}]}}, "rater.alpha"))["skp"]
    parent = rater_skp["workResults"][0]["id"]
    await c.ok("SubmitSkp", {"input": {"id": skps["rater"]}}, "rater.alpha")
    approved = await c.ok("ApproveSkp", {"input": {"id": skps["rater"]}}, "head")
    assert approved["skp"]["status"] == "APPROVED"

    rhk = {"kind": "UTAMA", "text": "Surat keterangan warga terbit tepat waktu",
           "parentId": parent, "indicators": [
               {"aspect": "KUANTITAS", "text": "Surat keterangan terbit", "targetValue": 120,
                "targetUnit": "surat"},
               {"aspect": "KUALITAS", "text": "Kepuasan warga", "targetText": "IKM >= 80"}]}
    draft = (await c.ok("SaveSkpPlan", {"input": {"skpId": skps["staff"], "workResults": [rhk]}},
                        "staff.alpha"))["skp"]
    assert draft["workResults"][0]["parentId"] == parent
    await c.ok("SubmitSkp", {"input": {"id": skps["staff"], "version": draft["version"]}},
               "staff.alpha")
    returned = (await c.ok("ReturnSkp", {"input": {
        "id": skps["staff"], "comment": "Tambahkan indikator waktu penyelesaian"}},
        "rater.alpha"))["skp"]
    assert returned["status"] == "RETURNED"
    kept = returned["workResults"][0]
    fixed = {**rhk, "id": kept["id"], "indicators": [
        *[{**i, "id": k["id"]} for i, k in zip(rhk["indicators"], kept["indicators"], strict=True)],
        {"aspect": "WAKTU", "text": "Rata-rata waktu layanan", "targetValue": 2,
         "targetUnit": "hari"}]}
    saved = (await c.ok("SaveSkpPlan", {"input": {
        "skpId": skps["staff"], "workResults": [fixed], "version": returned["version"]}},
        "staff.alpha"))["skp"]
    resubmitted = (await c.ok("SubmitSkp", {"input": {
        "id": skps["staff"], "version": saved["version"]}}, "staff.alpha"))["skp"]
    stale = await c.send("ApproveSkp", {"input": {"id": skps["staff"],
                                                  "version": saved["version"]}}, "rater.alpha")
    assert stale.codes == ["CONFLICT"]
    final = (await c.ok("ApproveSkp", {"input": {
        "id": skps["staff"], "version": resubmitted["version"]}}, "rater.alpha"))["skp"]
    assert final["status"] == "APPROVED"
    assert [(h["fromStatus"], h["toStatus"]) for h in final["history"]] == [
        ("DRAFT", "SUBMITTED"), ("SUBMITTED", "RETURNED"), ("RETURNED", "SUBMITTED"),
        ("SUBMITTED", "APPROVED")]
    assert final["history"][1]["comment"] == "Tambahkan indikator waktu penyelesaian"
    tree = (await c.ok("SkpTree", {"cycleId": cycle_id}, "rater.alpha", root="skpTree"))
    supported = [ch["id"] for node in tree for w in node["workResults"]
                 if w["workResult"]["id"] == parent for ch in w["children"]]
    assert supported == [kept["id"]]

    other = (await c.ok("SaveSkpPlan", {"input": {"skpId": skps["staff2"], "workResults": [
        {"kind": "UTAMA", "text": "Arsip kependudukan tertata", "indicators": [
            {"aspect": "KUANTITAS", "text": "Berkas diarsipkan", "targetValue": 400,
             "targetUnit": "berkas"}]}]}}, "staff2"))["skp"]
    await c.ok("SubmitSkp", {"input": {"id": skps["staff2"]}}, "staff2")
    await c.ok("ApproveSkp", {"input": {"id": skps["staff2"], "version": other["version"] + 1}},
               "rater.alpha")
    indicators = {i["aspect"]: i["id"] for i in final["workResults"][0]["indicators"]}
    return {"skps": skps, "indicators": indicators, "rhk": kept["id"]}


async def monitor_q1(c: Client, env: dict, q1: str) -> None:
    """Q1 realisation with a link and an uploaded file; the rater's feedback and the reply."""
    skp = env["skps"]["staff"]
    uploaded = await upload(c, "staff.alpha")
    assert uploaded.status_code == 201, uploaded.text
    file_id = uploaded.json()["id"]
    link = {"url": "https://pauh.example/survei-ikm-q1", "title": "Hasil survei IKM Q1"}
    saved = (await c.ok("SaveRealisation", {"input": {
        "indicatorId": env["indicators"]["KUANTITAS"], "periodId": q1, "value": 34,
        "narrative": "Layanan surat daring mulai Februari", "version": 0,
        "evidence": [link, {"fileId": file_id}]}}, "staff.alpha"))["realisation"]
    assert [e["kind"] for e in saved["evidence"]] == ["LINK", "FILE"]
    assert saved["evidence"][1]["file"]["id"] == file_id and saved["version"] == 1
    stale = await c.refusal("SaveRealisation", {"input": {
        "indicatorId": env["indicators"]["KUANTITAS"], "periodId": q1, "value": 35,
        "version": 0}}, "staff.alpha")
    assert stale == {"CONFLICT"}
    got = await c.api.client.get(saved["evidence"][1]["file"]["downloadPath"],
                               headers=c.headers("rater.alpha"))
    assert got.status_code == 200  # evidence is readable by whoever reads the SKP
    thread = (await c.ok("GiveFeedback", {"input": {
        "skpId": skp, "realisationId": saved["id"],
        "text": "Bagus, lampirkan juga rekap bulanan"}}, "rater.alpha"))["thread"]
    env["thread"] = thread["id"]
    await c.ok("ReplyToFeedback", {"input": {"threadId": thread["id"],
                                             "text": "Siap, rekap Maret menyusul"}},
               "staff.alpha")
    view = await c.ok("SkpMonitoring", {"id": skp, "periodId": q1}, "rater.alpha", root="skp")
    assert [r["id"] for r in view["realisations"]] == [saved["id"]]
    [seen] = view["feedback"]
    assert seen["realisationId"] == saved["id"]
    assert [(r["text"], r["byEmployee"]) for r in seen["replies"]] == [
        ("Siap, rekap Maret menyusul", True)]


async def assess_q1(c: Client, env: dict, q1: str, peers: list) -> None:
    """Self-assessment; 360 nominations by the rater plus one accepted proposal; three peers
    answer; the employee sees only the anonymous aggregate."""
    skp = env["skps"]["staff"]
    sa = (await c.ok("SaveSelfAssessment", {"input": {
        "skpId": skp, "periodId": q1, "overallComment": "Target Q1 hampir tercapai",
        "workResults": [{"workResultId": env["rhk"], "rating": "SESUAI"}],
        "values": [{"value": v, "rating": "SESUAI"} for v in VALUES]}}, "staff.alpha"))
    sa = sa["selfAssessment"]
    await c.ok("SubmitSelfAssessment", {"input": {"id": sa["id"], "version": sa["version"]}},
               "staff.alpha")
    seen = await c.ok("SelfAssessment", {"skpId": skp, "periodId": q1}, "rater.alpha",
                      root="selfAssessment")
    assert seen["status"] == "SUBMITTED" and seen["overallComment"] == "Target Q1 hampir tercapai"

    await c.ok("NominateReviewers", {"input": {"skpId": skp, "periodId": q1, "reviewers": [
        {"employeeId": p.gid, "relation": "PEER"} for p in peers[:2]]}}, "rater.alpha")
    proposed = (await c.ok("NominateReviewers", {"input": {
        "skpId": skp, "periodId": q1,
        "reviewers": [{"employeeId": peers[2].gid, "relation": "PEER"}]}}, "staff.alpha"))
    [proposal] = proposed["nominations"]
    assert proposal["status"] == "PROPOSED"
    await c.ok("DecideReviewProposal", {"input": {"id": proposal["id"], "accept": True}},
               "rater.alpha")
    assert await c.ok("ReviewNominations", {"skpId": skp, "periodId": q1}, "staff.alpha",
                      root="reviewNominations") == []
    for i, peer in enumerate(peers[:3]):
        [request] = await c.ok("MyReviewRequests", None, peer.username, root="myReviewRequests")
        answer = (await c.ok("SaveReviewResponse", {"input": {
            "id": request["id"], "version": request["version"],
            "ratings": [{"value": v, "score": s} for v, s in SCORES.items()],
            "comment": f"Catatan rekan {i + 1}"}}, peer.username))["request"]
        await c.ok("SubmitReviewResponse", {"input": {"id": answer["id"],
                                                      "version": answer["version"]}},
                   peer.username)
    summary = await c.ok("ReviewSummary", {"skpId": skp, "periodId": q1}, "staff.alpha",
                         root="reviewSummary")
    assert (summary["publishedCount"], summary["combined"]["responseCount"]) == (3, 3)
    assert {v["value"]: v["mean"] for v in summary["combined"]["values"]} == SCORES
    assert summary["comments"] == ["Catatan rekan 1", "Catatan rekan 2", "Catatan rekan 3"]
    assert not any(p.name in str(summary) for p in peers)
    identity = await c.send("ReviewResponses", {"skpId": skp, "periodId": q1}, "staff.alpha")
    assert identity.codes == ["FORBIDDEN"]


async def rate_q1(c: Client, env: dict, periods: dict, cycle_id: str, unit: str) -> None:
    skps, q1 = env["skps"], periods["Q1"]
    await c.ok("RateResult", {"input": {"skpId": skps["staff"], "periodId": q1,
                                        "ratingHasil": "SESUAI", "ratingPerilaku": "SESUAI"}},
               "rater.alpha")
    await c.ok("RateResult", {"input": {"skpId": skps["staff2"], "periodId": q1,
                                        "ratingHasil": "SESUAI", "ratingPerilaku": "DI_ATAS",
                                        "justificationPerilaku": "Sangat kolaboratif"}},
               "rater.alpha")
    await c.ok("SetOrganisationResult", {"input": {"unitId": unit, "periodId": q1,
                                                   "result": "BAIK"}}, "hr.alpha")
    orgs = await c.ok("OrganisationResults", {"cycleId": cycle_id, "periodId": q1},
                      "staff.alpha", root="organisationResults")
    assert [(o["unitId"], o["result"]) for o in orgs] == [(unit, "BAIK")]
    spread = await c.ok("ResultDistribution", {"periodId": q1, "unitId": unit}, "rater.alpha",
                        root="resultDistribution")
    assert spread["unitSize"] == 2 and spread["organisationResult"]["result"] == "BAIK"
    assert sorted((g["predikat"], g["count"]) for g in spread["groups"] if g["count"]) == [
        ("BAIK", 2)]
    unreleased = await c.ok("Results", {"cycleId": cycle_id, "periodId": q1}, "staff.alpha",
                            root="results")
    assert unreleased["totalCount"] == 0  # the employee sees nothing before release


@pytest.mark.parametrize("decision", ["UPHOLD", "CHANGE"])
async def test_one_employee_year_end_to_end(api, db, services, world, monkeypatch, decision):
    c = Client(api)
    set_today(monkeypatch, PLANNING_DAY)
    peers = await logins(c, db, services, world)
    cycle = (await c.ok("CreateCycle", {"input": {"year": 2027, "name": "Siklus Kinerja 2027"}},
                        "hr.alpha"))["cycle"]
    periods = {("YEAR" if p["kind"] == "YEAR" else f"Q{p['number']}"): p["id"]
               for p in cycle["periods"]}
    launched = (await c.ok("AdvanceCycle", {"input": {"id": cycle["id"], "to": "PLANNING",
                                                      "version": cycle["version"]}},
                           "hr.alpha"))["cycle"]
    assert launched["state"] == "PLANNING" and launched["launchedAt"]
    env = await plan_and_approve(c, cycle["id"])
    await c.advance(cycle["id"], "RUNNING")

    set_today(monkeypatch, AFTER_Q1)
    unit = c.unit(world, "SEC")
    await monitor_q1(c, env, periods["Q1"])
    await assess_q1(c, env, periods["Q1"], peers)
    env["peer"] = peers[3].gid
    await rate_q1(c, env, periods, cycle["id"], unit)

    set_today(monkeypatch, AFTER_YEAR)
    await c.advance(cycle["id"], "ASSESSMENT")
    year, skps = periods["YEAR"], env["skps"]
    rated = {}
    for key, who, hasil in (("staff", "rater.alpha", "DI_BAWAH"),
                            ("staff2", "rater.alpha", "SESUAI"), ("rater", "head", "SESUAI")):
        data = {"skpId": skps[key], "periodId": year, "ratingHasil": hasil,
                "ratingPerilaku": "SESUAI"}
        if hasil != "SESUAI":
            data["justificationHasil"] = "Dua indikator di bawah target tahunan"
        rated[key] = (await c.ok("RateResult", {"input": data}, who))["result"]
    assert rated["staff"]["predikat"] == "BUTUH_PERBAIKAN"
    await c.ok("SetOrganisationResult", {"input": {"unitId": unit, "periodId": year,
                                                   "result": "BAIK"}}, "hr.alpha")
    spread = await c.ok("ResultDistribution", {"periodId": year, "unitId": unit}, "hr.alpha",
                        root="resultDistribution")
    assert spread["unitSize"] == 3
    await c.advance(cycle["id"], "CALIBRATION")

    staff_result = rated["staff"]["id"]
    assert (await c.send("Result", {"id": staff_result}, "staff.alpha")).codes == ["NOT_FOUND"]
    calibrated = (await c.ok("CalibrateResult", {"input": {
        "resultId": staff_result, "ratingHasil": "SESUAI", "version": rated["staff"]["version"],
        "reason": "Kalibrasi: target tahunan tercapai setelah data Q4 masuk"}},
        "hr.alpha"))["result"]
    assert (calibrated["predikat"], calibrated["calibrated"]) == ("BAIK", True)
    released = await c.ok("ReleaseResults", {"input": {"cycleId": cycle["id"], "periodId": year}},
                          "hr.alpha")
    assert released["releasedCount"] == 3
    mine = await c.ok("Result", {"id": staff_result}, "staff.alpha", root="result")
    explanation = mine["explanation"]
    assert (mine["status"], mine["objectionDeadline"]) == ("RELEASED", "2028-01-24")
    assert explanation["original"] == {"ratingHasil": "DI_BAWAH", "ratingPerilaku": "SESUAI",
                                       "predikat": "BUTUH_PERBAIKAN"}
    assert explanation["matrixCell"] == {"hasilKerja": "SESUAI", "perilaku": "SESUAI",
                                         "predikat": "BAIK"}
    assert explanation["ruleSetVersion"] == cycle["ruleSetVersion"]
    assert [(ch["kind"], ch["before"]["predikat"], ch["after"]["predikat"])
            for ch in explanation["changes"]] == [("CALIBRATION", "BUTUH_PERBAIKAN", "BAIK")]

    objection = await object_and_decide(c, staff_result, cycle["id"], decision)
    await c.ok("AcknowledgeResult", {"input": {"resultId": rated["staff2"]["id"]}}, "staff2")

    set_today(monkeypatch, WINDOW_OVER)
    rater_result = rated["rater"]["id"]
    expired = await c.ok("Result", {"id": rater_result}, "rater.alpha", root="result")
    assert expired["status"] == "FINAL"
    late = await c.ok("FileObjection", {"input": {"resultId": rater_result, "reasons": "x"}},
                      "rater.alpha", expect_errors=True)
    assert late == {"OBJECTION_WINDOW_CLOSED"}
    reopened = (await c.ok("ReopenResult", {"input": {
        "resultId": rater_result, "reason": "Salah ketik rating perilaku; dinilai ulang"}},
        "hr.alpha"))["result"]
    assert reopened["status"] == "RATED"
    again = await c.ok("ReleaseResults", {"input": {"cycleId": cycle["id"], "periodId": year}},
                       "hr.alpha")
    assert again["releasedCount"] == 1
    closed = await c.advance(cycle["id"], "CLOSED")
    assert closed["closedAt"]

    await assert_closed_everywhere(c, cycle, env, periods, rated, objection, unit)
    trail = await audit_actions(c, rater_result)
    assert [a for a in trail if a[0] == "result.reopen"] == [
        ("result.reopen", "hr.alpha", "Salah ketik rating perilaku; dinilai ulang")]
    assert {a for a, _, _ in await audit_actions(c, env["skps"]["staff"])} >= {
        "skp.plan", "skp.submit", "skp.return", "skp.approve"}
    staff_trail = [a for a, _, _ in await audit_actions(c, staff_result)]
    expected = ["result.rate", "result.calibration", "result.release",
                "result.objection" if decision == "CHANGE" else "result.finalise"]
    assert staff_trail == expected
    assert [a for a, _, _ in await audit_actions(c, objection)] == [
        "objection.file", "objection.request_explanation", "objection.explain",
        "objection.explain", "objection.decide"]
    assert [a for a, _, _ in await audit_actions(c, cycle["id"])] == [
        "cycle.create", "cycle.planning", "cycle.running", "cycle.assessment",
        "cycle.calibration", "cycle.closed"]


async def object_and_decide(c: Client, result_id: str, cycle_id: str, decision: str) -> str:
    """The employee objects; the head (rater's superior) asks both parties, they explain, the
    head decides; the result is FINAL and locked. Returns the objection id."""
    filed = (await c.ok("FileObjection", {"input": {
        "resultId": result_id, "reasons": "Realisasi Q4 melampaui target; mohon ditinjau"}},
        "staff.alpha"))["objection"]
    assert (filed["status"], filed["result"]["status"]) == ("OPEN", "OBJECTED")
    queue = await c.ok("ObjectionsToDecide", {"cycleId": cycle_id}, "head",
                       root="objectionsToDecide")
    assert [q["id"] for q in queue] == [filed["id"]]
    await c.ok("RequestObjectionExplanation", {"input": {
        "objectionId": filed["id"], "parties": ["RATER", "EMPLOYEE"],
        "question": "Mohon jelaskan data realisasi Q4"}}, "head")
    for who, text in (("rater.alpha", "Data Q4 belum masuk saat penilaian"),
                      ("staff.alpha", "Rekap Q4 terlampir di realisasi")):
        await c.ok("ExplainObjection", {"input": {"objectionId": filed["id"], "text": text}}, who)
    decide = {"objectionId": filed["id"], "decision": decision,
              "reason": "Penilaian sudah tepat" if decision == "UPHOLD" else "Data Q4 terbukti"}
    if decision == "CHANGE":
        decide.update(ratingHasil="DI_ATAS", ratingPerilaku="DI_ATAS")
    decided = (await c.ok("DecideObjection", {"input": decide}, "head"))["objection"]
    predikat = "BAIK" if decision == "UPHOLD" else "SANGAT_BAIK"
    assert (decided["status"], decided["decision"]) == ("DECIDED", decision)
    assert decided["result"] == {"id": result_id, "status": "FINAL", "predikat": predikat}
    seen = await c.ok("Result", {"id": result_id}, "staff.alpha", root="result")
    [kept] = seen["explanation"]["objections"]
    assert {e["party"]: e["text"] for e in kept["explanations"]} == {
        "RATER": "Data Q4 belum masuk saat penilaian",
        "EMPLOYEE": "Rekap Q4 terlampir di realisasi"}
    kinds = [ch["kind"] for ch in seen["explanation"]["changes"]]
    assert kinds == (["CALIBRATION"] if decision == "UPHOLD" else ["CALIBRATION", "OBJECTION"])
    # FINAL is locked for everyone, and the superior's decision is never reopened
    assert await c.ok("CalibrateResult", {"input": {"resultId": result_id, "reason": "x",
                                                    "ratingHasil": "DI_BAWAH"}},
                      "hr.alpha", expect_errors=True) == {"RESULT_LOCKED"}
    assert await c.ok("ReopenResult", {"input": {"resultId": result_id, "reason": "x"}},
                      "hr.alpha", expect_errors=True) == {"RESULT_FINAL"}
    assert await c.ok("AcknowledgeResult", {"input": {"resultId": result_id}}, "staff.alpha",
                      expect_errors=True) == {"INVALID_TRANSITION"}
    other = ({"decision": "UPHOLD"} if decision == "CHANGE"
             else {"decision": "CHANGE", "ratingHasil": "DI_ATAS"})
    assert await c.ok("DecideObjection", {"input": {
        "objectionId": filed["id"], "reason": "Tinjau ulang", **other}}, "head",
        expect_errors=True) == {"OBJECTION_DECIDED"}
    return filed["id"]
