"""Training settings (versioned), the training catalog, and individual development plans."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field

from .base import TenantScoped, UtcDateTime, created_at_field, tenant_fk, utcnow


class TrainingSettings(TenantScoped, table=True):
    """One version of an agency's training settings (JP rules, minimum JP, suggestion
    mappings); never updated: an edit inserts the next version."""

    __tablename__ = "training_settings"
    __table_args__ = (sa.UniqueConstraint("tenant_id", "version"),)

    version: int
    content: dict[str, Any] = Field(sa_type=sa.JSON, nullable=False)
    created_by: uuid.UUID | None = None
    created_at: datetime = created_at_field()


class TrainingActivity(TenantScoped, table=True):
    """A development activity of the agency's catalog; its JP is computed when saved."""

    __tablename__ = "training_activity"
    __table_args__ = (sa.Index("ix_training_activity_title", "tenant_id", "title", "id"),)

    title: str = Field(max_length=300)
    form: str = Field(max_length=12)
    kind: str = Field(max_length=32)
    jp_given: float | None = None
    duration_days: float | None = None
    duration_hours: float | None = None
    jp: float
    provider: str | None = Field(default=None, max_length=300)
    international: bool = False
    active: bool = True
    version: int = 1
    created_at: datetime = created_at_field()
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UtcDateTime, nullable=False)


class TrainingActivityCompetency(TenantScoped, table=True):
    """A competency an activity addresses (a row each, so the catalog filters in SQL)."""

    __tablename__ = "training_activity_competency"
    __table_args__ = (
        tenant_fk(["activity_id"], "training_activity", ["id"]),
        sa.UniqueConstraint("tenant_id", "activity_id", "competency_code"),
        sa.Index("ix_training_activity_competency_code", "tenant_id", "competency_code"),
    )

    activity_id: uuid.UUID
    competency_code: str = Field(max_length=20)
    position: int = 0


class DevelopmentPlan(TenantScoped, table=True):
    """An employee's individual development plan for a year (one per employee and year)."""

    __tablename__ = "development_plan"
    __table_args__ = (
        tenant_fk(["employee_id"], "employee", ["id"]),
        sa.UniqueConstraint("tenant_id", "employee_id", "year"),
        sa.Index("ix_development_plan_year", "tenant_id", "year"),
    )

    employee_id: uuid.UUID
    year: int
    created_by: uuid.UUID | None = None
    created_at: datetime = created_at_field()


class DevelopmentItem(TenantScoped, table=True):
    """One planned development activity: from the catalog or free-form, with its workflow
    status, planned and actual JP, completion evidence and why it was suggested."""

    __tablename__ = "development_item"
    __table_args__ = (
        tenant_fk(["plan_id"], "development_plan", ["id"]),
        tenant_fk(["activity_id"], "training_activity", ["id"]),
        tenant_fk(["evidence_file_id"], "stored_file", ["id"]),
        sa.Index("ix_development_item_plan", "tenant_id", "plan_id", "status"),
    )

    plan_id: uuid.UUID
    activity_id: uuid.UUID | None = None
    title: str = Field(max_length=300)
    kind: str | None = Field(default=None, max_length=32)
    competency_code: str = Field(max_length=20)
    planned_jp: float
    actual_jp: float | None = None
    status: str = Field(default="PROPOSED", max_length=12)
    evidence_url: str | None = Field(default=None, max_length=1000)
    evidence_file_id: uuid.UUID | None = None
    reasons: list[dict[str, Any]] = Field(default_factory=list, sa_type=sa.JSON, nullable=False)
    proposed_by: uuid.UUID | None = None
    approved_by: uuid.UUID | None = None
    approved_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    completed_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    version: int = 1
    created_at: datetime = created_at_field()
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UtcDateTime, nullable=False)
