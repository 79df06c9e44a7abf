"""Rating (the rater or HR) and calibration (HR): the predikat always comes from the matrix of
the cycle's rule set, never from the client.

When: only APPROVED SKPs; a periodic result (month/quarter) from the period's last day while
the cycle is RUNNING or ASSESSMENT; the annual (YEAR) result in ASSESSMENT. The rater may
re-rate until release (RATED); afterwards only calibration (before release), an objection
decision or HR's reopening changes it. Calibration: HR, in CALIBRATION, on unreleased results,
with a reason; the values before are kept as a CALIBRATION change.

Head of unit: when the rated employee heads their unit and the unit's organisation result for
the period exists, Rating Hasil Kerja is the rule set's `head_of_unit_rating` of it; a client
value that differs is refused (HASIL_FROM_ORGANISATION), omitting it is fine.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from ..authz.actor import Actor
from ..cycles import rules
from ..errors import Conflict, ErrorCollector
from ..kit.fields import check_version, clean_text
from ..models import PerformanceResult, ResultChange
from ..models.base import utcnow
from .access import ResultAccess, check_open, ratings_of
from .codes import TEXT_MAX, effective_status


@dataclass
class Rating:
    skp_id: uuid.UUID
    period_id: uuid.UUID
    rating_hasil: str | None
    rating_perilaku: str
    justification_hasil: str | None = None
    justification_perilaku: str | None = None


def _justification(errors: ErrorCollector, field: str, rating: str, raw: str | None,
                   needed: bool = True) -> str | None:
    text = clean_text(errors, field, raw, TEXT_MAX, fold=False)
    if text is None and needed and rating != "SESUAI":
        errors.add(field, "JUSTIFICATION_REQUIRED", rating=rating)
    return text


def check_reason(errors: ErrorCollector, raw: str | None, field: str = "reason") -> str | None:
    return clean_text(errors, field, raw, TEXT_MAX, required=True, fold=False)


class RatingService:
    def __init__(self, actor: Actor):
        self.access = ResultAccess(actor)
        self.repo = self.access.repo

    async def rate(self, data: Rating, version: int | None) -> uuid.UUID:
        skp = await self.access.skp_for_rate(data.skp_id)
        period = await self.repo.period(data.period_id)
        existing = await self.repo.by_skp_period(data.skp_id, data.period_id)
        if existing is not None:
            check_version(existing, version)
        elif version not in (None, 0):
            raise Conflict()
        errors = ErrorCollector()
        if period is None or period.cycle_id != skp.cycle_id:
            errors.add("periodId", "UNKNOWN_REFERENCE")
        elif check_open(errors, skp.cycle_state):
            self._check_when(errors, skp, period, existing)
        errors.raise_if_any()
        rule_set = await self.repo.rule_set(skp.cycle_rule_set_id)
        values = await self._values(errors, skp, data, rule_set.content)
        errors.raise_if_any()
        values.update(rule_set_id=rule_set.id, rule_set_version=rule_set.version)
        if existing is not None and all(getattr(existing, k) == v for k, v in values.items()):
            return existing.id
        now = utcnow()
        if existing is None:
            row = PerformanceResult(tenant_id=self.access.tenant_id, skp_id=skp.id,
                                    period_id=period.id, rated_by=self.access.user_id, **values)
            self.access.session.add(row)
            await self.access.session.flush()
            result_id, before = row.id, None
        else:
            if not await self.repo.update(existing.id, existing.version,
                                          {**values, "rated_by": self.access.user_id,
                                           "rated_at": now, "updated_at": now}):
                raise Conflict()
            result_id = existing.id
            before = {k: getattr(existing, k) for k in values} | {"version": existing.version}
        await self.access.audit("result.rate", "PerformanceResult", result_id, before,
                                {**values, "skp_id": skp.id, "period_id": period.id})
        return result_id

    def _check_when(self, errors: ErrorCollector, skp: Any, period: Any, existing: Any) -> None:
        if skp.skp_status != "APPROVED":
            errors.add("skpId", "SKP_NOT_APPROVED", state=skp.skp_status)
        allowed = ("ASSESSMENT",) if period.kind == "YEAR" else ("RUNNING", "ASSESSMENT")
        if skp.cycle_state not in allowed:
            errors.add("periodId", "WRONG_CYCLE_STATE", state=skp.cycle_state,
                       allowed=", ".join(allowed))
        elif period.kind != "YEAR" and self.access.today < period.ends_on:
            errors.add("periodId", "PERIOD_NOT_ENDED", date=period.ends_on.isoformat())
        if existing is not None:
            state = effective_status(existing.status, existing.objection_deadline,
                                     self.access.today)
            if state != "RATED":
                errors.add(None, "RESULT_LOCKED", state=state)

    async def _values(self, errors: ErrorCollector, skp: Any, data: Rating,
                      content: dict) -> dict[str, Any]:
        hasil, source, org = data.rating_hasil, "RATER", None
        if await self.repo.unit_head(skp.unit_id) == skp.employee_id:
            org_row = await self.repo.org_result(skp.unit_id, data.period_id)
            if org_row is not None:
                org, source = org_row.result, "ORGANISATION"
                derived = rules.head_of_unit_rating(content, org)
                if hasil is not None and hasil != derived:
                    errors.add("ratingHasil", "HASIL_FROM_ORGANISATION", result=org,
                               rating=derived)
                hasil = derived
        if hasil is None:
            errors.add("ratingHasil", "REQUIRED")
        justification_hasil = _justification(errors, "justificationHasil", hasil,
                                             data.justification_hasil,
                                             source == "RATER" and hasil is not None)
        justification_perilaku = _justification(errors, "justificationPerilaku",
                                                data.rating_perilaku, data.justification_perilaku)
        if hasil is None:
            return {}
        return {"rating_hasil": hasil, "rating_perilaku": data.rating_perilaku,
                "justification_hasil": justification_hasil,
                "justification_perilaku": justification_perilaku,
                "hasil_source": source, "organisation_result": org,
                "predikat": rules.predikat_for(content, hasil, data.rating_perilaku)}

    async def calibrate(self, result_id: uuid.UUID, hasil: str | None, perilaku: str | None,
                        reason: str | None, version: int | None) -> uuid.UUID:
        row = await self.access.for_action(result_id, "calibrate")
        check_version(row, version)
        errors = ErrorCollector()
        if check_open(errors, row.cycle_state):
            if row.cycle_state != "CALIBRATION":
                errors.add(None, "WRONG_CYCLE_STATE", state=row.cycle_state,
                           allowed="CALIBRATION")
            state = effective_status(row.status, row.objection_deadline, self.access.today)
            if state != "RATED":
                errors.add(None, "RESULT_LOCKED", state=state)
        if hasil is None and perilaku is None:
            errors.add("ratingHasil", "REQUIRED")
        check_head_hasil(errors, row, hasil)
        text = check_reason(errors, reason)
        errors.raise_if_any()
        await change_ratings(self.access, row, hasil or row.rating_hasil,
                             perilaku or row.rating_perilaku, "CALIBRATION", text, {})
        return row.id


def check_head_hasil(errors: ErrorCollector, row: Any, hasil: str | None) -> None:
    """A head of unit's Rating Hasil Kerja comes from the unit's organisation result; neither
    calibration nor an objection decision may replace it with another value."""
    if row.hasil_source == "ORGANISATION" and hasil is not None and hasil != row.rating_hasil:
        errors.add("ratingHasil", "HASIL_FROM_ORGANISATION", result=row.organisation_result,
                   rating=row.rating_hasil)


async def change_ratings(access: ResultAccess, row: Any, hasil: str, perilaku: str, kind: str,
                         reason: str, extra: dict[str, Any]) -> bool:
    """Apply new ratings (predikat from the result's rule set) and keep the values before as a
    `result_change`; unchanged ratings write nothing unless `extra` has values. Audited."""
    content = (await access.repo.rule_set(row.rule_set_id)).content
    predikat = rules.predikat_for(content, hasil, perilaku)
    after = {"rating_hasil": hasil, "rating_perilaku": perilaku, "predikat": predikat}
    before = ratings_of(row)
    if after == before and not extra:
        return False
    if not await access.repo.update(row.id, row.version,
                                    {**after, **extra, "updated_at": utcnow()}):
        raise Conflict()
    access.session.add(ResultChange(
        tenant_id=access.tenant_id, result_id=row.id, kind=kind, hasil_before=row.rating_hasil,
        perilaku_before=row.rating_perilaku, predikat_before=row.predikat, hasil_after=hasil,
        perilaku_after=perilaku, predikat_after=predikat, reason=reason,
        actor_user_id=access.user_id))
    await access.session.flush()
    await access.audit(f"result.{kind.lower()}", "PerformanceResult", row.id,
                       {**before, "status": row.status, "version": row.version},
                       {**after, **extra, "reason": reason, "version": row.version + 1})
    return True
