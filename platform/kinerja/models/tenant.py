"""The agency (tenant), the global user account, and the other tables outside tenant scope."""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from .base import CHECKED_VERSION, UtcDateTime, created_at_field, utcnow, uuid7


class Tenant(SQLModel, table=True):
    __tablename__ = "tenant"
    __mapper_args__ = CHECKED_VERSION

    id: uuid.UUID = Field(default_factory=uuid7, primary_key=True)
    slug: str = Field(max_length=63, unique=True)
    name: str = Field(max_length=200)
    kind: str = Field(max_length=20)
    parent_id: uuid.UUID | None = Field(default=None, foreign_key="tenant.id")
    active: bool = True
    version: int = 1
    data_version: int = Field(
        default=0, sa_column_kwargs={"server_default": "0"},
        description="Bumped by every committed change to the agency's data (response cache).")
    created_at: datetime = created_at_field()
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UtcDateTime, nullable=False)


class User(SQLModel, table=True):
    """A global login; memberships and roles per tenant live in Casbin (casbin_rule)."""

    __tablename__ = "app_user"
    __mapper_args__ = CHECKED_VERSION

    id: uuid.UUID = Field(default_factory=uuid7, primary_key=True)
    username: str = Field(max_length=100, unique=True)
    email: str | None = Field(default=None, max_length=254, unique=True)
    display_name: str = Field(max_length=200)
    password_hash: str | None = Field(default=None, max_length=255)
    disabled: bool = False
    version: int = 1
    created_at: datetime = created_at_field()
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UtcDateTime, nullable=False)


class LoginThrottle(SQLModel, table=True):
    """Failed-login counter per username, shared by every server process."""

    __tablename__ = "login_throttle"

    username: str = Field(max_length=100, primary_key=True)
    failures: int = 0
    window_started_at: datetime = Field(sa_type=UtcDateTime, nullable=False)


class CasbinRule(SQLModel, table=True):
    """Casbin policy storage (same shape as the official adapters' table)."""

    __tablename__ = "casbin_rule"

    id: int | None = Field(default=None, primary_key=True)
    ptype: str = Field(max_length=16)
    v0: str = Field(default="", max_length=255)
    v1: str = Field(default="", max_length=255)
    v2: str = Field(default="", max_length=255)
    v3: str = Field(default="", max_length=255)
    v4: str = Field(default="", max_length=255)
    v5: str = Field(default="", max_length=255)


class PolicyState(SQLModel, table=True):
    """One row (id 1): the generation of everything in casbin_rule.

    Every role or assignment change, by the API or the command line, increments it in its own
    transaction, before it reads anything it decides on: on PostgreSQL the row lock makes
    policy changes take turns (each sees the one before it), and every request compares the
    committed generation with its process's in-memory policies (authz/store.py).
    """

    __tablename__ = "policy_state"

    id: int = Field(default=1, primary_key=True, sa_column_kwargs={"autoincrement": False})
    generation: int = Field(default=0, sa_type=sa.BigInteger, sa_column_kwargs={
        "server_default": "0"})
