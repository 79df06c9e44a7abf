"""Performance results per (SKP, period), their changes, organisation results, unit heads,
objections (keberatan) and the explanations asked for while deciding one."""

from __future__ import annotations

import uuid
from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Field

from .base import TenantScoped, UtcDateTime, created_at_field, tenant_fk, utcnow


class PerformanceResult(TenantScoped, table=True):
    """Both ratings and the server-computed predikat of one SKP for one period.

    The columns hold the values in force; every later change (calibration, objection decision,
    reopening) keeps the values before it in `result_change`, so the original stays known.
    `objection_deadline` is fixed at release; past it a RELEASED/ACKNOWLEDGED result is FINAL.
    """

    __tablename__ = "performance_result"
    __table_args__ = (
        tenant_fk(["skp_id"], "skp", ["id"]),
        tenant_fk(["period_id"], "period", ["id"]),
        tenant_fk(["rule_set_id"], "rule_set", ["id"]),
        sa.UniqueConstraint("tenant_id", "skp_id", "period_id"),
        sa.Index("ix_performance_result_period", "tenant_id", "period_id", "status"),
    )

    skp_id: uuid.UUID
    period_id: uuid.UUID
    rule_set_id: uuid.UUID
    rule_set_version: int
    rating_hasil: str = Field(max_length=10)
    rating_perilaku: str = Field(max_length=10)
    justification_hasil: str | None = Field(default=None, max_length=2000)
    justification_perilaku: str | None = Field(default=None, max_length=2000)
    hasil_source: str = Field(default="RATER", max_length=14)
    organisation_result: str | None = Field(default=None, max_length=16)
    predikat: str = Field(max_length=20)
    status: str = Field(default="RATED", max_length=12)
    rated_by: uuid.UUID | None = None
    rated_at: datetime = Field(default_factory=utcnow, sa_type=UtcDateTime, nullable=False)
    released_on: date | None = None
    released_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    released_by: uuid.UUID | None = None
    objection_deadline: date | None = None
    acknowledged_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    finalised_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    version: int = 1
    created_at: datetime = created_at_field()
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UtcDateTime, nullable=False)


class ResultChange(TenantScoped, table=True):
    """A change to a result's ratings after rating: CALIBRATION, OBJECTION (decision) or
    REOPEN, with the values before and after, the reason, who and when."""

    __tablename__ = "result_change"
    __table_args__ = (
        tenant_fk(["result_id"], "performance_result", ["id"]),
        sa.Index("ix_result_change_result", "tenant_id", "result_id"),
    )

    result_id: uuid.UUID
    kind: str = Field(max_length=12)
    hasil_before: str = Field(max_length=10)
    perilaku_before: str = Field(max_length=10)
    predikat_before: str = Field(max_length=20)
    hasil_after: str = Field(max_length=10)
    perilaku_after: str = Field(max_length=10)
    predikat_after: str = Field(max_length=20)
    reason: str = Field(max_length=2000)
    actor_user_id: uuid.UUID | None = None
    at: datetime = created_at_field()


class OrganisationResult(TenantScoped, table=True):
    """A unit's performance for a period (ISTIMEWA .. SANGAT_KURANG)."""

    __tablename__ = "organisation_result"
    __table_args__ = (
        tenant_fk(["unit_id"], "org_unit", ["id"]),
        tenant_fk(["period_id"], "period", ["id"]),
        sa.UniqueConstraint("tenant_id", "unit_id", "period_id"),
    )

    unit_id: uuid.UUID
    period_id: uuid.UUID
    result: str = Field(max_length=16)
    note: str | None = Field(default=None, max_length=2000)
    set_by: uuid.UUID | None = None
    version: int = 1
    created_at: datetime = created_at_field()
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UtcDateTime, nullable=False)


class UnitHead(TenantScoped, table=True):
    """Who heads a unit (for the head-of-unit rule). A side table rather than a column on
    org_unit: employee already points at org_unit, and a column back would make a FK cycle."""

    __tablename__ = "unit_head"
    __table_args__ = (
        tenant_fk(["unit_id"], "org_unit", ["id"]),
        tenant_fk(["employee_id"], "employee", ["id"]),
        sa.UniqueConstraint("tenant_id", "unit_id"),
    )

    unit_id: uuid.UUID
    employee_id: uuid.UUID
    set_by: uuid.UUID | None = None
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UtcDateTime, nullable=False)


class Objection(TenantScoped, table=True):
    """An employee's written objection to a released result, addressed to the rater's
    superior copied onto the SKP, who alone decides it (none: it waits until HR records one
    on the SKP and here)."""

    __tablename__ = "objection"
    __table_args__ = (
        tenant_fk(["result_id"], "performance_result", ["id"]),
        tenant_fk(["superior_id"], "employee", ["id"]),
        sa.Index("ix_objection_result", "tenant_id", "result_id"),
        sa.Index("ix_objection_superior", "tenant_id", "superior_id", "status"),
    )

    result_id: uuid.UUID
    superior_id: uuid.UUID | None = None
    reasons: str = Field(max_length=4000)
    filed_by: uuid.UUID | None = None
    filed_at: datetime = created_at_field()
    status: str = Field(default="OPEN", max_length=10)
    decision: str | None = Field(default=None, max_length=8)
    decision_reason: str | None = Field(default=None, max_length=2000)
    decided_by: uuid.UUID | None = None
    decided_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    version: int = 1


class ObjectionExplanation(TenantScoped, table=True):
    """An explanation the deciding superior asked of the RATER or the EMPLOYEE, and the answer."""

    __tablename__ = "objection_explanation"
    __table_args__ = (
        tenant_fk(["objection_id"], "objection", ["id"]),
        sa.UniqueConstraint("tenant_id", "objection_id", "party"),
    )

    objection_id: uuid.UUID
    party: str = Field(max_length=10)
    question: str | None = Field(default=None, max_length=2000)
    requested_by: uuid.UUID | None = None
    requested_at: datetime = created_at_field()
    text: str | None = Field(default=None, max_length=4000)
    answered_by: uuid.UUID | None = None
    answered_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
