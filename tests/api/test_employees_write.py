"""createEmployee / updateEmployee / deactivateEmployee: NIP rules, references, links, locking."""

from __future__ import annotations

import pytest

from tests.api.test_org_units import audit_events, errors_of, raw, run
from tests.isolation import diff_snapshots, snapshot_tenant
from tests.support.api import gid
from tests.support.world import build_world

PNS_NIP = "19850517 201003 2 007"
PPPK_NIP = "199002152022212004"
EMPLOYEE = ("employee{id nip nipFormatted employeeType name rank active version hasAccount "
            "unit{code} position{code} rater{name}} errors{field code message}")
CREATE = "mutation($i:CreateEmployeeInput!){createEmployee(input:$i){" + EMPLOYEE + "}}"
UPDATE = "mutation($i:UpdateEmployeeInput!){updateEmployee(input:$i){" + EMPLOYEE + "}}"
DEACTIVATE = "mutation($id:ID!,$v:Int){deactivateEmployee(id:$id,version:$v){" + EMPLOYEE + "}}"
NAMES = "query($a:Boolean){employees(first:50,active:$a){nodes{name nip version}}}"


def new_employee(world, slug="alpha", **changes):
    values = {"nip": PNS_NIP, "employeeType": "PNS", "name": "Siti Rahma", "rank": "III_B",
              "unitId": gid("OrgUnit", world.unit_id(slug, "SEC")),
              "positionId": gid("Position", world.position_id(slug, "STAFF"))}
    return {"i": {**values, **changes}}


def employee(world, key, slug="alpha"):
    return gid("Employee", world.employee_id(slug, key))


def world_nip(slug, key):
    tenant = next(t for t in build_world().tenants if t.slug == slug)
    return next(e.nip for e in tenant.employees if e.key == key)


async def test_create_employee_stores_the_nip_as_digits(api, db, world):
    result = await run(api, CREATE, new_employee(world))
    created = result.ok()["createEmployee"]["employee"]
    assert created["nip"] == "198505172010032007"
    assert created["nipFormatted"] == "19850517 201003 2 007"
    assert (created["unit"], created["position"]) == ({"code": "SEC"}, {"code": "STAFF"})
    assert created["rank"] == "III_B" and created["version"] == 1 and not created["hasAccount"]
    [event] = await audit_events(db, world, raw(created["id"]))
    assert event.action == "employee.create" and event.after["nip"] == "198505172010032007"
    listed = (await run(api, NAMES)).ok()["employees"]["nodes"]
    assert {"name": "Siti Rahma", "nip": "198505172010032007", "version": 1} in listed


async def test_create_pppk_employee_linked_to_a_member_login(api, world):
    variables = new_employee(world, nip=PPPK_NIP, employeeType="PPPK", rank="PPPK_IX",
                             userId=gid("User", world.user_id("admin.alpha")))
    created = (await run(api, CREATE, variables)).ok()["createEmployee"]["employee"]
    assert created["employeeType"] == "PPPK" and created["hasAccount"] is True
    assert created["nipFormatted"] == "19900215 2022 21 2 004"


async def test_create_employee_reports_every_error_at_once(api, world):
    variables = new_employee(
        world, nip="19851317 201003 3 000", name=" ", rank="PPPK_IX",
        unitId=gid("OrgUnit", world.unit_id("beta", "SEC")),
        positionId=gid("Position", world.position_id("beta", "STAFF")),
        userId=gid("User", world.user_id("hr.beta")))
    result = await run(api, CREATE, variables)
    assert errors_of(result, "createEmployee") == [
        ("name", "REQUIRED"), ("nip", "NIP_BIRTH_DATE"), ("nip", "NIP_SEQUENCE"),
        ("nip", "NIP_SEX"), ("positionId", "UNKNOWN_REFERENCE"), ("rank", "INVALID_RANK"),
        ("unitId", "UNKNOWN_REFERENCE"), ("userId", "NOT_A_MEMBER")]
    assert result.data["createEmployee"]["employee"] is None


@pytest.mark.parametrize(("nip", "code"), [
    ("1985051720100320", "NIP_FORMAT"),
    ("19850517-201003-2-007", "NIP_FORMAT"),
    ("19850230 201003 2 007", "NIP_BIRTH_DATE"),
    ("19850517 201013 2 007", "NIP_APPOINTMENT"),
    ("19850517 200001 2 007", "NIP_APPOINTMENT"),
    ("19850517 201003 9 007", "NIP_SEX"),
    ("19850517 201003 2 000", "NIP_SEQUENCE"),
    ("", "REQUIRED"),
])
async def test_each_nip_problem_is_a_field_error(api, world, nip, code):
    result = await run(api, CREATE, new_employee(world, nip=nip))
    assert errors_of(result, "createEmployee") == [("nip", code)]


async def test_nip_messages_are_localised(api, world):
    result = await run(api, CREATE, new_employee(world, nip="123"), lang="id")
    [error] = result.ok()["createEmployee"]["errors"]
    assert error == {"field": "nip", "code": "NIP_FORMAT", "message": "NIP harus 18 digit angka."}


async def test_nip_is_unique_in_the_tenant_only(api, world):
    staff_nip = world_nip("alpha", "staff")
    spaced = f"{staff_nip[:8]} {staff_nip[8:14]} {staff_nip[14]} {staff_nip[15:]}"
    result = await run(api, CREATE, new_employee(world, nip=spaced))
    assert errors_of(result, "createEmployee") == [("nip", "DUPLICATE")]
    in_beta = await run(api, CREATE, new_employee(world, "beta"), user="hr.beta")
    assert in_beta.ok()["createEmployee"]["errors"] == []
    same_nip_in_alpha = await run(api, CREATE, new_employee(world))
    assert same_nip_in_alpha.ok()["createEmployee"]["errors"] == []


async def test_login_already_linked_or_malformed(api, world):
    linked = await run(api, CREATE, new_employee(
        world, userId=gid("User", world.user_id("staff.alpha"))))
    assert errors_of(linked, "createEmployee") == [("userId", "DUPLICATE")]
    malformed = await run(api, CREATE, new_employee(world, userId="garbage"))
    assert errors_of(malformed, "createEmployee") == [("userId", "UNKNOWN_REFERENCE")]


async def test_inactive_unit_or_position_is_refused(api, world):
    await run(api, "mutation($id:ID!){deactivateOrgUnit(id:$id){errors{code}}}",
              {"id": gid("OrgUnit", world.unit_id("alpha", "SPARE"))})
    await run(api, "mutation($id:ID!){deactivatePosition(id:$id){errors{code}}}",
              {"id": gid("Position", world.position_id("alpha", "SPARE"))})
    result = await run(api, CREATE, new_employee(
        world, unitId=gid("OrgUnit", world.unit_id("alpha", "SPARE")),
        positionId=gid("Position", world.position_id("alpha", "SPARE"))))
    assert errors_of(result, "createEmployee") == [
        ("positionId", "INACTIVE_REFERENCE"), ("unitId", "INACTIVE_REFERENCE")]


async def test_update_employee_with_audit_and_version(api, db, world):
    result = await run(api, UPDATE, {"i": {
        "id": employee(world, "other"), "version": 1, "name": "Alpha Other Renamed",
        "rank": "III_C", "unitId": gid("OrgUnit", world.unit_id("alpha", "SPARE")),
        "userId": gid("User", world.user_id("auditor.alpha"))}})
    changed = result.ok()["updateEmployee"]["employee"]
    assert (changed["name"], changed["rank"], changed["version"]) == (
        "Alpha Other Renamed", "III_C", 2)
    assert changed["unit"] == {"code": "SPARE"} and changed["hasAccount"] is True
    [event] = await audit_events(db, world, world.employee_id("alpha", "other"))
    assert event.action == "employee.update"
    assert (event.before["rank"], event.after["rank"]) == ("III_A", "III_C")
    unlinked = await run(api, UPDATE, {"i": {"id": employee(world, "other"), "clearUser": True}})
    assert unlinked.ok()["updateEmployee"]["employee"]["hasAccount"] is False


async def test_changing_the_type_rechecks_rank_and_nip(api, world):
    result = await run(api, UPDATE, {"i": {"id": employee(world, "other"), "employeeType": "PPPK"}})
    codes = errors_of(result, "updateEmployee")
    assert ("rank", "INVALID_RANK") in codes
    fixed = await run(api, UPDATE, {"i": {"id": employee(world, "other"), "employeeType": "PPPK",
                                          "rank": "PPPK_VII", "nip": PPPK_NIP}})
    assert fixed.ok()["updateEmployee"]["employee"]["employeeType"] == "PPPK"


async def test_update_to_a_taken_nip_and_bad_fields(api, world):
    result = await run(api, UPDATE, {"i": {
        "id": employee(world, "other"), "nip": world_nip("alpha", "staff"), "name": "",
        "positionId": gid("Position", world.position_id("beta", "HEAD"))}})
    assert errors_of(result, "updateEmployee") == [
        ("name", "REQUIRED"), ("nip", "DUPLICATE"), ("positionId", "UNKNOWN_REFERENCE")]


async def test_stale_version_is_a_conflict_and_changes_nothing(api, world):
    result = await run(api, UPDATE, {"i": {"id": employee(world, "staff"), "version": 3,
                                           "name": "Nope"}})
    assert result.codes == ["CONFLICT"]
    stale = await run(api, DEACTIVATE, {"id": employee(world, "staff"), "v": 2})
    assert stale.codes == ["CONFLICT"]
    names = {n["name"] for n in (await run(api, NAMES)).ok()["employees"]["nodes"]}
    assert "Alpha Staff" in names and "Nope" not in names


async def test_foreign_employee_is_not_found_and_untouched(api, db, world):
    before = await snapshot_tenant(db, world.tenant_id("beta"))
    for operation, variables in (
        (UPDATE, {"i": {"id": employee(world, "staff", "beta"), "name": "Hacked"}}),
        (DEACTIVATE, {"id": employee(world, "staff", "beta")}),
        (DEACTIVATE, {"id": gid("Employee", world.unit_id("alpha", "SEC"))}),
    ):
        assert (await run(api, operation, variables, user="admin.alpha")).codes == ["NOT_FOUND"]
    foreign_refs = await run(api, CREATE, new_employee(world, "beta"))
    assert errors_of(foreign_refs, "createEmployee") == [
        ("positionId", "UNKNOWN_REFERENCE"), ("unitId", "UNKNOWN_REFERENCE")]
    assert diff_snapshots(before, await snapshot_tenant(db, world.tenant_id("beta"))) == []


async def test_deactivate_employee(api, db, world):
    result = await run(api, DEACTIVATE, {"id": employee(world, "staff2"), "v": 1})
    done = result.ok()["deactivateEmployee"]["employee"]
    assert done["active"] is False and done["version"] == 2
    assert done["rater"] == {"name": "Alpha Rater"}
    active = {n["name"] for n in (await run(api, NAMES, {"a": True})).ok()["employees"]["nodes"]}
    assert "Alpha Staff2" not in active and "Alpha Staff" in active
    [event] = await audit_events(db, world, world.employee_id("alpha", "staff2"))
    assert event.action == "employee.deactivate"
    assert (event.before["active"], event.after["active"]) == (True, False)


@pytest.mark.parametrize("role", ["staff", "rater", "auditor"])
async def test_roles_without_employee_write_are_forbidden(api, world, role):
    for operation, variables in (
        (CREATE, new_employee(world)),
        (UPDATE, {"i": {"id": employee(world, "staff"), "name": "X"}}),
        (DEACTIVATE, {"id": employee(world, "staff")}),
    ):
        result = await run(api, operation, variables, user=f"{role}.alpha")
        assert result.codes == ["FORBIDDEN"] and result.data is None


async def test_a_nip_taken_by_a_concurrent_writer_is_still_a_duplicate(api, world, monkeypatch):
    from kinerja.people.write_repository import PeopleWriteRepository

    async def never_taken(self, *args):
        return False

    monkeypatch.setattr(PeopleWriteRepository, "nip_taken", never_taken)
    monkeypatch.setattr(PeopleWriteRepository, "existing_nips", lambda self, nips: _empty())
    result = await run(api, CREATE, new_employee(world, nip=world_nip("alpha", "staff")))
    assert errors_of(result, "createEmployee") == [("nip", "DUPLICATE")]
    csv_text = ("nip,employee_type,name,rank,unit_code,position_code\n"
                f"{world_nip('alpha', 'staff')},PNS,Race,III_A,SEC,STAFF\n")
    imported = await run(api, "mutation($c:String!){importEmployees(csv:$c){importedCount "
                              "errors{field code}}}", {"c": csv_text})
    assert imported.ok()["importEmployees"] == {
        "importedCount": 0, "errors": [{"field": "csv", "code": "DUPLICATE"}]}


async def _empty():
    return set()


async def test_nobody_links_their_own_login_to_an_employee_record(api, db, world):
    """HR linking itself to the rater's superior's record would let HR decide objections
    (PP 30/2019 Pasal 59: only the superior does): SELF_LINK, nothing changed."""
    me = gid("User", world.user_id("hr.alpha"))
    updated = await run(api, UPDATE, {"i": {"id": employee(world, "other"), "userId": me}})
    assert errors_of(updated, "updateEmployee") == [("userId", "SELF_LINK")]
    created = await run(api, CREATE, new_employee(world, userId=me))
    assert errors_of(created, "createEmployee") == [("userId", "SELF_LINK")]
    assert await audit_events(db, world, world.employee_id("alpha", "other")) == []
