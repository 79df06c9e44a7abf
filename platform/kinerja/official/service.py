"""Load one official document for the caller, or refuse as reading its object would.

Who may read what is the domains' rule, reused as it is: `SkpAccess.readable` (the `skp read`
scope), `ResultAccess.readable` (the `result read` scope; one's own result only once
released) and `ObjectionService.readable` (an objection whose result the caller may read).
Anything else (another agency's object, one outside the caller's scope) is NOT_FOUND. An
objection not decided yet has no decision document: CONFLICT with code OBJECTION_OPEN.
"""

from __future__ import annotations

import re
import uuid
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from ..authz.actor import Acting, Actor
from ..cycles.repository import CycleRepository
from ..errors import Conflict
from ..objections.service import ObjectionService
from ..people.nip import format_nip
from ..reference import EMPLOYEE_TYPES, RANKS_BY_CODE, rank_display
from ..results.access import ResultAccess
from ..results.codes import effective_status
from ..results.repository import ResultRepository
from ..skp.access import SkpAccess
from ..skp.repository import PlanRepository
from .labels import BLANK, number, period_name, period_slug
from .model import (
    EvaluationDocument,
    Explanation,
    Header,
    Indicator,
    ObjectionDocument,
    Person,
    Ratings,
    SkpDocument,
    WorkResult,
)
from .repository import OfficialRepository

_NOT_ALNUM = re.compile(r"[^0-9A-Za-z]")


def maybe_person(row: Any | None) -> Person | None:
    return person(row) if row is not None else None


def person(row: Any) -> Person:
    """An identity block from a row of `OfficialRepository.people`."""
    known_type = row.employee_type in EMPLOYEE_TYPES
    return Person(name=row.name,
                  number=format_nip(row.nip, row.employee_type) if known_type else row.nip,
                  number_label="NI PPPK" if row.employee_type == "PPPK" else "NIP",
                  rank=rank_display(row.rank) if row.rank in RANKS_BY_CODE else BLANK,
                  position=row.position_name or BLANK, unit=row.unit_name or BLANK)


def target_of(row: Any) -> str:
    """`100 %`, `12 laporan`, or the qualitative target text."""
    if row.target_value is not None:
        return " ".join(p for p in (number(row.target_value), row.target_unit or "") if p)
    return row.target_text or BLANK


class OfficialDocuments(Acting):
    def __init__(self, actor: Actor, agency: str, place: str, timezone: str):
        super().__init__(actor)
        self.agency, self.place, self.zone = agency, place, ZoneInfo(timezone)
        self.repo = OfficialRepository(actor.session)

    def _day(self, at: datetime | None) -> date | None:
        """The agency's calendar day of a stored UTC time."""
        return at.astimezone(self.zone).date() if at is not None else None

    def _header(self, name: str, starts_on: date, ends_on: date) -> Header:
        return Header(agency=self.agency, period_name=name, starts_on=starts_on,
                      ends_on=ends_on, place=self.place, printed_on=self.today)

    def _signed(self, days: dict[str, Any], step: str, status: str,
                valid: tuple[str, ...]) -> date | None:
        """When the SKP last reached `step`, while it still stands (a returned or changed
        plan is signed anew)."""
        found = days.get(step)
        return self._day(found.at) if found is not None and status in valid else None

    @staticmethod
    def _file_number(nip: str) -> str:
        return _NOT_ALNUM.sub("", nip)[:18] or "pegawai"

    async def skp(self, skp_id: uuid.UUID) -> SkpDocument:
        row = await SkpAccess(self.actor).readable(skp_id)
        cycles = CycleRepository(self.session)
        cycle = await cycles.by_id(row.cycle_id)
        year = next((p for p in (await cycles.periods_for([row.cycle_id]))[row.cycle_id]
                     if p.kind == "YEAR"), None)
        plan = PlanRepository(self.session)
        rows = (await plan.work_results([skp_id]))[skp_id]
        indicators = await plan.indicators([w.id for w in rows]) if rows else {}
        parents = await self.repo.work_result_texts([w.parent_id for w in rows if w.parent_id])
        expectations = {r.value: r.text for r in (await plan.expectations([skp_id]))[skp_id]}
        people = await self.repo.people([i for i in (row.employee_id, row.rater_id) if i])
        days = await self.repo.workflow_days(skp_id)
        employee = people[row.employee_id]
        header = self._header("TAHUNAN",
                              year.starts_on if year else date(cycle.year, 1, 1),
                              year.ends_on if year else date(cycle.year, 12, 31))
        return SkpDocument(
            header=header, year=cycle.year, status=row.status, employee=person(employee),
            rater=maybe_person(people.get(row.rater_id)),
            work_results=[WorkResult(kind=w.kind, text=w.text,
                                     parent_text=parents.get(w.parent_id),
                                     indicators=[Indicator(i.aspect, i.text, target_of(i))
                                                 for i in indicators.get(w.id, [])])
                          for w in rows],
            expectations=expectations,
            submitted_on=self._signed(days, "SUBMITTED", row.status, ("SUBMITTED", "APPROVED")),
            approved_on=self._signed(days, "APPROVED", row.status, ("APPROVED",)),
            employee_nip=self._file_number(employee.nip))

    async def evaluation(self, result_id: uuid.UUID) -> EvaluationDocument:
        row = await ResultAccess(self.actor).readable(result_id)
        return await self._evaluation(row, await self._people(row))

    async def _people(self, row: Any, *extra: uuid.UUID | None) -> dict[uuid.UUID, Any]:
        """The result's employee, rater and rater's superior (and `extra`), in one read."""
        ids = {row.employee_id, row.rater_id, row.rater_superior_id, *extra} - {None}
        return await self.repo.people(list(ids))

    async def _evaluation(self, row: Any, people: dict[uuid.UUID, Any]) -> EvaluationDocument:
        results = ResultRepository(self.session)
        period = await results.period(row.period_id)
        cycle = await CycleRepository(self.session).by_id(row.cycle_id)
        organisation = row.organisation_result
        if organisation is None:
            found = await results.org_result(row.unit_id, row.period_id)
            organisation = found.result if found is not None else None
        employee = people[row.employee_id]
        return EvaluationDocument(
            header=self._header(period_name(period.kind, period.number), period.starts_on,
                                period.ends_on),
            year=cycle.year, period_slug=period_slug(period.kind, period.number),
            status=effective_status(row.status, row.objection_deadline, self.today),
            employee=person(employee), rater=maybe_person(people.get(row.rater_id)),
            superior=maybe_person(people.get(row.rater_superior_id)),
            organisation_result=organisation,
            ratings=Ratings(row.rating_hasil, row.rating_perilaku, row.predikat),
            justification_hasil=row.justification_hasil,
            justification_perilaku=row.justification_perilaku,
            released_on=row.released_on, acknowledged_on=self._day(row.acknowledged_at),
            employee_nip=self._file_number(employee.nip),
            subject_employee_id=row.employee_id, subject_user_id=row.subject_user_id,
            skp_id=row.skp_id, period_id=row.period_id, result_id=row.id)

    async def objection(self, objection_id: uuid.UUID) -> ObjectionDocument:
        objection, row = await ObjectionService(self.actor).readable(objection_id)
        if objection.status != "DECIDED":
            raise Conflict("OBJECTION_OPEN")
        people = await self._people(row, objection.superior_id)
        evaluation = await self._evaluation(row, people)
        results = ResultRepository(self.session)
        changes = [c for c in (await results.changes([row.id]))[row.id] if c.kind == "OBJECTION"]
        before = (Ratings(changes[-1].hasil_before, changes[-1].perilaku_before,
                          changes[-1].predikat_before) if changes else evaluation.ratings)
        decided_by = next((o.decided_by_name for o in (await results.objections([row.id]))[row.id]
                           if o.id == objection.id), None)
        explanations = (await results.explanations([objection.id]))[objection.id]
        return ObjectionDocument(
            evaluation=evaluation, before=before, reasons=objection.reasons,
            filed_on=self._day(objection.filed_at),
            explanations=[Explanation(e.party, e.question, self._day(e.requested_at), e.text,
                                      self._day(e.answered_at)) for e in explanations],
            decision=objection.decision, decision_reason=objection.decision_reason or BLANK,
            decided_on=self._day(objection.decided_at), decided_by=decided_by,
            decider=maybe_person(people.get(objection.superior_id)))
