"""Custom roles of a tenant (their permissions live in Casbin; this row names and describes
them)."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field

from .base import CHECKED_VERSION, TenantScoped, UtcDateTime, created_at_field, utcnow


class Role(TenantScoped, table=True):
    __tablename__ = "role"
    __mapper_args__ = CHECKED_VERSION
    __table_args__ = (sa.UniqueConstraint("tenant_id", "name"),)

    name: str = Field(max_length=60)
    description: str = Field(default="", max_length=500)
    version: int = 1
    created_at: datetime = created_at_field()
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UtcDateTime, nullable=False)
