"""The "who viewed" trail: sensitive reads of another person's data are recorded.

Recorded: reading another person's performance result (`results`, `result`, `node`, a
result inside objections or a mutation payload), its explanation, and a 360 aggregate
(`reviewSummary`, or `feedback360` / `score` inside an explanation). Not recorded: a view of
one's own data. The resolvers only *note* a view in the request context (no SQL on the read
path); the endpoint writes all notes of a request in one INSERT just before it commits, and
also after a rollback (an operation whose other fields failed may still have shown the data).

Repeated views are recorded once per window (`VIEW_WINDOW`, 15 minutes): the first view of a
(viewer, kind, SKP, period) in a window is stored, later ones in the same window are dropped
by the unique key. A request that noted a view is never answered from the response cache, so
every executed read passes through here; the notes never bump the agency's data version, so
they do not invalidate other cached answers.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from ..models.base import utcnow, uuid7
from .data_view_repository import DataViewRepository
from .recorder import record

VIEW_WINDOW = timedelta(minutes=15)
RESULT, EXPLANATION, SUMMARY = "RESULT", "RESULT_EXPLANATION", "REVIEW_SUMMARY"


@dataclass(frozen=True)
class ViewNote:
    kind: str
    subject_employee_id: uuid.UUID
    skp_id: uuid.UUID
    period_id: uuid.UUID
    result_id: uuid.UUID | None


def window_start(at: datetime) -> datetime:
    span = int(VIEW_WINDOW.total_seconds())
    seconds = int(at.timestamp()) // span * span
    return datetime.fromtimestamp(seconds, tz=at.tzinfo)


def note_view(ctx: Any, kind: str, *, subject_employee_id: uuid.UUID,
              subject_user_id: uuid.UUID | None, skp_id: uuid.UUID, period_id: uuid.UUID,
              result_id: uuid.UUID | None = None) -> None:
    """Note that the principal saw `kind` of the subject's data (not when it is their own)."""
    if ctx.principal is None or ctx.tenant is None:
        return
    if subject_user_id is not None and subject_user_id == ctx.principal.user_id:
        return
    ctx.uncacheable = True
    ctx.data_views.add(ViewNote(kind, subject_employee_id, skp_id, period_id, result_id))


def note_result_views(ctx: Any, nodes: list[Any], sel: Any) -> None:
    """Results (PerformanceResultNode) about to be shown with selection `sel`."""
    kinds = [RESULT]
    if "explanation" in sel:
        kinds.append(EXPLANATION)
        wanted = sel["explanation"]
        if "feedback360" in wanted or "score" in wanted:
            kinds.append(SUMMARY)
    for node in nodes:
        raw = node.raw
        for kind in kinds:
            note_view(ctx, kind, subject_employee_id=raw.employee_id,
                      subject_user_id=raw.subject_user_id, skp_id=raw.skp_id,
                      period_id=raw.period_id, result_id=raw.id)


def note_audited_read(ctx: Any, **event: Any) -> None:
    """An audit event that a read must leave (e.g. who saw the 360 reviewers' names). The
    endpoint writes it with the view notes, in a write transaction of its own on SQLite and
    also when another field of the request failed; the answer is never cached, so no later
    identical read can skip the event."""
    ctx.read_events.append(event)
    ctx.uncacheable = True


def has_notes(ctx: Any) -> bool:
    return bool(ctx.data_views or ctx.read_events)


async def record_data_views(session: Any, ctx: Any) -> None:
    """Write the request's notes and audited reads; the endpoint calls it before committing."""
    events, ctx.read_events = ctx.read_events, []
    for event in events:
        await record(session, tenant_id=ctx.tenant.id, actor_user_id=ctx.principal.user_id,
                     **event)
    if not ctx.data_views:
        return
    at = utcnow()
    rows = [{"tenant_id": ctx.tenant.id, "id": uuid7(), "at": at, "window_start": window_start(at),
             "viewer_user_id": ctx.principal.acting_id,
             "subject_employee_id": note.subject_employee_id, "kind": note.kind,
             "skp_id": note.skp_id, "period_id": note.period_id, "result_id": note.result_id}
            for note in sorted(ctx.data_views, key=lambda n: (n.kind, str(n.skp_id),
                                                              str(n.period_id)))]
    ctx.data_views.clear()
    await DataViewRepository(session).add_once_per_window(rows)
