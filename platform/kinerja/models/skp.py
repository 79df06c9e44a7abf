"""SKP content: work results (RHK) with indicators, behaviour expectations, workflow history."""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field

from .base import TenantScoped, created_at_field, tenant_fk


class WorkResult(TenantScoped, table=True):
    """A Rencana Hasil Kerja row; `parent_id` is the rater's RHK it supports (intervensi)."""

    __tablename__ = "work_result"
    __table_args__ = (
        tenant_fk(["skp_id"], "skp", ["id"]),
        tenant_fk(["parent_id"], "work_result", ["id"]),
        sa.Index("ix_work_result_skp", "tenant_id", "skp_id"),
        sa.Index("ix_work_result_parent", "tenant_id", "parent_id"),
    )

    skp_id: uuid.UUID
    position: int
    kind: str = Field(max_length=8)
    text: str = Field(max_length=2000)
    parent_id: uuid.UUID | None = None
    created_at: datetime = created_at_field()


class Indicator(TenantScoped, table=True):
    """An Indikator Kinerja Individu: a numeric target with its unit, or a qualitative one."""

    __tablename__ = "indicator"
    __table_args__ = (
        tenant_fk(["work_result_id"], "work_result", ["id"]),
        sa.Index("ix_indicator_work_result", "tenant_id", "work_result_id"),
    )

    work_result_id: uuid.UUID
    position: int
    aspect: str = Field(max_length=10)
    text: str = Field(max_length=2000)
    target_value: float | None = None
    target_unit: str | None = Field(default=None, max_length=100)
    target_text: str | None = Field(default=None, max_length=2000)


class BehaviourExpectation(TenantScoped, table=True):
    """The rater's specific expectation (ekspektasi khusus pimpinan) for one BerAKHLAK value."""

    __tablename__ = "behaviour_expectation"
    __table_args__ = (
        tenant_fk(["skp_id"], "skp", ["id"]),
        sa.UniqueConstraint("tenant_id", "skp_id", "value"),
    )

    skp_id: uuid.UUID
    value: str = Field(max_length=30)
    text: str = Field(max_length=2000)


class SkpTransition(TenantScoped, table=True):
    """One step of an SKP's workflow history: who moved it from which status to which, why."""

    __tablename__ = "skp_transition"
    __table_args__ = (
        tenant_fk(["skp_id"], "skp", ["id"]),
        sa.Index("ix_skp_transition_skp", "tenant_id", "skp_id"),
    )

    skp_id: uuid.UUID
    actor_user_id: uuid.UUID | None = None
    from_status: str = Field(max_length=12)
    to_status: str = Field(max_length=12)
    comment: str | None = Field(default=None, max_length=2000)
    at: datetime = created_at_field()
