"""Isolation cases of results, organisation results, the distribution check and objections.

`with_results` (on top of `with_skp_plan`) gives BOTH tenants: the cycle in `state`, the staff
and staff2 SKPs APPROVED, a Q1 period that has ended, SEC's organisation result for it with
the rater as SEC's head, the staff's Q1 result RELEASED (deadline far ahead) and staff2's Q1
result RATED. `with_objection` adds an OPEN objection to the staff's result (addressed to the
head) with explanations asked of the rater and the employee, and a CALIBRATION change.
`with_objection_to_rater` makes the rater employee (rater.alpha's) that SKP's rater superior
and the objection's addressee, so a role user decides it; `with_objection_without_superior`
leaves the SKP and the objection without one (HR records it).
"""

from __future__ import annotations

import uuid
from datetime import date

import sqlalchemy as sa

from kinerja.models import (
    Cycle,
    Objection,
    ObjectionExplanation,
    OrganisationResult,
    PerformanceResult,
    Period,
    ResultChange,
    Skp,
    UnitHead,
)
from tests.isolation.cases_cycles import NAMESPACE, cycle_gid
from tests.isolation.cases_skp import raw, with_skp_plan
from tests.support.api import gid

ALL = {"admin", "hr", "rater", "staff", "auditor"}
HR = {"admin", "hr"}


def rid(world, slug: str, kind: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"result-{kind}:{world.tenant_id(slug)}")


def _ids(world, slug):
    tenant_id = world.tenant_id(slug)
    return tenant_id, uuid.uuid5(NAMESPACE, f"cycle:{tenant_id}"), uuid.uuid5(
        NAMESPACE, f"skp:{tenant_id}")


async def with_results(db, services, world, state: str = "RUNNING") -> None:
    await with_skp_plan(db, services, world)
    for slug in ("alpha", "beta"):
        tenant_id, cycle_id, staff_skp = _ids(world, slug)
        async with db.unit_of_work(tenant_id=tenant_id) as session:
            rule_set_id = (await session.get(Cycle, (tenant_id, cycle_id))).rule_set_id
            await session.execute(sa.update(Cycle).where(Cycle.id == cycle_id).values(
                state=state), execution_options={"synchronize_session": False})
            await session.execute(sa.update(Skp).where(Skp.cycle_id == cycle_id).values(
                status="APPROVED"), execution_options={"synchronize_session": False})
            session.add(Period(id=rid(world, slug, "q1"), tenant_id=tenant_id, cycle_id=cycle_id,
                               kind="QUARTER", number=1, starts_on=date(2026, 1, 1),
                               ends_on=date(2026, 3, 31)))
            await session.flush()
            sec = world.unit_id(slug, "SEC")
            session.add(OrganisationResult(id=rid(world, slug, "org"), tenant_id=tenant_id,
                                           unit_id=sec, period_id=rid(world, slug, "q1"),
                                           result="BAIK"))
            session.add(UnitHead(tenant_id=tenant_id, unit_id=sec,
                                 employee_id=world.employee_id(slug, "rater")))
            common = {"tenant_id": tenant_id, "period_id": rid(world, slug, "q1"),
                      "rule_set_id": rule_set_id, "rule_set_version": 1}
            session.add(PerformanceResult(
                id=rid(world, slug, "staff"), skp_id=staff_skp, rating_hasil="SESUAI",
                rating_perilaku="SESUAI", predikat="BAIK", status="RELEASED",
                released_on=date(2026, 4, 1), objection_deadline=date(2099, 12, 31), **common))
            session.add(PerformanceResult(
                id=rid(world, slug, "staff2"), skp_id=raw(world, slug, "staff2"),
                rating_hasil="DI_ATAS", rating_perilaku="SESUAI", predikat="BAIK",
                justification_hasil="Melampaui target", **common))


async def in_calibration(db, services, world) -> None:
    await with_results(db, services, world, state="CALIBRATION")


async def with_objection(db, services, world) -> None:
    await with_results(db, services, world)
    for slug in ("alpha", "beta"):
        tenant_id = world.tenant_id(slug)
        async with db.unit_of_work(tenant_id=tenant_id) as session:
            await session.execute(sa.update(PerformanceResult).where(
                PerformanceResult.id == rid(world, slug, "staff")).values(status="OBJECTED"),
                execution_options={"synchronize_session": False})
            session.add(Objection(id=rid(world, slug, "objection"), tenant_id=tenant_id,
                                  result_id=rid(world, slug, "staff"),
                                  superior_id=world.employee_id(slug, "head"),
                                  reasons=f"Keberatan {slug}"))
            await session.flush()
            session.add_all([ObjectionExplanation(tenant_id=tenant_id, party=party,
                                                  objection_id=rid(world, slug, "objection"))
                             for party in ("RATER", "EMPLOYEE")])
            session.add(ResultChange(
                tenant_id=tenant_id, result_id=rid(world, slug, "staff2"), kind="CALIBRATION",
                hasil_before="DI_ATAS", perilaku_before="SESUAI", predikat_before="BAIK",
                hasil_after="SESUAI", perilaku_after="SESUAI", predikat_after="BAIK",
                reason="Kalibrasi"))


async def _readdress(db, world, superior_key: str | None, rater_key: str) -> None:
    for slug in ("alpha", "beta"):
        tenant_id = world.tenant_id(slug)
        superior = world.employee_id(slug, superior_key) if superior_key else None
        async with db.unit_of_work(tenant_id=tenant_id) as session:
            await session.execute(sa.update(Skp).where(Skp.id == _ids(world, slug)[2]).values(
                rater_id=world.employee_id(slug, rater_key), rater_superior_id=superior),
                execution_options={"synchronize_session": False})
            await session.execute(sa.update(Objection).where(
                Objection.id == rid(world, slug, "objection")).values(superior_id=superior),
                execution_options={"synchronize_session": False})


async def with_objection_to_rater(db, services, world) -> None:
    await with_objection(db, services, world)
    await _readdress(db, world, "rater", "head")


async def with_objection_without_superior(db, services, world) -> None:
    await with_objection(db, services, world)
    await _readdress(db, world, None, "rater")


def result_gid(world, slug, kind="staff"):
    return gid("PerformanceResult", rid(world, slug, kind))


def q1(world, slug):
    return gid("Period", rid(world, slug, "q1"))


def sec(world, slug):
    return gid("OrgUnit", world.unit_id(slug, "SEC"))


def objection_gid(world, slug):
    return gid("Objection", rid(world, slug, "objection"))


RESULT = ("id status predikat ratingHasil employee{name} period{kind} explanation{"
          "matrixCell{predikat} changes{kind reason} objections{reasons explanations{party}}}")
OBJECTION = "id status reasons explanations{party text} result{id status}"
OUT = "result{" + RESULT + "} errors{field code}"
OBJ_OUT = "objection{" + OBJECTION + "} errors{field code}"
NOT_FOUND = ["NOT_FOUND"]

CASES = [
    {"field": "results",
     "operation": "query($c:ID!,$p:ID!){results(cycleId:$c,periodId:$p,first:10){totalCount "
                  "nodes{" + RESULT + "}}}",
     "variables": lambda w, s: {"c": cycle_gid(w, s), "p": q1(w, s)},
     "allowed_roles": ALL, "foreign_ok_codes": NOT_FOUND, "setup": with_results},
    {"field": "result", "operation": "query($id:ID!){result(id:$id){" + RESULT + "}}",
     "variables": lambda w, s: {"id": result_gid(w, s)},
     "allowed_roles": ALL, "foreign_ok_codes": NOT_FOUND, "setup": with_objection},
    {"name": "node-result", "field": "node",
     "operation": "query($id:ID!){node(id:$id){id ... on PerformanceResult{predikat}}}",
     "variables": lambda w, s: {"id": result_gid(w, s)},
     "allowed_roles": ALL, "foreign_ok_codes": NOT_FOUND, "setup": with_results},
    {"name": "node-objection", "field": "node",
     "operation": "query($id:ID!){node(id:$id){id ... on Objection{reasons}}}",
     "variables": lambda w, s: {"id": objection_gid(w, s)},
     "allowed_roles": ALL, "foreign_ok_codes": NOT_FOUND, "setup": with_objection},
    {"name": "node-organisation-result", "field": "node",
     "operation": "query($id:ID!){node(id:$id){id ... on UnitOrganisationResult{result}}}",
     "variables": lambda w, s: {"id": gid("UnitOrganisationResult", rid(w, s, "org"))},
     "allowed_roles": ALL, "foreign_ok_codes": NOT_FOUND, "setup": with_results},
    {"field": "organisationResults",
     "operation": "query($c:ID!){organisationResults(cycleId:$c){id result unitName}}",
     "variables": lambda w, s: {"c": cycle_gid(w, s)},
     "allowed_roles": ALL, "foreign_ok_codes": NOT_FOUND, "setup": with_results},
    {"field": "resultDistribution",
     "operation": "query($p:ID!,$u:ID!){resultDistribution(periodId:$p,unitId:$u){unitSize "
                  "groups{predikat count} warnings{code}}}",
     "variables": lambda w, s: {"p": q1(w, s), "u": sec(w, s)},
     "allowed_roles": ALL - {"staff"}, "foreign_ok_codes": NOT_FOUND, "setup": with_results},
    {"field": "objectionsToDecide",
     "operation": "{objectionsToDecide{" + OBJECTION + "}}", "variables": lambda w, s: {},
     "allowed_roles": {"admin", "hr", "rater"}, "foreign_ok_codes": [],
     "setup": with_objection},
    {"field": "rateResult",
     "operation": "mutation($i:RateResultInput!){rateResult(input:$i){" + OUT + "}}",
     "variables": lambda w, s: {"i": {"skpId": gid("Skp", raw(w, s, "staff2")),
                                      "periodId": q1(w, s), "ratingHasil": "SESUAI",
                                      "ratingPerilaku": "SESUAI"}},
     "allowed_roles": {"admin", "hr", "rater"}, "foreign_ok_codes": NOT_FOUND,
     "setup": with_results},
    {"field": "calibrateResult",
     "operation": "mutation($i:CalibrateResultInput!){calibrateResult(input:$i){" + OUT + "}}",
     "variables": lambda w, s: {"i": {"resultId": result_gid(w, s, "staff2"),
                                      "ratingHasil": "SESUAI", "reason": "Sebaran unit"}},
     "allowed_roles": HR, "foreign_ok_codes": NOT_FOUND, "setup": in_calibration},
    {"field": "releaseResults",
     "operation": "mutation($i:ReleaseResultsInput!){releaseResults(input:$i){releasedCount "
                  "errors{field code}}}",
     "variables": lambda w, s: {"i": {"cycleId": cycle_gid(w, s), "periodId": q1(w, s)}},
     "allowed_roles": HR, "foreign_ok_codes": NOT_FOUND, "setup": with_results},
    {"field": "acknowledgeResult",
     "operation": "mutation($i:ResultStepInput!){acknowledgeResult(input:$i){" + OUT + "}}",
     "variables": lambda w, s: {"i": {"resultId": result_gid(w, s)}},
     "allowed_roles": {"staff"}, "foreign_ok_codes": NOT_FOUND, "setup": with_results},
    {"field": "reopenResult",
     "operation": "mutation($i:ReopenResultInput!){reopenResult(input:$i){" + OUT + "}}",
     "variables": lambda w, s: {"i": {"resultId": result_gid(w, s), "reason": "Bukti baru"}},
     "allowed_roles": HR, "foreign_ok_codes": NOT_FOUND, "setup": with_results},
    {"field": "setOrganisationResult",
     "operation": "mutation($i:SetOrganisationResultInput!){setOrganisationResult(input:$i){"
                  "organisationResult{id result version} errors{field code}}}",
     "variables": lambda w, s: {"i": {"unitId": sec(w, s), "periodId": q1(w, s),
                                      "result": "ISTIMEWA"}},
     "allowed_roles": HR, "foreign_ok_codes": NOT_FOUND, "setup": with_results},
    {"field": "setUnitHead",
     "operation": "mutation($i:SetUnitHeadInput!){setUnitHead(input:$i){orgUnit{id name} "
                  "head{name} errors{field code}}}",
     "variables": lambda w, s: {"i": {"unitId": sec(w, s),
                                      "employeeId": gid("Employee", w.employee_id(s, "staff"))}},
     "allowed_roles": HR, "foreign_ok_codes": NOT_FOUND, "setup": with_results},
    {"field": "fileObjection",
     "operation": "mutation($i:FileObjectionInput!){fileObjection(input:$i){" + OBJ_OUT + "}}",
     "variables": lambda w, s: {"i": {"resultId": result_gid(w, s), "reasons": "Keberatan"}},
     "allowed_roles": {"staff"}, "foreign_ok_codes": NOT_FOUND, "setup": with_results},
    {"field": "requestObjectionExplanation",
     "operation": "mutation($i:RequestObjectionExplanationInput!){requestObjectionExplanation("
                  "input:$i){" + OBJ_OUT + "}}",
     "variables": lambda w, s: {"i": {"objectionId": objection_gid(w, s),
                                      "parties": ["RATER"], "question": "Mohon penjelasan"}},
     "allowed_roles": {"rater"}, "foreign_ok_codes": NOT_FOUND,
     "setup": with_objection_to_rater},
    {"field": "explainObjection",
     "operation": "mutation($i:ExplainObjectionInput!){explainObjection(input:$i){"
                  + OBJ_OUT + "}}",
     "variables": lambda w, s: {"i": {"objectionId": objection_gid(w, s),
                                      "text": "Penjelasan"}},
     "allowed_roles": {"rater", "staff"}, "foreign_ok_codes": NOT_FOUND,
     "setup": with_objection},
    {"field": "decideObjection",
     "operation": "mutation($i:DecideObjectionInput!){decideObjection(input:$i){"
                  + OBJ_OUT + "}}",
     "variables": lambda w, s: {"i": {"objectionId": objection_gid(w, s),
                                      "decision": "CHANGE", "ratingHasil": "DI_ATAS",
                                      "reason": "Realisasi melampaui target"}},
     "allowed_roles": {"rater"}, "foreign_ok_codes": NOT_FOUND,
     "setup": with_objection_to_rater},
    {"field": "objectionsWithoutDecider",
     "operation": "{objectionsWithoutDecider{" + OBJECTION + "}}", "variables": lambda w, s: {},
     "allowed_roles": HR, "foreign_ok_codes": [], "setup": with_objection_without_superior},
    {"field": "setObjectionSuperior",
     "operation": "mutation($i:SetObjectionSuperiorInput!){setObjectionSuperior(input:$i){"
                  + OBJ_OUT + "}}",
     "variables": lambda w, s: {"i": {"objectionId": objection_gid(w, s),
                                      "superiorId": gid("Employee", w.employee_id(s, "other")),
                                      "reason": "Atasan pejabat penilai dicatat"}},
     "allowed_roles": HR, "foreign_ok_codes": NOT_FOUND,
     "setup": with_objection_without_superior},
]
