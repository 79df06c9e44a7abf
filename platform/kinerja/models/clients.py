"""Client applications: an agency's own apps, and platform-wide apps that agencies enable.

A secret is stored as a SHA-256 digest: it is 256 random bits, so a slow password hash adds
nothing against guessing and would cost the token endpoint ~50 ms of CPU per call. A rotated
secret keeps working until `previous_secret_expires_at` (the grace period).
"""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from .base import CHECKED_VERSION, TenantScoped, UtcDateTime, created_at_field, utcnow, uuid7


class AppColumns(SQLModel):
    """What both kinds of app keep of their credentials and state."""

    name: str = Field(max_length=100)
    kind: str = Field(max_length=20, description="web, mobile, service or dashboard")
    secret_hash: str | None = Field(default=None, max_length=64,
                                    description="SHA-256 (hex) of the current secret.")
    previous_secret_hash: str | None = Field(default=None, max_length=64)
    previous_secret_expires_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    secret_rotated_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    disabled: bool = False
    version: int = 1
    created_at: datetime = created_at_field()
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UtcDateTime, nullable=False)


class PlatformApp(AppColumns, table=True):
    """Registered by a platform admin; usable in an agency once that agency enables it."""

    __tablename__ = "platform_app"
    __mapper_args__ = CHECKED_VERSION
    __table_args__ = (sa.UniqueConstraint("name"),)

    id: uuid.UUID = Field(default_factory=uuid7, primary_key=True)


class ClientApp(TenantScoped, AppColumns, table=True):
    """An app of one agency: its own (with a secret) or a platform app enabled here
    (`platform_app_id` set, no secret of its own: the platform app's is used)."""

    __tablename__ = "client_app"
    __mapper_args__ = CHECKED_VERSION
    __table_args__ = (
        sa.UniqueConstraint("tenant_id", "name"),
        sa.UniqueConstraint("tenant_id", "platform_app_id"),
    )

    platform_app_id: uuid.UUID | None = Field(default=None, foreign_key="platform_app.id")
