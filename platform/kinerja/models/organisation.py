"""Org units and positions (jabatan) inside a tenant."""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field

from .base import TenantScoped, UtcDateTime, created_at_field, tenant_fk, utcnow


class OrgUnit(TenantScoped, table=True):
    __tablename__ = "org_unit"
    __table_args__ = (
        tenant_fk(["parent_id"], "org_unit", ["id"]),
        sa.UniqueConstraint("tenant_id", "code"),
    )

    code: str | None = Field(default=None, max_length=40)
    name: str = Field(max_length=200)
    parent_id: uuid.UUID | None = None
    active: bool = True
    version: int = 1
    created_at: datetime = created_at_field()
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UtcDateTime, nullable=False)


class Position(TenantScoped, table=True):
    __tablename__ = "position"
    __table_args__ = (sa.UniqueConstraint("tenant_id", "code"),)

    code: str | None = Field(default=None, max_length=40)
    name: str = Field(max_length=200)
    position_type: str = Field(max_length=30)
    level: str = Field(max_length=30)
    active: bool = True
    version: int = 1
    created_at: datetime = created_at_field()
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UtcDateTime, nullable=False)
