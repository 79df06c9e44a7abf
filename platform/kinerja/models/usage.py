"""Usage of client apps, their documents and the agency's views, per day (usage/)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field

from .base import TenantScoped, UtcDateTime


class UsageCounter(TenantScoped, table=True):
    __tablename__ = "usage_counter"
    __table_args__ = (sa.UniqueConstraint("tenant_id", "kind", "subject", "day"),)

    kind: str = Field(max_length=10, description="APP, DOCUMENT or VIEW")
    subject: str = Field(max_length=160, description="client id; client id + document id; "
                                                     "view key")
    day: date
    calls: int = 0
    failed: int = Field(default=0, description="calls that ended with any error")
    errors: dict[str, Any] = Field(default_factory=dict, sa_type=sa.JSON,
                                   description="error code -> calls that ended with it")
    buckets: list[int] = Field(default_factory=list, sa_type=sa.JSON,
                               description="calls per latency bucket (usage/aggregate.py)")
    last_used_at: datetime = Field(sa_type=UtcDateTime, nullable=False)
