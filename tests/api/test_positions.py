"""createPosition / updatePosition / deactivatePosition: type from level, codes, locking, audit."""

from __future__ import annotations

import pytest

from tests.api.test_org_units import audit_events, errors_of, raw, run
from tests.isolation import diff_snapshots, snapshot_tenant
from tests.support.api import gid

POSITION = "position{id code name level positionType active version} errors{field code message}"
CREATE = "mutation($i:CreatePositionInput!){createPosition(input:$i){" + POSITION + "}}"
UPDATE = "mutation($i:UpdatePositionInput!){updatePosition(input:$i){" + POSITION + "}}"
DEACTIVATE = "mutation($id:ID!,$v:Int){deactivatePosition(id:$id,version:$v){" + POSITION + "}}"
POSITIONS = "{positions{code name level positionType active version}}"


def position(world, code, slug="alpha"):
    return gid("Position", world.position_id(slug, code))


async def test_create_position_derives_the_type_from_the_level(api, db, world):
    result = await run(api, CREATE, {"i": {"code": "ahli-muda", "level": "AHLI_MUDA",
                                           "name": "Analis Kebijakan Ahli Muda"}},
                       user="admin.alpha")
    created = result.ok()["createPosition"]["position"]
    assert created["code"] == "AHLI-MUDA" and created["positionType"] == "FUNGSIONAL_KEAHLIAN"
    [event] = await audit_events(db, world, raw(created["id"]))
    assert event.action == "position.create"
    assert event.after["position_type"] == "FUNGSIONAL_KEAHLIAN"
    assert event.after["level"] == "AHLI_MUDA"


async def test_create_position_reports_every_error(api):
    result = await run(api, CREATE, {"i": {"code": "staff", "name": "", "level": "PEMULA"}})
    assert errors_of(result, "createPosition") == [("code", "DUPLICATE"), ("name", "REQUIRED")]


async def test_unknown_level_is_a_validation_error(api):
    result = await run(api, CREATE, {"i": {"name": "X", "level": "GENERAL"}})
    assert result.status == 200 and result.codes == ["BAD_USER_INPUT"]


async def test_update_position_level_changes_its_type_with_audit(api, db, world):
    result = await run(api, UPDATE, {"i": {"id": position(world, "STAFF"), "version": 1,
                                           "level": "TERAMPIL", "name": "Pengadministrasi"}})
    changed = result.ok()["updatePosition"]["position"]
    assert (changed["level"], changed["positionType"], changed["version"]) == (
        "TERAMPIL", "FUNGSIONAL_KETERAMPILAN", 2)
    [event] = await audit_events(db, world, world.position_id("alpha", "STAFF"))
    assert event.before["position_type"] == "ADMINISTRASI"
    assert event.after["position_type"] == "FUNGSIONAL_KETERAMPILAN"


async def test_update_position_code_to_a_taken_one(api, world):
    result = await run(api, UPDATE, {"i": {"id": position(world, "STAFF"), "code": "HEAD"}})
    assert errors_of(result, "updatePosition") == [("code", "DUPLICATE")]


async def test_stale_version_is_a_conflict(api, world):
    for operation, variables in (
        (UPDATE, {"i": {"id": position(world, "STAFF"), "version": 2, "name": "Z"}}),
        (DEACTIVATE, {"id": position(world, "SPARE"), "v": 3}),
    ):
        result = await run(api, operation, variables)
        assert result.codes == ["CONFLICT"]
    rows = {p["code"]: p for p in (await run(api, POSITIONS)).ok()["positions"]}
    assert rows["STAFF"]["name"] == "Staff" and rows["SPARE"]["active"] is True


async def test_deactivate_a_position_nobody_holds(api, db, world):
    result = await run(api, DEACTIVATE, {"id": position(world, "SPARE"), "v": 1})
    done = result.ok()["deactivatePosition"]["position"]
    assert done["active"] is False and done["version"] == 2
    [event] = await audit_events(db, world, world.position_id("alpha", "SPARE"))
    assert event.action == "position.deactivate" and event.after["active"] is False


async def test_position_held_by_active_employees_stays_active(api, world):
    result = await run(api, DEACTIVATE, {"id": position(world, "HEAD")})
    assert errors_of(result, "deactivatePosition") == [(None, "POSITION_IN_USE")]


async def test_foreign_position_is_not_found_and_untouched(api, db, world):
    before = await snapshot_tenant(db, world.tenant_id("beta"))
    for operation, variables in (
        (UPDATE, {"i": {"id": position(world, "STAFF", "beta"), "name": "Hacked"}}),
        (DEACTIVATE, {"id": position(world, "SPARE", "beta")}),
    ):
        assert (await run(api, operation, variables, user="admin.alpha")).codes == ["NOT_FOUND"]
    assert diff_snapshots(before, await snapshot_tenant(db, world.tenant_id("beta"))) == []


@pytest.mark.parametrize("role", ["staff", "rater", "auditor"])
async def test_roles_without_position_write_are_forbidden(api, world, role):
    for operation, variables in (
        (CREATE, {"i": {"name": "X", "level": "PEMULA"}}),
        (UPDATE, {"i": {"id": position(world, "STAFF"), "name": "X"}}),
        (DEACTIVATE, {"id": position(world, "SPARE")}),
    ):
        result = await run(api, operation, variables, user=f"{role}.alpha")
        assert result.codes == ["FORBIDDEN"] and result.data is None
