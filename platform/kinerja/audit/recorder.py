"""Writes audit events inside the caller's unit of work (so they commit or roll back with it)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from ..models import AuditEvent, PlatformEvent

CLIENT_KEY = "client_id"  # session.info: the client app of the unit of work


def attribute_to_client(session: AsyncSession, client_id: str | None) -> None:
    """The client app this unit of work acts through: every audit event it writes names it."""
    session.info[CLIENT_KEY] = client_id


def client_of(session: AsyncSession) -> str | None:
    value: str | None = session.info.get(CLIENT_KEY)
    return value


def _plain(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    return value


def snapshot(obj: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    return {name: _plain(getattr(obj, name)) for name in fields}


def _event_fields(actor_user_id, action, object_type, object_id, before, after) -> dict[str, Any]:
    return {
        "actor_user_id": actor_user_id, "action": action, "object_type": object_type,
        "object_id": str(object_id),
        "before": _plain(before) if before is not None else None,
        "after": _plain(after) if after is not None else None,
    }


async def record(
    session: AsyncSession,
    *,
    tenant_id: uuid.UUID,
    actor_user_id: uuid.UUID | None,
    action: str,
    object_type: str,
    object_id: Any,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    """An event of one agency (tenant-scoped, written under that agency's RLS)."""
    session.add(AuditEvent(
        tenant_id=tenant_id, actor_client_id=client_of(session), **_event_fields(
        actor_user_id, action, object_type, object_id, before, after)))


async def record_platform(
    session: AsyncSession,
    *,
    actor_user_id: uuid.UUID | None,
    action: str,
    object_type: str,
    object_id: Any,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    """A platform-level event (agency lifecycle, global accounts), owned by no agency."""
    session.add(PlatformEvent(actor_client_id=client_of(session), **_event_fields(
        actor_user_id, action, object_type, object_id, before, after)))
