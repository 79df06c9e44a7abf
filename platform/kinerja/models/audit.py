"""Audit trail: who changed what, when, with before and after values."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from .base import TenantScoped, created_at_field, uuid7


class AuditEvent(TenantScoped, table=True):
    __tablename__ = "audit_event"
    __table_args__ = (
        sa.Index("ix_audit_event_object", "tenant_id", "object_type", "object_id"),
        sa.Index("ix_audit_event_actor", "tenant_id", "actor_user_id", "at"),
    )

    at: datetime = created_at_field()
    actor_user_id: uuid.UUID | None = None
    action: str = Field(max_length=60)
    object_type: str = Field(max_length=40)
    object_id: str = Field(max_length=80)
    before: dict[str, Any] | None = Field(default=None, sa_type=sa.JSON)
    after: dict[str, Any] | None = Field(default=None, sa_type=sa.JSON)


class PlatformEvent(SQLModel, table=True):
    """Audit of platform-level actions (tenant lifecycle, global accounts): no tenant owns them."""

    __tablename__ = "platform_event"
    __table_args__ = (sa.Index("ix_platform_event_object", "object_type", "object_id"),)

    id: uuid.UUID = Field(default_factory=uuid7, primary_key=True)
    at: datetime = created_at_field()
    actor_user_id: uuid.UUID | None = None
    action: str = Field(max_length=60)
    object_type: str = Field(max_length=40)
    object_id: str = Field(max_length=80)
    before: dict[str, Any] | None = Field(default=None, sa_type=sa.JSON)
    after: dict[str, Any] | None = Field(default=None, sa_type=sa.JSON)
