"""Shared checks of the review services: which SKP and period a call is about, whether the
cycle accepts input, who may nominate. Unreadable SKPs (also other agencies') are NOT_FOUND."""

from __future__ import annotations

import uuid
from typing import Any

from ..authz.actor import Acting, Actor
from ..authz.vocabulary import Scope
from ..errors import ErrorCollector, Forbidden, NotFound
from .codes import OPEN_CYCLE_STATES
from .repository import ReviewRepository


class ReviewContext(Acting):
    def __init__(self, actor: Actor):
        super().__init__(actor)
        self.repo = ReviewRepository(actor.session)

    async def skp(self, skp_id: uuid.UUID, resource: str = "review",
                  action: str = "read") -> Any:
        row = await self.repo.skp(skp_id, self.permissions.scope(resource, action), self.user_id)
        if row is None:
            raise NotFound()
        return row

    async def period(self, row: Any, period_id: uuid.UUID) -> Any:
        period = await self.repo.period(period_id, row.cycle_id)
        if period is None:
            raise NotFound()
        return period

    def nominates_as(self, row: Any) -> str:
        """PROPOSED for the SKP's own employee, PENDING for HR or the SKP's rater."""
        if self.is_me(row.owner_user_id):
            return "PROPOSED"
        scope = self.permissions.scope("review", "nominate")
        if scope == Scope.TENANT or (scope is not None and scope > Scope.OWN
                                     and self.is_me(row.rater_user_id)):
            return "PENDING"
        raise Forbidden()


def check_open(errors: ErrorCollector, cycle_state: str) -> None:
    if cycle_state == "CLOSED":
        errors.add(None, "CYCLE_CLOSED")
    elif cycle_state not in OPEN_CYCLE_STATES:
        errors.add(None, "ASSESSMENT_NOT_OPEN", state=cycle_state)

