"""Continuous feedback (umpan balik berkelanjutan): threads on an SKP and replies.

Starting a thread needs `skp feedback` in relationship: at subordinates scope the SKP names
you as its rater or rater's superior, at unit scope it is in your unit, at tenant scope (HR)
any SKP; never your own. Replying: the SKP's employee, or anyone who may start a thread there.
Any time while the cycle is not CLOSED. Entries are append-only (a timestamped record of the
conversation): no edits, no deletes.
"""

from __future__ import annotations

import uuid
from typing import Any

from ...audit.recorder import record
from ...authz.actor import Actor
from ...authz.vocabulary import Scope
from ...errors import ErrorCollector, Forbidden, NotFound
from ...kit.fields import UNRESOLVABLE, clean_text
from ...models import FeedbackEntry
from ..access import SkpAccess
from .repository import MonitoringRepository

TEXT_MAX = 4000


class FeedbackService:
    def __init__(self, actor: Actor):
        self.access = SkpAccess(actor)
        self.repo = MonitoringRepository(actor.session)

    async def _readable(self, skp_id: uuid.UUID) -> Any:
        read = self.access.permissions.scope("skp", "read")
        row = await self.access.repo.access_row(skp_id, read, self.access.user_id) if read else None
        if row is None:
            raise NotFound()
        return row

    async def may_give(self, row: Any) -> bool:
        scope = self.access.permissions.scope("skp", "feedback")
        if scope is None or scope == Scope.OWN or self.access.is_me(row.owner_user_id):
            return False
        return scope >= Scope.TENANT or await self.access.repo.in_scope(row.id, scope,
                                                                         self.access.user_id)

    async def give(self, skp_id: uuid.UUID, realisation_id: uuid.UUID | None,
                   value: str | None, text: str | None) -> uuid.UUID:
        row = await self._readable(skp_id)
        if not await self.may_give(row):
            raise Forbidden()
        errors = ErrorCollector()
        if row.cycle_state == "CLOSED":
            errors.add(None, "CYCLE_CLOSED")
        if realisation_id is not None and value is not None:
            errors.add("value", "SUBJECT_CHOICE")
        elif realisation_id is not None and (
                realisation_id == UNRESOLVABLE
                or await self.repo.realisation_skp(realisation_id) != row.id):
            errors.add("realisationId", "UNKNOWN_REFERENCE")
        body = clean_text(errors, "text", text, TEXT_MAX, required=True, fold=False)
        errors.raise_if_any()
        return await self._add(row, None, realisation_id, value, body, "feedback.give")

    async def reply(self, thread_id: uuid.UUID, text: str | None) -> uuid.UUID:
        thread = await self.repo.thread(thread_id)
        if thread is None:
            raise NotFound()
        row = await self._readable(thread.skp_id)
        if not self.access.is_me(row.owner_user_id) and not await self.may_give(row):
            raise Forbidden()
        errors = ErrorCollector()
        if row.cycle_state == "CLOSED":
            errors.add(None, "CYCLE_CLOSED")
        body = clean_text(errors, "text", text, TEXT_MAX, required=True, fold=False)
        errors.raise_if_any()
        await self._add(row, thread.id, None, None, body, "feedback.reply")
        return thread.id

    async def _add(self, row, thread_id, realisation_id, value, text, action) -> uuid.UUID:
        entry = FeedbackEntry(tenant_id=self.access.tenant_id, skp_id=row.id,
                              thread_id=thread_id, realisation_id=realisation_id, value=value,
                              author_user_id=self.access.user_id, text=text)
        self.access.session.add(entry)
        await self.access.session.flush()
        await record(self.access.session, tenant_id=self.access.tenant_id,
                     actor_user_id=self.access.user_id, action=action,
                     object_type="FeedbackEntry", object_id=entry.id,
                     after={"skp_id": row.id, "thread_id": thread_id,
                            "realisation_id": realisation_id, "value": value, "text": text})
        return entry.id
