"""The distribution check through the API: a warning case for every bound of each of the
five patterns (tests/unit/test_distribution_patterns.py has the same per bound and pattern),
a unit on the edge of every bound of each pattern, small-unit rounding, a unit without an
organisation result, who may ask, and the rounding modes of the comparison itself."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from kinerja.cycles.rules import default_content
from kinerja.graphql.relay import from_global_id
from kinerja.models import Cycle, Employee, OrgUnit, PerformanceResult, Skp
from kinerja.people.nip import generate_nip
from kinerja.results.distribution import deviations
from tests.support.api import gid
from tests.support.results import ORG

CREATE = "mutation($i:CreateCycleInput!){createCycle(input:$i){cycle{id periods{id kind}}}}"
QUERY = ("query($p:ID!,$u:ID!){resultDistribution(periodId:$p,unitId:$u){unitSize smallUnit "
         "rounding organisationResult{result} pattern{organisationResult largestGroup} "
         "groups{predikat count share} warnings{code predikat actualCount expectedCount "
         "expectedShare}}}")
MATRIX_CELL = {"SANGAT_BAIK": ("DI_ATAS", "DI_ATAS"), "BAIK": ("SESUAI", "SESUAI"),
               "BUTUH_PERBAIKAN": ("DI_BAWAH", "SESUAI"),
               "KURANG_MISCONDUCT": ("SESUAI", "DI_BAWAH"),
               "SANGAT_KURANG": ("DI_BAWAH", "DI_BAWAH")}


async def unit_with_results(api, db, world, counts: dict[str, int]) -> tuple[str, str]:
    """A new unit whose employees have Q1 results with these predikat; (period, unit) IDs."""
    cycle = (await api.gql(CREATE, {"i": {"year": 2027, "name": "Kinerja 2027"}},
                           user="hr.alpha")).ok()["createCycle"]["cycle"]
    period = next(p for p in cycle["periods"] if p["kind"] == "QUARTER")
    tenant_id = world.tenant_id("alpha")
    cycle_id, period_id = from_global_id(cycle["id"])[1], from_global_id(period["id"])[1]
    async with db.unit_of_work(tenant_id=tenant_id) as session:
        unit = OrgUnit(tenant_id=tenant_id, code="DIST", name="Distribution Unit")
        session.add(unit)
        await session.flush()
        rule_set_id = (await session.get(Cycle, (tenant_id, cycle_id))).rule_set_id
        index = 0
        for predikat, count in counts.items():
            for _ in range(count):
                birth = date(1975, 1 + index % 12, 1 + index)
                employee = Employee(
                    tenant_id=tenant_id, employee_type="PNS", name=f"Dist {index:02d}",
                    nip=generate_nip(None, "PNS", birth, date(2000, 3, 1), 1, 500 + index),
                    rank="III_A", unit_id=unit.id,
                    position_id=world.position_id("alpha", "STAFF"))
                session.add(employee)
                await session.flush()
                skp = Skp(tenant_id=tenant_id, cycle_id=cycle_id, employee_id=employee.id,
                          status="APPROVED")
                session.add(skp)
                await session.flush()
                hasil, perilaku = MATRIX_CELL[predikat]
                session.add(PerformanceResult(
                    tenant_id=tenant_id, skp_id=skp.id, period_id=period_id,
                    rule_set_id=rule_set_id, rule_set_version=1, rating_hasil=hasil,
                    rating_perilaku=perilaku, predikat=predikat))
                index += 1
    return period["id"], gid("OrgUnit", unit.id)


async def check(api, period_id, unit_id, organisation_result: str | None) -> dict:
    if organisation_result is not None:
        payload = (await api.gql(ORG, {"i": {"unitId": unit_id, "periodId": period_id,
                                             "result": organisation_result}},
                                 user="hr.alpha")).ok()["setOrganisationResult"]
        assert payload["errors"] == []
    return (await api.gql(QUERY, {"p": period_id, "u": unit_id},
                          user="hr.alpha")).ok()["resultDistribution"]


def summary(found: dict) -> set[tuple]:
    return {(w["code"], tuple(w["predikat"]), w["actualCount"], w["expectedCount"])
            for w in found["warnings"]}


CASES = {
    "istimewa-too-many-sangat-baik": (
        "ISTIMEWA", {"SANGAT_BAIK": 8, "BAIK": 2},
        {("MAX_SHARE_EXCEEDED", ("SANGAT_BAIK",), 8, 7)}),
    "istimewa-not-largest": (
        "ISTIMEWA", {"SANGAT_BAIK": 2, "BAIK": 5, "BUTUH_PERBAIKAN": 3},
        {("LARGEST_NOT", ("SANGAT_BAIK",), 2, None)}),
    "baik-all-baik": (
        "BAIK", {"BAIK": 10},
        {("MAX_SHARE_EXCEEDED", ("BAIK",), 10, 7),
         ("MIN_COUNT_NOT_MET", ("BUTUH_PERBAIKAN", "KURANG_MISCONDUCT"), 0, 1)}),
    "butuh-perbaikan-too-few": (
        "BUTUH_PERBAIKAN", {"BUTUH_PERBAIKAN": 5, "BAIK": 5},
        {("MIN_SHARE_NOT_MET", ("BUTUH_PERBAIKAN",), 5, 6)}),
    "kurang-no-butuh-perbaikan": (
        "KURANG", {"KURANG_MISCONDUCT": 6, "BAIK": 3, "SANGAT_BAIK": 1},
        {("MIN_SHARE_NOT_MET", ("BUTUH_PERBAIKAN",), 0, 1)}),
    "sangat-kurang-with-sangat-baik": (
        "SANGAT_KURANG", {"SANGAT_KURANG": 6, "KURANG_MISCONDUCT": 2, "SANGAT_BAIK": 1,
                          "BAIK": 1},
        {("MAX_SHARE_EXCEEDED", ("SANGAT_BAIK",), 1, 0)}),
    # the five bounds that no test used to check (issue 8 item 10)
    "butuh-perbaikan-too-many-sangat-baik": (
        "BUTUH_PERBAIKAN", {"BUTUH_PERBAIKAN": 6, "SANGAT_BAIK": 2, "BAIK": 2},
        {("MAX_SHARE_EXCEEDED", ("SANGAT_BAIK",), 2, 1)}),
    "kurang-too-few-kurang": (
        "KURANG", {"KURANG_MISCONDUCT": 5, "BUTUH_PERBAIKAN": 1, "SANGAT_BAIK": 1, "BAIK": 3},
        {("MIN_SHARE_NOT_MET", ("KURANG_MISCONDUCT",), 5, 6)}),
    "kurang-too-many-sangat-baik": (
        "KURANG", {"KURANG_MISCONDUCT": 6, "BUTUH_PERBAIKAN": 1, "SANGAT_BAIK": 2, "BAIK": 1},
        {("MAX_SHARE_EXCEEDED", ("SANGAT_BAIK",), 2, 1)}),
    "sangat-kurang-too-few-sangat-kurang": (
        "SANGAT_KURANG", {"SANGAT_KURANG": 5, "KURANG_MISCONDUCT": 1, "BAIK": 4},
        {("MIN_SHARE_NOT_MET", ("SANGAT_KURANG",), 5, 6)}),
    "sangat-kurang-no-kurang-or-butuh-perbaikan": (
        "SANGAT_KURANG", {"SANGAT_KURANG": 6, "BAIK": 4},
        {("MIN_SHARE_NOT_MET", ("KURANG_MISCONDUCT", "BUTUH_PERBAIKAN"), 0, 1)}),
    "clean": ("BAIK", {"BAIK": 7, "BUTUH_PERBAIKAN": 2, "SANGAT_BAIK": 1}, set()),
    # units of ten on the edge of every bound of a pattern: no warning
    "istimewa-edge": ("ISTIMEWA", {"SANGAT_BAIK": 7, "BAIK": 3}, set()),
    "baik-edge": ("BAIK", {"BAIK": 7, "KURANG_MISCONDUCT": 1, "SANGAT_BAIK": 2}, set()),
    "butuh-perbaikan-edge": (
        "BUTUH_PERBAIKAN", {"BUTUH_PERBAIKAN": 6, "SANGAT_BAIK": 1, "BAIK": 3}, set()),
    "kurang-edge": (
        "KURANG", {"KURANG_MISCONDUCT": 6, "BUTUH_PERBAIKAN": 1, "SANGAT_BAIK": 1, "BAIK": 2},
        set()),
    "sangat-kurang-edge": (
        "SANGAT_KURANG", {"SANGAT_KURANG": 6, "BUTUH_PERBAIKAN": 1, "BAIK": 3}, set()),
}


@pytest.mark.parametrize("name", sorted(CASES))
async def test_each_pattern_warns_about_its_deviations(api, db, world, name):
    result, counts, expected = CASES[name]
    period_id, unit_id = await unit_with_results(api, db, world, counts)
    found = await check(api, period_id, unit_id, result)
    assert summary(found) == expected
    assert (found["unitSize"], found["smallUnit"]) == (sum(counts.values()), False)
    assert found["pattern"]["organisationResult"] == result
    shares = {g["predikat"]: (g["count"], g["share"]) for g in found["groups"]}
    for predikat, count in counts.items():
        assert shares[predikat] == (count, count / sum(counts.values()))


async def test_small_units_round_leniently_by_default(api, db, world):
    # 3 of 4 BAIK is 75 % > 70 %, but 0.7 x 4 = 2.8 rounds up to 3 for a small unit
    period_id, unit_id = await unit_with_results(api, db, world,
                                                 {"BAIK": 3, "BUTUH_PERBAIKAN": 1})
    found = await check(api, period_id, unit_id, "BAIK")
    assert (found["smallUnit"], found["rounding"], found["warnings"]) == (True, "LENIENT", [])


async def test_a_unit_without_organisation_result_says_so(api, db, world):
    period_id, unit_id = await unit_with_results(api, db, world, {"BAIK": 2})
    found = await check(api, period_id, unit_id, None)
    assert found["organisationResult"] is None and found["pattern"] is None
    assert [w["code"] for w in found["warnings"]] == ["NO_ORGANISATION_RESULT"]


async def test_staff_may_not_see_unit_distributions_and_foreign_ids_are_not_found(
        api, db, world):
    period_id, unit_id = await unit_with_results(api, db, world, {"BAIK": 2})
    staff = await api.gql(QUERY, {"p": period_id, "u": unit_id}, user="staff.alpha")
    assert staff.codes == ["FORBIDDEN"]
    foreign = await api.gql(QUERY, {"p": period_id, "u": gid("OrgUnit", uuid.uuid4())},
                            user="hr.alpha")
    assert foreign.codes == ["NOT_FOUND"]


def test_rounding_modes_of_the_small_unit_rule():
    content = default_content()
    counts = {"BAIK": 3, "BUTUH_PERBAIKAN": 1}  # BAIK 3 of 4, limit 0.7 x 4 = 2.8
    content["small_unit"]["rounding"] = "STRICT"
    assert [d.code for d in deviations(counts, "BAIK", content)] == ["MAX_SHARE_EXCEEDED"]
    content["small_unit"]["rounding"] = "NEAREST"
    assert deviations(counts, "BAIK", content) == []
    content["small_unit"]["max_size"] = 3  # no longer small: exact comparison
    assert [d.expected_count for d in deviations(counts, "BAIK", content)] == [2]
    # minimums: 60 % of 4 = 2.4 -> LENIENT needs 2, STRICT 3
    low = {"BUTUH_PERBAIKAN": 2, "BAIK": 2}
    content = default_content()
    assert deviations(low, "BUTUH_PERBAIKAN", content) == []
    content["small_unit"]["rounding"] = "STRICT"
    assert [d.code for d in deviations(low, "BUTUH_PERBAIKAN", content)] == [
        "MIN_SHARE_NOT_MET"]
