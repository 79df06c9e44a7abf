"""Competency assessments, an employee's positions for the gap analysis, target positions and
the JPM band setting, as plain rows (tenant-scoped by the session and by RLS). The gap matrix
has its own statements (gap_repository.py)."""

from __future__ import annotations

import uuid
from typing import Any

import sqlalchemy as sa

from ..kit.repository import Repository
from ..models import (
    CompetencyAssessment,
    Employee,
    EmployeeTargetPosition,
    JpmBandSetting,
    TechnicalFramework,
)

ASSESSMENT_COLUMNS = (
    CompetencyAssessment.id, CompetencyAssessment.employee_id,
    CompetencyAssessment.competency_code, CompetencyAssessment.framework_id,
    CompetencyAssessment.level, CompetencyAssessment.source, CompetencyAssessment.assessed_on,
    CompetencyAssessment.assessor_user_id, CompetencyAssessment.assessor_name,
    CompetencyAssessment.reason, CompetencyAssessment.note, CompetencyAssessment.status,
    CompetencyAssessment.decided_by, CompetencyAssessment.decided_at,
    CompetencyAssessment.version, CompetencyAssessment.created_at,
)
# Newest first: the order that decides the current level (ties: the later recording wins).
NEWEST_FIRST = (CompetencyAssessment.assessed_on.desc(), CompetencyAssessment.created_at.desc(),
                CompetencyAssessment.id.desc())


def latest_accepted() -> sa.Subquery:
    """(employee_id, competency_code, level) of each employee's current level per competency:
    the latest ACCEPTED assessment (window function, the same SQL on SQLite and PostgreSQL)."""
    ranked = (sa.select(
        CompetencyAssessment.tenant_id, CompetencyAssessment.employee_id,
        CompetencyAssessment.competency_code, CompetencyAssessment.level,
        sa.func.row_number().over(
            partition_by=(CompetencyAssessment.employee_id, CompetencyAssessment.competency_code),
            order_by=NEWEST_FIRST).label("rn"))
        .where(CompetencyAssessment.status == "ACCEPTED").subquery("ranked"))
    return (sa.select(ranked.c.tenant_id, ranked.c.employee_id, ranked.c.competency_code,
                      ranked.c.level).where(ranked.c.rn == 1).subquery("actual"))


class AssessmentRepository(Repository):
    async def by_id(self, assessment_id: uuid.UUID) -> sa.Row | None:
        return await self.first(sa.select(*ASSESSMENT_COLUMNS)
                                .where(CompetencyAssessment.id == assessment_id))

    async def for_employee(self, employee_id: uuid.UUID) -> list[sa.Row]:
        return await self.all(sa.select(*ASSESSMENT_COLUMNS)
                              .where(CompetencyAssessment.employee_id == employee_id)
                              .order_by(CompetencyAssessment.competency_code, *NEWEST_FIRST))

    async def current_levels(self, employee_id: uuid.UUID) -> dict[str, int]:
        actual = latest_accepted()
        rows = await self.all(sa.select(actual.c.competency_code, actual.c.level)
                              .where(actual.c.employee_id == employee_id))
        return {r.competency_code: r.level for r in rows}

    async def frameworks(self, ids: list[uuid.UUID]) -> dict[uuid.UUID, sa.Row]:
        if not ids:
            return {}
        rows = await self.all(sa.select(TechnicalFramework.id, TechnicalFramework.version,
                                        TechnicalFramework.competencies)
                              .where(TechnicalFramework.id.in_(ids)))
        return {r.id: r for r in rows}

    async def decide(self, assessment_id: uuid.UUID, expected: int,
                     values: dict[str, Any]) -> bool:
        return await self.bump_version(CompetencyAssessment, assessment_id, expected, values) == 1

    async def employees_by_nip(self, nips: list[str]) -> dict[str, sa.Row]:
        """NIP -> (id, active, user_id) of the agency's employees with those NIPs."""
        found: dict[str, sa.Row] = {}
        for start in range(0, len(nips), 500):
            rows = await self.all(sa.select(Employee.nip, Employee.id, Employee.active,
                                            Employee.user_id)
                                  .where(Employee.nip.in_(nips[start:start + 500])))
            found.update({r.nip: r for r in rows})
        return found

    async def existing_centre_keys(self, employee_ids: list[uuid.UUID]) -> set[tuple]:
        """(employee_id, code, assessed_on) of assessment-centre results already stored."""
        keys: set[tuple] = set()
        for start in range(0, len(employee_ids), 500):
            rows = await self.all(
                sa.select(CompetencyAssessment.employee_id, CompetencyAssessment.competency_code,
                          CompetencyAssessment.assessed_on)
                .where(CompetencyAssessment.source == "ASSESSMENT_CENTRE",
                       CompetencyAssessment.employee_id.in_(employee_ids[start:start + 500])))
            keys |= {(r.employee_id, r.competency_code, r.assessed_on) for r in rows}
        return keys

    async def insert_many(self, rows: list[dict[str, Any]]) -> None:
        if rows:
            await self.session.execute(sa.insert(CompetencyAssessment), rows)


class GapRepository(Repository):
    async def position_id(self, employee_id: uuid.UUID, which: str) -> uuid.UUID | None:
        if which == "target":
            return await self.scalar(sa.select(EmployeeTargetPosition.position_id)
                                     .where(EmployeeTargetPosition.employee_id == employee_id))
        return await self.scalar(sa.select(Employee.position_id).where(Employee.id == employee_id))


class TargetRepository(Repository):
    async def of(self, employee_id: uuid.UUID) -> sa.Row | None:
        return await self.first(sa.select(EmployeeTargetPosition.id,
                                          EmployeeTargetPosition.position_id,
                                          EmployeeTargetPosition.version)
                                .where(EmployeeTargetPosition.employee_id == employee_id))

    async def remove(self, target_id: uuid.UUID) -> None:
        await self.session.execute(
            sa.delete(EmployeeTargetPosition).where(EmployeeTargetPosition.id == target_id),
            execution_options={"synchronize_session": False})


class BandRepository(Repository):
    async def stored(self) -> sa.Row | None:
        return await self.first(sa.select(JpmBandSetting.id, JpmBandSetting.bands,
                                          JpmBandSetting.version))
