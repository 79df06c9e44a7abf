"""Doing and monitoring (domain.md §1.2): realisations per indicator and period with their
evidence, and the rater's continuous feedback threads on an SKP."""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field

from .base import TenantScoped, UtcDateTime, created_at_field, tenant_fk, utcnow


class Realisation(TenantScoped, table=True):
    """What the employee achieved on one indicator in one period: a value and/or a narrative."""

    __tablename__ = "realisation"
    __table_args__ = (
        tenant_fk(["skp_id"], "skp", ["id"]),
        tenant_fk(["indicator_id"], "indicator", ["id"]),
        tenant_fk(["period_id"], "period", ["id"]),
        sa.UniqueConstraint("tenant_id", "indicator_id", "period_id"),
        sa.Index("ix_realisation_skp", "tenant_id", "skp_id"),
    )

    skp_id: uuid.UUID
    indicator_id: uuid.UUID
    period_id: uuid.UUID
    value: float | None = None
    narrative: str | None = Field(default=None, max_length=4000)
    version: int = 1
    recorded_by: uuid.UUID | None = None
    created_at: datetime = created_at_field()
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UtcDateTime, nullable=False)


class Evidence(TenantScoped, table=True):
    """Bukti dukung of a realisation: a link (url + title) or a stored file."""

    __tablename__ = "evidence"
    __table_args__ = (
        tenant_fk(["realisation_id"], "realisation", ["id"]),
        tenant_fk(["file_id"], "stored_file", ["id"]),
        sa.Index("ix_evidence_realisation", "tenant_id", "realisation_id"),
        sa.Index("ix_evidence_file", "tenant_id", "file_id"),
    )

    realisation_id: uuid.UUID
    position: int
    url: str | None = Field(default=None, max_length=2000)
    title: str | None = Field(default=None, max_length=200)
    file_id: uuid.UUID | None = None


class FeedbackEntry(TenantScoped, table=True):
    """A feedback comment on an SKP. A thread starts with an entry without `thread_id` (about
    a realisation, a BerAKHLAK value, or the SKP generally); replies name their thread."""

    __tablename__ = "feedback_entry"
    __table_args__ = (
        tenant_fk(["skp_id"], "skp", ["id"]),
        tenant_fk(["thread_id"], "feedback_entry", ["id"]),
        tenant_fk(["realisation_id"], "realisation", ["id"]),
        sa.Index("ix_feedback_entry_skp", "tenant_id", "skp_id"),
    )

    skp_id: uuid.UUID
    thread_id: uuid.UUID | None = None
    realisation_id: uuid.UUID | None = None
    value: str | None = Field(default=None, max_length=30)
    author_user_id: uuid.UUID | None = None
    text: str = Field(max_length=4000)
    created_at: datetime = created_at_field()
