"""Operation cases of results and objections for tests/api/test_operations.py.

Each builder takes (api, world, db) and seeds both agencies like the isolation matrix does
(tests/isolation/cases_results.py): a RUNNING 2027 cycle with an ended Q1, the staff's Q1
result RELEASED, staff2's RATED, SEC's organisation result; `with_objection` adds an open
objection to the staff's result (`with_objection_to_rater`: addressed to rater.alpha's
employee as the SKP's rater superior; `with_objection_without_superior`: to nobody yet).
"""

from __future__ import annotations

from tests.isolation.cases_cycles import cycle_gid
from tests.isolation.cases_results import (
    in_calibration,
    objection_gid,
    q1,
    result_gid,
    sec,
    with_objection,
    with_objection_to_rater,
    with_objection_without_superior,
    with_results,
)
from tests.isolation.cases_skp import raw
from tests.support.api import gid


def _seeded(setup, make):
    async def build(api, world, db):
        await setup(db, None, world)
        return make(world)
    return build


def _eq(actual, expected) -> None:
    assert actual == expected, (actual, expected)


def _input(make):
    return lambda world: {"input": make(world)}


def check_results(data, world):
    assert [n["employee"]["name"] for n in data["results"]["nodes"]] == ["Alpha Staff"]


def check_result(data, world):
    result = data["result"]
    assert result["explanation"]["matrixCell"]["predikat"] == "BAIK"
    assert result["explanation"]["objections"][0]["reasons"] == "Keberatan alpha"
    explained = result["explanation"]
    [work_result] = explained["realisations"]
    assert (work_result["text"], work_result["indicators"][0]["targetValue"]) == (
        "Dokumen alpha selesai", 12)
    assert explained["selfAssessment"] is None
    assert (explained["feedback360"]["status"], explained["feedback360"]["combined"]) == (
        "INSUFFICIENT_RESPONSES", None)


def check_rate(data, world):
    assert data["rateResult"]["result"]["predikat"] == "SANGAT_BAIK"


def check_calibrate(data, world):
    result = data["calibrateResult"]["result"]
    assert (result["ratingHasil"], result["calibrated"]) == ("SESUAI", True)


def check_decide(data, world):
    objection = data["decideObjection"]["objection"]
    assert objection["status"] == "DECIDED" and objection["result"]["status"] == "FINAL"


RESULT_OPERATIONS = [
    ("Results", "staff.alpha", _seeded(with_results, lambda w: {
        "cycleId": cycle_gid(w, "alpha"), "periodId": q1(w, "alpha"), "first": 10}),
     check_results),
    ("Result", "staff.alpha", _seeded(with_objection, lambda w: {"id": result_gid(w, "alpha")}),
     check_result),
    ("OrganisationResults", "rater.alpha", _seeded(with_results, lambda w: {
        "cycleId": cycle_gid(w, "alpha")}),
     lambda data, w: _eq([o["result"] for o in data["organisationResults"]], ["BAIK"])),
    ("ResultDistribution", "hr.alpha", _seeded(with_results, lambda w: {
        "periodId": q1(w, "alpha"), "unitId": sec(w, "alpha")}),
     lambda data, w: _eq(data["resultDistribution"]["unitSize"], 2)),
    ("ObjectionsToDecide", "rater.alpha", _seeded(with_objection_to_rater, lambda w: {}),
     lambda data, w: _eq(len(data["objectionsToDecide"]), 1)),
    ("ObjectionsWithoutDecider", "hr.alpha",
     _seeded(with_objection_without_superior, lambda w: {}),
     lambda data, w: _eq([o["superiorId"] for o in data["objectionsWithoutDecider"]], [None])),
    ("SetObjectionSuperior", "hr.alpha", _seeded(with_objection_without_superior, _input(
        lambda w: {"objectionId": objection_gid(w, "alpha"),
                   "superiorId": gid("Employee", w.employee_id("alpha", "other")),
                   "reason": "Atasan pejabat penilai dicatat", "version": 1})),
     lambda data, w: _eq(data["setObjectionSuperior"]["objection"]["superiorId"],
                         gid("Employee", w.employee_id("alpha", "other")))),
    ("RateResult", "rater.alpha", _seeded(with_results, _input(lambda w: {
        "skpId": gid("Skp", raw(w, "alpha", "staff2")), "periodId": q1(w, "alpha"),
        "ratingHasil": "DI_ATAS", "ratingPerilaku": "DI_ATAS",
        "justificationHasil": "Semua RHK melampaui target",
        "justificationPerilaku": "Teladan dalam tim"})), check_rate),
    ("CalibrateResult", "hr.alpha", _seeded(in_calibration, _input(lambda w: {
        "resultId": result_gid(w, "alpha", "staff2"), "ratingHasil": "SESUAI",
        "reason": "Sebaran unit", "version": 1})), check_calibrate),
    ("ReleaseResults", "hr.alpha", _seeded(with_results, _input(lambda w: {
        "cycleId": cycle_gid(w, "alpha"), "periodId": q1(w, "alpha")})),
     lambda data, w: _eq(data["releaseResults"]["releasedCount"], 1)),
    ("AcknowledgeResult", "staff.alpha", _seeded(with_results, _input(lambda w: {
        "resultId": result_gid(w, "alpha"), "version": 1})),
     lambda data, w: _eq(data["acknowledgeResult"]["result"]["status"], "ACKNOWLEDGED")),
    ("ReopenResult", "hr.alpha", _seeded(with_results, _input(lambda w: {
        "resultId": result_gid(w, "alpha"), "reason": "Bukti dukung baru"})),
     lambda data, w: _eq(data["reopenResult"]["result"]["status"], "RATED")),
    ("SetOrganisationResult", "hr.alpha", _seeded(with_results, _input(lambda w: {
        "unitId": sec(w, "alpha"), "periodId": q1(w, "alpha"), "result": "ISTIMEWA",
        "note": "Target unit tercapai", "version": 1})),
     lambda data, w: _eq(data["setOrganisationResult"]["organisationResult"]["version"], 2)),
    ("SetUnitHead", "hr.alpha", _seeded(with_results, _input(lambda w: {
        "unitId": sec(w, "alpha"), "employeeId": gid("Employee", w.employee_id("alpha",
                                                                               "staff"))})),
     lambda data, w: _eq(data["setUnitHead"]["head"]["name"], "Alpha Staff")),
    ("FileObjection", "staff.alpha", _seeded(with_results, _input(lambda w: {
        "resultId": result_gid(w, "alpha"), "reasons": "Realisasi belum dihitung"})),
     lambda data, w: _eq(data["fileObjection"]["objection"]["result"]["status"],
                         "OBJECTED")),
    ("RequestObjectionExplanation", "rater.alpha", _seeded(with_objection_to_rater, _input(
        lambda w: {"objectionId": objection_gid(w, "alpha"),
                   "parties": ["RATER", "EMPLOYEE"]})),
     lambda data, w: _eq(len(data["requestObjectionExplanation"]["objection"][
         "explanations"]), 2)),
    ("ExplainObjection", "staff.alpha", _seeded(with_objection, _input(lambda w: {
        "objectionId": objection_gid(w, "alpha"), "text": "Data realisasi terlampir"})),
     lambda data, w: _eq([e["text"] for e in data["explainObjection"]["objection"][
         "explanations"] if e["party"] == "EMPLOYEE"], ["Data realisasi terlampir"])),
    ("DecideObjection", "rater.alpha", _seeded(with_objection_to_rater, _input(lambda w: {
        "objectionId": objection_gid(w, "alpha"), "decision": "UPHOLD",
        "reason": "Penilaian sesuai bukti"})), check_decide),
]
