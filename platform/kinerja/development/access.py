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
from datetime import date
from typing import Any

from ..authz.permissions import PermissionSet
from ..authz.vocabulary import Scope
from ..errors import Forbidden, NotFound
from ..people.repository import EmployeeRepository


class DevelopmentAccess:
    def __init__(self, session, tenant_id: uuid.UUID, actor: uuid.UUID,
                 permissions: PermissionSet, today: date):
        self.session = session
        self.tenant_id = tenant_id
        self.actor = actor
        self.permissions = permissions
        self.today = today
        self.people = EmployeeRepository(session)

    async def _visible(self, employee_id: uuid.UUID, action: str) -> Any:
        scope = self.permissions.scope("development_plan", action)
        if scope is None:
            return None
        return await self.people.visible_by_id(employee_id, scope, self.actor, self.today)

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
        if scope is None or row.user_id == self.actor:
            raise Forbidden()
        if scope < Scope.TENANT:
            mine = await self.people.id_for_user(self.actor)
            if mine is None or row.rater_id != mine:
                raise Forbidden()
        return row
