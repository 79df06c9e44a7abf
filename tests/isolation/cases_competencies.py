"""Isolation cases of competency frameworks and position standards. Only the keys documented
in tests/isolation/__init__.py are used.

`with_competencies` gives BOTH tenants a saved technical framework (version 1, with a
competency named after the tenant, e.g. "Teknis Beta") and an override on the STAFF position,
with deterministic IDs. Cases without IDs (competencyFramework, competencyFrameworkVersions,
saveTechnicalFramework) accept "OK" or nothing with the foreign tenant: they act in alpha, and
the runner checks beta is unchanged.
"""

from __future__ import annotations

import uuid

from kinerja.models import PositionStandard, TechnicalFramework
from tests.support.api import gid

ALL = {"admin", "hr", "rater", "staff", "auditor"}
WRITE = {"admin", "hr"}
NAMESPACE = uuid.UUID("0b6f4d5e-8c1a-4f52-9a3e-6d2b7c1e4f90")


def _id(world, slug: str, kind: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"{kind}:{world.tenant_id(slug)}")


def technical_competency(slug: str) -> dict:
    name = f"Teknis {slug.title()}"
    return {"code": "T.01", "name": name, "description": f"Kompetensi {name}.",
            "levels": [f"{name} level {i}" for i in range(1, 6)]}


async def with_competencies(db, services, world) -> None:
    for slug in ("alpha", "beta"):
        tenant_id = world.tenant_id(slug)
        session = db.session(tenant_id=tenant_id)
        try:
            session.add(TechnicalFramework(id=_id(world, slug, "framework"), tenant_id=tenant_id,
                                           version=1, competencies=[technical_competency(slug)]))
            session.add(PositionStandard(id=_id(world, slug, "standard"), tenant_id=tenant_id,
                                         position_id=world.position_id(slug, "STAFF"),
                                         competency_code="M.05", level=3))
            await session.commit()
        finally:
            await session.close()


def staff_position(world, slug):
    return gid("Position", world.position_id(slug, "STAFF"))


COMPETENCY = "code name group levels{level description}"
TECHNICAL = "id version saved competencies{" + COMPETENCY + "}"
STANDARD = ("position{id code} requirements{competency{code name} requiredLevel source}")


def _none(world, slug):
    return {}


CASES = [
    {"field": "competencyFramework",
     "operation": "{competencyFramework{national{code} technical{" + TECHNICAL + "}}}",
     "variables": _none, "allowed_roles": ALL, "foreign_ok_codes": [],
     "setup": with_competencies},
    {"field": "competencyFrameworkVersions",
     "operation": "{competencyFrameworkVersions{" + TECHNICAL + "}}",
     "variables": _none, "allowed_roles": ALL, "foreign_ok_codes": [],
     "setup": with_competencies},
    {"field": "positionStandard",
     "operation": "query($p:ID!){positionStandard(positionId:$p){" + STANDARD + "}}",
     "variables": lambda world, slug: {"p": staff_position(world, slug)},
     "allowed_roles": ALL, "foreign_ok_codes": ["NOT_FOUND"], "setup": with_competencies},
    {"field": "saveTechnicalFramework",
     "operation": "mutation($i:SaveTechnicalFrameworkInput!){saveTechnicalFramework(input:$i){"
                  "framework{" + TECHNICAL + "} errors{field code}}}",
     "variables": lambda world, slug: {"i": {"version": 1, "competencies": [
         technical_competency("alpha"), {**technical_competency("alpha"), "code": "T.02"}]}},
     "allowed_roles": WRITE, "foreign_ok_codes": ["OK"], "setup": with_competencies},
    {"field": "setPositionStandard",
     "operation": "mutation($i:SetPositionStandardInput!){setPositionStandard(input:$i){"
                  "standard{" + STANDARD + "} errors{field code}}}",
     "variables": lambda world, slug: {"i": {"positionId": staff_position(world, slug),
                                             "requirements": [{"competencyCode": "M.05",
                                                               "level": 4}]}},
     "allowed_roles": WRITE, "foreign_ok_codes": ["NOT_FOUND"], "setup": with_competencies},
]
