"""Audit trail: who changed what, when, with before and after values; hash-chained.

Each agency's events form one chain (`seq` 1, 2, ... per tenant, unique), the platform's
events another. `event_hash` is the SHA-256 of the event's canonical content including
`prev_hash`, the predecessor's `event_hash` (see kinerja/audit/chain.py). The chain heads
(`audit_chain_head`, `platform_chain_head`) hold the last sequence number and hash; appending
locks the head row, so concurrent writers of one chain queue up instead of forking it.
The application may only INSERT and SELECT events (grants, PostgreSQL).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from .base import TenantScoped, UtcDateTime, created_at_field, uuid7

GENESIS_HASH = "0" * 64  # the `prev_hash` of a chain's first event


def _seq_field():
    return Field(default=None, sa_type=sa.BigInteger, nullable=False,
                 description="Position in the chain: 1, 2, ... without gaps.")


def _hash_field(description: str):
    return Field(default=None, sa_type=sa.String(64), nullable=False, description=description)


class AuditEvent(TenantScoped, table=True):
    __tablename__ = "audit_event"
    __table_args__ = (
        sa.Index("ix_audit_event_object", "tenant_id", "object_type", "object_id"),
        sa.Index("ix_audit_event_actor", "tenant_id", "actor_user_id", "at"),
        sa.UniqueConstraint("tenant_id", "seq"),
    )

    at: datetime = created_at_field()
    actor_user_id: uuid.UUID | None = None
    actor_client_id: str | None = Field(
        default=None, max_length=80,
        description="The client app the request came through (its client id), if any.")
    action: str = Field(max_length=60)
    object_type: str = Field(max_length=40)
    object_id: str = Field(max_length=80)
    before: dict[str, Any] | None = Field(default=None, sa_type=sa.JSON)
    after: dict[str, Any] | None = Field(default=None, sa_type=sa.JSON)
    seq: int | None = _seq_field()
    prev_hash: str | None = _hash_field("event_hash of the predecessor (genesis: 64 zeros).")
    event_hash: str | None = _hash_field("SHA-256 of the canonical content with prev_hash.")


class PlatformEvent(SQLModel, table=True):
    """Audit of platform-level actions (tenant lifecycle, global accounts): no tenant owns them."""

    __tablename__ = "platform_event"
    __table_args__ = (sa.Index("ix_platform_event_object", "object_type", "object_id"),
                      sa.UniqueConstraint("seq"))

    id: uuid.UUID = Field(default_factory=uuid7, primary_key=True)
    at: datetime = created_at_field()
    actor_user_id: uuid.UUID | None = None
    actor_client_id: str | None = Field(
        default=None, max_length=80,
        description="The client app the request came through (its client id), if any.")
    action: str = Field(max_length=60)
    object_type: str = Field(max_length=40)
    object_id: str = Field(max_length=80)
    before: dict[str, Any] | None = Field(default=None, sa_type=sa.JSON)
    after: dict[str, Any] | None = Field(default=None, sa_type=sa.JSON)
    seq: int | None = _seq_field()
    prev_hash: str | None = _hash_field("event_hash of the predecessor (genesis: 64 zeros).")
    event_hash: str | None = _hash_field("SHA-256 of the canonical content with prev_hash.")


class AuditChainHead(SQLModel, table=True):
    """The tip of one agency's chain. Appending updates it first (a row lock on PostgreSQL,
    the write lock on SQLite), so the next writer reads the new tip, never the old one."""

    __tablename__ = "audit_chain_head"

    tenant_id: uuid.UUID = Field(foreign_key="tenant.id", primary_key=True)
    seq: int = Field(default=0, sa_type=sa.BigInteger)
    head_hash: str = Field(default=GENESIS_HASH, max_length=64)
    head_at: datetime | None = Field(default=None, sa_type=UtcDateTime)


class PlatformChainHead(SQLModel, table=True):
    """The tip of the platform chain: a single row with id 1."""

    __tablename__ = "platform_chain_head"

    id: int = Field(default=1, primary_key=True)
    seq: int = Field(default=0, sa_type=sa.BigInteger)
    head_hash: str = Field(default=GENESIS_HASH, max_length=64)
    head_at: datetime | None = Field(default=None, sa_type=UtcDateTime)


class DataView(TenantScoped, table=True):
    """Who viewed another person's result, its explanation or a 360 aggregate ("who viewed"
    trail). Append-only like the audit trail; one row per viewer, kind and object within a
    window (`window_start`): repeated views inside it are recorded once."""

    __tablename__ = "data_view"
    __table_args__ = (
        sa.UniqueConstraint("tenant_id", "viewer_user_id", "kind", "skp_id", "period_id",
                            "window_start", name="uq_data_view_window"),
        sa.Index("ix_data_view_subject", "tenant_id", "subject_employee_id", "at"),
        sa.Index("ix_data_view_viewer", "tenant_id", "viewer_user_id", "at"),
    )

    at: datetime = created_at_field()
    window_start: datetime = Field(sa_type=UtcDateTime, nullable=False)
    viewer_user_id: uuid.UUID
    subject_employee_id: uuid.UUID
    kind: str = Field(max_length=20)
    skp_id: uuid.UUID
    period_id: uuid.UUID
    result_id: uuid.UUID | None = None
