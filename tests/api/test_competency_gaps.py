"""Gap analysis: required vs actual per competency, JPM (actual capped at required) and its
band at the exact edges, configurable bands, target positions, the gap matrix with band counts
computed in SQL (statement count independent of the number of employees)."""

from __future__ import annotations

import pytest

from kinerja.competency_assessments.bands import DEFAULT_BANDS, band_for
from kinerja.competency_assessments.gaps import employee_gaps
from kinerja.models import Employee
from tests.api.test_competencies import position, save, technical
from tests.api.test_competency_assessments import assessment, employee, record
from tests.support.api import gid

NATIONAL_CODES = ["M.01", "M.02", "M.03", "M.04", "M.05", "M.06", "M.07", "M.08", "SK.01"]
GAPS = ("query($e:ID!,$p:GapPosition){competencyGaps(employeeId:$e,position:$p){"
        "employee{name} position{code} gaps{competencyCode competencyName requiredLevel "
        "actualLevel gap} jpm band{code label min} targetVersion}}")
SET_STANDARD = ("mutation($i:SetPositionStandardInput!){setPositionStandard(input:$i){"
                "errors{code}}}")
SET_BANDS = ("mutation($i:SetJpmBandsInput!){setJpmBands(input:$i){bands{bands{code label min} "
             "version isDefault} errors{field code}}}")
BANDS = "{jpmBands{bands{code label min} version isDefault}}"
SET_TARGET = ("mutation($i:SetTargetPositionInput!){setTargetPosition(input:$i){analysis{"
              "position{code} jpm targetVersion} errors{field code}}}")
MATRIX = ("query($u:ID,$first:Int,$after:String){competencyGapMatrix(unitId:$u,first:$first,"
          "after:$after){competencies{code} bandCounts{band{code} count} rows{totalCount "
          "pageInfo{hasNextPage endCursor} nodes{employee{name unit{code}} jpm band{code} "
          "cells{competencyCode requiredLevel actualLevel gap}}}}}")


async def gaps(api, world, key="head", user="hr.alpha", which=None):
    variables = {"e": employee(world, key), **({"p": which} if which else {})}
    return (await api.gql(GAPS, variables, user=user)).ok()["competencyGaps"]


async def rate(api, world, key, levels: dict[str, int], on="2026-02-01"):
    for code, level in levels.items():
        payload = await record(api, assessment(world, key, code=code, level=level,
                                               source="RATER", reason="B.1.9",
                                               assessedOn=on), user="hr.alpha")
        assert payload["errors"] == [], payload


async def head_requires_fifty(api, world):
    """HEAD: every national competency at 5 and T.01 at 5, so JPM = actual / 50 x 100."""
    await save(api, [technical("T.01")])
    reqs = [{"competencyCode": c, "level": 5} for c in [*NATIONAL_CODES, "T.01"]]
    result = await api.gql(SET_STANDARD, {"i": {"positionId": position(world, "HEAD"),
                                                "requirements": reqs}}, user="hr.alpha")
    assert result.ok()["setPositionStandard"]["errors"] == []


async def test_jpm_and_band_exactly_at_the_edges(api, world):
    await head_requires_fifty(api, world)
    nothing = await gaps(api, world)
    assert (nothing["jpm"], nothing["band"]["code"]) == (0, "KURANG_OPTIMAL")
    assert {g["actualLevel"] for g in nothing["gaps"]} == {0}  # missing assessment = 0
    await rate(api, world, "head", {c: 5 for c in NATIONAL_CODES})
    at_90 = await gaps(api, world)
    assert (at_90["jpm"], at_90["band"]["code"]) == (90, "OPTIMAL")
    assert at_90["gaps"][0] == {"competencyCode": "T.01", "competencyName": "Pengelolaan Arsip",
                                "requiredLevel": 5, "actualLevel": 0, "gap": -5}
    await rate(api, world, "head", {"M.08": 2, "SK.01": 2}, on="2026-03-01")
    at_78 = await gaps(api, world)
    assert (at_78["jpm"], at_78["band"]) == (78, {"code": "CUKUP_OPTIMAL",
                                                  "label": "Cukup Optimal", "min": 78})
    assert [g["competencyCode"] for g in at_78["gaps"]] == ["T.01", "M.08", "SK.01", "M.01",
                                                            "M.02", "M.03", "M.04", "M.05",
                                                            "M.06", "M.07"]
    await rate(api, world, "head", {"SK.01": 1}, on="2026-04-01")
    below = await gaps(api, world)
    assert (below["jpm"], below["band"]["code"]) == (76, "KURANG_OPTIMAL")


def test_band_rule_is_exact_at_the_edges():
    assert band_for(DEFAULT_BANDS, 90, 100)["code"] == "OPTIMAL"
    assert band_for(DEFAULT_BANDS, 8999, 10000)["code"] == "CUKUP_OPTIMAL"
    assert band_for(DEFAULT_BANDS, 78, 100)["code"] == "CUKUP_OPTIMAL"
    assert band_for(DEFAULT_BANDS, 39, 50)["code"] == "CUKUP_OPTIMAL"  # 39/50 is not 0.78 in float
    assert band_for(DEFAULT_BANDS, 7799, 10000)["code"] == "KURANG_OPTIMAL"
    assert band_for(DEFAULT_BANDS, 0, 0) is None


async def test_surplus_is_shown_but_capped_in_the_jpm(api, world):
    await rate(api, world, "staff", {"M.01": 5})
    data = await gaps(api, world, "staff", user="staff.alpha")
    assert data["position"] == {"code": "STAFF"}
    by_code = {g["competencyCode"]: g for g in data["gaps"]}
    assert by_code["M.01"] == {"competencyCode": "M.01", "competencyName": "Integritas",
                               "requiredLevel": 1, "actualLevel": 5, "gap": 4}
    assert data["jpm"] == 11.11 and data["gaps"][-1]["competencyCode"] == "M.01"
    assert data["targetVersion"] is None


async def test_bands_are_configurable_and_validated(api, world):
    defaults = (await api.gql(BANDS, user="staff.alpha")).ok()["jpmBands"]
    assert defaults == {"version": 0, "isDefault": True, "bands": [
        {"code": "OPTIMAL", "label": "Optimal", "min": 90.0},
        {"code": "CUKUP_OPTIMAL", "label": "Cukup Optimal", "min": 78.0},
        {"code": "KURANG_OPTIMAL", "label": "Kurang Optimal", "min": 0.0}]}
    bad = {"i": {"version": 0, "bands": [
        {"code": "A", "label": "Tinggi", "min": 50}, {"code": "a", "label": "", "min": 60},
        {"code": "b c", "label": "x", "min": 100.5}, {"code": "C", "label": "y", "min": 1.234}]}}
    refused = (await api.gql(SET_BANDS, bad, user="hr.alpha")).ok()["setJpmBands"]
    assert [(e["field"], e["code"]) for e in refused["errors"]] == [
        ("bands[1].code", "DUPLICATE"), ("bands[1].label", "REQUIRED"),
        ("bands[1].min", "BAND_ORDER"), ("bands[2].code", "INVALID_VALUE"),
        ("bands[2].min", "OUT_OF_RANGE"), ("bands[3].min", "OUT_OF_RANGE")]
    floor = {"i": {"bands": [{"code": "A", "label": "A", "min": 80},
                             {"code": "B", "label": "B", "min": 10}]}}
    refused = (await api.gql(SET_BANDS, floor, user="hr.alpha")).ok()["setJpmBands"]
    assert [(e["field"], e["code"]) for e in refused["errors"]] == [("bands[1].min", "BAND_FLOOR")]
    assert (await api.gql(BANDS, user="hr.alpha")).ok()["jpmBands"]["version"] == 0
    good = {"i": {"version": 0, "bands": [{"code": "TINGGI", "label": "Tinggi", "min": 80.5},
                                          {"code": "RENDAH", "label": "Rendah", "min": 0}]}}
    saved = (await api.gql(SET_BANDS, good, user="hr.alpha")).ok()["setJpmBands"]
    assert saved["errors"] == [] and saved["bands"]["version"] == 1
    assert (await api.gql(SET_BANDS, good, user="hr.alpha")).codes == ["CONFLICT"]
    await head_requires_fifty(api, world)
    await rate(api, world, "head", {c: 5 for c in NATIONAL_CODES[:8]})  # 40/50 = 80
    assert (await gaps(api, world))["band"]["code"] == "RENDAH"
    beta = (await api.gql(BANDS, user="hr.beta", tenant="beta")).ok()["jpmBands"]
    assert beta["isDefault"] is True
    assert (await api.gql(SET_BANDS, good, user="rater.alpha")).codes == ["FORBIDDEN"]


async def test_target_position_is_chosen_by_hr_or_the_employee(api, world):
    none = await gaps(api, world, "staff", user="staff.alpha", which="TARGET")
    assert (none["position"], none["gaps"], none["jpm"], none["targetVersion"]) == (
        None, [], None, 0)
    own = {"i": {"employeeId": employee(world, "staff"), "positionId": position(world, "HEAD"),
                 "version": 0}}
    chosen = (await api.gql(SET_TARGET, own, user="staff.alpha")).ok()["setTargetPosition"]
    assert chosen["errors"] == []
    assert chosen["analysis"] == {"position": {"code": "HEAD"}, "jpm": 0, "targetVersion": 1}
    assert (await api.gql(SET_TARGET, own, user="staff.alpha")).codes == ["CONFLICT"]
    await rate(api, world, "staff", {"M.01": 3})
    target = await gaps(api, world, "staff", user="rater.alpha", which="TARGET")
    assert target["position"] == {"code": "HEAD"} and target["jpm"] == round(300 / 27, 2)
    rater = {"i": {"employeeId": employee(world, "staff"), "positionId": position(world, "SPARE")}}
    assert (await api.gql(SET_TARGET, rater, user="rater.alpha")).codes == ["FORBIDDEN"]
    other = {"i": {"employeeId": employee(world, "staff2"), "positionId": position(world, "HEAD")}}
    assert (await api.gql(SET_TARGET, other, user="staff.alpha")).codes == ["NOT_FOUND"]
    unknown = {"i": {"employeeId": employee(world, "staff"),
                     "positionId": position(world, "HEAD", "beta")}}
    refused = (await api.gql(SET_TARGET, unknown, user="hr.alpha")).ok()["setTargetPosition"]
    assert [(e["field"], e["code"]) for e in refused["errors"]] == [
        ("positionId", "UNKNOWN_REFERENCE")]
    cleared = (await api.gql(SET_TARGET, {"i": {"employeeId": employee(world, "staff"),
                                                "positionId": None}}, user="hr.alpha")).ok()
    assert cleared["setTargetPosition"]["analysis"]["position"] is None


async def test_employee_gaps_for_other_domains(db, api, world):
    await rate(api, world, "staff", {"M.01": 5, "M.02": 1})
    session = db.session(tenant_id=world.tenant_id("alpha"))
    try:
        rows = await employee_gaps(session, world.employee_id("alpha", "staff"))
    finally:
        await session.close()
    assert [(r.code, r.required, r.actual, r.gap) for r in rows][:2] == [
        ("M.03", 1, 0, -1), ("M.04", 1, 0, -1)]
    assert [(r.code, r.name, r.gap) for r in rows][-2:] == [("M.02", "Kerjasama", 0),
                                                           ("M.01", "Integritas", 4)]


def rows_by_name(matrix):
    return {r["employee"]["name"]: r for r in matrix["rows"]["nodes"]}


async def test_matrix_per_agency_and_unit_with_band_counts(api, world):
    await rate(api, world, "staff", {c: 1 for c in NATIONAL_CODES})  # 100 %
    await rate(api, world, "staff2", {c: 1 for c in NATIONAL_CODES[:7]})  # 7/9 = 77.78 %
    data = (await api.gql(MATRIX, {}, user="hr.alpha")).ok()["competencyGapMatrix"]
    assert [c["code"] for c in data["competencies"]] == NATIONAL_CODES
    counts = {(b["band"] or {}).get("code"): b["count"] for b in data["bandCounts"]}
    assert counts == {"OPTIMAL": 1, "CUKUP_OPTIMAL": 0, "KURANG_OPTIMAL": 4, None: 0}
    rows = rows_by_name(data)
    assert list(rows) == ["Alpha Head", "Alpha Other", "Alpha Rater", "Alpha Staff",
                          "Alpha Staff2"]
    assert data["rows"]["totalCount"] == 5
    assert (rows["Alpha Staff"]["jpm"], rows["Alpha Staff"]["band"]["code"]) == (100, "OPTIMAL")
    assert rows["Alpha Staff2"]["jpm"] == 77.78
    assert rows["Alpha Head"]["cells"][0] == {"competencyCode": "M.01", "requiredLevel": 3,
                                              "actualLevel": 0, "gap": -3}
    unit = gid("OrgUnit", world.unit_id("alpha", "SEC"))
    page = (await api.gql(MATRIX, {"u": unit, "first": 2}, user="auditor.alpha")).ok()
    page = page["competencyGapMatrix"]["rows"]
    assert [r["employee"]["name"] for r in page["nodes"]] == ["Alpha Rater", "Alpha Staff"]
    assert page["pageInfo"]["hasNextPage"] is True and page["totalCount"] == 3
    rest = (await api.gql(MATRIX, {"u": unit, "first": 2, "after": page["pageInfo"]["endCursor"]},
                          user="auditor.alpha")).ok()["competencyGapMatrix"]["rows"]
    assert [r["employee"]["name"] for r in rest["nodes"]] == ["Alpha Staff2"]
    rater = (await api.gql(MATRIX, {}, user="rater.alpha")).ok()["competencyGapMatrix"]
    assert list(rows_by_name(rater)) == ["Alpha Rater", "Alpha Staff", "Alpha Staff2"]
    staff = (await api.gql(MATRIX, {}, user="staff.alpha")).ok()["competencyGapMatrix"]
    assert list(rows_by_name(staff)) == ["Alpha Staff"]
    assert {(b["band"] or {}).get("code"): b["count"] for b in staff["bandCounts"]}["OPTIMAL"] == 1


async def add_employees(db, world, count: int) -> None:
    tenant_id = world.tenant_id("alpha")
    session = db.session(tenant_id=tenant_id)
    try:
        for i in range(count):
            session.add(Employee(tenant_id=tenant_id, nip=f"19800101200501{i:04d}"[:18],
                                 employee_type="PNS", name=f"Zz Extra {i:02d}",
                                 position_id=world.position_id("alpha", "STAFF"),
                                 unit_id=world.unit_id("alpha", "SEC")))
        await session.commit()
    finally:
        await session.close()


async def test_matrix_statement_count_does_not_grow_with_employees(api, db, world, sql_counter):
    async def statements(first: int) -> tuple[int, dict]:
        before = sql_counter.count
        data = (await api.gql(MATRIX, {"first": first}, user="hr.alpha")).ok()
        return sql_counter.count - before, data["competencyGapMatrix"]

    await rate(api, world, "staff", {"M.01": 2})
    await add_employees(db, world, 40)
    await statements(1)  # policies loaded, caches warm
    small, few = await statements(3)
    large, many = await statements(45)
    assert (len(few["rows"]["nodes"]), len(many["rows"]["nodes"])) == (3, 45)
    assert small == large, (small, large)
    assert many["rows"]["totalCount"] == 45
    counts = {(b["band"] or {}).get("code"): b["count"] for b in many["bandCounts"]}
    assert counts == {"OPTIMAL": 0, "CUKUP_OPTIMAL": 0, "KURANG_OPTIMAL": 45, None: 0}
    extra = next(r for r in many["rows"]["nodes"] if r["employee"]["name"] == "Zz Extra 07")
    assert extra["employee"]["unit"] == {"code": "SEC"} and len(extra["cells"]) == 9


@pytest.mark.parametrize("variables", [{"first": 0}, {"first": 10000}, {"after": "nonsense"},
                                       {"u": "bm90LWFuLWlk"}])
async def test_matrix_bad_arguments_are_typed_errors(api, variables):
    result = await api.gql(MATRIX, variables, user="hr.alpha")
    assert result.status == 200 and result.codes and None not in result.codes
    assert "INTERNAL_SERVER_ERROR" not in result.codes
