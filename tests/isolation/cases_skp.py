"""Isolation cases of SKP content, workflow and the cascade tree.

`with_skp_plan` (on top of `with_cycles`) gives BOTH tenants: the rater's SKP with one RHK and
indicator; the staff SKP (DRAFT) with an RHK supporting it, an indicator and an expectation;
and staff2's SKP, SUBMITTED (with its history row), for approve/return. IDs are deterministic.
"""

from __future__ import annotations

import uuid

from kinerja.models import BehaviourExpectation, Indicator, Skp, SkpTransition, WorkResult
from tests.isolation.cases_cycles import NAMESPACE, cycle_gid, skp_gid, with_cycles
from tests.support.api import gid

ALL = {"admin", "hr", "rater", "staff", "auditor"}
OWNER = {"admin", "hr", "staff"}
RATER = {"admin", "hr", "rater"}


def raw(world, slug: str, kind: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"skp-{kind}:{world.tenant_id(slug)}")


def _skp_id(world, slug):
    return uuid.uuid5(NAMESPACE, f"skp:{world.tenant_id(slug)}")


async def with_skp_plan(db, services, world) -> None:
    await with_cycles(db, services, world)
    for slug in ("alpha", "beta"):
        tenant_id = world.tenant_id(slug)
        cycle_id = uuid.uuid5(NAMESPACE, f"cycle:{tenant_id}")
        session = db.session(tenant_id=tenant_id)
        try:
            session.add_all([
                Skp(id=raw(world, slug, "rater"), tenant_id=tenant_id, cycle_id=cycle_id,
                    employee_id=world.employee_id(slug, "rater"),
                    rater_id=world.employee_id(slug, "head")),
                Skp(id=raw(world, slug, "staff2"), tenant_id=tenant_id, cycle_id=cycle_id,
                    employee_id=world.employee_id(slug, "staff2"), status="SUBMITTED",
                    rater_id=world.employee_id(slug, "rater"),
                    rater_superior_id=world.employee_id(slug, "head"))])
            await session.flush()
            session.add(WorkResult(id=raw(world, slug, "rhk-rater"), tenant_id=tenant_id,
                                   skp_id=raw(world, slug, "rater"), position=0, kind="UTAMA",
                                   text=f"Layanan {slug} meningkat"))
            await session.flush()
            session.add_all([
                WorkResult(id=raw(world, slug, "rhk-staff"), tenant_id=tenant_id,
                           skp_id=_skp_id(world, slug), position=0, kind="UTAMA",
                           text=f"Dokumen {slug} selesai", parent_id=raw(world, slug, "rhk-rater")),
                WorkResult(id=raw(world, slug, "rhk-staff2"), tenant_id=tenant_id,
                           skp_id=raw(world, slug, "staff2"), position=0, kind="UTAMA",
                           text=f"Arsip {slug} tertata", parent_id=raw(world, slug, "rhk-rater"))])
            await session.flush()
            session.add_all([
                Indicator(id=raw(world, slug, f"ind-{key}"), tenant_id=tenant_id,
                          work_result_id=raw(world, slug, f"rhk-{key}"), position=0,
                          aspect="KUANTITAS", text="Jumlah", target_value=12, target_unit="dok")
                for key in ("rater", "staff", "staff2")])
            session.add(BehaviourExpectation(tenant_id=tenant_id, skp_id=_skp_id(world, slug),
                                             value="AKUNTABEL", text="Tepat waktu"))
            session.add(SkpTransition(tenant_id=tenant_id, skp_id=raw(world, slug, "staff2"),
                                      from_status="DRAFT", to_status="SUBMITTED"))
            await session.commit()
        finally:
            await session.close()


SKP = ("id status version workResults{id kind text parentId indicators{id aspect targetValue "
       "targetUnit targetText}} behaviourExpectations{value text} history{fromStatus toStatus "
       "comment actorName} cascadeTargets{id text}")
RESULT = "skp{" + SKP + "} errors{field code}"


def _plan(world, slug):
    return {"i": {"skpId": skp_gid(world, slug), "version": 1, "workResults": [
        {"id": gid("WorkResult", raw(world, slug, "rhk-staff")), "kind": "UTAMA",
         "text": "Dokumen selesai tepat waktu",
         "parentId": gid("WorkResult", raw(world, slug, "rhk-rater")),
         "indicators": [{"id": gid("Indicator", raw(world, slug, "ind-staff")),
                         "aspect": "WAKTU", "text": "Selesai", "targetValue": 10,
                         "targetUnit": "hari"},
                        {"aspect": "KUALITAS", "text": "Mutu", "targetText": "Tanpa revisi"}]},
        {"kind": "TAMBAHAN", "text": "Membantu layanan",
         "indicators": [{"aspect": "KUANTITAS", "text": "Jumlah", "targetValue": 3,
                         "targetUnit": "kegiatan"}]}]}}


def _staff2(world, slug):
    return gid("Skp", raw(world, slug, "staff2"))


CASES = [
    {"field": "skpTree",
     "operation": "query($c:ID!){skpTree(cycleId:$c){depth parentSkpId skp{" + SKP
                  + "} workResults{workResult{id text} children{id text}}}}",
     "variables": lambda world, slug: {"c": cycle_gid(world, slug)},
     "allowed_roles": ALL, "foreign_ok_codes": ["NOT_FOUND"], "setup": with_skp_plan},
    {"name": "skp-content", "field": "skp", "operation": "query($id:ID!){skp(id:$id){" + SKP + "}}",
     "variables": lambda world, slug: {"id": skp_gid(world, slug)},
     "allowed_roles": ALL, "foreign_ok_codes": ["NOT_FOUND"], "setup": with_skp_plan},
    {"field": "saveSkpPlan",
     "operation": "mutation($i:SaveSkpPlanInput!){saveSkpPlan(input:$i){" + RESULT + "}}",
     "variables": _plan, "allowed_roles": OWNER, "foreign_ok_codes": ["NOT_FOUND"],
     "setup": with_skp_plan},
    {"field": "setBehaviourExpectations",
     "operation": "mutation($i:SetBehaviourExpectationsInput!){setBehaviourExpectations("
                  "input:$i){" + RESULT + "}}",
     "variables": lambda world, slug: {"i": {"skpId": skp_gid(world, slug), "expectations": [
         {"value": "KOLABORATIF", "text": "Aktif dalam tim"}]}},
     "allowed_roles": RATER, "foreign_ok_codes": ["NOT_FOUND"], "setup": with_skp_plan},
    {"field": "submitSkp",
     "operation": "mutation($i:SkpTransitionInput!){submitSkp(input:$i){" + RESULT + "}}",
     "variables": lambda world, slug: {"i": {"id": skp_gid(world, slug), "version": 1}},
     "allowed_roles": OWNER, "foreign_ok_codes": ["NOT_FOUND"], "setup": with_skp_plan},
    {"field": "approveSkp",
     "operation": "mutation($i:SkpTransitionInput!){approveSkp(input:$i){" + RESULT + "}}",
     "variables": lambda world, slug: {"i": {"id": _staff2(world, slug), "version": 1}},
     "allowed_roles": RATER, "foreign_ok_codes": ["NOT_FOUND"], "setup": with_skp_plan},
    {"field": "returnSkp",
     "operation": "mutation($i:ReturnSkpInput!){returnSkp(input:$i){" + RESULT + "}}",
     "variables": lambda world, slug: {"i": {"id": _staff2(world, slug), "version": 1,
                                             "comment": "Lengkapi indikator"}},
     "allowed_roles": RATER, "foreign_ok_codes": ["NOT_FOUND"], "setup": with_skp_plan},
]
