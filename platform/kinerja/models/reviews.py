"""Self-assessments and 360 feedback (peer and subordinate reviews) per SKP and period.

A `review_request` row is both the nomination and, once answered, the response: the reviewer's
identity lives only here and is read by the identity-read service (audited) and by the reviewer.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field

from .base import TenantScoped, UtcDateTime, created_at_field, tenant_fk, utcnow


class SelfAssessment(TenantScoped, table=True):
    """The employee's own assessment of one SKP for one period: per RHK and per BerAKHLAK value
    a rating and comment (JSON lists, keyed by RHK id / value code), and an overall comment."""

    __tablename__ = "self_assessment"
    __table_args__ = (
        tenant_fk(["skp_id"], "skp", ["id"]),
        tenant_fk(["period_id"], "period", ["id"]),
        sa.UniqueConstraint("tenant_id", "skp_id", "period_id"),
    )

    skp_id: uuid.UUID
    period_id: uuid.UUID
    status: str = Field(default="DRAFT", max_length=10)
    work_results: list[dict[str, Any]] = Field(default_factory=list, sa_type=sa.JSON,
                                               nullable=False)
    values: list[dict[str, Any]] = Field(default_factory=list, sa_type=sa.JSON, nullable=False)
    overall_comment: str | None = Field(default=None, max_length=4000)
    version: int = 1
    submitted_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    created_at: datetime = created_at_field()
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UtcDateTime, nullable=False)


class ReviewRequest(TenantScoped, table=True):
    """One nominated reviewer (PEER or SUBORDINATE) of an SKP for a period, and their answer:
    a score 1-5 per BerAKHLAK value (`ratings`, value code -> score) and a comment."""

    __tablename__ = "review_request"
    __table_args__ = (
        tenant_fk(["skp_id"], "skp", ["id"]),
        tenant_fk(["period_id"], "period", ["id"]),
        tenant_fk(["reviewer_id"], "employee", ["id"]),
        sa.UniqueConstraint("tenant_id", "skp_id", "period_id", "reviewer_id"),
        sa.Index("ix_review_request_reviewer", "tenant_id", "reviewer_id"),
    )

    skp_id: uuid.UUID
    period_id: uuid.UUID
    reviewer_id: uuid.UUID
    relation: str = Field(max_length=12)
    status: str = Field(default="PENDING", max_length=10)
    nominated_by: uuid.UUID | None = None
    ratings: dict[str, int] = Field(default_factory=dict, sa_type=sa.JSON, nullable=False)
    comment: str | None = Field(default=None, max_length=4000)
    version: int = 1
    submitted_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    created_at: datetime = created_at_field()
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UtcDateTime, nullable=False)
