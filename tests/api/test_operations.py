"""Every checked-in client operation (schema/operations/*.graphql) runs against the real app.

tests/test_schema.py only validates the documents; here each one is sent as a web client would
send it, by a user whose role fits, with realistic variables, and must come back without
top-level errors and with empty payload `errors` (and `rowErrors`). CASES maps an operation name
(the file name) to who sends it, how its variables are built (reading first where a client
would, e.g. the `version` for optimistic locking), and an optional check of the result.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from graphql import OperationType, parse

from tests.api import operations_analysis
from tests.api import reviews_operations as rv
from tests.api.operations_analysis import OPERATIONS as ANALYSIS_OPERATIONS
from tests.api.operations_audit import OPERATIONS as AUDIT_OPERATIONS
from tests.api.operations_clients import OPERATIONS as CLIENT_OPERATIONS
from tests.api.operations_development import OPERATIONS as DEVELOPMENT_OPERATIONS
from tests.api.operations_oversight import OPERATIONS as OVERSIGHT_OPERATIONS
from tests.api.operations_results import RESULT_OPERATIONS
from tests.api.operations_views import OPERATIONS as VIEW_OPERATIONS
from tests.support.api import Api, gid
from tests.support.world import PASSWORD, World

OPERATIONS_DIR = Path(__file__).resolve().parents[2] / "schema" / "operations"
DOCUMENTS = {p.stem: p.read_text() for p in sorted(OPERATIONS_DIR.glob("*.graphql"))}

# The test world's reporting lines start on 2026-01-01; a new line needs a later day.
LINES_START = date(2026, 1, 1)
TODAY = date.today()
NEW_LINE_FROM = max(TODAY, LINES_START + timedelta(days=1))
NEW_NIP = "19850517 201003 2 007"  # valid PNS NIP that no world employee holds

Variables = dict[str, Any]
Builder = Callable[[Api, World], Variables | Awaitable[Variables]]
Check = Callable[[dict, World], None]


@dataclass(frozen=True)
class Case:
    user: str | None  # None: anonymous
    variables: Builder
    check: Check | None = None
    tenant: str | None = None  # X-Tenant; None lets a one-agency user default to theirs
    with_db: bool = False  # the builder also takes the `db` fixture (to seed data directly)


async def send(api: Api, name: str, variables: Variables | None = None, *,
               user: str | None, tenant: str | None = None) -> dict:
    """Run one checked-in operation and return `data`; fails on any top-level error."""
    return (await api.gql(DOCUMENTS[name], variables, user=user, tenant=tenant)).ok()


def root_field(name: str) -> str:
    """The (single) root field an operation selects."""
    [operation] = parse(DOCUMENTS[name]).definitions
    [selection] = operation.selection_set.selections
    return selection.name.value


def is_mutation(name: str) -> bool:
    [operation] = parse(DOCUMENTS[name]).definitions
    return operation.operation is OperationType.MUTATION


# --- world references --------------------------------------------------------------------------

def unit(world: World, code: str, slug: str = "alpha") -> str:
    return gid("OrgUnit", world.unit_id(slug, code))


def position(world: World, code: str, slug: str = "alpha") -> str:
    return gid("Position", world.position_id(slug, code))


def employee(world: World, key: str, slug: str = "alpha") -> str:
    return gid("Employee", world.employee_id(slug, key))


def user(world: World, username: str) -> str:
    return gid("User", world.user_id(username))


def tenant(world: World, slug: str) -> str:
    return gid("Tenant", world.tenant_id(slug))


# --- reads a client does before writing (to get the current version) ----------------------------

async def unit_version(api: Api, world: World, code: str, caller: str = "hr.alpha") -> int:
    units = (await send(api, "OrgUnits", {}, user=caller))["orgUnits"]
    return next(u["version"] for u in units if u["id"] == unit(world, code))


async def position_version(api: Api, world: World, code: str, caller: str = "hr.alpha") -> int:
    positions = (await send(api, "Positions", {}, user=caller))["positions"]
    return next(p["version"] for p in positions if p["id"] == position(world, code))


async def employee_version(api: Api, world: World, key: str, caller: str = "hr.alpha") -> int:
    data = await send(api, "Employee", {"id": employee(world, key)}, user=caller)
    return data["employee"]["version"]


async def user_version(api: Api, world: World, username: str, caller: str = "admin.alpha") -> int:
    return (await send(api, "User", {"id": user(world, username)}, user=caller))["user"]["version"]


async def tenant_version(api: Api, world: World, slug: str) -> int:
    tenants = (await send(api, "Tenants", {"includeInactive": True}, user="platform.root"))
    return next(t["version"] for t in tenants["tenants"] if t["slug"] == slug)


REVIEWER = {"name": "reviewer", "description": "Reviews the unit's performance records",
            "permissions": [{"resource": "employee", "action": "read", "scope": "UNIT"},
                            {"resource": "audit", "action": "read", "scope": "TENANT"}]}


async def create_reviewer_role(api: Api) -> dict:
    payload = (await send(api, "CreateRole", {"input": REVIEWER}, user="admin.alpha"))["createRole"]
    assert payload["errors"] == [], payload
    return payload["role"]


# --- variables builders -------------------------------------------------------------------------

async def update_org_unit(api, world):
    version = await unit_version(api, world, "SPARE")
    return {"input": {"id": unit(world, "SPARE"), "version": version, "code": "PLAN",
                      "name": "Alpha Planning Unit", "parentId": unit(world, "ROOT")}}


async def deactivate_org_unit(api, world):
    return {"id": unit(world, "SPARE"), "version": await unit_version(api, world, "SPARE")}


async def update_position(api, world):
    return {"input": {"id": position(world, "SPARE"),
                      "version": await position_version(api, world, "SPARE"),
                      "name": "Analis Kepegawaian", "level": "AHLI_PERTAMA"}}


async def deactivate_position(api, world):
    return {"id": position(world, "SPARE"), "version": await position_version(api, world, "SPARE")}


async def update_employee(api, world):
    return {"input": {"id": employee(world, "staff"),
                      "version": await employee_version(api, world, "staff"),
                      "name": "Alpha Staff, S.E.", "rank": "III_B", "unitId": unit(world, "ROOT")}}


async def deactivate_employee(api, world):
    version = await employee_version(api, world, "staff2")
    return {"id": employee(world, "staff2"), "version": version}


async def update_user(api, world):
    return {"input": {"id": user(world, "staff.alpha"),
                      "version": await user_version(api, world, "staff.alpha"),
                      "displayName": "Staf Alpha", "email": "staf.alpha@kinerja.example"}}


async def update_role(api, world):
    role = await create_reviewer_role(api)
    return {"input": {"name": role["name"], "version": role["version"],
                      "description": "Reviews the unit's employees",
                      "permissions": [{"resource": "employee", "action": "read", "scope": "UNIT"}]}}


async def delete_role(api, world):
    return {"name": (await create_reviewer_role(api))["name"]}


async def revoke_role(api, world):
    variables = {"userId": user(world, "hr.alpha"), "role": "auditor"}
    assigned = (await send(api, "AssignRole", variables, user="admin.alpha"))["assignRole"]
    assert assigned["errors"] == [], assigned
    return {"userId": user(world, "hr.alpha"), "role": "auditor"}


async def audit_events(api, world):
    await create_reviewer_role(api)
    return {"first": 20, "objectType": "Role", "actorUserId": user(world, "admin.alpha")}


async def update_tenant(api, world):
    version = await tenant_version(api, world, "beta")
    return {"input": {"id": tenant(world, "beta"), "version": version,
                      "name": "Dinas Beta Baru", "kind": "OTHER"}}


async def deactivate_tenant(api, world):
    return {"id": tenant(world, "beta"), "version": await tenant_version(api, world, "beta")}


def import_csv(world):
    return {"csv": "nip,employee_type,name,rank,unit_code,position_code\n"
                   f"{NEW_NIP},PNS,Siti Rahma,III/b,SEC,STAFF\n",
            "dryRun": False}


# --- checks -------------------------------------------------------------------------------------

def check_login(data, world):
    login = data["login"]
    assert login["token"] and login["user"]["username"] == "hr.alpha"


def check_enum_labels(data, world):
    # api.gql sends Accept-Language: en
    assert data["enumLabels"] == [{"name": "Predikat", "values": [
        {"value": "SANGAT_BAIK", "labelId": "Sangat Baik", "labelEn": "Very good",
         "label": "Very good"},
        {"value": "BAIK", "labelId": "Baik", "labelEn": "Good", "label": "Good"},
        {"value": "BUTUH_PERBAIKAN", "labelId": "Butuh Perbaikan",
         "labelEn": "Needs improvement", "label": "Needs improvement"},
        {"value": "KURANG_MISCONDUCT", "labelId": "Kurang/Misconduct",
         "labelEn": "Poor/misconduct", "label": "Poor/misconduct"},
        {"value": "SANGAT_KURANG", "labelId": "Sangat Kurang", "labelEn": "Very poor",
         "label": "Very poor"}]}]


def check_me(data, world):
    me = data["me"]
    assert me["user"]["username"] == "hr.alpha" and me["tenant"]["slug"] == "alpha"
    assert me["roles"] == ["hr"] and me["permissions"]


def check_node(data, world):
    assert data["node"]["__typename"] == "Employee" and data["node"]["name"] == "Alpha Staff"


def check_employee(data, world):
    found = data["employee"]
    assert found["name"] == "Alpha Staff" and found["rater"]["name"] == "Alpha Rater"
    assert found["reportingLines"]


def check_employees(data, world):
    assert data["employees"]["totalCount"] == 5 and len(data["employees"]["edges"]) == 5


def check_org_units(data, world):
    assert {u["code"] for u in data["orgUnits"]} == {"ROOT", "SEC", "SPARE"}


def check_positions(data, world):
    assert {p["code"] for p in data["positions"]} == {"HEAD", "STAFF", "SPARE"}


def check_tenants(data, world):
    assert {"alpha", "beta"} <= {t["slug"] for t in data["tenants"]}


def check_create_org_unit(data, world):
    created = data["createOrgUnit"]["orgUnit"]
    assert created["code"] == "KEU" and created["parent"]["name"] == "Alpha Office"


def check_update_org_unit(data, world):
    changed = data["updateOrgUnit"]["orgUnit"]
    assert (changed["code"], changed["name"]) == ("PLAN", "Alpha Planning Unit")


def check_deactivate_org_unit(data, world):
    assert data["deactivateOrgUnit"]["orgUnit"]["active"] is False


def check_create_position(data, world):
    created = data["createPosition"]["position"]
    assert created["positionType"] == "FUNGSIONAL_KEAHLIAN" and created["active"] is True


def check_update_position(data, world):
    changed = data["updatePosition"]["position"]
    assert changed["name"] == "Analis Kepegawaian"
    assert changed["positionType"] == "FUNGSIONAL_KEAHLIAN"


def check_deactivate_position(data, world):
    assert data["deactivatePosition"]["position"]["active"] is False


def check_create_employee(data, world):
    created = data["createEmployee"]["employee"]
    assert created["nip"] == "198505172010032007" and created["unit"]["code"] == "SEC"


def check_update_employee(data, world):
    changed = data["updateEmployee"]["employee"]
    assert changed["name"] == "Alpha Staff, S.E." and changed["rank"] == "III_B"
    assert changed["unit"]["code"] == "ROOT"


def check_deactivate_employee(data, world):
    assert data["deactivateEmployee"]["employee"]["active"] is False


def check_set_reporting_line(data, world):
    line = data["setReportingLine"]["reportingLine"]
    assert line["rater"]["name"] == "Alpha Other" and line["acting"] == "PLT"
    assert line["validFrom"] == NEW_LINE_FROM.isoformat()


def check_end_reporting_line(data, world):
    assert data["endReportingLine"]["reportingLine"]["validTo"] == TODAY.isoformat()


def check_import(data, world):
    result = data["importEmployees"]
    assert (result["rowCount"], result["importedCount"], result["dryRun"]) == (1, 1, False)


def check_users(data, world):
    assert data["users"]["totalCount"] == 5


def check_user(data, world):
    assert data["user"]["username"] == "hr.alpha" and data["user"]["roles"] == ["hr"]


def check_create_user(data, world):
    created = data["createUser"]["user"]
    assert created["username"] == "siti.rahma" and created["roles"] == ["staff"]


def check_update_user(data, world):
    assert data["updateUser"]["user"]["displayName"] == "Staf Alpha"


def check_remove_user(data, world):
    removed = data["removeUserFromTenant"]
    assert removed["removedUserId"] == user(world, "auditor.alpha")
    assert removed["removedRoles"] == ["auditor"]


def check_set_user_disabled(data, world):
    assert data["setUserDisabled"]["user"]["disabled"] is True


def check_platform_disabled(data, world):
    assert data["platformSetUserDisabled"]["user"]["disabled"] is True


def check_roles(data, world):
    assert {"admin", "hr", "rater", "staff", "auditor"} <= {r["name"] for r in data["roles"]}


def check_role(data, world):
    assert data["role"]["builtin"] is True and data["role"]["memberCount"] == 1


def check_vocabulary(data, world):
    assert any(o["grantable"] for o in data["permissionVocabulary"])


def check_create_role(data, world):
    created = data["createRole"]["role"]
    assert created["name"] == "reviewer" and created["builtin"] is False


def check_update_role(data, world):
    assert data["updateRole"]["role"]["permissions"] == [
        {"resource": "employee", "action": "read", "scope": "UNIT"}]


def check_delete_role(data, world):
    assert data["deleteRole"]["role"]["name"] == "reviewer"


def check_assign_role(data, world):
    assert sorted(data["assignRole"]["user"]["roles"]) == ["auditor", "hr"]


def check_revoke_role(data, world):
    assert data["revokeRole"]["user"]["roles"] == ["hr"]


def check_audit_events(data, world):
    nodes = [e["node"] for e in data["auditEvents"]["edges"]]
    assert [(e["action"], e["objectId"], e["actorUsername"]) for e in nodes] == [
        ("role.create", "reviewer", "admin.alpha")]


def check_create_tenant(data, world):
    created = data["createTenant"]["tenant"]
    assert created["slug"] == "gamma" and created["parentId"] == tenant(world, "alpha")


def check_update_tenant(data, world):
    changed = data["updateTenant"]["tenant"]
    assert (changed["name"], changed["kind"]) == ("Dinas Beta Baru", "OTHER")


def check_deactivate_tenant(data, world):
    assert data["deactivateTenant"]["tenant"]["active"] is False


# --- cycles ---------------------------------------------------------------------------------------

CREATE_CYCLE = ("mutation($i:CreateCycleInput!){createCycle(input:$i){cycle{id version} "
                "errors{code}}}")


async def new_cycle(api: Api, launched: bool = False) -> dict:
    cycle = (await api.gql(CREATE_CYCLE, {"i": {"year": 2027, "name": "Kinerja 2027"}},
                           user="hr.alpha")).ok()["createCycle"]["cycle"]
    if launched:
        (await api.gql("mutation($i:AdvanceCycleInput!){advanceCycle(input:$i){errors{code}}}",
                       {"i": {"id": cycle["id"], "to": "PLANNING", "version": cycle["version"]}},
                       user="hr.alpha")).ok()
    return cycle


async def cycle_id(api, world):
    return {"id": (await new_cycle(api))["id"]}


async def advance_cycle(api, world):
    cycle = await new_cycle(api)
    return {"input": {"id": cycle["id"], "to": "PLANNING", "version": cycle["version"]}}


async def skps_page(api, world):
    return {"cycleId": (await new_cycle(api, launched=True))["id"], "first": 10}


async def staff_skp(api, world):
    cycle = await new_cycle(api, launched=True)
    page = (await api.gql("query($c:ID!){skps(cycleId:$c){nodes{id}}}", {"c": cycle["id"]},
                          user="staff.alpha")).ok()["skps"]["nodes"]
    return {"id": page[0]["id"]}


async def rule_set_versions(api, world):
    """A cycle exists; creating it saved the defaults as rule-set version 1."""
    await new_cycle(api)
    return {}


def check_rule_set(data, world):
    rule_set = data["ruleSet"]
    assert (rule_set["version"], rule_set["objectionWindowDays"]) == (0, 14)
    assert len(rule_set["matrix"]) == 9 and len(rule_set["patterns"]) == 5


def check_rule_set_versions(data, world):
    assert [v["version"] for v in data["ruleSetVersions"]] == [1]


def check_update_rule_set(data, world):
    saved = data["updateRuleSet"]["ruleSet"]
    assert (saved["version"], saved["periodGranularity"]) == (1, "MONTHLY")
    assert saved["scoreWeights"] == [{"source": "RATER", "weight": 1.0}]


def check_cycles(data, world):
    assert [(c["year"], len(c["periods"])) for c in data["cycles"]] == [(2027, 5)]


def check_cycle(data, world):
    assert data["cycle"]["state"] == "DRAFT" and data["cycle"]["ruleSet"]["version"] == 1


def check_create_cycle(data, world):
    created = data["createCycle"]["cycle"]
    assert (created["year"], created["state"], len(created["periods"])) == (2028, "DRAFT", 5)


def check_advance_cycle(data, world):
    assert data["advanceCycle"]["cycle"]["state"] == "PLANNING"


def check_skps(data, world):
    assert data["skps"]["totalCount"] == 3  # the rater's own and the two staff they rate


def check_skp(data, world):
    skp = data["skp"]
    assert skp["employee"]["name"] == "Alpha Staff" and skp["rater"]["name"] == "Alpha Rater"


# --- SKP plans and workflow ---------------------------------------------------------------------

INDICATOR = {"aspect": "KUANTITAS", "text": "Jumlah laporan", "targetValue": 12,
             "targetUnit": "laporan"}


async def launched_skps(api: Api) -> tuple[str, dict[str, dict]]:
    """A launched cycle and its SKPs by employee key (head, rater, staff, ...)."""
    cycle = await new_cycle(api, launched=True)
    nodes = (await api.gql("query($c:ID!){skps(cycleId:$c,first:20){nodes{id version "
                           "employee{name}}}}", {"c": cycle["id"]},
                           user="hr.alpha")).ok()["skps"]["nodes"]
    return cycle["id"], {n["employee"]["name"].split()[-1].lower(): n for n in nodes}


async def send_plan(api: Api, skp: dict, user: str, parent: str | None = None) -> dict:
    plan = [{"kind": "UTAMA", "text": "Laporan layanan tersusun", "parentId": parent,
             "indicators": [INDICATOR]}]
    return (await send(api, "SaveSkpPlan", {"input": {"skpId": skp["id"], "workResults": plan}},
                       user=user))["saveSkpPlan"]["skp"]


async def save_skp_plan(api, world):
    _, skps = await launched_skps(api)
    rater = await send_plan(api, skps["rater"], "rater.alpha")
    return {"input": {"skpId": skps["staff"]["id"], "version": skps["staff"]["version"],
                      "workResults": [
                          {"kind": "UTAMA", "text": "Dokumen pelayanan selesai",
                           "parentId": rater["workResults"][0]["id"],
                           "indicators": [INDICATOR, {"aspect": "KUALITAS", "text": "Mutu",
                                                      "targetText": "Tanpa revisi"}]}]}}


async def set_expectations(api, world):
    _, skps = await launched_skps(api)
    return {"input": {"skpId": skps["staff"]["id"], "expectations": [
        {"value": "BERORIENTASI_PELAYANAN", "text": "Membalas pengaduan dalam 2 hari"}]}}


async def submitted_staff_skp(api: Api) -> dict:
    _, skps = await launched_skps(api)
    skp = await send_plan(api, skps["staff"], "staff.alpha")
    return (await send(api, "SubmitSkp", {"input": {"id": skp["id"], "version": skp["version"]}},
                       user="staff.alpha"))["submitSkp"]["skp"]


async def submit_skp(api, world):
    _, skps = await launched_skps(api)
    skp = await send_plan(api, skps["staff"], "staff.alpha")
    return {"input": {"id": skp["id"], "version": skp["version"]}}


async def approve_skp(api, world):
    skp = await submitted_staff_skp(api)
    return {"input": {"id": skp["id"], "version": skp["version"]}}


async def return_skp(api, world):
    skp = await submitted_staff_skp(api)
    return {"input": {"id": skp["id"], "version": skp["version"],
                      "comment": "Tambahkan indikator kualitas"}}


async def skp_tree(api, world):
    cycle, skps = await launched_skps(api)
    rater = await send_plan(api, skps["rater"], "rater.alpha")
    await send_plan(api, skps["staff"], "staff.alpha", rater["workResults"][0]["id"])
    return {"cycleId": cycle}


def check_save_skp_plan(data, world):
    skp = data["saveSkpPlan"]["skp"]
    assert skp["version"] == 2 and len(skp["workResults"][0]["indicators"]) == 2
    assert skp["workResults"][0]["parentId"]


def check_set_expectations(data, world):
    texts = [e["text"] for e in data["setBehaviourExpectations"]["skp"]["behaviourExpectations"]]
    assert len(texts) == 7 and texts[0] == "Membalas pengaduan dalam 2 hari"


def check_submit_skp(data, world):
    skp = data["submitSkp"]["skp"]
    assert skp["status"] == "SUBMITTED" and skp["history"][0]["actorName"] == "Staff Alpha"


def check_approve_skp(data, world):
    assert data["approveSkp"]["skp"]["status"] == "APPROVED"


def check_return_skp(data, world):
    skp = data["returnSkp"]["skp"]
    assert skp["status"] == "RETURNED"
    assert skp["history"][-1]["comment"] == "Tambahkan indikator kualitas"


def check_skp_tree(data, world):
    rater = next(n for n in data["skpTree"] if n["skp"]["employee"]["name"] == "Alpha Rater")
    assert [c["text"] for c in rater["workResults"][0]["children"]] == [
        "Laporan layanan tersusun"]


# --- competencies ------------------------------------------------------------------------------

def technical_competency(code: str, name: str) -> dict:
    return {"code": code, "name": name, "description": f"Kemampuan {name.lower()}.",
            "levels": [f"{name} tingkat {i}" for i in range(1, 6)]}


async def save_technical_framework(api, world):
    current = await send(api, "CompetencyFramework", user="hr.alpha")
    return {"input": {"version": current["competencyFramework"]["technical"]["version"],
                      "competencies": [technical_competency("T.01", "Pengelolaan Arsip")]}}


def check_save_technical_framework(data, world):
    framework = data["saveTechnicalFramework"]["framework"]
    assert (framework["version"], framework["saved"]) == (1, True)
    assert [c["group"] for c in framework["competencies"]] == ["TEKNIS"]


async def framework_versions(api, world):
    await send(api, "SaveTechnicalFramework", await save_technical_framework(api, world),
               user="hr.alpha")
    return {}


def check_framework_versions(data, world):
    [version] = data["competencyFrameworkVersions"]
    assert version["version"] == 1 and version["competencies"][0]["code"] == "T.01"


def check_competency_framework(data, world):
    framework = data["competencyFramework"]
    assert [c["code"] for c in framework["national"]][-1] == "SK.01"
    assert len(framework["national"]) == 9 and framework["technical"]["version"] == 0


def check_position_standard(data, world):
    requirements = data["positionStandard"]["requirements"]
    assert {(r["requiredLevel"], r["source"]) for r in requirements} == {(3, "DEFAULT")}


def check_set_position_standard(data, world):
    levels = {r["competency"]["code"]: (r["requiredLevel"], r["source"])
              for r in data["setPositionStandard"]["standard"]["requirements"]}
    assert levels["M.05"] == (2, "OVERRIDE") and levels["M.01"] == (1, "DEFAULT")


# --- competency assessments and gaps -----------------------------------------------------------

def employee_of(w, key: str) -> str:
    return gid("Employee", w.employee_id("alpha", key))


async def self_assessment(api, world):
    return {"input": {"employeeId": employee_of(world, "staff"), "competencyCode": "M.01",
                      "level": 3, "source": "SELF", "note": "Saya konsisten jujur"}}


def check_record_assessment(data, world):
    assessment = data["recordCompetencyAssessment"]["assessment"]
    assert (assessment["status"], assessment["competencyName"]) == ("PENDING", "Integritas")


async def decide_assessment(api, world):
    created = await send(api, "RecordCompetencyAssessment", await self_assessment(api, world),
                         user="staff.alpha")
    assessment = created["recordCompetencyAssessment"]["assessment"]
    return {"input": {"assessmentId": assessment["id"], "accept": True,
                      "version": assessment["version"]}}


def check_decide_assessment(data, world):
    assert data["decideCompetencyAssessment"]["assessment"]["status"] == "ACCEPTED"


async def rater_scores(api, world):
    await send(api, "RecordCompetencyAssessment", {"input": {
        "employeeId": employee_of(world, "staff"), "competencyCode": "M.05", "level": 2,
        "source": "RATER", "reason": "Setelah coaching: layanan sudah konsisten"}},
        user="rater.alpha")
    return {"employeeId": employee_of(world, "staff")}


def check_profile(data, world):
    entry = next(c for c in data["competencyProfile"]["competencies"]
                 if c["competency"]["code"] == "M.05")
    assert entry["currentLevel"] == 2 and entry["history"][0]["source"] == "RATER"


async def centre_csv(api, world):
    query = "query($id:ID!){employee(id:$id){nip}}"
    nip = (await api.gql(query, {"id": employee_of(world, "staff")}, user="hr.alpha")).ok()
    return {"csv": "nip,competency_code,level,assessed_on,assessor\n"
                   f"{nip['employee']['nip']},M.03,2,2026-03-01,UPT Penilaian Kompetensi\n"}


def check_centre_import(data, world):
    assert data["importCompetencyAssessments"]["importedCount"] == 1


def check_gaps(data, world):
    gaps = data["competencyGaps"]
    assert gaps["position"]["code"] == "STAFF" and gaps["band"]["code"] == "KURANG_OPTIMAL"
    assert len(gaps["gaps"]) == 9


def check_matrix(data, world):
    matrix = data["competencyGapMatrix"]
    assert matrix["rows"]["totalCount"] == 5 and len(matrix["competencies"]) == 9
    assert sum(b["count"] for b in matrix["bandCounts"]) == 5


def check_bands(data, world):
    assert [b["code"] for b in data["jpmBands"]["bands"]] == [
        "OPTIMAL", "CUKUP_OPTIMAL", "KURANG_OPTIMAL"]


async def set_bands(api, world):
    current = await send(api, "JpmBands", user="hr.alpha")
    return {"input": {"version": current["jpmBands"]["version"], "bands": [
        {"code": "OPTIMAL", "label": "Optimal", "min": 85},
        {"code": "CUKUP_OPTIMAL", "label": "Cukup Optimal", "min": 70},
        {"code": "KURANG_OPTIMAL", "label": "Kurang Optimal", "min": 0}]}}


def check_set_bands(data, world):
    assert data["setJpmBands"]["bands"]["version"] == 1


def check_set_target(data, world):
    analysis = data["setTargetPosition"]["analysis"]
    assert analysis["position"]["code"] == "HEAD" and analysis["targetVersion"] == 1
# --- realisations and feedback ----------------------------------------------------------------

async def monitored(api: Api) -> dict:
    """A RUNNING cycle, the staff SKP approved, a Q1 realisation with a link, a rater thread."""
    from tests.api.test_monitoring import running

    env = await running(api)
    saved = await send(api, "SaveRealisation", await save_realisation_for(env), user="staff.alpha")
    env["realisation"] = saved["saveRealisation"]["realisation"]
    given = await send(api, "GiveFeedback", {"input": {
        "skpId": env["skps"]["staff"], "realisationId": env["realisation"]["id"],
        "text": "Inovasi yang bagus; unggah juga foto kegiatannya."}}, user="rater.alpha")
    env["thread"] = given["giveFeedback"]["thread"]
    return env


async def save_realisation_for(env: dict) -> dict:
    return {"input": {"indicatorId": env["numeric"], "periodId": env["periods"]["Q1"],
                      "value": 9, "narrative": "Antrian daring mengurangi waktu tunggu",
                      "version": 0, "evidence": [{"url": "https://pauh.example/ikm-q1",
                                                  "title": "Survei kepuasan Q1"}]}}


async def save_realisation(api, world):
    from tests.api.test_monitoring import running

    return await save_realisation_for(await running(api))


def check_save_realisation(data, world):
    realisation = data["saveRealisation"]["realisation"]
    assert (realisation["version"], realisation["value"]) == (1, 9)
    assert realisation["evidence"][0]["kind"] == "LINK"


async def give_feedback(api, world):
    from tests.api.test_monitoring import running

    env = await running(api)
    return {"input": {"skpId": env["skps"]["staff"], "value": "BERORIENTASI_PELAYANAN",
                      "text": "Warga merasa terlayani dengan ramah."}}


def check_give_feedback(data, world):
    thread = data["giveFeedback"]["thread"]
    assert (thread["about"], thread["authorName"], thread["replies"]) == (
        "BEHAVIOUR", "Rater Alpha", [])


async def reply_to_feedback(api, world):
    env = await monitored(api)
    return {"input": {"threadId": env["thread"]["id"], "text": "Baik, Pak, segera saya unggah."}}


def check_reply_to_feedback(data, world):
    [reply] = data["replyToFeedback"]["thread"]["replies"]
    assert reply["byEmployee"] and reply["authorName"] == "Staff Alpha"


async def skp_monitoring(api, world):
    env = await monitored(api)
    return {"id": env["skps"]["staff"], "periodId": env["periods"]["Q1"]}


def check_skp_monitoring(data, world):
    skp = data["skp"]
    assert len(skp["realisations"]) == 1 and skp["feedback"][0]["about"] == "REALISATION"
    assert skp["feedback"][0]["realisationId"] == skp["realisations"][0]["id"]


# --- the table ----------------------------------------------------------------------------------

CASES: dict[str, Case] = {
    # session
    "Login": Case(None, lambda api, w: {"username": "hr.alpha", "password": PASSWORD}, check_login),
    "Me": Case("hr.alpha", lambda api, w: {}, check_me),
    "EnumLabels": Case(None, lambda api, w: {"names": ["Predikat"]}, check_enum_labels),
    "Node": Case("hr.alpha", lambda api, w: {"id": employee(w, "staff")}, check_node),
    # agencies (platform)
    "Tenants": Case("platform.root", lambda api, w: {"includeInactive": True}, check_tenants),
    "CreateTenant": Case("platform.root", lambda api, w: {"input": {
        "slug": "gamma", "name": "Puskesmas Gamma", "kind": "PUSKESMAS",
        "parentId": tenant(w, "alpha")}}, check_create_tenant),
    "UpdateTenant": Case("platform.root", update_tenant, check_update_tenant),
    "DeactivateTenant": Case("platform.root", deactivate_tenant, check_deactivate_tenant),
    # org units
    "OrgUnits": Case("staff.alpha", lambda api, w: {"active": True}, check_org_units),
    "CreateOrgUnit": Case("hr.alpha", lambda api, w: {"input": {
        "code": "KEU", "name": "Bagian Keuangan", "parentId": unit(w, "ROOT")}},
        check_create_org_unit),
    "UpdateOrgUnit": Case("hr.alpha", update_org_unit, check_update_org_unit),
    "DeactivateOrgUnit": Case("hr.alpha", deactivate_org_unit, check_deactivate_org_unit),
    # positions
    "Positions": Case("staff.alpha", lambda api, w: {"active": True}, check_positions),
    "CreatePosition": Case("hr.alpha", lambda api, w: {"input": {
        "code": "AKM", "name": "Analis Kebijakan Ahli Muda", "level": "AHLI_MUDA"}},
        check_create_position),
    "UpdatePosition": Case("hr.alpha", update_position, check_update_position),
    "DeactivatePosition": Case("hr.alpha", deactivate_position, check_deactivate_position),
    # employees
    "Employees": Case("hr.alpha", lambda api, w: {"first": 20, "active": True}, check_employees),
    "Employee": Case("hr.alpha", lambda api, w: {"id": employee(w, "staff")}, check_employee),
    "CreateEmployee": Case("hr.alpha", lambda api, w: {"input": {
        "nip": NEW_NIP, "employeeType": "PNS", "name": "Siti Rahma", "rank": "III_B",
        "unitId": unit(w, "SEC"), "positionId": position(w, "STAFF")}}, check_create_employee),
    "UpdateEmployee": Case("hr.alpha", update_employee, check_update_employee),
    "DeactivateEmployee": Case("hr.alpha", deactivate_employee, check_deactivate_employee),
    "ImportEmployees": Case("hr.alpha", lambda api, w: import_csv(w), check_import),
    # reporting lines
    "SetReportingLine": Case("hr.alpha", lambda api, w: {"input": {
        "employeeId": employee(w, "staff"), "raterId": employee(w, "other"),
        "raterSuperiorId": employee(w, "head"), "validFrom": NEW_LINE_FROM.isoformat(),
        "acting": "PLT"}}, check_set_reporting_line),
    "EndReportingLine": Case("hr.alpha", lambda api, w: {
        "employeeId": employee(w, "staff"), "validTo": TODAY.isoformat()},
        check_end_reporting_line),
    # users
    "Users": Case("admin.alpha", lambda api, w: {"first": 20}, check_users),
    "User": Case("admin.alpha", lambda api, w: {"id": user(w, "hr.alpha")}, check_user),
    "CreateUser": Case("admin.alpha", lambda api, w: {"input": {
        "username": "Siti.Rahma", "displayName": "Siti Rahma", "email": "siti@alpha.example",
        "password": "kata-sandi-kuat", "roles": ["staff"]}}, check_create_user),
    "UpdateUser": Case("admin.alpha", update_user, check_update_user),
    "RemoveUserFromTenant": Case("admin.alpha", lambda api, w: {"id": user(w, "auditor.alpha")},
                                 check_remove_user),
    "SetUserDisabled": Case("admin.alpha", lambda api, w: {
        "id": user(w, "staff.alpha"), "disabled": True}, check_set_user_disabled),
    "PlatformSetUserDisabled": Case("platform.root", lambda api, w: {
        "id": user(w, "staff.beta"), "disabled": True}, check_platform_disabled),
    # roles
    "Roles": Case("auditor.alpha", lambda api, w: {}, check_roles),
    "Role": Case("hr.alpha", lambda api, w: {"name": "rater"}, check_role),
    "PermissionVocabulary": Case("admin.alpha", lambda api, w: {}, check_vocabulary),
    "CreateRole": Case("admin.alpha", lambda api, w: {"input": REVIEWER}, check_create_role),
    "UpdateRole": Case("admin.alpha", update_role, check_update_role),
    "DeleteRole": Case("admin.alpha", delete_role, check_delete_role),
    "AssignRole": Case("admin.alpha", lambda api, w: {
        "userId": user(w, "hr.alpha"), "role": "auditor"}, check_assign_role),
    "RevokeRole": Case("admin.alpha", revoke_role, check_revoke_role),
    # audit
    "AuditEvents": Case("auditor.alpha", audit_events, check_audit_events),
    # rule sets and cycles
    "RuleSet": Case("staff.alpha", lambda api, w: {}, check_rule_set),
    "RuleSetVersions": Case("auditor.alpha", rule_set_versions, check_rule_set_versions),
    "UpdateRuleSet": Case("hr.alpha", lambda api, w: {"input": {
        "version": 0, "periodGranularity": "MONTHLY",
        "scoreWeights": [{"source": "RATER", "weight": 1.0}]}}, check_update_rule_set),
    "Cycles": Case("staff.alpha", rule_set_versions, check_cycles),
    "Cycle": Case("rater.alpha", cycle_id, check_cycle),
    "CreateCycle": Case("hr.alpha", lambda api, w: {"input": {
        "year": 2028, "name": "Penilaian Kinerja 2028"}}, check_create_cycle),
    "AdvanceCycle": Case("hr.alpha", advance_cycle, check_advance_cycle),
    "Skps": Case("rater.alpha", skps_page, check_skps),
    "Skp": Case("staff.alpha", staff_skp, check_skp),
    "SaveSkpPlan": Case("staff.alpha", save_skp_plan, check_save_skp_plan),
    "SetBehaviourExpectations": Case("rater.alpha", set_expectations, check_set_expectations),
    "SubmitSkp": Case("staff.alpha", submit_skp, check_submit_skp),
    "ApproveSkp": Case("rater.alpha", approve_skp, check_approve_skp),
    "ReturnSkp": Case("rater.alpha", return_skp, check_return_skp),
    "SkpTree": Case("rater.alpha", skp_tree, check_skp_tree),
    # realisations and feedback
    "SaveRealisation": Case("staff.alpha", save_realisation, check_save_realisation),
    "GiveFeedback": Case("rater.alpha", give_feedback, check_give_feedback),
    "ReplyToFeedback": Case("staff.alpha", reply_to_feedback, check_reply_to_feedback),
    "SkpMonitoring": Case("rater.alpha", skp_monitoring, check_skp_monitoring),
    # competencies
    "CompetencyFramework": Case("staff.alpha", lambda api, w: {}, check_competency_framework),
    "CompetencyFrameworkVersions": Case("auditor.alpha", framework_versions,
                                        check_framework_versions),
    "SaveTechnicalFramework": Case("hr.alpha", save_technical_framework,
                                   check_save_technical_framework),
    "PositionStandard": Case("rater.alpha", lambda api, w: {"positionId": position(w, "HEAD")},
                             check_position_standard),
    "SetPositionStandard": Case("hr.alpha", lambda api, w: {"input": {
        "positionId": position(w, "STAFF"),
        "requirements": [{"competencyCode": "M.05", "level": 2}]}}, check_set_position_standard),
    # competency assessments and gaps
    "RecordCompetencyAssessment": Case("staff.alpha", self_assessment, check_record_assessment),
    "DecideCompetencyAssessment": Case("rater.alpha", decide_assessment, check_decide_assessment),
    "CompetencyProfile": Case("staff.alpha", rater_scores, check_profile),
    "ImportCompetencyAssessments": Case("hr.alpha", centre_csv, check_centre_import),
    "CompetencyGaps": Case("rater.alpha", lambda api, w: {"employeeId": employee_of(w, "staff")},
                           check_gaps),
    "CompetencyGapMatrix": Case("auditor.alpha", lambda api, w: {"first": 10}, check_matrix),
    "JpmBands": Case("staff.alpha", lambda api, w: {}, check_bands),
    "SetJpmBands": Case("hr.alpha", set_bands, check_set_bands),
    "SetTargetPosition": Case("staff.alpha", lambda api, w: {"input": {
        "employeeId": employee_of(w, "staff"), "positionId": position(w, "HEAD"),
        "version": 0}}, check_set_target),
    # self-assessments and 360 feedback
    "SelfAssessment": Case("rater.alpha", rv.self_assessment, rv.check_self_assessment),
    "SaveSelfAssessment": Case("staff.alpha", rv.save_self_assessment,
                               rv.check_save_self_assessment),
    "SubmitSelfAssessment": Case("staff.alpha", rv.submit_self_assessment,
                                 rv.check_submit_self_assessment),
    "ReviewNominations": Case("rater.alpha", rv.staff_skp_period, rv.check_review_nominations),
    "ReviewSummary": Case("staff.alpha", rv.staff_skp_period, rv.check_review_summary),
    "ReviewResponses": Case("hr.alpha", rv.staff_skp_period, rv.check_review_responses),
    "NominateReviewers": Case("hr.alpha", rv.nominate_reviewers, rv.check_nominate_reviewers),
    "DecideReviewProposal": Case("rater.alpha", rv.decide_review_proposal,
                                 rv.check_decide_review_proposal),
    "MyReviewRequests": Case("staff.alpha", rv.my_review_requests, rv.check_my_review_requests),
    "SaveReviewResponse": Case("staff.alpha", rv.save_review_response,
                               rv.check_request("saveReviewResponse", "PENDING")),
    "SubmitReviewResponse": Case("staff.alpha", rv.submit_review_response,
                                 rv.check_request("submitReviewResponse", "SUBMITTED")),
    "DeclineReviewRequest": Case("staff.alpha", rv.decline_review_request,
                                 rv.check_request("declineReviewRequest", "DECLINED")),
}

CASES.update({name: Case(user, build, check, with_db=True)
              for name, user, build, check in RESULT_OPERATIONS})


CASES.update({name: Case(*spec) for name, spec in DEVELOPMENT_OPERATIONS.items()})
CASES.update({name: Case(user, build, check, with_db=True)
              for name, (user, build, check) in {**AUDIT_OPERATIONS,
                                                 **ANALYSIS_OPERATIONS}.items()})
CASES["CompetencyGapHeatmap"] = Case("hr.alpha", operations_analysis.none,
                                     operations_analysis.check_heatmap)
CASES["JpComplianceByUnit"] = Case("hr.alpha", operations_analysis.year,
                                   operations_analysis.check_jp_units)
CASES.update({name: Case(user, build, check)
              for name, (user, build, check) in {**CLIENT_OPERATIONS, **VIEW_OPERATIONS,
                                                 **OVERSIGHT_OPERATIONS}.items()})


def test_every_checked_in_operation_is_exercised():
    assert DOCUMENTS, "schema/operations/ holds no operations"
    missing = sorted(set(DOCUMENTS) - set(CASES))
    stale = sorted(set(CASES) - set(DOCUMENTS))
    assert not missing, f"operations without a case in CASES: {missing}"
    assert not stale, f"cases for operations that have no file: {stale}"


def test_each_file_holds_one_operation_named_like_the_file():
    for name, text in DOCUMENTS.items():
        definitions = parse(text).definitions
        assert len(definitions) == 1, f"{name}.graphql: {len(definitions)} definitions"
        assert definitions[0].name and definitions[0].name.value == name, name


def payload_problems(value: Any, path: str = "data") -> list[str]:
    """Every non-empty `errors` / `rowErrors` list anywhere in the response data."""
    problems = []
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("errors", "rowErrors") and item:
                problems.append(f"{path}.{key}: {item}")
            else:
                problems.extend(payload_problems(item, f"{path}.{key}"))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            problems.extend(payload_problems(item, f"{path}[{index}]"))
    return problems


@pytest.mark.parametrize("name", sorted(CASES))
async def test_operation_runs_against_the_app(api, world, name, db):
    if name not in DOCUMENTS:
        pytest.fail(f"schema/operations/{name}.graphql does not exist")
    case = CASES[name]
    variables = case.variables(api, world, db) if case.with_db else case.variables(api, world)
    if inspect.isawaitable(variables):
        variables = await variables
    result = await api.gql(DOCUMENTS[name], variables, user=case.user, tenant=case.tenant)
    assert result.status == 200 and not result.errors, (name, result.status, result.body)
    data = result.data
    field = root_field(name)
    assert data and data.get(field) is not None, (name, result.body)
    if is_mutation(name):
        assert "errors" in data[field], f"{name}: the payload's `errors` is not selected"
    assert not payload_problems(data), (name, payload_problems(data))
    if case.check is not None:
        case.check(data, world)
