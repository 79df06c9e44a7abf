"""Nominating 360 reviewers: HR (any SKP) or the SKP's rater nominate (PENDING); the SKP's
own employee proposes (PROPOSED), and HR or the rater accept or reject the proposal.

Nobody reviews themselves, and the SKP's rater is not an anonymous reviewer (their view is the
RATER source). Errors never depend on whether a nominee answered: accepted nominations all
look alike (NOMINATED) to the employee and the rater.
"""

from __future__ import annotations

import uuid

from ..audit.recorder import record
from ..authz.actor import Actor
from ..authz.vocabulary import Scope
from ..errors import Conflict, ErrorCollector, Forbidden, NotFound
from ..kit.fields import UNRESOLVABLE
from ..models import ReviewRequest
from ..models.base import utcnow
from .access import ReviewContext, check_open
from .codes import MAX_NOMINATIONS, NOMINATION_VIEW


class NominationService:
    def __init__(self, actor: Actor):
        self.rc = ReviewContext(actor)

    async def nominate(self, skp_id: uuid.UUID, period_id: uuid.UUID,
                       items: list[tuple[uuid.UUID, str]]) -> tuple[uuid.UUID, uuid.UUID]:
        rc = self.rc
        row = await rc.skp(skp_id)
        status = rc.nominates_as(row)
        await rc.period(row, period_id)
        errors = ErrorCollector()
        check_open(errors, row.cycle_state)
        if not items:
            errors.add("reviewers", "REQUIRED")
        elif len(items) > MAX_NOMINATIONS:
            errors.add("reviewers", "TOO_MANY_ROWS", max=MAX_NOMINATIONS)
        errors.raise_if_any()
        existing = {r.reviewer_id: r for r in await rc.repo.requests_for([row.id], period_id)}
        active = await rc.repo.active_employees([e for e, _ in items if e != UNRESOLVABLE])
        seen: set[uuid.UUID] = set()
        new_rows, revived = [], []
        sees_all = rc.permissions.scope("review", "read") == Scope.TENANT
        for i, (employee_id, relation) in enumerate(items):
            path = f"reviewers.{i}.employeeId"
            old = existing.get(employee_id)
            if employee_id not in active:
                errors.add(path, "UNKNOWN_REFERENCE")
            elif employee_id in (row.employee_id, row.rater_id):
                errors.add(path, "INVALID_REVIEWER")
            elif employee_id in seen:
                errors.add(path, "DUPLICATE", detail=str(i))
            elif old is not None and old.status == "REJECTED" and status == "PENDING":
                revived.append((old, relation))
            elif old is not None and not sees_all:
                pass  # already asked: saying so would tell them whom HR nominated
            elif old is not None:
                errors.add(path, "DUPLICATE", detail=str(i))
            else:
                new_rows.append(ReviewRequest(
                    tenant_id=rc.tenant_id, skp_id=row.id, period_id=period_id,
                    reviewer_id=employee_id, relation=relation, status=status,
                    nominated_by=rc.user_id))
            seen.add(employee_id)
        errors.raise_if_any()
        rc.session.add_all(new_rows)
        await rc.session.flush()
        for old, relation in revived:
            if not await rc.repo.update_request(old.id, old.version, {
                    "status": "PENDING", "relation": relation, "nominated_by": rc.user_id,
                    "updated_at": utcnow()}):
                raise Conflict()
        await record(rc.session, tenant_id=rc.tenant_id, actor_user_id=rc.user_id,
                     action="review.nominate", object_type="Skp", object_id=row.id,
                     after={"period_id": period_id, "status": status,
                            "reviewers": [[e, r] for e, r in items]})
        return row.id, period_id

    async def decide(self, request_id: uuid.UUID, accept: bool) -> tuple[uuid.UUID, uuid.UUID]:
        rc = self.rc
        request = await rc.repo.request_with_skp(request_id)
        if request is None:
            raise NotFound()
        row = await rc.skp(request.skp_id)
        if rc.nominates_as(row) != "PENDING":
            raise Forbidden()
        view = NOMINATION_VIEW[request.status]
        target = "PENDING" if accept else "REJECTED"
        if (view == "NOMINATED" and accept) or request.status == target:
            return row.id, request.period_id
        errors = ErrorCollector()
        check_open(errors, row.cycle_state)
        if view == "NOMINATED":
            errors.add(None, "INVALID_TRANSITION", state="NOMINATED", target="REJECTED")
        errors.raise_if_any()
        if not await rc.repo.update_request(request.id, request.version,
                                            {"status": target, "updated_at": utcnow()}):
            raise Conflict()
        await record(rc.session, tenant_id=rc.tenant_id, actor_user_id=rc.user_id,
                     action="review.accept" if accept else "review.reject",
                     object_type="ReviewRequest", object_id=request.id,
                     before={"status": request.status}, after={"status": target})
        return row.id, request.period_id
