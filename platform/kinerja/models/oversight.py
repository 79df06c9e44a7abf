"""Oversight groups (e.g. the city's BKPSDM over every agency of Kota Padang): global tables.

A group names its member agencies and the users who oversee them. An overseer sees aggregates
of the members only (oversight/), computed agency by agency under each agency's row-level
security; never a row, a name or an NIP.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlmodel import Field, SQLModel

from .base import CHECKED_VERSION, UtcDateTime, created_at_field, utcnow, uuid7


class OversightGroup(SQLModel, table=True):
    __tablename__ = "oversight_group"
    __mapper_args__ = CHECKED_VERSION

    id: uuid.UUID = Field(default_factory=uuid7, primary_key=True)
    slug: str = Field(max_length=63, unique=True)
    name: str = Field(max_length=200)
    version: int = 1
    created_at: datetime = created_at_field()
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UtcDateTime, nullable=False)


class OversightMember(SQLModel, table=True):
    __tablename__ = "oversight_member"

    group_id: uuid.UUID = Field(foreign_key="oversight_group.id", primary_key=True,
                                ondelete="CASCADE")
    # "agency_id", not "tenant_id": a global row about an agency, not one of its rows
    agency_id: uuid.UUID = Field(foreign_key="tenant.id", primary_key=True)


class OversightViewer(SQLModel, table=True):
    __tablename__ = "oversight_viewer"

    group_id: uuid.UUID = Field(foreign_key="oversight_group.id", primary_key=True,
                                ondelete="CASCADE")
    user_id: uuid.UUID = Field(foreign_key="app_user.id", primary_key=True)
