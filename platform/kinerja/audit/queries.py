"""`auditEvents`: the agency's audit trail, newest first (admins and auditors)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any

import strawberry
from strawberry.scalars import JSON

from ..errors import BadRequest, NotFound
from ..graphql.context import Info
from ..graphql.permissions import Can
from ..graphql.relay import (
    PageInfo,
    connection,
    encode_cursor,
    from_global_id,
    page_request,
    to_global_id,
)
from ..kit.selection import root_selection
from .repository import AuditFilter, AuditRepository


@strawberry.type(name="AuditEvent", description="One recorded change: who, when, what, "
                                                "before and after.")
class AuditEventType:
    id: strawberry.ID
    at: datetime
    actor_user_id: strawberry.ID | None = strawberry.field(
        description="Global ID of the user who made the change (null: the system).")
    actor_username: str | None
    actor_client_id: str | None = strawberry.field(
        description="The client app the change came through (its client id), if any.")
    action: str = strawberry.field(description="e.g. role.assign, role.create, user.update.")
    object_type: str = strawberry.field(description="e.g. User, Role.")
    object_id: str = strawberry.field(
        description="The changed object's raw ID (a UUID; for roles, the role name).")
    before: JSON | None = strawberry.field(description="Audited values before the change.")
    after: JSON | None = strawberry.field(description="Audited values after the change.")
    seq: int = strawberry.field(description="Position in the agency's hash chain (1, 2, ...).")
    prev_hash: str = strawberry.field(description="Hash of the previous event in the chain.")
    event_hash: str = strawberry.field(
        description="SHA-256 of this event's canonical content (README: Audit trail); "
                    "recompute it to verify an exported trail independently.")


@strawberry.type(description="An audit event in a page of results.")
class AuditEventEdge:
    cursor: str
    node: AuditEventType


@strawberry.type(description="A page of audit events, newest first (Relay connection).")
class AuditEventConnection:
    edges: list[AuditEventEdge]
    nodes: list[AuditEventType]
    page_info: PageInfo
    total_count: int | None = strawberry.field(
        default=None, description="All matching events (computed only when selected).")


def _object_id(value: str | None) -> str | None:
    """A global ID is accepted and reduced to the raw ID the trail stores."""
    if value is None:
        return None
    try:
        return str(from_global_id(value)[1])
    except NotFound:
        return value.strip()


def at_id_cursor(values: list[Any] | None) -> tuple[datetime, uuid.UUID] | None:
    if values is None:
        return None
    try:
        at = datetime.fromisoformat(str(values[0]))
        last = uuid.UUID(str(values[1]))
    except ValueError as exc:
        raise BadRequest("INVALID_CURSOR") from exc
    if at.tzinfo is None:
        raise BadRequest("INVALID_CURSOR")
    return at, last


def _node(row: Any, usernames: dict[uuid.UUID, str]) -> AuditEventType:
    actor = row.actor_user_id
    return AuditEventType(
        id=to_global_id("AuditEvent", row.id), at=row.at,
        actor_user_id=to_global_id("User", actor) if actor else None,
        actor_username=usernames.get(actor) if actor else None,
        actor_client_id=row.actor_client_id, action=row.action,
        object_type=row.object_type, object_id=row.object_id, before=row.before, after=row.after,
        seq=row.seq, prev_hash=row.prev_hash, event_hash=row.event_hash,
    )


def hidden_object_types(permissions) -> tuple[str, ...]:
    """Who answered or declined a 360 request is an identity: its events (actor = reviewer,
    object = the request) are shown only to holders of `review identity`, like the answers."""
    return () if permissions.scope("review", "identity") else ("ReviewRequest",)


@strawberry.type
class AuditQueries:
    @strawberry.field(permission_classes=[Can("audit", "read")],
                      description="Changes recorded in the selected agency, newest first.")
    async def audit_events(
        self, info: Info, first: int | None = None, after: str | None = None,
        object_type: str | None = None,
        object_id: Annotated[str | None, strawberry.argument(
            description="Raw ID as recorded, or a global ID.")] = None,
        actor_user_id: Annotated[strawberry.ID | None, strawberry.argument(
            description="Global ID of the acting user.")] = None,
    ) -> AuditEventConnection:
        ctx = info.context
        limits = ctx.settings.limits
        page = page_request(first, after, default=limits.default_page_size,
                            maximum=limits.max_page_size, cursor_length=2)
        flt = AuditFilter(
            object_type=object_type.strip()[:40] if object_type else None,
            object_id=_object_id(object_id),
            actor_user_id=from_global_id(actor_user_id, "User")[1] if actor_user_id else None,
            hidden_object_types=hidden_object_types(ctx.permissions),
        )
        repo = AuditRepository(ctx.session)
        rows = await repo.page(flt, page.first, at_id_cursor(page.after))
        has_next = len(rows) > page.first
        rows = rows[: page.first]
        usernames = await repo.usernames(sorted({r.actor_user_id for r in rows if r.actor_user_id}))
        nodes = [_node(r, usernames) for r in rows]
        cursors = [encode_cursor([r.at.isoformat(), str(r.id)]) for r in rows]
        total = await repo.count(flt) if "totalCount" in root_selection(info) else None
        return connection(AuditEventConnection, AuditEventEdge, nodes, cursors, has_next,
                          page.after is not None, total)
