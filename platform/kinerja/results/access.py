"""Who may act on a result: relationship rules behind the `result` permissions.

A result the caller cannot read (`result read` scope, and one's own only after release) is
NOT_FOUND, also another agency's; one they can read but not act on is FORBIDDEN.
- rate: at tenant scope (HR) any SKP; below, only SKPs naming the caller as rater (not the
  rater's superior). Nobody rates their own SKP.
- calibrate / release / reopen: within the caller's scope (HR: the agency), never one's own.
- acknowledge / object: only the result's employee.
- decide (and request explanations), PP 30/2019 Pasal 59: only the rater's superior recorded
  on the SKP, holding `result decide` at any scope (the scope widens nothing: no admin or HR
  bypass), never on their own result, and never when they entered one of the result's ratings
  (OWN_RATING: rated it, e.g. as HR, or changed it in calibration). Without a recorded,
  active superior nobody decides (NO_RATER_SUPERIOR / SUPERIOR_INACTIVE) until HR records
  one (`setObjectionSuperior`, objections/service.py).
"""

from __future__ import annotations

import uuid
from typing import Any

from ..audit.recorder import record
from ..authz.actor import Acting, Actor
from ..authz.vocabulary import Scope
from ..errors import ErrorCollector, Forbidden, NotFound
from .repository import ResultRepository


class ResultAccess(Acting):
    def __init__(self, actor: Actor):
        super().__init__(actor)
        self.repo = ResultRepository(actor.session)

    def scope(self, action: str) -> Scope | None:
        return self.permissions.scope("result", action)

    async def readable(self, result_id: uuid.UUID) -> Any:
        row = await self.repo.context(result_id, self.scope("read"), self.user_id)
        if row is None:
            raise NotFound()
        return row

    async def skp_for_rate(self, skp_id: uuid.UUID) -> Any:
        row = await self.repo.skp_context(skp_id, self.scope("read"), self.user_id)
        if row is None:
            raise NotFound()
        scope = self.scope("rate")
        if scope is None or self.is_me(row.owner_user_id):
            raise Forbidden()
        if scope < Scope.TENANT and not self.is_me(row.rater_user_id):
            raise Forbidden()
        return row

    async def for_action(self, result_id: uuid.UUID, action: str) -> Any:
        """calibrate / reopen: readable, held at some scope, within it, not one's own."""
        row = await self.readable(result_id)
        scope = self.scope(action)
        if scope is None or self.is_me(row.owner_user_id):
            raise Forbidden()
        if scope < Scope.TENANT and await self.repo.context(result_id, scope, self.user_id) is None:
            raise Forbidden()
        return row

    async def own(self, result_id: uuid.UUID) -> Any:
        row = await self.readable(result_id)
        if self.scope("object") is None or not self.is_me(row.owner_user_id):
            raise Forbidden()
        return row

    async def check_decider(self, errors: ErrorCollector, row: Any) -> None:
        """The caller decides this result's objection (and asks for explanations) only as
        the SKP's recorded rater superior. Someone else: FORBIDDEN (when a superior is
        recorded) or the typed reason nobody can decide yet; the superior who entered a
        rating: OWN_RATING."""
        if self.scope("decide") is None or self.is_me(row.owner_user_id):
            raise Forbidden()
        authors = (await self.repo.rating_authors([row.id]))[row.id]
        problem = decider_problem(row, authors)
        if problem in ("NO_RATER_SUPERIOR", "SUPERIOR_INACTIVE"):
            errors.add(None, problem)
        elif not self.is_me(row.superior_user_id):
            raise Forbidden()
        elif problem is not None:
            errors.add(None, problem)

    async def audit(self, action: str, object_type: str, object_id: uuid.UUID,
                    before: dict | None, after: dict | None) -> None:
        await record(self.session, tenant_id=self.tenant_id, actor_user_id=self.user_id,
                     action=action, object_type=object_type, object_id=object_id,
                     before=before, after=after)


def decider_problem(row: Any, authors: set[uuid.UUID]) -> str | None:
    """Why the SKP's recorded rater superior cannot decide the objection to this result
    (`row`: a result with context columns; `authors`: users who entered its ratings), or
    None. A superior without a login is no problem here: HR links an account."""
    if row.rater_superior_id is None or row.rater_superior_id == row.employee_id:
        return "NO_RATER_SUPERIOR"  # nobody, or only the employee themselves
    if not row.superior_active:
        return "SUPERIOR_INACTIVE"
    if row.superior_user_id is not None and row.superior_user_id in authors:
        return "OWN_RATING"
    return None


def check_open(errors: ErrorCollector, cycle_state: str) -> bool:
    if cycle_state == "CLOSED":
        errors.add(None, "CYCLE_CLOSED")
        return False
    return True


def ratings_of(row: Any) -> dict[str, Any]:
    return {"rating_hasil": row.rating_hasil, "rating_perilaku": row.rating_perilaku,
            "predikat": row.predikat}

