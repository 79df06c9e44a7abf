"""Who may record, accept or read competency assessments (the relationship rules behind the
`competency_assessment` permissions).

An employee outside the caller's read scope is NOT_FOUND (also another agency's); one they can
read but not assess is FORBIDDEN. SELF: only the employee themself. RATER (form B.1.9): the
employee's CURRENT rater (reporting line `rater_id`) or HR (tenant scope, e.g. typing in a paper
form). ASSESSMENT_CENTRE: whoever holds `competency_assessment import` (HR), never for
themselves. Nothing new is recorded for an inactive employee. Accepting or
rejecting a pending self-assessment: the current rater or HR, never the employee.
"""

from __future__ import annotations

import uuid
from typing import Any

from ..authz.actor import Acting, Actor
from ..authz.vocabulary import Scope
from ..errors import FieldError, Forbidden, InputErrors, NotFound
from ..people.repository import EmployeeRepository


class AssessmentAccess(Acting):
    def __init__(self, actor: Actor):
        super().__init__(actor)
        self.employees = EmployeeRepository(actor.session)

    async def readable_employee(self, employee_id: uuid.UUID) -> Any:
        """The employee row (with current rater) if the caller may read their assessments."""
        scope = self.permissions.scope("competency_assessment", "read")
        row = (await self.employees.visible_by_id(employee_id, scope, self.user_id, self.today)
               if scope else None)
        if row is None:
            raise NotFound()
        return row

    async def is_current_rater(self, employee: Any) -> bool:
        if employee.rater_id is None:
            return False
        return await self.employees.id_for_user(self.user_id) == employee.rater_id

    async def check_record(self, employee: Any, source: str) -> None:
        scope = self.permissions.scope("competency_assessment", "write")
        if scope is None:
            raise Forbidden()
        if source == "SELF":
            if not self.is_me(employee.user_id):
                raise Forbidden()
        elif source == "RATER":
            if self.is_me(employee.user_id):
                raise Forbidden()
            if scope < Scope.TENANT and not (scope >= Scope.SUBORDINATES
                                             and await self.is_current_rater(employee)):
                raise Forbidden()
        elif self.permissions.scope("competency_assessment", "import") != Scope.TENANT \
                or self.is_me(employee.user_id):  # nobody records their own centre result
            raise Forbidden()
        if not employee.active:
            raise InputErrors([FieldError("employeeId", "INACTIVE_REFERENCE", {})])

    async def check_decide(self, employee: Any) -> None:
        scope = self.permissions.scope("competency_assessment", "write")
        if scope is None or self.is_me(employee.user_id):
            raise Forbidden()
        if scope < Scope.TENANT and not (scope >= Scope.SUBORDINATES
                                         and await self.is_current_rater(employee)):
            raise Forbidden()

    def can_choose_target(self, employee: Any) -> bool:
        """HR (tenant write) or the employee themself chooses a target position."""
        scope = self.permissions.scope("competency_assessment", "write")
        return scope is not None and (scope >= Scope.TENANT or self.is_me(employee.user_id))
