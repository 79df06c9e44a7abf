"""Bad input to the competency-assessment and gap fields: every malformed or invalid value gets
a typed error (never a 5xx or INTERNAL_SERVER_ERROR) and changes nothing in any table."""

from __future__ import annotations

import uuid

import pytest

from tests.isolation import diff_snapshots, snapshot_all
from tests.isolation.cases_competency_assessments import with_assessments
from tests.support.api import gid

RECORD = ("mutation($i:RecordCompetencyAssessmentInput!){recordCompetencyAssessment(input:$i){"
          "assessment{id} errors{field code message}}}")
DECIDE = ("mutation($i:DecideCompetencyAssessmentInput!){decideCompetencyAssessment(input:$i){"
          "assessment{id} errors{field code}}}")
TARGET = ("mutation($i:SetTargetPositionInput!){setTargetPosition(input:$i){analysis{jpm} "
          "errors{field code}}}")
BANDS = "mutation($i:SetJpmBandsInput!){setJpmBands(input:$i){bands{version} errors{field code}}}"
IMPORT = ("mutation($csv:String!){importCompetencyAssessments(csv:$csv){importedCount "
          "rowErrors{code} errors{code}}}")
PROFILE = "query($e:ID!){competencyProfile(employeeId:$e){employee{name}}}"
GAPS = "query($e:ID!,$p:GapPosition!){competencyGaps(employeeId:$e,position:$p){jpm}}"


def staff(w):
    return gid("Employee", w.employee_id("alpha", "staff"))


def record(w, **changes):
    base = {"employeeId": staff(w), "competencyCode": "M.01", "level": 3, "source": "SELF"}
    return {"i": {**base, **changes}}


CASES = {
    "record: employee id of another type": (RECORD, lambda w: record(
        w, employeeId=gid("Position", w.position_id("alpha", "STAFF"))), "staff.alpha"),
    "record: garbage id": (RECORD, lambda w: record(w, employeeId="%%%"), "staff.alpha"),
    "record: unknown employee": (RECORD, lambda w: record(
        w, employeeId=gid("Employee", uuid.uuid4())), "hr.alpha"),
    "record: unknown source": (RECORD, lambda w: record(w, source="BOSS"), "staff.alpha"),
    "record: level as text": (RECORD, lambda w: record(w, level="tiga"), "staff.alpha"),
    "record: level huge": (RECORD, lambda w: record(w, level=2**40), "staff.alpha"),
    "record: level negative": (RECORD, lambda w: record(w, level=-1), "staff.alpha"),
    "record: bad date": (RECORD, lambda w: record(w, assessedOn="2026-02-30"), "staff.alpha"),
    "record: empty code": (RECORD, lambda w: record(w, competencyCode=""), "staff.alpha"),
    "record: huge code": (RECORD, lambda w: record(w, competencyCode="M" * 10000), "staff.alpha"),
    "record: reason too long": (RECORD, lambda w: record(
        w, source="RATER", reason="r" * 2001), "rater.alpha"),
    "record: assessor too long": (RECORD, lambda w: record(
        w, source="ASSESSMENT_CENTRE", assessorName="a" * 201), "hr.alpha"),
    "decide: employee id instead": (DECIDE, lambda w: {"i": {"assessmentId": staff(w),
                                                             "accept": True}}, "hr.alpha"),
    "decide: unknown assessment": (DECIDE, lambda w: {"i": {"assessmentId": gid(
        "CompetencyAssessment", uuid.uuid4()), "accept": True}}, "hr.alpha"),
    "decide: accept missing": (DECIDE, lambda w: {"i": {"assessmentId": gid(
        "CompetencyAssessment", uuid.uuid4())}}, "hr.alpha"),
    "target: garbage position": (TARGET, lambda w: {"i": {"employeeId": staff(w),
                                                          "positionId": "x"}}, "hr.alpha"),
    "target: unknown position": (TARGET, lambda w: {"i": {"employeeId": staff(w), "positionId":
                                                          gid("Position", uuid.uuid4())}},
                                 "hr.alpha"),
    "target: stale version": (TARGET, lambda w: {"i": {"employeeId": staff(w), "positionId":
                                                       gid("Position",
                                                           w.position_id("alpha", "HEAD")),
                                                       "version": 7}}, "hr.alpha"),
    "bands: none": (BANDS, lambda w: {"i": {"bands": []}}, "hr.alpha"),
    "bands: too many": (BANDS, lambda w: {"i": {"bands": [
        {"code": f"B{i}", "label": "x", "min": 100 - i} for i in range(11)]}}, "hr.alpha"),
    "bands: min as text": (BANDS, lambda w: {"i": {"bands": [
        {"code": "A", "label": "x", "min": "tinggi"}]}}, "hr.alpha"),
    "bands: negative": (BANDS, lambda w: {"i": {"bands": [
        {"code": "A", "label": "x", "min": -5}]}}, "hr.alpha"),
    "bands: huge": (BANDS, lambda w: {"i": {"bands": [
        {"code": "A", "label": "x", "min": 1e308}, {"code": "B", "label": "y", "min": 0}]}},
        "hr.alpha"),
    "import: binary noise": (IMPORT, lambda w: {"csv": "\x00\x01,\x02\n\x03"}, "hr.alpha"),
    "import: unclosed quote": (IMPORT, lambda w: {"csv": 'nip,competency_code,level,assessed_on,'
                                                         'assessor\n"1,M.01,3,2026-01-01,x'},
                               "hr.alpha"),
    "import: level 3.5": (IMPORT, lambda w: {"csv": "nip,competency_code,level,assessed_on,"
                                                    "assessor\n1,M.01,3.5,2026-01-01,x"},
                          "hr.alpha"),
    "profile: unknown employee": (PROFILE, lambda w: {"e": gid("Employee", uuid.uuid4())},
                                  "hr.alpha"),
    "profile: another type": (PROFILE, lambda w: {"e": gid("OrgUnit", uuid.uuid4())},
                              "hr.alpha"),
    "gaps: unknown position kind": (GAPS, lambda w: {"e": staff(w), "p": "NEXT"}, "hr.alpha"),
}


def codes_of(result) -> list[str]:
    codes = list(result.codes)
    for value in (result.data or {}).values():
        if isinstance(value, dict):
            codes += [e["code"] for e in value.get("errors") or []]
            codes += [e["code"] for e in value.get("rowErrors") or []]
    return codes


@pytest.mark.parametrize("name", sorted(CASES))
async def test_bad_competency_input_is_typed_and_changes_nothing(api, db, services, world, name):
    await with_assessments(db, services, world)
    operation, variables, user = CASES[name]
    before = await snapshot_all(db)
    result = await api.gql(operation, variables(world), user=user)
    assert result.status == 200, result.body
    codes = codes_of(result)
    assert codes and None not in codes, (name, result.body)
    assert "INTERNAL_SERVER_ERROR" not in codes, (name, result.body)
    if result.data:
        assert not any((v or {}).get("importedCount") for v in result.data.values()
                       if isinstance(v, dict))
    assert diff_snapshots(before, await snapshot_all(db)) == [], name
