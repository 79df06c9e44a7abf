"""GraphQL types of competency assessments and profiles: plain objects."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import strawberry

from ..competencies.types import Competency
from ..graphql.enums import code_enum
from ..graphql.relay import to_global_id
from ..people.types import EmployeeNode, PositionNode
from .service import SOURCES, STATUSES

AssessmentSource = code_enum(
    "AssessmentSource", SOURCES,
    description="SELF (the employee), RATER (the rater's score after coaching, form B.1.9, "
                "with a reason) or ASSESSMENT_CENTRE (imported results).")
AssessmentStatus = code_enum(
    "AssessmentStatus", STATUSES,
    description="Self-assessments are PENDING until the rater or HR accepts (ACCEPTED) or "
                "rejects (REJECTED) them; the other sources are ACCEPTED at once. Only "
                "ACCEPTED assessments count in the profile.")


@strawberry.type(description="One assessed level of one competency of an employee.")
class CompetencyAssessment:
    id: strawberry.ID
    competency_code: str
    competency_name: str = strawberry.field(
        description="The name in the framework version the assessment used.")
    framework_version: int | None = strawberry.field(
        description="The technical framework version the assessment used; null for national "
                    "competencies.")
    level: int
    source: AssessmentSource  # type: ignore[valid-type]
    status: AssessmentStatus  # type: ignore[valid-type]
    assessed_on: date
    assessor_id: strawberry.ID | None = strawberry.field(description="The user who recorded it.")
    assessor_name: str | None = strawberry.field(
        description="Institution or assessor of an assessment-centre result.")
    reason: str | None
    note: str | None
    decided_at: datetime | None
    version: int
    created_at: datetime

    @classmethod
    def build(cls, row: Any, name: str, framework_version: int | None) -> CompetencyAssessment:
        return cls(
            id=to_global_id("CompetencyAssessment", row.id), competency_code=row.competency_code,
            competency_name=name, framework_version=framework_version, level=row.level,
            source=AssessmentSource[row.source], status=AssessmentStatus[row.status],
            assessed_on=row.assessed_on,
            assessor_id=to_global_id("User", row.assessor_user_id) if row.assessor_user_id
            else None, assessor_name=row.assessor_name, reason=row.reason, note=row.note,
            decided_at=row.decided_at, version=row.version, created_at=row.created_at)


@strawberry.type(description="An employee's current level in one competency, with history.")
class CompetencyProfileEntry:
    competency: Competency
    current_level: int | None = strawberry.field(
        description="The latest ACCEPTED assessment's level (by assessment date, then "
                    "recording time); null when none.")
    current: CompetencyAssessment | None
    history: list[CompetencyAssessment] = strawberry.field(
        description="Every assessment of this competency (all sources and statuses), newest "
                    "first.")


@strawberry.type(description="An employee's competency profile: every national competency, the "
                             "current technical ones and any other competency assessed before.")
class CompetencyProfile:
    employee: EmployeeNode
    target_position: PositionNode | None
    competencies: list[CompetencyProfileEntry]
