"""createOrgUnit / updateOrgUnit / deactivateOrgUnit: rules, errors, locking, audit, isolation."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from kinerja.models import AuditEvent
from tests.isolation import diff_snapshots, snapshot_tenant
from tests.support.api import gid

UNIT = "orgUnit{id code name active version parentId parent{name}} errors{field code message}"
CREATE = "mutation($i:CreateOrgUnitInput!){createOrgUnit(input:$i){" + UNIT + "}}"
UPDATE = "mutation($i:UpdateOrgUnitInput!){updateOrgUnit(input:$i){" + UNIT + "}}"
DEACTIVATE = "mutation($id:ID!,$v:Int){deactivateOrgUnit(id:$id,version:$v){" + UNIT + "}}"
UNITS = "{orgUnits{code name active version}}"


async def run(api, operation, variables=None, user="hr.alpha", **kw):
    return await api.gql(operation, variables, user=user, **kw)


def unit(world, code, slug="alpha"):
    return gid("OrgUnit", world.unit_id(slug, code))


def errors_of(result, field):
    return sorted((e["field"], e["code"]) for e in result.ok()[field]["errors"])


async def audit_events(db, world, object_id, slug="alpha"):
    session = db.session(tenant_id=world.tenant_id(slug))
    try:
        rows = (await session.execute(
            sa.select(AuditEvent.action, AuditEvent.before, AuditEvent.after,
                      AuditEvent.actor_user_id)
            .where(AuditEvent.object_id == str(object_id)).order_by(AuditEvent.at))).all()
    finally:
        await session.close()
    return rows


def raw(global_id):
    from kinerja.graphql.relay import from_global_id

    return from_global_id(global_id)[1]


async def test_create_org_unit_under_a_parent_is_audited(api, db, world):
    result = await run(api, CREATE, {"i": {"code": " keu ", "name": "  Bagian   Keuangan ",
                                          "parentId": unit(world, "ROOT")}})
    payload = result.ok()["createOrgUnit"]
    assert payload["errors"] == []
    created = payload["orgUnit"]
    assert created["code"] == "KEU" and created["name"] == "Bagian Keuangan"
    assert created["parent"] == {"name": "Alpha Office"} and created["version"] == 1
    listed = (await run(api, UNITS)).ok()["orgUnits"]
    assert {"code": "KEU", "name": "Bagian Keuangan", "active": True, "version": 1} in listed
    [event] = await audit_events(db, world, raw(created["id"]))
    assert event.action == "org_unit.create" and event.before is None
    assert event.after["code"] == "KEU" and event.actor_user_id == world.user_id("hr.alpha")


async def test_create_org_unit_reports_every_error_at_once(api, world):
    result = await run(api, CREATE, {"i": {"code": "bad code!", "name": "   ",
                                          "parentId": gid("OrgUnit", world.tenant_id("alpha"))}})
    assert errors_of(result, "createOrgUnit") == [
        ("code", "INVALID_VALUE"), ("name", "REQUIRED"), ("parentId", "UNKNOWN_REFERENCE")]
    assert result.data["createOrgUnit"]["orgUnit"] is None


async def test_create_org_unit_with_taken_code_or_long_name(api):
    result = await run(api, CREATE, {"i": {"code": "sec", "name": "x" * 201}})
    assert errors_of(result, "createOrgUnit") == [("code", "DUPLICATE"), ("name", "TOO_LONG")]


async def test_code_may_repeat_across_tenants(api, world):
    result = await run(api, CREATE, {"i": {"code": "NEW", "name": "New"}}, user="hr.beta")
    assert result.ok()["createOrgUnit"]["errors"] == []
    again = await run(api, CREATE, {"i": {"code": "NEW", "name": "New"}}, user="admin.alpha")
    assert again.ok()["createOrgUnit"]["errors"] == []


@pytest.mark.parametrize("parent", ["beta-root", "garbage", "employee-id"])
async def test_foreign_or_malformed_parent_is_an_unknown_reference(api, db, world, parent):
    parent_id = {"beta-root": unit(world, "ROOT", "beta"), "garbage": "not-an-id",
                 "employee-id": gid("Employee", world.employee_id("alpha", "head"))}[parent]
    before = await snapshot_tenant(db, world.tenant_id("beta"))
    result = await run(api, CREATE, {"i": {"code": "X", "name": "X", "parentId": parent_id}})
    assert errors_of(result, "createOrgUnit") == [("parentId", "UNKNOWN_REFERENCE")]
    assert diff_snapshots(before, await snapshot_tenant(db, world.tenant_id("beta"))) == []


async def test_update_org_unit_moves_and_renames_with_audit(api, db, world):
    result = await run(api, UPDATE, {"i": {"id": unit(world, "SEC"), "version": 1, "name": "Seksi",
                                          "code": "sek", "parentId": unit(world, "SPARE")}})
    changed = result.ok()["updateOrgUnit"]["orgUnit"]
    assert changed["name"] == "Seksi" and changed["code"] == "SEK" and changed["version"] == 2
    assert changed["parent"] == {"name": "Alpha Spare Unit"}
    [event] = await audit_events(db, world, world.unit_id("alpha", "SEC"))
    assert event.action == "org_unit.update"
    assert event.before["name"] == "Alpha Section" and event.after["name"] == "Seksi"
    assert event.after["parent_id"] == str(world.unit_id("alpha", "SPARE"))
    cleared = await run(api, UPDATE, {"i": {"id": unit(world, "SEC"), "clearParent": True}})
    assert cleared.ok()["updateOrgUnit"]["orgUnit"]["parentId"] is None


async def test_update_without_changes_keeps_the_version(api, world):
    result = await run(api, UPDATE, {"i": {"id": unit(world, "SEC"), "name": "Alpha Section"}})
    assert result.ok()["updateOrgUnit"]["orgUnit"]["version"] == 1


async def test_update_org_unit_refuses_cycles(api, world):
    into_child = await run(api, UPDATE, {"i": {"id": unit(world, "ROOT"),
                                              "parentId": unit(world, "SEC")}})
    assert errors_of(into_child, "updateOrgUnit") == [("parentId", "CYCLE")]
    into_itself = await run(api, UPDATE, {"i": {"id": unit(world, "SEC"),
                                               "parentId": unit(world, "SEC")}})
    assert errors_of(into_itself, "updateOrgUnit") == [("parentId", "CYCLE")]


async def test_stale_version_is_a_conflict_and_changes_nothing(api, world):
    result = await run(api, UPDATE, {"i": {"id": unit(world, "SEC"), "version": 7, "name": "Z"}})
    assert result.codes == ["CONFLICT"] and result.data is None
    names = {u["code"]: u["name"] for u in (await run(api, UNITS)).ok()["orgUnits"]}
    assert names["SEC"] == "Alpha Section"
    stale = await run(api, DEACTIVATE, {"id": unit(world, "SPARE"), "v": 0})
    assert stale.codes == ["CONFLICT"]


async def test_foreign_or_unknown_unit_is_not_found_and_untouched(api, db, world):
    before = await snapshot_tenant(db, world.tenant_id("beta"))
    for operation, variables in (
        (UPDATE, {"i": {"id": unit(world, "SEC", "beta"), "name": "Hacked"}}),
        (DEACTIVATE, {"id": unit(world, "SPARE", "beta")}),
        (DEACTIVATE, {"id": gid("OrgUnit", world.employee_id("alpha", "head"))}),
    ):
        result = await run(api, operation, variables, user="admin.alpha")
        assert result.codes == ["NOT_FOUND"], result.body
    assert diff_snapshots(before, await snapshot_tenant(db, world.tenant_id("beta"))) == []


async def test_deactivate_an_empty_unit_then_reactivate(api, db, world):
    result = await run(api, DEACTIVATE, {"id": unit(world, "SPARE"), "v": 1})
    done = result.ok()["deactivateOrgUnit"]["orgUnit"]
    assert done["active"] is False and done["version"] == 2
    inactive_parent = await run(api, CREATE, {"i": {"name": "Under",
                                                     "parentId": unit(world, "SPARE")}})
    assert errors_of(inactive_parent, "createOrgUnit") == [("parentId", "INACTIVE_REFERENCE")]
    back = await run(api, UPDATE, {"i": {"id": unit(world, "SPARE"), "active": True}})
    assert back.ok()["updateOrgUnit"]["orgUnit"]["active"] is True
    actions = [e.action for e in await audit_events(db, world, world.unit_id("alpha", "SPARE"))]
    assert actions == ["org_unit.deactivate", "org_unit.update"]


async def test_unit_with_active_employees_or_children_stays_active(api, world):
    for code in ("SEC", "ROOT"):
        result = await run(api, DEACTIVATE, {"id": unit(world, code)})
        assert errors_of(result, "deactivateOrgUnit") == [(None, "UNIT_IN_USE")]
    by_update = await run(api, UPDATE, {"i": {"id": unit(world, "SEC"), "active": False}})
    assert errors_of(by_update, "updateOrgUnit") == [("active", "UNIT_IN_USE")]
    units = {u["code"]: u for u in (await run(api, UNITS)).ok()["orgUnits"]}
    assert units["SEC"]["active"] and units["ROOT"]["active"] and units["SEC"]["version"] == 1


async def test_messages_follow_the_language(api):
    result = await run(api, CREATE, {"i": {"name": ""}}, lang="id")
    [error] = result.ok()["createOrgUnit"]["errors"]
    assert error["message"] == "Wajib diisi."


@pytest.mark.parametrize("role", ["staff", "rater", "auditor"])
async def test_roles_without_org_unit_write_are_forbidden(api, world, role):
    for operation, variables in (
        (CREATE, {"i": {"name": "X"}}),
        (UPDATE, {"i": {"id": unit(world, "SEC"), "name": "X"}}),
        (DEACTIVATE, {"id": unit(world, "SPARE")}),
    ):
        result = await run(api, operation, variables, user=f"{role}.alpha")
        assert result.codes == ["FORBIDDEN"] and result.data is None
    units = {u["code"]: u for u in (await run(api, UNITS)).ok()["orgUnits"]}
    assert len(units) == 3 and all(u["version"] == 1 for u in units.values())


async def test_a_code_taken_by_a_concurrent_writer_is_still_a_duplicate(api, world, monkeypatch):
    """The check-then-insert race: the unique constraint answers, as a field error."""
    from kinerja.people.write_repository import PeopleWriteRepository

    async def never_taken(self, model, code, except_id):
        return False

    monkeypatch.setattr(PeopleWriteRepository, "code_taken", never_taken)
    created = await run(api, CREATE, {"i": {"code": "SEC", "name": "Second"}})
    assert errors_of(created, "createOrgUnit") == [("code", "DUPLICATE")]
    updated = await run(api, UPDATE, {"i": {"id": unit(world, "SPARE"), "code": "SEC"}})
    assert errors_of(updated, "updateOrgUnit") == [("code", "DUPLICATE")]
    after = await run(api, CREATE, {"i": {"code": "OK1", "name": "Works after the refusal"}})
    assert after.ok()["createOrgUnit"]["errors"] == []
