"""Objections through the API: filing within the window (calendar and working days), the
rater's superior asking for and getting explanations, UPHOLD and CHANGE (final, locked, kept
in the explanation, never reopened), the queue, and cycle closing (refused while an objection
is open; everything locked afterwards). Who decides (PP 30/2019 Pasal 59) is in
test_objection_deciders.py."""

from __future__ import annotations

from datetime import date

from tests.support.api import gid
from tests.support.results import (
    ACK,
    ADVANCE,
    ASK,
    DECIDE,
    EXPLAIN,
    FILE,
    ORG,
    QUEUE,
    READ,
    REOPEN,
    advance,
    call,
    codes,
    head_login,
    rate,
    release,
    running_cycle,
    set_today,
)

APRIL = date(2027, 4, 5)  # a Monday


async def released(api, db, world, monkeypatch, key="staff", hasil="DI_BAWAH",
                   perilaku="SESUAI"):
    set_today(monkeypatch, APRIL)
    cycle = await running_cycle(api, db, world)
    result = (await rate(api, cycle, key, "Q1", hasil, perilaku))["result"]
    assert await release(api, cycle, "Q1") == 1
    return cycle, result


async def file(api, result_id, reasons="Target sudah tercapai", user="staff.alpha", **extra):
    return await call(api, FILE, "fileObjection",
                      {"i": {"resultId": result_id, "reasons": reasons, **extra}}, user)


async def test_objection_upheld_after_explanations_is_final_and_locked(
        api, db, world, monkeypatch):
    cycle, result = await released(api, db, world, monkeypatch)
    head = await head_login(api, world)
    empty = await file(api, result["id"], reasons="  ")
    assert codes(empty) == {("reasons", "REQUIRED")}
    assert (await api.gql(FILE, {"i": {"resultId": result["id"], "reasons": "x"}},
                          user="rater.alpha")).codes == ["FORBIDDEN"]
    filed = await file(api, result["id"])
    objection = filed["objection"]
    assert objection["status"] == "OPEN" and objection["result"]["status"] == "OBJECTED"
    assert objection["superiorId"] is not None
    again = await file(api, result["id"])
    assert again["objection"]["id"] == objection["id"]  # the same filing again: idempotent
    other = await file(api, result["id"], reasons="lagi")  # never silently dropped
    assert codes(other) == {(None, "INVALID_TRANSITION")}
    assert (await api.gql(ACK, {"i": {"resultId": result["id"]}},
                          user="staff.alpha")).ok()["acknowledgeResult"]["errors"][0]["code"] \
        == "INVALID_TRANSITION"
    queue = (await api.gql(QUEUE, token=head, tenant="alpha")).ok()["objectionsToDecide"]
    assert [q["id"] for q in queue] == [objection["id"]]
    assert queue[0]["result"]["employee"]["name"] == "Alpha Staff"
    assert (await api.gql(QUEUE, user="rater.alpha")).ok()["objectionsToDecide"] == []
    # only the superior decides; the rater may not even ask
    asked_by_rater = await api.gql(ASK, {"i": {"objectionId": objection["id"],
                                               "parties": ["RATER"]}}, user="rater.alpha")
    assert asked_by_rater.codes == ["FORBIDDEN"]
    not_asked = await call(api, EXPLAIN, "explainObjection", {"i": {
        "objectionId": objection["id"], "text": "Sudah sesuai"}}, "rater.alpha")
    assert codes(not_asked) == {(None, "EXPLANATION_NOT_REQUESTED")}
    asked = await call(api, ASK, "requestObjectionExplanation", {"i": {
        "objectionId": objection["id"], "parties": ["RATER", "EMPLOYEE"],
        "question": "Mohon penjelasan"}}, token=head)
    assert asked["errors"] == [] and {e["party"] for e in asked["objection"]["explanations"]} == {
        "RATER", "EMPLOYEE"}
    repeat = await call(api, ASK, "requestObjectionExplanation", {"i": {
        "objectionId": objection["id"], "parties": ["RATER"], "version": 1}}, token=head)
    assert repeat["objection"]["version"] == asked["objection"]["version"]
    for user, text in (("rater.alpha", "Dua RHK utama di bawah target"),
                       ("staff.alpha", "Data realisasi belum dihitung")):
        answered = await call(api, EXPLAIN, "explainObjection", {"i": {
            "objectionId": objection["id"], "text": text}}, user)
        assert answered["errors"] == [], answered
    assert (await api.gql(EXPLAIN, {"i": {"objectionId": objection["id"], "text": "x"}},
                          user="hr.alpha")).codes == ["FORBIDDEN"]
    no_reason = await call(api, DECIDE, "decideObjection", {"i": {
        "objectionId": objection["id"], "decision": "UPHOLD", "reason": ""}}, token=head)
    assert codes(no_reason) == {("reason", "REQUIRED")}
    stale = await api.gql(DECIDE, {"i": {"objectionId": objection["id"], "decision": "UPHOLD",
                                         "reason": "x", "version": 1}}, token=head,
                          tenant="alpha")
    assert stale.codes == ["CONFLICT"]
    decided = await call(api, DECIDE, "decideObjection", {"i": {
        "objectionId": objection["id"], "decision": "UPHOLD", "reason": "Penilaian tepat"}},
        token=head)
    assert decided["objection"]["status"] == "DECIDED"
    assert decided["objection"]["result"] == {"id": result["id"], "status": "FINAL",
                                              "predikat": "BUTUH_PERBAIKAN"}
    repeat = await call(api, DECIDE, "decideObjection", {"i": {
        "objectionId": objection["id"], "decision": "UPHOLD", "reason": "Penilaian tepat"}},
        token=head)
    assert repeat["errors"] == []  # the very same decision again: a no-op
    reworded = await call(api, DECIDE, "decideObjection", {"i": {
        "objectionId": objection["id"], "decision": "UPHOLD", "reason": "lagi"}}, token=head)
    assert codes(reworded) == {(None, "OBJECTION_DECIDED")}  # final: not rewritten
    other = await call(api, DECIDE, "decideObjection", {"i": {
        "objectionId": objection["id"], "decision": "CHANGE", "ratingHasil": "SESUAI",
        "reason": "x"}}, token=head)
    assert codes(other) == {(None, "OBJECTION_DECIDED")}
    seen = (await api.gql(READ, {"id": result["id"]}, user="staff.alpha")).ok()["result"]
    [kept] = seen["explanation"]["objections"]
    assert (kept["decision"], kept["decisionReason"]) == ("UPHOLD", "Penilaian tepat")
    assert seen["explanation"]["changes"] == []  # upholding changes no rating
    assert {e["party"]: e["text"] for e in kept["explanations"]} == {
        "RATER": "Dua RHK utama di bawah target", "EMPLOYEE": "Data realisasi belum dihitung"}
    locked = await rate(api, cycle, "staff", "Q1", "SESUAI", "SESUAI")
    assert codes(locked) == {(None, "RESULT_LOCKED")}


async def test_objection_changed_by_the_superior(api, db, world, monkeypatch):
    _, result = await released(api, db, world, monkeypatch)
    head = await head_login(api, world)
    objection = (await file(api, result["id"]))["objection"]
    same = await call(api, DECIDE, "decideObjection", {"i": {
        "objectionId": objection["id"], "decision": "CHANGE", "ratingHasil": "DI_BAWAH",
        "reason": "x"}}, token=head)
    assert codes(same) == {("ratingHasil", "NO_CHANGE")}
    changed = await call(api, DECIDE, "decideObjection", {"i": {
        "objectionId": objection["id"], "decision": "CHANGE", "ratingHasil": "SESUAI",
        "reason": "Realisasi dihitung ulang", "version": objection["version"]}}, token=head)
    assert changed["errors"] == [], changed
    assert changed["objection"]["result"]["predikat"] == "BAIK"
    final = (await api.gql(READ, {"id": result["id"]}, user="staff.alpha")).ok()["result"]
    assert (final["status"], final["ratingHasil"]) == ("FINAL", "SESUAI")
    explanation = final["explanation"]
    assert explanation["original"]["predikat"] == "BUTUH_PERBAIKAN"
    assert [(c["kind"], c["before"]["predikat"], c["after"]["predikat"])
            for c in explanation["changes"]] == [("OBJECTION", "BUTUH_PERBAIKAN", "BAIK")]
    # the superior's decision is final: no second objection, and HR cannot reopen it
    # (this test used to expect reopenResult to put the result back to RATED)
    refused = await file(api, result["id"], reasons="lagi")
    assert codes(refused) == {(None, "INVALID_TRANSITION")}
    reopened = await call(api, REOPEN, "reopenResult", {"i": {
        "resultId": result["id"], "reason": "Putusan dibatalkan"}}, "hr.alpha")
    assert codes(reopened) == {(None, "RESULT_FINAL")}
    assert "final" in reopened["errors"][0]["message"]
    after = (await api.gql(READ, {"id": result["id"]}, user="staff.alpha")).ok()["result"]
    assert after == final


async def test_window_closes_after_fourteen_calendar_days(api, db, world, monkeypatch):
    _, result = await released(api, db, world, monkeypatch)
    set_today(monkeypatch, date(2027, 4, 19))  # the last day
    read = (await api.gql(READ, {"id": result["id"]}, user="staff.alpha")).ok()["result"]
    assert read["status"] == "RELEASED"
    set_today(monkeypatch, date(2027, 4, 20))
    read = (await api.gql(READ, {"id": result["id"]}, user="staff.alpha")).ok()["result"]
    assert read["status"] == "FINAL"
    late = await file(api, result["id"])
    assert codes(late) == {(None, "OBJECTION_WINDOW_CLOSED")}
    assert "2027-04-19" in late["errors"][0]["message"]
    ack = await call(api, ACK, "acknowledgeResult", {"i": {"resultId": result["id"]}},
                     "staff.alpha")
    assert codes(ack) == {(None, "INVALID_TRANSITION")}


async def test_working_day_window_skips_weekends(api, db, world, monkeypatch):
    set_today(monkeypatch, APRIL)
    changed = await api.gql("mutation{updateRuleSet(input:{objectionWindowDays:5,"
                            "objectionDayKind:WORKING}){errors{code}}}", user="hr.alpha")
    assert changed.ok()["updateRuleSet"]["errors"] == []
    cycle = await running_cycle(api, db, world)
    result = (await rate(api, cycle, "staff", "Q1", "SESUAI", "SESUAI"))["result"]
    await release(api, cycle, "Q1")
    read = (await api.gql(READ, {"id": result["id"]}, user="staff.alpha")).ok()["result"]
    assert read["objectionDeadline"] == "2027-04-12"  # Mon + 5 working days = next Monday
    set_today(monkeypatch, date(2027, 4, 12))
    assert (await file(api, result["id"]))["errors"] == []


async def test_closing_waits_for_open_objections_then_locks_everything(
        api, db, world, monkeypatch):
    cycle, result = await released(api, db, world, monkeypatch)
    objection = (await file(api, result["id"]))["objection"]
    await advance(api, cycle, "ASSESSMENT", "CALIBRATION")
    refused = (await api.gql(ADVANCE, {"i": {"id": cycle.id, "to": "CLOSED"}},
                             user="hr.alpha")).ok()["advanceCycle"]
    assert [e["code"] for e in refused["errors"]] == ["OBJECTIONS_OPEN"]
    head = await head_login(api, world)  # the rater's superior (it used to be the admin)
    decided = await call(api, DECIDE, "decideObjection", {"i": {
        "objectionId": objection["id"], "decision": "UPHOLD", "reason": "Tetap"}}, token=head)
    assert decided["errors"] == []
    await advance(api, cycle, "CLOSED")
    assert codes(await rate(api, cycle, "staff2", "Q1", "SESUAI", "SESUAI")) == {
        (None, "CYCLE_CLOSED")}
    reopen = await call(api, REOPEN, "reopenResult", {"i": {"resultId": result["id"],
                                                            "reason": "x"}}, "hr.alpha")
    assert codes(reopen) == {(None, "CYCLE_CLOSED")}
    again = await call(api, "mutation($i:ReleaseResultsInput!){releaseResults(input:$i){"
                       "releasedCount errors{code}}}", "releaseResults",
                       {"i": {"cycleId": cycle.id, "periodId": cycle.periods["Q1"]}}, "hr.alpha")
    assert [e["code"] for e in again["errors"]] == ["CYCLE_CLOSED"]
    org = await call(api, ORG, "setOrganisationResult", {"i": {
        "unitId": gid("OrgUnit", world.unit_id("alpha", "SEC")),
        "periodId": cycle.periods["Q1"], "result": "BAIK"}}, "hr.alpha")
    assert codes(org) == {(None, "CYCLE_CLOSED")}
    ack = await call(api, ACK, "acknowledgeResult", {"i": {"resultId": result["id"]}},
                     "staff.alpha")
    assert codes(ack) == {(None, "CYCLE_CLOSED")}
