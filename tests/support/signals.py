"""Real inputs of the development-suggestion providers (development/providers.py): a
competency gap made of a position standard and an accepted assessment."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from kinerja.models import CompetencyAssessment, PositionStandard
from tests.support.api import gid

SET = ("mutation($i:SetPositionStandardInput!){setPositionStandard(input:$i){"
       "errors{field code}}}")
RECORD = ("mutation($i:RecordCompetencyAssessmentInput!){recordCompetencyAssessment(input:$i){"
          "assessment{status} errors{field code}}}")


async def m05_gap(api, world, key: str = "staff") -> None:
    """Through the API (alpha): the STAFF position requires M.05 Pelayanan Publik level 3; an
    assessment centre measured the employee at level 1 (accepted at once)."""
    standard = (await api.gql(SET, {"i": {"positionId": gid("Position", world.position_id(
        "alpha", "STAFF")), "requirements": [{"competencyCode": "M.05", "level": 3}]}},
        user="hr.alpha")).ok()["setPositionStandard"]
    assert standard["errors"] == [], standard
    recorded = (await api.gql(RECORD, {"i": {
        "employeeId": gid("Employee", world.employee_id("alpha", key)), "competencyCode": "M.05",
        "level": 1, "source": "ASSESSMENT_CENTRE", "assessorName": "UPT Penilaian Kompetensi"}},
        user="hr.alpha")).ok()["recordCompetencyAssessment"]
    assert recorded["errors"] == [] and recorded["assessment"]["status"] == "ACCEPTED", recorded


async def add_m05_gap(session, world, slug: str) -> None:
    """The same gap written directly (isolation and RLS set-ups); the standard only when the
    set-up has none yet."""
    tenant_id, position = world.tenant_id(slug), world.position_id(slug, "STAFF")
    known = await session.scalar(sa.select(PositionStandard.id).where(
        PositionStandard.position_id == position, PositionStandard.competency_code == "M.05"))
    if known is None:
        session.add(PositionStandard(tenant_id=tenant_id, position_id=position,
                                     competency_code="M.05", level=3))
    session.add(CompetencyAssessment(
        tenant_id=tenant_id, employee_id=world.employee_id(slug, "staff"),
        competency_code="M.05", level=1, source="ASSESSMENT_CENTRE",
        assessed_on=date(2026, 1, 15), assessor_name="UPT Penilaian Kompetensi",
        status="ACCEPTED"))
