"""Who decides an objection (PP 30/2019 Pasal 59; issue 8 item 10), through the API on both
backends: only the rater's superior recorded on the SKP, never an admin or HR in their place,
never the one who entered a rating of the result (OWN_RATING), never on one's own result;
without a superior the objection waits until HR records one (setObjectionSuperior); and a
decided result is final for every path that changes a result (no reopening, no re-rating).
Each refusal is typed and changes nothing."""

from __future__ import annotations

import uuid

import pytest
import sqlalchemy as sa

from kinerja.graphql.relay import from_global_id
from kinerja.models import Skp
from tests.api.test_objections import APRIL, file, released
from tests.support.api import gid
from tests.support.results import (
    ACK,
    ASK,
    CALIBRATE,
    DECIDE,
    HEAD,
    ORG,
    QUEUE,
    READ,
    REOPEN,
    SET_SUPERIOR,
    WITHOUT_DECIDER,
    advance,
    call,
    codes,
    employee_login,
    head_login,
    rate,
    release,
    running_cycle,
    set_today,
)

OBJECTION = ("query($id:ID!){node(id:$id){... on Objection{id version status superiorId "
             "decision}}}")
SKP = "query($id:ID!){skp(id:$id){version raterSuperior{name}}}"
RATE_DOC = ("mutation($i:RateResultInput!){rateResult(input:$i){result{id status predikat} "
            "errors{field code}}}")
AUDIT = ("query($o:String){auditEvents(first:50,objectId:$o){edges{node{action "
         "after}}}}")


def employee(world, key: str) -> str:
    return gid("Employee", world.employee_id("alpha", key))


async def snapshot(api, result_id: str, objection_id: str) -> tuple[dict, dict]:
    """The result (as HR reads it, explanation included) and the objection."""
    result = (await api.gql(READ, {"id": result_id}, user="hr.alpha")).ok()["result"]
    objection = (await api.gql(OBJECTION, {"id": objection_id}, user="hr.alpha")).ok()["node"]
    return result, objection


async def queue(api, user: str | None = None, token: str | None = None) -> list[str]:
    found = await api.gql(QUEUE, user=user, token=token, tenant="alpha" if token else None)
    return [q["id"] for q in found.ok()["objectionsToDecide"]]


async def without_decider(api) -> list[tuple[str, str | None]]:
    found = (await api.gql(WITHOUT_DECIDER, user="hr.alpha")).ok()["objectionsWithoutDecider"]
    return [(o["id"], o["superiorId"]) for o in found]


async def decide(api, objection_id: str, user: str | None = None, token: str | None = None,
                 decision: str = "UPHOLD", **extra):
    variables = {"i": {"objectionId": objection_id, "decision": decision,
                       "reason": "Penilaian sesuai bukti", **extra}}
    return await api.gql(DECIDE, variables, user=user, token=token,
                         tenant="alpha" if token else None)


async def ask(api, objection_id: str, user: str | None = None, token: str | None = None):
    return await api.gql(ASK, {"i": {"objectionId": objection_id, "parties": ["EMPLOYEE"]}},
                         user=user, token=token, tenant="alpha" if token else None)


async def set_superior(api, objection_id: str, superior: str, user: str = "hr.alpha",
                       token: str | None = None, reason: str = "Atasan pejabat penilai dicatat",
                       **extra):
    variables = {"i": {"objectionId": objection_id, "superiorId": superior, "reason": reason,
                       **extra}}
    return await api.gql(SET_SUPERIOR, variables, user=None if token else user, token=token,
                         tenant="alpha" if token else None)


def payload(result, field: str) -> dict:
    return result.ok()[field]


async def test_admin_and_hr_never_decide_in_the_superiors_place(api, db, world, monkeypatch):
    _, result = await released(api, db, world, monkeypatch)
    objection = (await file(api, result["id"]))["objection"]
    before = await snapshot(api, result["id"], objection["id"])
    for user in ("admin.alpha", "hr.alpha"):  # admin used to decide anything (decide tenant)
        assert (await decide(api, objection["id"], user)).codes == ["FORBIDDEN"]
        assert (await decide(api, objection["id"], user, decision="CHANGE",
                             ratingHasil="DI_ATAS")).codes == ["FORBIDDEN"]
        assert (await ask(api, objection["id"], user)).codes == ["FORBIDDEN"]
        assert await queue(api, user) == []
    assert (await decide(api, objection["id"], "rater.alpha")).codes == ["FORBIDDEN"]
    assert await snapshot(api, result["id"], objection["id"]) == before
    assert await without_decider(api) == []  # the head can decide: nothing for HR to do
    head = await head_login(api, world)
    assert await queue(api, token=head) == [objection["id"]]
    decided = payload(await decide(api, objection["id"], token=head), "decideObjection")
    assert decided["errors"] == [] and decided["objection"]["status"] == "DECIDED"


async def test_without_a_rater_superior_the_objection_waits_for_hr_to_record_one(
        api, db, world, monkeypatch):
    set_today(monkeypatch, APRIL)
    cycle = await running_cycle(api, db, world)
    # the rater's own SKP names no rater superior; HR entered the rating on the head's behalf
    result = (await rate(api, cycle, "rater", "Q1", "SESUAI", "SESUAI", user="hr.alpha"))[
        "result"]
    await release(api, cycle, "Q1")
    filed = await file(api, result["id"], user="rater.alpha")
    assert filed["errors"] == []  # filing is still possible: the right and its date are kept
    objection = filed["objection"]
    assert objection["superiorId"] is None
    before = await snapshot(api, result["id"], objection["id"])
    # HR (who entered the rating) and the admin used to decide here; nobody does now
    for user in ("hr.alpha", "admin.alpha"):
        refused = payload(await decide(api, objection["id"], user), "decideObjection")
        assert codes(refused) == {(None, "NO_RATER_SUPERIOR")}
        assert "HR" in refused["errors"][0]["message"]
        asked = payload(await ask(api, objection["id"], user), "requestObjectionExplanation")
        assert codes(asked) == {(None, "NO_RATER_SUPERIOR")}
        assert await queue(api, user) == []
    assert await snapshot(api, result["id"], objection["id"]) == before
    # HR's worklist shows it; only HR (reporting_line write agency-wide) may read it
    assert await without_decider(api) == [(objection["id"], None)]
    for user in ("rater.alpha", "staff.alpha"):
        assert (await api.gql(WITHOUT_DECIDER, user=user)).codes == ["FORBIDDEN"]
    # bad superiors are typed refusals that change nothing
    for superior, code in ((employee(world, "rater"), "SELF_REFERENCE"),
                           (employee(world, "head"), "RATER_IS_SUPERIOR"),
                           (gid("Employee", uuid.uuid4()), "UNKNOWN_REFERENCE")):
        refused = payload(await set_superior(api, objection["id"], superior),
                          "setObjectionSuperior")
        assert codes(refused) == {("superiorId", code)}, superior
    no_reason = payload(await set_superior(api, objection["id"], employee(world, "other"),
                                           reason=" "), "setObjectionSuperior")
    assert codes(no_reason) == {("reason", "REQUIRED")}
    stale = await set_superior(api, objection["id"], employee(world, "other"), version=9)
    assert stale.codes == ["CONFLICT"]
    for user in ("rater.alpha", "staff.alpha", "auditor.alpha"):
        assert (await set_superior(api, objection["id"], employee(world, "other"),
                                   user=user)).codes == ["FORBIDDEN"]
    assert await snapshot(api, result["id"], objection["id"]) == before
    skp_before = (await api.gql(SKP, {"id": cycle.skps["rater"]}, user="hr.alpha")).ok()["skp"]
    assert skp_before["raterSuperior"] is None
    # HR records the superior on the SKP and the objection; then only that superior decides
    recorded = payload(await set_superior(api, objection["id"], employee(world, "other"),
                                          version=objection["version"]),
                       "setObjectionSuperior")
    assert recorded["errors"] == []
    assert recorded["objection"]["superiorId"] == employee(world, "other")
    skp = (await api.gql(SKP, {"id": cycle.skps["rater"]}, user="hr.alpha")).ok()["skp"]
    assert skp["raterSuperior"] == {"name": "Alpha Other"}
    assert skp["version"] == skp_before["version"] + 1
    assert await without_decider(api) == []
    again = payload(await set_superior(api, objection["id"], employee(world, "staff")),
                    "setObjectionSuperior")
    assert codes(again) == {(None, "SUPERIOR_RECORDED")}  # no swapping a superior who can
    assert (await decide(api, objection["id"], "hr.alpha")).codes == ["FORBIDDEN"]
    trail = (await api.gql(AUDIT, {"o": objection["id"]}, user="auditor.alpha")).ok()
    recorded_events = [e["node"] for e in trail["auditEvents"]["edges"]
                       if e["node"]["action"] == "objection.superior"]
    assert [e["after"]["reason"] for e in recorded_events] == ["Atasan pejabat penilai dicatat"]
    other = await employee_login(api, world, "other")
    assert await queue(api, token=other) == [objection["id"]]
    asked = payload(await ask(api, objection["id"], token=other), "requestObjectionExplanation")
    assert asked["errors"] == []
    decided = payload(await decide(api, objection["id"], token=other), "decideObjection")
    assert decided["objection"]["status"] == "DECIDED"
    late = payload(await set_superior(api, objection["id"], employee(world, "staff")),
                   "setObjectionSuperior")
    assert codes(late) == {(None, "OBJECTION_DECIDED")}


@pytest.mark.parametrize("how", ["rated", "calibrated"])
async def test_a_superior_who_entered_a_rating_does_not_decide_it(
        api, db, world, monkeypatch, how):
    set_today(monkeypatch, APRIL)
    cycle = await running_cycle(api, db, world)
    head = await head_login(api, world, roles=("hr",))  # the superior also works in HR
    if how == "rated":
        rated = await call(api, RATE_DOC, "rateResult", {"i": {
            "skpId": cycle.skps["staff"], "periodId": cycle.periods["Q1"],
            "ratingHasil": "DI_BAWAH", "ratingPerilaku": "SESUAI",
            "justificationHasil": "Target belum tercapai"}}, token=head)
        result = rated["result"]
    else:
        result = (await rate(api, cycle, "staff", "Q1", "DI_BAWAH", "SESUAI"))["result"]
        await advance(api, cycle, "ASSESSMENT", "CALIBRATION")
        calibrated = await call(api, CALIBRATE, "calibrateResult", {"i": {
            "resultId": result["id"], "ratingPerilaku": "DI_ATAS",
            "reason": "Sebaran unit"}}, token=head)
        assert calibrated["errors"] == [], calibrated
    await release(api, cycle, "Q1")
    objection = (await file(api, result["id"]))["objection"]
    assert objection["superiorId"] == employee(world, "head")
    before = await snapshot(api, result["id"], objection["id"])
    assert await queue(api, token=head) == []
    refused = payload(await decide(api, objection["id"], token=head), "decideObjection")
    assert codes(refused) == {(None, "OWN_RATING")}
    asked = payload(await ask(api, objection["id"], token=head), "requestObjectionExplanation")
    assert codes(asked) == {(None, "OWN_RATING")}
    assert await snapshot(api, result["id"], objection["id"]) == before
    assert await without_decider(api) == [(objection["id"], employee(world, "head"))]
    # neither the head (as HR) nor HR may record the head again; HR records someone else
    themselves = payload(await set_superior(api, objection["id"], employee(world, "head"),
                                            token=head), "setObjectionSuperior")
    assert codes(themselves) == {("superiorId", "SELF_APPOINTMENT")}
    author = payload(await set_superior(api, objection["id"], employee(world, "head")),
                     "setObjectionSuperior")
    assert codes(author) == {("superiorId", "OWN_RATING")}
    recorded = payload(await set_superior(api, objection["id"], employee(world, "other")),
                       "setObjectionSuperior")
    assert recorded["errors"] == []
    other = await employee_login(api, world, "other")
    changed = payload(await decide(api, objection["id"], token=other, decision="CHANGE",
                                   ratingHasil="SESUAI"), "decideObjection")
    assert changed["errors"] == [] and changed["objection"]["result"]["status"] == "FINAL"


async def test_nobody_decides_an_objection_to_their_own_result(api, db, world, monkeypatch):
    set_today(monkeypatch, APRIL)
    cycle = await running_cycle(api, db, world)
    # a state no write path allows: the SKP names its own employee as the rater's superior
    async with db.unit_of_work(tenant_id=world.tenant_id("alpha")) as session:
        await session.execute(sa.update(Skp).where(
            Skp.id == from_global_id(cycle.skps["rater"])[1]).values(
            rater_superior_id=world.employee_id("alpha", "rater")),
            execution_options={"synchronize_session": False})
    result = (await rate(api, cycle, "rater", "Q1", "SESUAI", "SESUAI", user="hr.alpha"))[
        "result"]
    await release(api, cycle, "Q1")
    objection = (await file(api, result["id"], user="rater.alpha"))["objection"]
    before = await snapshot(api, result["id"], objection["id"])
    assert (await decide(api, objection["id"], "rater.alpha")).codes == ["FORBIDDEN"]
    assert (await ask(api, objection["id"], "rater.alpha")).codes == ["FORBIDDEN"]
    assert await queue(api, "rater.alpha") == []
    assert await snapshot(api, result["id"], objection["id"]) == before
    assert await without_decider(api) == [(objection["id"], employee(world, "rater"))]
    recorded = payload(await set_superior(api, objection["id"], employee(world, "other")),
                       "setObjectionSuperior")
    assert recorded["errors"] == []


async def test_a_decided_result_is_final_on_every_path(api, db, world, monkeypatch):
    cycle, result = await released(api, db, world, monkeypatch)
    objection = (await file(api, result["id"]))["objection"]
    head = await head_login(api, world)
    decided = payload(await decide(api, objection["id"], token=head), "decideObjection")
    assert decided["objection"]["result"]["status"] == "FINAL"
    final = await snapshot(api, result["id"], objection["id"])
    sec = gid("OrgUnit", world.unit_id("alpha", "SEC"))

    async def still_final():
        assert await snapshot(api, result["id"], objection["id"]) == final

    for user in ("hr.alpha", "admin.alpha"):  # reopening used to put it back to RATED
        reopened = await call(api, REOPEN, "reopenResult", {"i": {
            "resultId": result["id"], "reason": "Dinilai ulang"}}, user)
        assert codes(reopened) == {(None, "RESULT_FINAL")}
    for user in ("rater.alpha", "hr.alpha"):
        rerated = await rate(api, cycle, "staff", "Q1", "DI_ATAS", "DI_ATAS", user=user)
        assert codes(rerated) == {(None, "RESULT_LOCKED")}
    assert await release(api, cycle, "Q1") == 0
    assert codes(await file(api, result["id"], reasons="Lagi")) == {
        (None, "INVALID_TRANSITION")}
    ack = await call(api, ACK, "acknowledgeResult", {"i": {"resultId": result["id"]}},
                     "staff.alpha")
    assert codes(ack) == {(None, "INVALID_TRANSITION")}
    other = payload(await decide(api, objection["id"], token=head, decision="CHANGE",
                                 ratingHasil="DI_ATAS"), "decideObjection")
    assert codes(other) == {(None, "OBJECTION_DECIDED")}
    superior = payload(await set_superior(api, objection["id"], employee(world, "other")),
                       "setObjectionSuperior")
    assert codes(superior) == {(None, "OBJECTION_DECIDED")}
    await still_final()
    # organisation results and unit heads never rewrite a rated result
    named = await call(api, HEAD, "setUnitHead", {"i": {
        "unitId": sec, "employeeId": employee(world, "staff")}}, "hr.alpha")
    assert named["errors"] == []
    for org in ("ISTIMEWA", "SANGAT_KURANG"):
        changed = await call(api, ORG, "setOrganisationResult", {"i": {
            "unitId": sec, "periodId": cycle.periods["Q1"], "result": org}}, "hr.alpha")
        assert changed["errors"] == []
    await still_final()
    await advance(api, cycle, "ASSESSMENT", "CALIBRATION")
    calibrated = await call(api, CALIBRATE, "calibrateResult", {"i": {
        "resultId": result["id"], "ratingHasil": "DI_ATAS", "reason": "Kalibrasi"}},
        "hr.alpha")
    assert codes(calibrated) == {(None, "RESULT_LOCKED")}
    reopened = await call(api, REOPEN, "reopenResult", {"i": {
        "resultId": result["id"], "reason": "Dinilai ulang"}}, "hr.alpha")
    assert codes(reopened) == {(None, "RESULT_FINAL")}
    await still_final()

