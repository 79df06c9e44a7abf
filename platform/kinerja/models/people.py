"""Employees and their reporting lines (rater and rater's superior, with history)."""

from __future__ import annotations

import uuid
from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Field

from .base import TenantScoped, UtcDateTime, created_at_field, tenant_fk, utcnow


class Employee(TenantScoped, table=True):
    """A person who works in the agency, or (`home_tenant_id` set) an official of its parent
    agency who rates its head here, e.g. the Camat rating a Lurah: such a record has no unit
    or position here and is no staff of the agency (no SKP, no JP, no headcount)."""

    __tablename__ = "employee"
    __table_args__ = (
        tenant_fk(["position_id"], "position", ["id"]),
        tenant_fk(["unit_id"], "org_unit", ["id"]),
        sa.ForeignKeyConstraint(["user_id"], ["app_user.id"]),
        sa.ForeignKeyConstraint(["home_tenant_id"], ["tenant.id"]),
        sa.UniqueConstraint("tenant_id", "nip"),
        sa.UniqueConstraint("tenant_id", "user_id"),
        sa.Index("ix_employee_tenant_name", "tenant_id", "name", "id"),
        sa.Index("ix_employee_tenant_unit", "tenant_id", "unit_id"),
    )

    nip: str = Field(max_length=18)
    employee_type: str = Field(max_length=8)
    name: str = Field(max_length=200)
    rank: str | None = Field(default=None, max_length=12)
    position_id: uuid.UUID | None = None
    unit_id: uuid.UUID | None = None
    user_id: uuid.UUID | None = None
    home_tenant_id: uuid.UUID | None = None
    active: bool = True
    version: int = 1
    created_at: datetime = created_at_field()
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UtcDateTime, nullable=False)


class ReportingLine(TenantScoped, table=True):
    """Who rates an employee (pejabat penilai) and that rater's superior, for a date range.

    A new line closes the previous one (valid_to = day before), so history is kept.
    """

    __tablename__ = "reporting_line"
    __table_args__ = (
        tenant_fk(["employee_id"], "employee", ["id"]),
        tenant_fk(["rater_id"], "employee", ["id"]),
        tenant_fk(["rater_superior_id"], "employee", ["id"]),
        sa.Index("ix_reporting_line_employee", "tenant_id", "employee_id", "valid_from"),
        sa.Index("ix_reporting_line_rater", "tenant_id", "rater_id"),
    )

    employee_id: uuid.UUID
    rater_id: uuid.UUID | None = None
    rater_superior_id: uuid.UUID | None = None
    valid_from: date
    valid_to: date | None = None
    acting: str = Field(default="NONE", max_length=4)
    created_at: datetime = created_at_field()
