"""Recording realisations (create or update one per indicator and period) with evidence.

Who: whoever may write the SKP (skp write: the employee at scope own; HR at tenant scope may
correct, audited under their name). When: the cycle is RUNNING or ASSESSMENT (CLOSED gives
CYCLE_CLOSED, other states WRONG_STATE) and the SKP is APPROVED (the agreed plan is what is
realised against). Saving identical content changes nothing (no version bump, no audit).
"""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy.exc import IntegrityError

from ...audit.recorder import record
from ...authz.actor import Actor
from ...errors import Conflict, ErrorCollector, NotFound
from ...files.attachments import attachable, mark_attached
from ...kit.fields import UNRESOLVABLE, clean_text
from ...models import Realisation
from ...models.base import utcnow
from ..access import SkpAccess
from .repository import MonitoringRepository

OPEN_STATES = ("RUNNING", "ASSESSMENT")
NARRATIVE_MAX, TITLE_MAX, URL_MAX, MAX_EVIDENCE = 4000, 200, 2000, 20


@dataclass
class EvidenceData:
    url: str | None = None
    title: str | None = None
    file_id: uuid.UUID | None = None


@dataclass
class RealisationData:
    indicator_id: uuid.UUID
    period_id: uuid.UUID
    value: float | None = None
    narrative: str | None = None
    evidence: list[EvidenceData] = field(default_factory=list)
    version: int | None = None


def valid_url(raw: str) -> bool:
    if len(raw) > URL_MAX or any(c.isspace() or ord(c) < 32 for c in raw):
        return False
    try:
        parts = urlsplit(raw)
        return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
    except ValueError:
        return False


def check_cycle_open(errors: ErrorCollector, state: str, allowed: tuple[str, ...]) -> None:
    if state == "CLOSED":
        errors.add(None, "CYCLE_CLOSED")
    elif state not in allowed:
        errors.add(None, "WRONG_STATE", state=state, allowed=" / ".join(allowed))


class RealisationService:
    def __init__(self, actor: Actor):
        self.access = SkpAccess(actor)
        self.repo = MonitoringRepository(actor.session)

    async def save(self, data: RealisationData) -> uuid.UUID:
        indicator = await self.repo.indicator(data.indicator_id)
        if indicator is None:
            raise NotFound()
        row = await self.access.for_write(indicator.skp_id)
        existing = await self.repo.realisation_at(indicator.id, data.period_id)
        expected = existing.version if existing else 0
        if data.version is not None and data.version != expected:
            raise Conflict()
        errors = ErrorCollector()
        check_cycle_open(errors, row.cycle_state, OPEN_STATES)
        if row.status != "APPROVED":
            errors.add(None, "SKP_NOT_APPROVED", state=row.status)
        period = (await self.repo.period(data.period_id)
                  if data.period_id != UNRESOLVABLE else None)
        if period is None or period.cycle_id != row.cycle_id:
            errors.add("periodId", "UNKNOWN_REFERENCE")
        content = self._content(errors, data, indicator)
        evidence = await self._evidence(errors, data.evidence, existing)
        errors.raise_if_any()
        before = await self._snapshot(existing) if existing else None
        after = {**content, "evidence": evidence}
        if before is not None and {k: before[k] for k in after} == after:
            return existing.id
        realisation_id = await self._write(row, indicator, data.period_id, existing, content)
        await self.repo.replace_evidence(self.access.tenant_id, realisation_id, evidence,
                                         new=existing is None)
        await mark_attached(self.access.session, [e["file_id"] for e in evidence])
        await record(self.access.session, tenant_id=self.access.tenant_id,
                     actor_user_id=self.access.user_id,
                     action="realisation.update" if existing else "realisation.create",
                     object_type="Realisation", object_id=realisation_id, before=before,
                     after={**after, "version": expected + 1, "skp_id": row.id,
                            "indicator_id": indicator.id, "period_id": data.period_id})
        return realisation_id

    @staticmethod
    def _content(errors: ErrorCollector, data: RealisationData, indicator) -> dict[str, Any]:
        narrative = clean_text(errors, "narrative", data.narrative, NARRATIVE_MAX, fold=False)
        value = data.value
        if value is not None:
            if indicator.target_value is None:
                errors.add("value", "VALUE_NOT_ALLOWED")
            elif not math.isfinite(value) or value < 0:
                errors.add("value", "OUT_OF_RANGE", min=0, max="∞")
        elif narrative is None:
            errors.add("value" if indicator.target_value is not None else "narrative",
                       "REALISATION_EMPTY")
        return {"value": value, "narrative": narrative}

    async def _evidence(self, errors: ErrorCollector, items: list[EvidenceData],
                        existing) -> list[dict[str, Any]]:
        if len(items) > MAX_EVIDENCE:
            errors.add("evidence", "TOO_MANY_ROWS", max=MAX_EVIDENCE)
            return []
        kept = set()
        if existing is not None:
            kept = {e.file_id for e in (await self.repo.evidence([existing.id])).get(
                existing.id, []) if e.file_id}
        allowed = await attachable(self.access.actor, [e.file_id for e in items], kept)
        out = []
        for i, item in enumerate(items):
            at = f"evidence.{i}"
            title = clean_text(errors, f"{at}.title", item.title, TITLE_MAX,
                               required=item.file_id is None, fold=False)
            url = (item.url or "").strip() or None
            if (url is None) == (item.file_id is None):
                errors.add(f"{at}.url", "EVIDENCE_CHOICE")
            elif url is not None and not valid_url(url):
                errors.add(f"{at}.url", "INVALID_URL")
            elif item.file_id is not None and item.file_id not in allowed:
                errors.add(f"{at}.fileId", "UNKNOWN_REFERENCE")
            out.append({"url": url, "title": title, "file_id": item.file_id})
        return out

    async def _snapshot(self, existing) -> dict[str, Any]:
        evidence = (await self.repo.evidence([existing.id])).get(existing.id, [])
        return {"value": existing.value, "narrative": existing.narrative,
                "version": existing.version,
                "evidence": [{"url": e.url, "title": e.title, "file_id": e.file_id}
                             for e in evidence]}

    async def _write(self, row, indicator, period_id, existing, content) -> uuid.UUID:
        if existing is None:
            realisation = Realisation(tenant_id=self.access.tenant_id, skp_id=row.id,
                                      indicator_id=indicator.id, period_id=period_id,
                                      recorded_by=self.access.user_id, **content)
            try:
                async with self.access.session.begin_nested():
                    self.access.session.add(realisation)
                    await self.access.session.flush()
            except IntegrityError as exc:  # recorded concurrently by someone else
                raise Conflict() from exc
            return realisation.id
        values = {**content, "recorded_by": self.access.user_id, "updated_at": utcnow()}
        if not await self.repo.update_realisation(existing.id, existing.version, values):
            raise Conflict()
        return existing.id
