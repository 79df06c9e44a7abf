"""Shared column helpers and the tenant-scoped mixin every tenant table uses."""

from __future__ import annotations

import os
import time
import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.orm import declared_attr
from sqlmodel import Field, SQLModel

SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def uuid7() -> uuid.UUID:
    """Time-ordered UUID (RFC 9562 v7): keeps B-tree inserts local on PostgreSQL."""
    millis = time.time_ns() // 1_000_000
    rand = int.from_bytes(os.urandom(10), "big")
    value = (millis & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76
    value |= ((rand >> 62) & 0xFFF) << 64
    value |= 0b10 << 62
    value |= rand & ((1 << 62) - 1)
    return uuid.UUID(int=value)


def utcnow() -> datetime:
    return datetime.now(UTC)


class UtcDateTime(sa.TypeDecorator):
    """Timezone-aware UTC timestamps on every backend (SQLite stores them naive)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


def _checked_version(cls) -> dict:
    return {"version_id_col": cls.__table__.c.version, "version_id_generator": False}


# `__mapper_args__ = CHECKED_VERSION` for the tables whose services update ORM objects (and
# increment `version` themselves): each such UPDATE carries `WHERE version = <version read>`,
# so a row changed meanwhile by a concurrent writer raises StaleDataError, answered CONFLICT
# (graphql/payloads.py), instead of being overwritten (a lost update on PostgreSQL, where the
# read-then-check in Python alone lets two writers of one version both succeed).
CHECKED_VERSION = declared_attr.directive(_checked_version)


def created_at_field():
    return Field(default_factory=utcnow, sa_type=UtcDateTime, nullable=False)


class TenantScoped(SQLModel):
    """Mixin: primary key (tenant_id, id); the session adds tenant criteria to every query.

    Foreign keys to other tenant tables include tenant_id, so a row can never point into
    another tenant, and a distributed engine can co-locate a tenant's rows.
    """

    tenant_id: uuid.UUID = Field(foreign_key="tenant.id", primary_key=True, index=True)
    id: uuid.UUID = Field(default_factory=uuid7, primary_key=True)


def tenant_fk(columns: list[str], target: str, target_columns: list[str],
              **kw) -> sa.ForeignKeyConstraint:
    """A composite foreign key that always includes tenant_id."""
    return sa.ForeignKeyConstraint(
        ["tenant_id", *columns],
        [f"{target}.tenant_id", *(f"{target}.{c}" for c in target_columns)],
        **kw,
    )
