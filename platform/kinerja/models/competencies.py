"""Competency frameworks: the agency's technical framework versions and position standards.

The national framework (managerial M.01-M.08 and socio-cultural SK.01) is data in code
(`kinerja.competencies.national`), shared by every tenant; only agency data is stored here.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field

from .base import TenantScoped, UtcDateTime, created_at_field, tenant_fk, utcnow


class TechnicalFramework(TenantScoped, table=True):
    """One version of an agency's technical competencies; never updated (a save inserts the
    next version), so assessments can keep pointing to the version they used."""

    __tablename__ = "technical_framework"
    __table_args__ = (sa.UniqueConstraint("tenant_id", "version"),)

    version: int
    competencies: list[dict[str, Any]] = Field(sa_type=sa.JSON, nullable=False)
    created_by: uuid.UUID | None = None
    created_at: datetime = created_at_field()


class PositionStandard(TenantScoped, table=True):
    """HR's override of the required level of one competency for one position."""

    __tablename__ = "position_standard"
    __table_args__ = (
        tenant_fk(["position_id"], "position", ["id"]),
        sa.UniqueConstraint("tenant_id", "position_id", "competency_code"),
    )

    position_id: uuid.UUID
    competency_code: str = Field(max_length=20)
    level: int
    updated_by: uuid.UUID | None = None
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UtcDateTime, nullable=False)
