"""Custom views: a named, versioned, read-only GraphQL document an agency admin defines for
others to run (views/). Editing adds a version; old versions stay readable and runnable."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field

from .base import CHECKED_VERSION, TenantScoped, UtcDateTime, created_at_field, tenant_fk, utcnow


class CustomView(TenantScoped, table=True):
    __tablename__ = "custom_view"
    __mapper_args__ = CHECKED_VERSION
    __table_args__ = (sa.UniqueConstraint("tenant_id", "key"),)

    key: str = Field(max_length=60, description="a-z, 0-9 and '-': the name clients run it by.")
    current_number: int = Field(default=1, description="The version a run gets by default.")
    version: int = 1
    created_at: datetime = created_at_field()
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UtcDateTime, nullable=False)


class CustomViewVersion(TenantScoped, table=True):
    __tablename__ = "custom_view_version"
    __table_args__ = (
        sa.UniqueConstraint("tenant_id", "view_id", "number"),
        tenant_fk(["view_id"], "custom_view", ["id"], ondelete="CASCADE"),
    )

    view_id: uuid.UUID
    number: int
    title_id: str = Field(max_length=200)
    title_en: str = Field(max_length=200)
    description_id: str = Field(default="", max_length=2000)
    description_en: str = Field(default="", max_length=2000)
    document: str = Field(sa_type=sa.Text)
    operation_name: str | None = Field(default=None, max_length=100)
    defaults: dict[str, Any] = Field(default_factory=dict, sa_type=sa.JSON)
    roles: list[str] = Field(default_factory=list, sa_type=sa.JSON)
    rows_path: str | None = Field(default=None, max_length=300)
    columns: list[dict[str, Any]] = Field(default_factory=list, sa_type=sa.JSON)
    created_at: datetime = created_at_field()
    created_by_user_id: uuid.UUID | None = None
