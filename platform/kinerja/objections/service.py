"""Objections (keberatan, PP 30/2019 Pasal 59): file -> explanations -> decision (final).

The employee objects to a RELEASED result in writing within the window (the deadline fixed
at release; OBJECTION_WINDOW_CLOSED after it); the objection is addressed to the SKP's rater
superior, and only they decide (results/access.py: no admin or HR bypass, never on a result
whose rating they entered). The decider asks the rater and/or the employee for
explanations; each answers their own request (and may correct it until the decision). The
decision UPHOLDs the ratings or CHANGEs them (the values before are kept as an OBJECTION
change), always with a reason; the result becomes FINAL for good (not even HR reopens it).
Repeating a step that is already done changes nothing.

No superior to decide (none recorded on the SKP, an inactive one, or the superior entered a
rating): filing is still accepted, so the employee keeps the right and the date; the
objection waits, listed in `objectionsWithoutDecider`, until HR records the rater's superior
on the SKP and the objection (`set_superior`, with a reason, audited); then only that
superior decides.
"""

from __future__ import annotations

import uuid
from typing import Any

from ..authz.actor import Actor
from ..authz.vocabulary import Scope
from ..errors import Conflict, ErrorCollector, Forbidden, NotFound
from ..kit.fields import check_version, clean_text, trimmed
from ..models import Objection, ObjectionExplanation
from ..models.base import utcnow
from ..results.access import ResultAccess, check_open, decider_problem
from ..results.codes import REASONS_MAX, effective_status
from ..results.service_rating import change_ratings, check_head_hasil, check_reason


class ObjectionService:
    def __init__(self, actor: Actor):
        self.access = ResultAccess(actor)
        self.repo = self.access.repo

    async def file(self, result_id: uuid.UUID, reasons: str | None,
                   version: int | None) -> uuid.UUID:
        row = await self.access.own(result_id)
        state = effective_status(row.status, row.objection_deadline, self.access.today)
        if state == "OBJECTED":
            filed = await self.repo.open_objection(row.id)
            if filed is not None and filed.reasons == trimmed(reasons):
                return filed.id  # the same filing repeated (e.g. a retry)
        check_version(row, version)
        errors = ErrorCollector()
        if check_open(errors, row.cycle_state):
            if state == "FINAL" and row.status != "FINAL":
                errors.add(None, "OBJECTION_WINDOW_CLOSED",
                           date=row.objection_deadline.isoformat())
            elif state != "RELEASED":
                errors.add(None, "INVALID_TRANSITION", state=state, target="OBJECTED")
        text = clean_text(errors, "reasons", reasons, REASONS_MAX, required=True, fold=False)
        errors.raise_if_any()
        if not await self.repo.update(row.id, row.version, {"status": "OBJECTED",
                                                            "updated_at": utcnow()}):
            raise Conflict()
        objection = Objection(tenant_id=self.access.tenant_id, result_id=row.id,
                              superior_id=row.rater_superior_id, reasons=text,
                              filed_by=self.access.user_id)
        self.access.session.add(objection)
        await self.access.session.flush()
        await self.access.audit("objection.file", "Objection", objection.id, None,
                                {"result_id": row.id, "superior_id": row.rater_superior_id,
                                 "reasons": text})
        return objection.id

    async def readable(self, objection_id: uuid.UUID) -> tuple[Any, Any]:
        """The objection and its result (with context columns) when the caller may read the
        result, else NOT_FOUND (also another agency's, or one's own before release)."""
        objection = await self.repo.objection_by_id_visible(
            objection_id, self.access.scope("read"), self.access.user_id)
        if objection is None:
            raise NotFound()
        row = await self.access.readable(objection.result_id)
        return objection, row

    async def request(self, objection_id: uuid.UUID, parties: list[str], question: str | None,
                      version: int | None) -> uuid.UUID:
        objection, row = await self.readable(objection_id)
        errors = ErrorCollector()
        await self.access.check_decider(errors, row)
        asked = await self.repo.explanation_rows(objection.id)
        wanted = [p for p in dict.fromkeys(parties) if p not in asked]
        if not errors and objection.status == "OPEN" and not wanted and parties:
            return objection.id
        check_version(objection, version)
        if check_open(errors, row.cycle_state) and objection.status != "OPEN":
            errors.add(None, "OBJECTION_DECIDED")
        if not parties:
            errors.add("parties", "REQUIRED")
        if "RATER" in wanted and row.rater_id is None:
            errors.add("parties", "NO_RATER")
        text = clean_text(errors, "question", question, REASONS_MAX, fold=False)
        errors.raise_if_any()
        self.access.session.add_all([
            ObjectionExplanation(tenant_id=self.access.tenant_id, objection_id=objection.id,
                                 party=party, question=text, requested_by=self.access.user_id)
            for party in wanted])
        await self.access.session.flush()
        await self._bump(objection, {}, "objection.request_explanation",
                         {"parties": wanted, "question": text})
        return objection.id

    async def explain(self, objection_id: uuid.UUID, text: str | None) -> uuid.UUID:
        objection, row = await self.readable(objection_id)
        party = ("EMPLOYEE" if self.access.is_me(row.owner_user_id)
                 else "RATER" if self.access.is_me(row.rater_user_id) else None)
        if party is None:
            raise Forbidden()
        asked = (await self.repo.explanation_rows(objection.id)).get(party)
        errors = ErrorCollector()
        if check_open(errors, row.cycle_state):
            if objection.status != "OPEN":
                errors.add(None, "OBJECTION_DECIDED")
            elif asked is None:
                errors.add(None, "EXPLANATION_NOT_REQUESTED", party=party)
        answer = clean_text(errors, "text", text, REASONS_MAX, required=True, fold=False)
        errors.raise_if_any()
        if asked.text == answer:
            return objection.id
        await self.repo.answer_explanation(asked.id, {"text": answer, "answered_at": utcnow(),
                                                      "answered_by": self.access.user_id})
        await self.access.audit("objection.explain", "Objection", objection.id,
                                {"party": party, "text": asked.text},
                                {"party": party, "text": answer})
        return objection.id

    async def decide(self, objection_id: uuid.UUID, decision: str, hasil: str | None,
                     perilaku: str | None, reason: str | None,
                     version: int | None) -> uuid.UUID:
        objection, row = await self.readable(objection_id)
        errors = ErrorCollector()
        await self.access.check_decider(errors, row)
        if not errors and self._repeated(objection, row, decision, hasil, perilaku, reason):
            return objection.id
        check_version(objection, version)
        if check_open(errors, row.cycle_state) and objection.status != "OPEN":
            errors.add(None, "OBJECTION_DECIDED")
        new_hasil, new_perilaku = row.rating_hasil, row.rating_perilaku
        if decision == "CHANGE":
            new_hasil, new_perilaku = hasil or new_hasil, perilaku or new_perilaku
            if (new_hasil, new_perilaku) == (row.rating_hasil, row.rating_perilaku):
                errors.add("ratingHasil", "NO_CHANGE")
            check_head_hasil(errors, row, hasil)
        elif hasil is not None or perilaku is not None:
            errors.add("ratingHasil", "INVALID_VALUE", detail="UPHOLD")
        text = check_reason(errors, reason)
        errors.raise_if_any()
        now = utcnow()
        if decision == "CHANGE":
            await change_ratings(self.access, row, new_hasil, new_perilaku, "OBJECTION", text,
                                 {"status": "FINAL", "finalised_at": now})
        else:
            await self._finalise(row, now)
        await self._bump(objection, {"status": "DECIDED", "decision": decision,
                                     "decision_reason": text, "decided_by": self.access.user_id,
                                     "decided_at": now}, "objection.decide",
                         {"decision": decision, "reason": text})
        return objection.id

    async def set_superior(self, objection_id: uuid.UUID, superior_id: uuid.UUID,
                           reason: str | None, version: int | None) -> uuid.UUID:
        """HR records the rater's superior on the SKP and the open objection when nobody
        recorded can decide it (none, inactive, or they entered a rating): SUPERIOR_RECORDED
        otherwise. The new superior must be an active employee, neither the employee nor the
        rater, not the caller, and must not have entered a rating of the result."""
        self._require_line_keeper()
        objection, row = await self.readable(objection_id)
        if self.access.is_me(row.owner_user_id):
            raise Forbidden()
        check_version(objection, version)
        authors = (await self.repo.rating_authors([row.id]))[row.id]
        problem = decider_problem(row, authors)
        errors = ErrorCollector()
        if check_open(errors, row.cycle_state):
            if objection.status != "OPEN":
                errors.add(None, "OBJECTION_DECIDED")
            elif problem is None:
                errors.add(None, "SUPERIOR_RECORDED")
        candidate = await self.repo.employee_for_superior(superior_id)
        if candidate is None:
            errors.add("superiorId", "UNKNOWN_REFERENCE")
        else:
            if not candidate.active:
                errors.add("superiorId", "INACTIVE_REFERENCE")
            if superior_id == row.employee_id:
                errors.add("superiorId", "SELF_REFERENCE")
            elif superior_id == row.rater_id:
                errors.add("superiorId", "RATER_IS_SUPERIOR")
            if candidate.user_id is not None and self.access.is_me(candidate.user_id):
                errors.add("superiorId", "SELF_APPOINTMENT")
            elif candidate.user_id is not None and candidate.user_id in authors:
                errors.add("superiorId", "OWN_RATING")
        text = check_reason(errors, reason)
        errors.raise_if_any()
        if not await self.repo.record_superior(row.skp_id, objection.id, objection.version,
                                               superior_id):
            raise Conflict()
        before = {"superior_id": row.rater_superior_id, "problem": problem}
        await self.access.audit("skp.superior", "Skp", row.skp_id, before,
                                {"superior_id": superior_id, "reason": text})
        await self.access.audit("objection.superior", "Objection", objection.id,
                                {**before, "version": objection.version},
                                {"superior_id": superior_id, "reason": text,
                                 "version": objection.version + 1})
        return objection.id

    async def queue(self, cycle_id: uuid.UUID | None) -> list[Any]:
        """Open objections the caller decides now (addressed to them, no rating of theirs)."""
        rows = await self.repo.objection_queue(self.access.user_id, cycle_id)
        authors = await self.repo.rating_authors([r.result_id for r in rows])
        return [r for r in rows if decider_problem(r, authors[r.result_id]) is None]

    async def without_decider(self, cycle_id: uuid.UUID | None) -> list[Any]:
        """HR's worklist: open objections nobody recorded can decide (see decider_problem)."""
        self._require_line_keeper()
        if self.access.scope("read") != Scope.TENANT:
            raise Forbidden()
        rows = await self.repo.open_objections(cycle_id)
        authors = await self.repo.rating_authors([r.result_id for r in rows])
        return [r for r in rows if decider_problem(r, authors[r.result_id]) is not None]

    def _require_line_keeper(self) -> None:
        """Recording who supervises whom is HR's: `reporting_line write` agency-wide."""
        if self.access.permissions.scope("reporting_line", "write") != Scope.TENANT:
            raise Forbidden()

    @staticmethod
    def _repeated(objection: Any, row: Any, decision: str, hasil: str | None,
                  perilaku: str | None, reason: str | None) -> bool:
        """The very decision already taken (a retry): nothing to do. Any other request on a
        decided objection goes on to the version check (stale: CONFLICT) and is refused."""
        if objection.status != "DECIDED" or objection.decision != decision:
            return False
        same_ratings = decision == "UPHOLD" or (
            (hasil or row.rating_hasil, perilaku or row.rating_perilaku)
            == (row.rating_hasil, row.rating_perilaku))
        return same_ratings and trimmed(reason) == objection.decision_reason

    async def _finalise(self, row: Any, now) -> None:
        """UPHOLD: the result only becomes FINAL; no `result_change` row, because nothing
        changed (the decision and its reason live on the objection)."""
        if not await self.access.repo.update(row.id, row.version, {
                "status": "FINAL", "finalised_at": now, "updated_at": now}):
            raise Conflict()
        await self.access.audit("result.finalise", "PerformanceResult", row.id,
                                {"status": row.status, "version": row.version},
                                {"status": "FINAL", "version": row.version + 1})

    async def _bump(self, objection: Any, values: dict, action: str, after: dict) -> None:
        if not await self.repo.update_objection(objection.id, objection.version, values):
            raise Conflict()
        await self.access.audit(action, "Objection", objection.id,
                                {"status": objection.status, "version": objection.version},
                                {**after, "version": objection.version + 1})
