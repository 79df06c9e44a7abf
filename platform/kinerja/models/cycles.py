"""Rule sets (versioned, immutable rows), annual cycles with their periods, and SKP headers."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field

from .base import TenantScoped, UtcDateTime, created_at_field, tenant_fk, utcnow


class RuleSet(TenantScoped, table=True):
    """One version of an agency's rule set; never updated ("edit" inserts the next version)."""

    __tablename__ = "rule_set"
    __table_args__ = (sa.UniqueConstraint("tenant_id", "version"),)

    version: int
    content: dict[str, Any] = Field(sa_type=sa.JSON, nullable=False)
    created_by: uuid.UUID | None = None
    created_at: datetime = created_at_field()


class Cycle(TenantScoped, table=True):
    """An agency's annual performance cycle; it keeps the rule-set version it was created with."""

    __tablename__ = "cycle"
    __table_args__ = (
        tenant_fk(["rule_set_id"], "rule_set", ["id"]),
        sa.UniqueConstraint("tenant_id", "year"),
    )

    year: int
    name: str = Field(max_length=200)
    state: str = Field(default="DRAFT", max_length=12)
    rule_set_id: uuid.UUID
    version: int = 1
    launched_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    closed_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    created_at: datetime = created_at_field()
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UtcDateTime, nullable=False)


class Period(TenantScoped, table=True):
    """An assessment period of a cycle: a month or a quarter, or the whole year."""

    __tablename__ = "period"
    __table_args__ = (
        tenant_fk(["cycle_id"], "cycle", ["id"]),
        sa.UniqueConstraint("tenant_id", "cycle_id", "kind", "number"),
    )

    cycle_id: uuid.UUID
    kind: str = Field(max_length=8)
    number: int
    starts_on: date
    ends_on: date


class Skp(TenantScoped, table=True):
    """An employee's performance plan in a cycle, with the reporting line copied at launch."""

    __tablename__ = "skp"
    __table_args__ = (
        tenant_fk(["cycle_id"], "cycle", ["id"]),
        tenant_fk(["employee_id"], "employee", ["id"]),
        tenant_fk(["rater_id"], "employee", ["id"]),
        tenant_fk(["rater_superior_id"], "employee", ["id"]),
        sa.UniqueConstraint("tenant_id", "cycle_id", "employee_id"),
        sa.Index("ix_skp_rater", "tenant_id", "rater_id"),
        sa.Index("ix_skp_rater_superior", "tenant_id", "rater_superior_id"),
    )

    cycle_id: uuid.UUID
    employee_id: uuid.UUID
    rater_id: uuid.UUID | None = None
    rater_superior_id: uuid.UUID | None = None
    status: str = Field(default="DRAFT", max_length=12)
    version: int = 1
    created_at: datetime = created_at_field()
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UtcDateTime, nullable=False)
