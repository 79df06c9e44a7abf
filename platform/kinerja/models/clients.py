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
    enforcement: str = Field(
        default="OPEN", max_length=20, sa_column_kwargs={"server_default": "OPEN"},
        description="DOCUMENTS_ONLY (only published documents run) or OPEN; new apps get "
                    "DOCUMENTS_ONLY in production (clients/rules.py).")
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


class DocumentColumns(SQLModel):
    """A published operation document: immutable, addressed by the SHA-256 of its text."""

    document_id: str = Field(max_length=71, description="sha256:<64 hex> of the UTF-8 text.")
    body: str = Field(sa_type=sa.Text)
    read_only: bool = Field(description="Only queries: may be sent with GET (HTTP-cacheable).")
    operation_names: list[str] = Field(default_factory=list, sa_type=sa.JSON)
    published_at: datetime = created_at_field()
    published_by_user_id: uuid.UUID | None = None


class TrustedDocument(TenantScoped, DocumentColumns, table=True):
    """A document an agency's app (or a platform app's row here) published."""

    __tablename__ = "trusted_document"
    __table_args__ = (
        sa.UniqueConstraint("tenant_id", "app_id", "document_id"),
        sa.ForeignKeyConstraint(["tenant_id", "app_id"], ["client_app.tenant_id", "client_app.id"],
                                ondelete="CASCADE"),
    )

    app_id: uuid.UUID


class PlatformDocument(DocumentColumns, table=True):
    """A document a platform app published, valid in every agency that enabled the app."""

    __tablename__ = "platform_document"
    __table_args__ = (sa.UniqueConstraint("platform_app_id", "document_id"),)

    id: uuid.UUID = Field(default_factory=uuid7, primary_key=True)
    platform_app_id: uuid.UUID = Field(foreign_key="platform_app.id", ondelete="CASCADE")
