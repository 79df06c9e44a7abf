"""Isolation cases of training settings, the catalog, development plans, suggestions and JP
compliance. Only the keys documented in tests/isolation/__init__.py are used.

`with_development` gives BOTH tenants: saved training settings (version 1); two catalog
activities (PELAYANAN addresses M.05, INTEGRITAS M.01); the staff member's 2026 plan with a
PROPOSED item (INTEGRITAS, for approve) and an APPROVED free-form item (for start), all with
deterministic IDs. A real competency gap (the STAFF position requires M.05 level 3, an accepted
assessment says 1) makes the real gap provider suggest PELAYANAN, so `acceptSuggestion` has it
to accept.
"""

from __future__ import annotations

import uuid

from kinerja.models import (
    DevelopmentItem,
    DevelopmentPlan,
    TrainingActivity,
    TrainingActivityCompetency,
    TrainingSettings,
)
from kinerja.training.settings import default_content
from tests.support.api import gid
from tests.support.signals import add_m05_gap

ALL = {"admin", "hr", "rater", "staff", "auditor"}
WRITE = {"admin", "hr"}
PLANNERS = {"admin", "hr", "rater", "staff"}
APPROVERS = {"admin", "hr", "rater"}
NAMESPACE = uuid.UUID("7c0e5b1a-3d42-4e8f-8b6a-2f1d9c4e7a21")
YEAR = 2026


def raw(world, slug: str, kind: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"{kind}:{world.tenant_id(slug)}")


async def with_development(db, services, world) -> None:
    for slug in ("alpha", "beta"):
        tenant_id = world.tenant_id(slug)
        staff = world.employee_id(slug, "staff")
        session = db.session(tenant_id=tenant_id)
        try:
            session.add(TrainingSettings(id=raw(world, slug, "settings"), tenant_id=tenant_id,
                                         version=1, content=default_content()))
            for key, title, code in (("pelayanan", f"Pelayanan Prima {slug}", "M.05"),
                                     ("integritas", f"Seminar Integritas {slug}", "M.01")):
                session.add(TrainingActivity(id=raw(world, slug, key), tenant_id=tenant_id,
                                             title=title, form="KLASIKAL",
                                             kind="PELATIHAN_TEKNIS", jp_given=24, jp=24))
                await session.flush()
                session.add(TrainingActivityCompetency(tenant_id=tenant_id,
                                                       activity_id=raw(world, slug, key),
                                                       competency_code=code))
            await add_m05_gap(session, world, slug)
            session.add(DevelopmentPlan(id=raw(world, slug, "plan"), tenant_id=tenant_id,
                                        employee_id=staff, year=YEAR))
            await session.flush()
            session.add_all([
                DevelopmentItem(id=raw(world, slug, "proposed"), tenant_id=tenant_id,
                                plan_id=raw(world, slug, "plan"),
                                activity_id=raw(world, slug, "integritas"),
                                title=f"Seminar Integritas {slug}", kind="PELATIHAN_TEKNIS",
                                competency_code="M.01", planned_jp=24),
                DevelopmentItem(id=raw(world, slug, "approved"), tenant_id=tenant_id,
                                plan_id=raw(world, slug, "plan"), title=f"Coaching {slug}",
                                kind="COACHING", competency_code="M.06", planned_jp=4,
                                status="APPROVED", version=2)])
            await session.commit()
        finally:
            await session.close()


def _activity(world, slug, key="pelayanan"):
    return gid("TrainingActivity", raw(world, slug, key))


def _item(world, slug, key):
    return gid("DevelopmentItem", raw(world, slug, key))


def _staff(world, slug):
    return gid("Employee", world.employee_id(slug, "staff"))


def _none(world, slug):
    return {}


SETTINGS = "version saved minimumJp{employeeType jp} lowValueThreshold"
ACTIVITY = "id title jp competencyCodes active version"
ITEM = "id title status plannedJp reasons{code text} activity{id title}"
PLAN = "id year employee{id name} completedJp shortfallJp items{" + ITEM + "}"
RESULT = "item{" + ITEM + "} plan{" + PLAN + "} errors{field code}"
ACTIVITY_INPUT = {"title": "Workshop Komunikasi", "form": "KLASIKAL", "kind": "WORKSHOP",
                  "competencyCodes": ["M.03"], "durationDays": 2}

CASES = [
    {"field": "trainingSettings", "operation": "{trainingSettings{" + SETTINGS + "}}",
     "variables": _none, "allowed_roles": ALL, "foreign_ok_codes": [],
     "setup": with_development},
    {"field": "trainingSettingsVersions",
     "operation": "{trainingSettingsVersions{" + SETTINGS + "}}",
     "variables": _none, "allowed_roles": ALL, "foreign_ok_codes": [],
     "setup": with_development},
    {"field": "trainingActivities",
     "operation": "{trainingActivities(first:10){totalCount nodes{" + ACTIVITY + "}}}",
     "variables": _none, "allowed_roles": ALL, "foreign_ok_codes": [],
     "setup": with_development},
    {"field": "updateTrainingSettings",
     "operation": "mutation($i:UpdateTrainingSettingsInput!){updateTrainingSettings(input:$i){"
                  "settings{" + SETTINGS + "} errors{field code}}}",
     "variables": lambda world, slug: {"i": {"version": 1, "lowValueThreshold": 3.0}},
     "allowed_roles": WRITE, "foreign_ok_codes": ["OK"], "setup": with_development},
    {"field": "createTrainingActivity",
     "operation": "mutation($i:TrainingActivityInput!){createTrainingActivity(input:$i){"
                  "activity{" + ACTIVITY + "} errors{field code}}}",
     "variables": lambda world, slug: {"i": ACTIVITY_INPUT},
     "allowed_roles": WRITE, "foreign_ok_codes": ["OK"], "setup": with_development},
    {"field": "updateTrainingActivity",
     "operation": "mutation($i:UpdateTrainingActivityInput!){updateTrainingActivity(input:$i){"
                  "activity{" + ACTIVITY + "} errors{field code}}}",
     "variables": lambda world, slug: {"i": {"id": _activity(world, slug), "version": 1,
                                             "activity": ACTIVITY_INPUT}},
     "allowed_roles": WRITE, "foreign_ok_codes": ["NOT_FOUND"], "setup": with_development},
    {"field": "deactivateTrainingActivity",
     "operation": "mutation($i:DeactivateTrainingActivityInput!){deactivateTrainingActivity("
                  "input:$i){activity{" + ACTIVITY + "} errors{field code}}}",
     "variables": lambda world, slug: {"i": {"id": _activity(world, slug), "version": 1}},
     "allowed_roles": WRITE, "foreign_ok_codes": ["NOT_FOUND"], "setup": with_development},
    {"field": "developmentPlan",
     "operation": "query($e:ID!){developmentPlan(employeeId:$e,year:2026){" + PLAN + "}}",
     "variables": lambda world, slug: {"e": _staff(world, slug)},
     "allowed_roles": ALL, "foreign_ok_codes": ["NOT_FOUND"], "setup": with_development},
    {"field": "developmentSuggestions",
     "operation": "query($e:ID!){developmentSuggestions(employeeId:$e,year:2026){key "
                  "competencyCode activity{id title} reasons{code text}}}",
     "variables": lambda world, slug: {"e": _staff(world, slug)},
     "allowed_roles": ALL, "foreign_ok_codes": ["NOT_FOUND"], "setup": with_development},
    {"field": "jpCompliance",
     "operation": "query($u:ID){jpCompliance(year:2026,unitId:$u){totalCount belowCount "
                  "nodes{employee{id name} completedJp shortfallJp}}}",
     "variables": lambda world, slug: {"u": gid("OrgUnit", world.unit_id(slug, "SEC"))},
     "allowed_roles": ALL, "foreign_ok_codes": ["OK"], "setup": with_development},
    {"field": "proposeDevelopmentItem",
     "operation": "mutation($i:ProposeDevelopmentItemInput!){proposeDevelopmentItem(input:$i){"
                  + RESULT + "}}",
     "variables": lambda world, slug: {"i": {"employeeId": _staff(world, slug), "year": YEAR,
                                             "activityId": _activity(world, slug)}},
     "allowed_roles": PLANNERS, "foreign_ok_codes": ["NOT_FOUND"], "setup": with_development},
    {"field": "acceptSuggestion",
     "operation": "mutation($i:AcceptSuggestionInput!){acceptSuggestion(input:$i){"
                  + RESULT + "}}",
     "variables": lambda world, slug: {"i": {
         "employeeId": _staff(world, slug), "year": YEAR,
         "key": f"activity:{raw(world, slug, 'pelayanan')}"}},
     "allowed_roles": PLANNERS, "foreign_ok_codes": ["NOT_FOUND"], "setup": with_development},
    {"field": "approveDevelopmentItem",
     "operation": "mutation($i:ApproveDevelopmentItemInput!){approveDevelopmentItem(input:$i){"
                  + RESULT + "}}",
     "variables": lambda world, slug: {"i": {"id": _item(world, slug, "proposed"),
                                             "version": 1}},
     "allowed_roles": APPROVERS, "foreign_ok_codes": ["NOT_FOUND"], "setup": with_development},
    {"field": "updateDevelopmentItemStatus",
     "operation": "mutation($i:UpdateDevelopmentItemStatusInput!){updateDevelopmentItemStatus("
                  "input:$i){" + RESULT + "}}",
     "variables": lambda world, slug: {"i": {"id": _item(world, slug, "approved"),
                                             "status": "IN_PROGRESS", "version": 2}},
     "allowed_roles": PLANNERS, "foreign_ok_codes": ["NOT_FOUND"], "setup": with_development},
]
