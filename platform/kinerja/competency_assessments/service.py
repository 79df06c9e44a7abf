"""Recording and accepting competency assessments: validation (every problem at once),
framework-version pinning, audit. Never commits; the GraphQL view does.

Status: SELF starts PENDING and counts only once the rater or HR accepts it (an employee's own
view is evidence, not yet a measurement); RATER and ASSESSMENT_CENTRE are ACCEPTED at once.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..audit.recorder import record
from ..authz.actor import Acting, Actor
from ..competencies.national import LEVELS, NATIONAL_BY_CODE
from ..competencies.service import current_framework
from ..errors import Conflict, ErrorCollector, NotFound
from ..kit.fields import check_version, clean_text
from ..models import CompetencyAssessment
from ..models.base import utcnow
from .access import AssessmentAccess
from .repository import AssessmentRepository

SOURCES = ("SELF", "RATER", "ASSESSMENT_CENTRE")
STATUSES = ("PENDING", "ACCEPTED", "REJECTED")
MAX_TEXT, MAX_NAME = 2000, 200
AUDITED = ("employee_id", "competency_code", "framework_id", "level", "source", "assessed_on",
           "assessor_name", "reason", "note", "status")


@dataclass
class AssessmentData:
    employee_id: uuid.UUID
    competency_code: str
    level: int
    source: str
    assessed_on: date | None
    reason: str | None = None
    note: str | None = None
    assessor_name: str | None = None


async def competency_reference(session) -> tuple[uuid.UUID | None, set[str]]:
    """(current framework id, technical codes in it): what a new assessment may name."""
    framework = await current_framework(session)
    return framework.id, {c["code"] for c in framework.competencies}


def check_level(errors: ErrorCollector, path: str, level: int) -> None:
    if level not in LEVELS:
        errors.add(path, "OUT_OF_RANGE", min=LEVELS[0], max=LEVELS[-1])


def check_date(errors: ErrorCollector, path: str, value: date | None, today: date) -> None:
    if value is not None and value > today:
        errors.add(path, "FUTURE_DATE")


def audited(values: dict[str, Any]) -> dict[str, Any]:
    return {k: (str(values[k]) if isinstance(values[k], date | uuid.UUID) else values[k])
            for k in AUDITED}


class AssessmentService(Acting):
    def __init__(self, actor: Actor):
        super().__init__(actor)
        self.access = AssessmentAccess(actor)
        self.repo = AssessmentRepository(actor.session)

    async def record(self, data: AssessmentData) -> uuid.UUID:
        employee = await self.access.readable_employee(data.employee_id)
        await self.access.check_record(employee, data.source)
        today = self.access.today
        errors = ErrorCollector()
        code = (data.competency_code or "").strip().upper()
        framework_id, technical = await competency_reference(self.session)
        if code not in NATIONAL_BY_CODE and code not in technical:
            errors.add("competencyCode", "UNKNOWN_REFERENCE")
        check_level(errors, "level", data.level)
        check_date(errors, "assessedOn", data.assessed_on, today)
        reason = clean_text(errors, "reason", data.reason, MAX_TEXT,
                            required=data.source == "RATER", fold=False)
        note = clean_text(errors, "note", data.note, MAX_TEXT, fold=False)
        assessor_name = clean_text(errors, "assessorName", data.assessor_name, MAX_NAME,
                                   required=data.source == "ASSESSMENT_CENTRE", fold=False)
        errors.raise_if_any()
        row = CompetencyAssessment(
            tenant_id=self.tenant_id, employee_id=employee.id, competency_code=code,
            framework_id=None if code in NATIONAL_BY_CODE else framework_id, level=data.level,
            source=data.source, assessed_on=data.assessed_on or today,
            assessor_user_id=self.access.user_id, assessor_name=assessor_name, reason=reason,
            note=note, status="PENDING" if data.source == "SELF" else "ACCEPTED")
        self.session.add(row)
        await self.session.flush()
        await record(self.session, tenant_id=self.tenant_id, actor_user_id=self.access.user_id,
                     action="competency_assessment.record", object_type="CompetencyAssessment",
                     object_id=row.id, after=audited(row.model_dump()))
        return row.id

    async def decide(self, assessment_id: uuid.UUID, accept: bool,
                     version: int | None) -> uuid.UUID:
        row = await self.repo.by_id(assessment_id)
        if row is None:
            raise NotFound()
        employee = await self.access.readable_employee(row.employee_id)
        await self.access.check_decide(employee)
        check_version(row, version)
        errors = ErrorCollector()
        if row.status != "PENDING":
            errors.add(None, "NOT_PENDING", state=row.status)
        errors.raise_if_any()
        status = "ACCEPTED" if accept else "REJECTED"
        if not await self.repo.decide(row.id, row.version, {
                "status": status, "decided_by": self.access.user_id, "decided_at": utcnow(),
                "updated_at": utcnow()}):
            raise Conflict()
        await record(self.session, tenant_id=self.tenant_id, actor_user_id=self.access.user_id,
                     action="competency_assessment.decide", object_type="CompetencyAssessment",
                     object_id=row.id, before={"status": row.status, "version": row.version},
                     after={"status": status, "version": row.version + 1})
        return row.id
