"""Who may read, change and approve whose development plan.

The employee must be visible under the `development_plan` read scope (own record; the people
whose current reporting line names me as rater or rater's superior; my unit; the agency),
else NOT_FOUND (also for another agency's IDs). `write` at scope own means "my plan", at
subordinates "a plan of someone I rate or whose rater I supervise", at tenant any plan (HR).
`approve` below tenant scope means "my current reporting line names me as the rater"; at tenant
scope (HR) any plan. Nobody approves items of their own plan.
"""

from __future__ import annotations

import uuid
from typing import Any

from ..authz.actor import Acting, Actor
from ..authz.vocabulary import Scope
from ..errors import Forbidden, NotFound
from ..people.repository import EmployeeRepository


class DevelopmentAccess(Acting):
    def __init__(self, actor: Actor):
        super().__init__(actor)
        self.people = EmployeeRepository(actor.session)

    async def _visible(self, employee_id: uuid.UUID, action: str) -> Any:
        scope = self.permissions.scope("development_plan", action)
        if scope is None:
            return None
        return await self.people.visible_by_id(employee_id, scope, self.user_id, self.today)

    async def readable(self, employee_id: uuid.UUID) -> Any:
        row = await self._visible(employee_id, "read")
        if row is None:
            raise NotFound()
        return row

    async def for_write(self, employee_id: uuid.UUID) -> Any:
        row = await self.readable(employee_id)
        if await self._visible(employee_id, "write") is None:
            raise Forbidden()
        return row

    async def for_approve(self, employee_id: uuid.UUID) -> Any:
        row = await self.readable(employee_id)
        scope = self.permissions.scope("development_plan", "approve")
        if scope is None or self.is_me(row.user_id):
            raise Forbidden()
        if scope < Scope.TENANT:
            mine = await self.people.id_for_user(self.user_id)
            if mine is None or row.rater_id != mine:
                raise Forbidden()
        return row
