"""setReportingLine / endReportingLine: history, rater changes, date rules, node(id:), isolation.

The test world's lines start on 2026-01-01; `employees { rater }` shows the line in force today.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.api.test_employees_write import employee
from tests.api.test_org_units import audit_events, errors_of, raw, run
from tests.isolation import diff_snapshots, snapshot_tenant
from tests.support.api import gid

START = date(2026, 1, 1)
TODAY = date.today()
LINE = "reportingLine{id validFrom validTo acting rater{name} raterSuperior{name}}"
SET = ("mutation($i:SetReportingLineInput!){setReportingLine(input:$i){" + LINE
       + " employee{name rater{name} raterSuperior{name} acting} errors{field code message}}}")
END = ("mutation($e:ID!,$to:Date!){endReportingLine(employeeId:$e,validTo:$to){" + LINE
       + " employee{rater{name}} errors{field code message}}}")
HISTORY = ("query($id:ID!){employee(id:$id){rater{name} raterSuperior{name} acting "
           "reportingLines{id validFrom validTo acting rater{name} raterSuperior{name}}}}")
RATERS = "{employees(first:50){nodes{name rater{name} raterSuperior{name}}}}"
NODE = "query($id:ID!){node(id:$id){id ... on ReportingLine{validFrom rater{name}}}}"

pytestmark = pytest.mark.skipif(TODAY <= START + timedelta(days=1),
                                reason="needs a day between the world's lines and today")


def line_input(world, key="staff", rater="other", superior="head", valid_from=TODAY, **extra):
    values = {"employeeId": employee(world, key), "raterId": employee(world, rater),
              "raterSuperiorId": employee(world, superior) if superior else None,
              "validFrom": valid_from.isoformat()}
    return {"i": {**values, **extra}}


async def history(api, world, key="staff", user="hr.alpha"):
    return (await run(api, HISTORY, {"id": employee(world, key)}, user=user)).ok()["employee"]


async def test_new_rater_closes_the_old_line_and_keeps_history(api, db, world):
    result = await run(api, SET, line_input(world, acting="PLT"))
    payload = result.ok()["setReportingLine"]
    assert payload["errors"] == []
    assert payload["reportingLine"]["rater"] == {"name": "Alpha Other"}
    assert payload["employee"] == {"name": "Alpha Staff", "rater": {"name": "Alpha Other"},
                                   "raterSuperior": {"name": "Alpha Head"}, "acting": "PLT"}
    lines = (await history(api, world))["reportingLines"]
    assert [(x["validFrom"], x["validTo"], x["rater"]["name"], x["acting"]) for x in lines] == [
        (TODAY.isoformat(), None, "Alpha Other", "PLT"),
        (START.isoformat(), (TODAY - timedelta(days=1)).isoformat(), "Alpha Rater", "NONE")]
    listed = {n["name"]: n for n in (await run(api, RATERS)).ok()["employees"]["nodes"]}
    assert listed["Alpha Staff"]["rater"] == {"name": "Alpha Other"}
    assert listed["Alpha Staff2"]["rater"] == {"name": "Alpha Rater"}
    close, = await audit_events(db, world, raw(lines[1]["id"]))
    create, = await audit_events(db, world, raw(lines[0]["id"]))
    assert close.action == "reporting_line.close" and close.before["valid_to"] is None
    assert close.after["valid_to"] == (TODAY - timedelta(days=1)).isoformat()
    assert create.action == "reporting_line.create"
    assert create.after["rater_id"] == str(world.employee_id("alpha", "other"))


async def test_the_old_rater_no_longer_sees_the_employee(api, world):
    await run(api, SET, line_input(world))
    nodes = (await run(api, RATERS, user="rater.alpha")).ok()["employees"]["nodes"]
    seen = {n["name"] for n in nodes}
    assert seen == {"Alpha Rater", "Alpha Staff2"}


async def test_same_start_day_replaces_the_open_line(api, db, world):
    result = await run(api, SET, line_input(world, valid_from=START, superior=None))
    assert result.ok()["setReportingLine"]["errors"] == []
    lines = (await history(api, world))["reportingLines"]
    assert len(lines) == 1 and lines[0]["rater"] == {"name": "Alpha Other"}
    assert lines[0]["raterSuperior"] is None
    [event] = await audit_events(db, world, raw(lines[0]["id"]))
    assert event.action == "reporting_line.replace"
    assert event.before["rater_id"] == str(world.employee_id("alpha", "rater"))


async def test_first_line_of_an_employee_without_one(api, world):
    result = await run(api, SET, line_input(world, key="head", rater="other", superior=None))
    assert result.ok()["setReportingLine"]["employee"]["rater"] == {"name": "Alpha Other"}
    assert len((await history(api, world, "head"))["reportingLines"]) == 1


async def test_reporting_line_errors_at_once(api, world):
    result = await run(api, SET, line_input(world, rater="staff", superior="staff",
                                            valid_from=START - timedelta(days=1)))
    assert errors_of(result, "setReportingLine") == [
        ("raterId", "SELF_REFERENCE"), ("raterSuperiorId", "SELF_REFERENCE"),
        ("validFrom", "INVALID_DATES")]
    same = await run(api, SET, line_input(world, rater="head", superior="head"))
    assert errors_of(same, "setReportingLine") == [("raterSuperiorId", "RATER_IS_SUPERIOR")]
    assert (await history(api, world))["rater"] == {"name": "Alpha Rater"}


async def test_unknown_or_foreign_employees_are_unknown_references(api, db, world):
    before = await snapshot_tenant(db, world.tenant_id("beta"))
    result = await run(api, SET, {"i": {
        "employeeId": employee(world, "staff", "beta"), "raterId": "garbage",
        "raterSuperiorId": gid("Employee", world.unit_id("alpha", "SEC")),
        "validFrom": TODAY.isoformat()}})
    assert errors_of(result, "setReportingLine") == [
        ("employeeId", "UNKNOWN_REFERENCE"), ("raterId", "UNKNOWN_REFERENCE"),
        ("raterSuperiorId", "UNKNOWN_REFERENCE")]
    foreign_rater = await run(api, SET, {"i": {
        "employeeId": employee(world, "staff"), "raterId": employee(world, "head", "beta"),
        "validFrom": TODAY.isoformat()}})
    assert errors_of(foreign_rater, "setReportingLine") == [("raterId", "UNKNOWN_REFERENCE")]
    ended = await run(api, END, {"e": employee(world, "staff", "beta"), "to": TODAY.isoformat()})
    assert ended.codes == ["NOT_FOUND"]
    assert diff_snapshots(before, await snapshot_tenant(db, world.tenant_id("beta"))) == []


async def test_inactive_rater_is_refused(api, world):
    await run(api, "mutation($id:ID!){deactivateEmployee(id:$id){errors{code}}}",
              {"id": employee(world, "other")})
    result = await run(api, SET, line_input(world))
    assert errors_of(result, "setReportingLine") == [("raterId", "INACTIVE_REFERENCE")]


async def test_end_reporting_line_then_start_after_it(api, db, world):
    end_day = TODAY - timedelta(days=1)
    result = await run(api, END, {"e": employee(world, "staff"), "to": end_day.isoformat()})
    payload = result.ok()["endReportingLine"]
    assert payload["reportingLine"]["validTo"] == end_day.isoformat()
    assert payload["employee"]["rater"] is None
    [event] = await audit_events(db, world, raw(payload["reportingLine"]["id"]))
    assert event.action == "reporting_line.end"
    again = await run(api, END, {"e": employee(world, "staff"), "to": TODAY.isoformat()})
    assert errors_of(again, "endReportingLine") == [("employeeId", "NO_CURRENT_LINE")]
    overlapping = await run(api, SET, line_input(world, valid_from=end_day))
    assert errors_of(overlapping, "setReportingLine") == [("validFrom", "INVALID_DATES")]
    after = await run(api, SET, line_input(world, valid_from=TODAY))
    assert after.ok()["setReportingLine"]["employee"]["rater"] == {"name": "Alpha Other"}
    assert len((await history(api, world))["reportingLines"]) == 2


async def test_end_before_the_start_is_invalid(api, world):
    result = await run(api, END, {"e": employee(world, "staff"),
                                  "to": (START - timedelta(days=1)).isoformat()})
    assert errors_of(result, "endReportingLine") == [("validTo", "INVALID_DATES")]


async def test_node_returns_a_visible_reporting_line_only(api, world):
    own_line = (await history(api, world))["reportingLines"][0]["id"]
    other_line = (await history(api, world, "staff2"))["reportingLines"][0]["id"]
    as_hr = (await run(api, NODE, {"id": own_line})).ok()["node"]
    assert as_hr == {"id": own_line, "validFrom": START.isoformat(),
                     "rater": {"name": "Alpha Rater"}}
    as_staff = (await run(api, NODE, {"id": own_line}, user="staff.alpha")).ok()["node"]
    assert as_staff["id"] == own_line
    assert (await run(api, NODE, {"id": other_line}, user="staff.alpha")).codes == ["NOT_FOUND"]
    assert (await run(api, NODE, {"id": own_line}, user="hr.beta")).codes == ["NOT_FOUND"]


@pytest.mark.parametrize("role", ["staff", "rater", "auditor"])
async def test_roles_without_reporting_line_write_are_forbidden(api, world, role):
    for operation, variables in (
        (SET, line_input(world)),
        (END, {"e": employee(world, "staff"), "to": TODAY.isoformat()}),
    ):
        result = await run(api, operation, variables, user=f"{role}.alpha")
        assert result.codes == ["FORBIDDEN"] and result.data is None
    assert (await history(api, world))["rater"] == {"name": "Alpha Rater"}
