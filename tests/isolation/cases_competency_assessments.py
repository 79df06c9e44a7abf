"""Isolation cases of competency assessments, profiles, gap analysis, target positions and JPM
bands. Only the keys documented in tests/isolation/__init__.py are used.

`with_assessments` gives BOTH tenants (deterministic IDs) a pending self-assessment and an
accepted rater score of the STAFF employee, a target position (HEAD) for the staff employee and
stored JPM bands. Cases without foreign IDs (jpmBands, setJpmBands) act in alpha; the runner
checks beta is unchanged. The matrix with beta's unit simply matches nobody ("OK").
"""

from __future__ import annotations

import uuid
from datetime import date

from kinerja.models import CompetencyAssessment, EmployeeTargetPosition, JpmBandSetting
from tests.support.api import gid
from tests.support.world import build_world

ALL = {"admin", "hr", "rater", "staff", "auditor"}
HR = {"admin", "hr"}
NAMESPACE = uuid.UUID("5a0f3e2c-7b1d-4c6e-8f90-1a2b3c4d5e6f")


def _id(world, slug: str, kind: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"{kind}:{world.tenant_id(slug)}")


async def with_assessments(db, services, world) -> None:
    for slug in ("alpha", "beta"):
        tenant_id = world.tenant_id(slug)
        staff = world.employee_id(slug, "staff")
        session = db.session(tenant_id=tenant_id)
        try:
            session.add(CompetencyAssessment(
                id=_id(world, slug, "self"), tenant_id=tenant_id, employee_id=staff,
                competency_code="M.01", level=3, source="SELF", assessed_on=date(2026, 2, 1),
                assessor_user_id=world.user_id(f"staff.{slug}"), status="PENDING"))
            session.add(CompetencyAssessment(
                id=_id(world, slug, "rater"), tenant_id=tenant_id, employee_id=staff,
                competency_code="M.02", level=2, source="RATER", assessed_on=date(2026, 2, 1),
                assessor_user_id=world.user_id(f"rater.{slug}"), reason=f"Coaching {slug}",
                status="ACCEPTED"))
            session.add(EmployeeTargetPosition(
                id=_id(world, slug, "target"), tenant_id=tenant_id, employee_id=staff,
                position_id=world.position_id(slug, "HEAD")))
            session.add(JpmBandSetting(id=_id(world, slug, "bands"), tenant_id=tenant_id,
                                       bands=[{"code": "ATAS", "label": f"Atas {slug}",
                                               "min": 50},
                                              {"code": "BAWAH", "label": "Bawah", "min": 0}]))
            await session.commit()
        finally:
            await session.close()


def staff(world, slug):
    return gid("Employee", world.employee_id(slug, "staff"))


def staff_nip(slug: str) -> str:
    tenant = next(t for t in build_world().tenants if t.slug == slug)
    return next(e.nip for e in tenant.employees if e.key == "staff")


ASSESSMENT = "id competencyCode competencyName level source status reason version"
GAPS = ("employee{name} position{code} gaps{competencyCode requiredLevel actualLevel gap} jpm "
        "band{code label} targetVersion")
RECORD = ("mutation($i:RecordCompetencyAssessmentInput!){recordCompetencyAssessment(input:$i){"
          "assessment{" + ASSESSMENT + "} errors{field code}}}")


def _record(source: str, **extra):
    return lambda world, slug: {"i": {"employeeId": staff(world, slug), "competencyCode": "M.03",
                                      "level": 2, "source": source, **extra}}


CASES = [
    {"field": "competencyProfile",
     "operation": "query($e:ID!){competencyProfile(employeeId:$e){employee{name} "
                  "targetPosition{code} competencies{competency{code name} currentLevel "
                  "history{" + ASSESSMENT + "}}}}",
     "variables": lambda world, slug: {"e": staff(world, slug)},
     "allowed_roles": ALL, "foreign_ok_codes": ["NOT_FOUND"], "setup": with_assessments},
    {"field": "competencyGaps",
     "operation": "query($e:ID!){competencyGaps(employeeId:$e,position:TARGET){" + GAPS + "}}",
     "variables": lambda world, slug: {"e": staff(world, slug)},
     "allowed_roles": ALL, "foreign_ok_codes": ["NOT_FOUND"], "setup": with_assessments},
    {"field": "competencyGapMatrix",
     "operation": "query($u:ID){competencyGapMatrix(unitId:$u){competencies{code name} "
                  "bandCounts{band{code label} count} rows{totalCount nodes{employee{name} jpm "
                  "band{code label} cells{competencyCode actualLevel}}}}}",
     "variables": lambda world, slug: {"u": gid("OrgUnit", world.unit_id(slug, "SEC"))},
     "allowed_roles": ALL, "foreign_ok_codes": ["OK"], "setup": with_assessments},
    {"field": "jpmBands",
     "operation": "{jpmBands{bands{code label min} version isDefault}}",
     "variables": lambda world, slug: {}, "allowed_roles": ALL, "foreign_ok_codes": [],
     "setup": with_assessments},
    {"field": "recordCompetencyAssessment", "name": "self-assessment",
     "operation": RECORD, "variables": _record("SELF"),
     "allowed_roles": {"staff"}, "foreign_ok_codes": ["NOT_FOUND"], "setup": with_assessments},
    {"field": "recordCompetencyAssessment", "name": "rater score",
     "operation": RECORD, "variables": _record("RATER", reason="Setelah coaching"),
     "allowed_roles": {"admin", "hr", "rater"}, "foreign_ok_codes": ["NOT_FOUND"],
     "setup": with_assessments},
    {"field": "decideCompetencyAssessment",
     "operation": "mutation($i:DecideCompetencyAssessmentInput!){decideCompetencyAssessment("
                  "input:$i){assessment{" + ASSESSMENT + "} errors{field code}}}",
     "variables": lambda world, slug: {"i": {"assessmentId": gid(
         "CompetencyAssessment", _id(world, slug, "self")), "accept": True}},
     "allowed_roles": {"admin", "hr", "rater"}, "foreign_ok_codes": ["NOT_FOUND"],
     "setup": with_assessments},
    {"field": "importCompetencyAssessments",
     "operation": "mutation($csv:String!){importCompetencyAssessments(csv:$csv){importedCount "
                  "rowErrors{row column code} errors{field code}}}",
     "variables": lambda world, slug: {"csv": "nip,competency_code,level,assessed_on,assessor\n"
                                              f"{staff_nip(slug)},M.04,3,2026-03-01,BKD\n"},
     "allowed_roles": HR, "foreign_ok_codes": ["OK"], "setup": with_assessments},
    {"field": "setTargetPosition",
     "operation": "mutation($i:SetTargetPositionInput!){setTargetPosition(input:$i){analysis{"
                  + GAPS + "} errors{field code}}}",
     "variables": lambda world, slug: {"i": {"employeeId": staff(world, slug),
                                             "positionId": gid("Position",
                                                               world.position_id(slug, "SPARE"))}},
     "allowed_roles": {"admin", "hr", "staff"}, "foreign_ok_codes": ["NOT_FOUND"],
     "setup": with_assessments},
    {"field": "setJpmBands",
     "operation": "mutation($i:SetJpmBandsInput!){setJpmBands(input:$i){bands{bands{code label "
                  "min} version} errors{field code}}}",
     "variables": lambda world, slug: {"i": {"bands": [
         {"code": "OPTIMAL", "label": "Optimal", "min": 85},
         {"code": "KURANG", "label": "Kurang", "min": 0}]}},
     "allowed_roles": HR, "foreign_ok_codes": ["OK"], "setup": with_assessments},
]
