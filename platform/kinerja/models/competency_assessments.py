"""Competency evidence (issue 4 §2) and gap-analysis settings (§3).

An assessment of a technical competency keeps the id of the framework version it used, so a
later framework version never changes what an old assessment meant.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field

from .base import TenantScoped, UtcDateTime, created_at_field, tenant_fk, utcnow


class CompetencyAssessment(TenantScoped, table=True):
    """One level (1-5) for one competency of one employee, from SELF, RATER (form B.1.9, with
    a reason) or ASSESSMENT_CENTRE. Status PENDING (self-assessments waiting for the rater or
    HR), ACCEPTED (counts in the profile) or REJECTED."""

    __tablename__ = "competency_assessment"
    __table_args__ = (
        tenant_fk(["employee_id"], "employee", ["id"]),
        tenant_fk(["framework_id"], "technical_framework", ["id"]),
        sa.ForeignKeyConstraint(["assessor_user_id"], ["app_user.id"]),
        sa.Index("ix_competency_assessment_employee", "tenant_id", "employee_id",
                 "competency_code", "assessed_on"),
    )

    employee_id: uuid.UUID
    competency_code: str = Field(max_length=20)
    framework_id: uuid.UUID | None = None
    level: int
    source: str = Field(max_length=20)
    assessed_on: date
    assessor_user_id: uuid.UUID | None = None
    assessor_name: str | None = Field(default=None, max_length=200)
    reason: str | None = Field(default=None, max_length=2000)
    note: str | None = Field(default=None, max_length=2000)
    status: str = Field(max_length=10)
    decided_by: uuid.UUID | None = None
    decided_at: datetime | None = Field(default=None, sa_type=UtcDateTime, nullable=True)
    version: int = 1
    created_at: datetime = created_at_field()
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UtcDateTime, nullable=False)


class EmployeeTargetPosition(TenantScoped, table=True):
    """The position an employee aims for (chosen by HR or the employee), one per employee."""

    __tablename__ = "employee_target_position"
    __table_args__ = (
        tenant_fk(["employee_id"], "employee", ["id"]),
        tenant_fk(["position_id"], "position", ["id"]),
        sa.UniqueConstraint("tenant_id", "employee_id"),
    )

    employee_id: uuid.UUID
    position_id: uuid.UUID
    chosen_by: uuid.UUID | None = None
    version: int = 1
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UtcDateTime, nullable=False)


class JpmBandSetting(TenantScoped, table=True):
    """The agency's job-person-match bands: [{code, label, min}] by descending `min`."""

    __tablename__ = "jpm_band_setting"
    __table_args__ = (sa.UniqueConstraint("tenant_id"),)

    bands: list[dict[str, Any]] = Field(sa_type=sa.JSON, nullable=False)
    version: int = 1
    updated_by: uuid.UUID | None = None
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UtcDateTime, nullable=False)
