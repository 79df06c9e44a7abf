"""The reviewer's side: rate the seven values 1-5 with a comment, save until submitted,
submit (idempotent) or decline. A request that is not addressed to the caller (or is still
only a proposal) is NOT_FOUND, exactly like a request that does not exist.

Audit events of answers carry the request id and status only, never the answers: the audit
log is readable by auditors, who may not read identities.
"""

from __future__ import annotations

import uuid
from typing import Any

from ..audit.recorder import record
from ..authz.actor import Actor
from ..errors import Conflict, ErrorCollector, NotFound
from ..kit.fields import check_version, clean_text
from ..models.base import utcnow
from .access import ReviewContext, check_open
from .codes import BERAKHLAK, COMMENT_MAX, REVIEWER_STATUSES, SCORE_MAX, SCORE_MIN


class ResponseService:
    def __init__(self, actor: Actor):
        self.rc = ReviewContext(actor)

    async def _mine(self, request_id: uuid.UUID) -> Any:
        request = await self.rc.repo.request_with_skp(request_id)
        if (request is None or not self.rc.is_me(request.reviewer_user_id)
                or request.status not in REVIEWER_STATUSES):
            raise NotFound()
        return request

    async def save(self, request_id: uuid.UUID, version: int | None,
                   ratings: list[tuple[str, int]], comment: str | None) -> uuid.UUID:
        request = await self._mine(request_id)
        check_version(request, version)
        errors = self._open(request)
        scores: dict[str, int] = {}
        for i, (value, score) in enumerate(ratings):
            if value in scores:
                errors.add(f"ratings.{i}.value", "DUPLICATE", detail=value)
            if not SCORE_MIN <= score <= SCORE_MAX:
                errors.add(f"ratings.{i}.score", "OUT_OF_RANGE", min=SCORE_MIN, max=SCORE_MAX)
            scores[value] = score
        text = clean_text(errors, "comment", comment, COMMENT_MAX)
        errors.raise_if_any()
        await self._update(request, {"ratings": scores, "comment": text}, "review.answer")
        return request.id

    async def submit(self, request_id: uuid.UUID, version: int | None) -> uuid.UUID:
        request = await self._mine(request_id)
        if request.status == "SUBMITTED":
            return request.id
        check_version(request, version)
        errors = self._open(request)
        if set(BERAKHLAK) - set(request.ratings or {}):
            errors.add("ratings", "RATINGS_INCOMPLETE")
        errors.raise_if_any()
        await self._update(request, {"status": "SUBMITTED", "submitted_at": utcnow()},
                           "review.submit")
        return request.id

    async def decline(self, request_id: uuid.UUID, version: int | None) -> uuid.UUID:
        request = await self._mine(request_id)
        if request.status == "DECLINED":
            return request.id
        check_version(request, version)
        self._open(request).raise_if_any()
        await self._update(request, {"status": "DECLINED", "ratings": {}, "comment": None},
                           "review.decline")
        return request.id

    def _open(self, request: Any) -> ErrorCollector:
        errors = ErrorCollector()
        check_open(errors, request.cycle_state)
        if request.status != "PENDING":
            errors.add(None, "REQUEST_CLOSED", state=request.status)
        return errors

    async def _update(self, request: Any, values: dict[str, Any], action: str) -> None:
        status = values.get("status", request.status)
        if not await self.rc.repo.update_request(request.id, request.version,
                                                 {**values, "updated_at": utcnow()}):
            raise Conflict()
        await record(self.rc.session, tenant_id=self.rc.tenant_id, actor_user_id=self.rc.user_id,
                     action=action, object_type="ReviewRequest", object_id=request.id,
                     before={"status": request.status, "version": request.version},
                     after={"status": status, "version": request.version + 1})
