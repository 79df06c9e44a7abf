"""Who may change an SKP: the relationship rules behind the `skp` write/approve permissions.

An SKP the caller cannot read is NOT_FOUND (also another agency's); one they can read but not
change is FORBIDDEN. `write` at scope own means "my SKP", at tenant any SKP (HR). `approve`
below tenant scope means "an SKP naming me as its rater"; at tenant scope (HR) any SKP, which
also covers heads of unit whose SKP has no rater. Nobody approves their own SKP.
"""

from __future__ import annotations

import uuid
from typing import Any

from ..audit.recorder import record
from ..authz.actor import Acting, Actor
from ..authz.vocabulary import Scope
from ..errors import Conflict, ErrorCollector, Forbidden, NotFound
from ..models import SkpTransition
from ..models.base import utcnow
from .repository import PlanRepository

EDITABLE = ("DRAFT", "RETURNED", "APPROVED")


class SkpAccess(Acting):
    def __init__(self, actor: Actor):
        super().__init__(actor)
        self.repo = PlanRepository(actor.session)

    async def readable(self, skp_id: uuid.UUID) -> Any:
        """The SKP under the caller's `skp read` scope (owner, rater, cycle state), else
        NOT_FOUND: what reading it means, for every reader (GraphQL, the official PDF)."""
        read = self.permissions.scope("skp", "read")
        row = await self.repo.access_row(skp_id, read, self.user_id) if read else None
        if row is None:
            raise NotFound()
        return row

    async def for_write(self, skp_id: uuid.UUID) -> Any:
        row = await self.readable(skp_id)
        scope = self.permissions.scope("skp", "write")
        if scope is None:
            raise Forbidden()
        if scope == Scope.OWN and not self.is_me(row.owner_user_id):
            raise Forbidden()
        if Scope.OWN < scope < Scope.TENANT and not await self.repo.in_scope(skp_id, scope,
                                                                            self.user_id):
            raise Forbidden()
        return row

    async def for_approve(self, skp_id: uuid.UUID) -> Any:
        row = await self.readable(skp_id)
        scope = self.permissions.scope("skp", "approve")
        if scope is None or self.is_me(row.owner_user_id):
            raise Forbidden()
        if scope < Scope.TENANT and not self.is_me(row.rater_user_id):
            raise Forbidden()
        return row


def check_open(errors: ErrorCollector, row: Any) -> None:
    if row.cycle_state == "CLOSED":
        errors.add(None, "CYCLE_CLOSED")


async def change_skp(access: SkpAccess, row: Any, *, status: str, comment: str | None = None,
                     action: str, before: dict | None = None, after: dict | None = None) -> None:
    """Bump the SKP's version (optimistically) with its new status; a status change also
    appends a history row. Audited as `action`."""
    values: dict[str, Any] = {"status": status, "updated_at": utcnow()}
    if not await access.repo.set_status(row.id, row.version, values):
        raise Conflict()
    if status != row.status:
        access.session.add(SkpTransition(tenant_id=access.tenant_id, skp_id=row.id,
                                         actor_user_id=access.user_id, from_status=row.status,
                                         to_status=status, comment=comment))
        await access.session.flush()
    await record(access.session, tenant_id=access.tenant_id, actor_user_id=access.user_id,
                 action=action, object_type="Skp", object_id=row.id,
                 before={"status": row.status, "version": row.version, **(before or {})},
                 after={"status": status, "version": row.version + 1, **(after or {})})
