"""Development plan items: propose (from the catalog, free-form, or an accepted suggestion),
approve, start, complete (with evidence), cancel. Every change audited; optimistic versions;
asking for the status an item already has changes nothing. Never commits."""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy.exc import IntegrityError

from ..audit.recorder import record
from ..authz.actor import Actor
from ..errors import Conflict, ErrorCollector, NotFound
from ..files.attachments import attachable, mark_attached
from ..kit.fields import UNRESOLVABLE, check_version, clean_text
from ..models import DevelopmentItem
from ..models.base import utcnow
from ..training import settings as rules
from ..training.repository import CatalogRepository
from ..training.service import competency_names, current_settings
from .access import DevelopmentAccess
from .repository import DevelopmentRepository
from .suggestions import OPEN, suggestions_for

MAX_ITEMS, MAX_TITLE, MAX_URL = 50, 300, 1000
YEARS = (2000, 2100)
TRANSITIONS = {"PROPOSED": ("APPROVED", "CANCELLED"), "APPROVED": ("IN_PROGRESS", "CANCELLED"),
               "IN_PROGRESS": ("COMPLETED", "CANCELLED")}


@dataclass
class ItemData:
    activity_id: uuid.UUID | None = None
    title: str | None = None
    kind: str | None = None
    competency_code: str | None = None
    duration: rules.Duration = field(default_factory=rules.Duration)
    international: bool = False


@dataclass(frozen=True)
class Changed:
    """What a mutation changed: the plan (employee, year) and the item."""

    employee_id: uuid.UUID
    year: int
    item_id: uuid.UUID


def check_year(errors: ErrorCollector, year: int) -> None:
    if not YEARS[0] <= year <= YEARS[1]:
        errors.add("year", "OUT_OF_RANGE", min=YEARS[0], max=YEARS[1])


class DevelopmentService:
    def __init__(self, actor: Actor):
        self.access = DevelopmentAccess(actor)
        self.session = actor.session
        self.repo = DevelopmentRepository(actor.session)

    async def propose(self, employee_id: uuid.UUID, year: int, data: ItemData,
                      reasons: list[dict[str, Any]] | None = None) -> Changed:
        employee = await self.access.for_write(employee_id)
        errors = ErrorCollector()
        check_year(errors, year)
        if not employee.active:  # someone who left gets no new plan items
            errors.add("employeeId", "INACTIVE_REFERENCE")
        errors.raise_if_any()
        plan = await self.repo.plan(employee_id, year)
        items = [i for i in (await self.repo.items(plan.id) if plan else []) if i.status in OPEN]
        values = await self._item_values(errors, data, items)
        if len(items) >= MAX_ITEMS:
            errors.add(None, "TOO_MANY_ROWS", max=MAX_ITEMS)
        errors.raise_if_any()
        plan_id = plan.id if plan else await self._new_plan(employee_id, year)
        row = DevelopmentItem(tenant_id=self.access.tenant_id, plan_id=plan_id,
                              reasons=reasons or [], proposed_by=self.access.user_id, **values)
        self.session.add(row)
        await self.session.flush()
        await self._audit("development_item.propose", row.id, None,
                          {**values, "status": "PROPOSED", "reasons": reasons or [],
                           "employee_id": employee_id, "year": year, "version": 1})
        return Changed(employee_id, year, row.id)

    async def accept(self, employee_id: uuid.UUID, year: int, key: str,
                     planned_jp: float | None) -> Changed:
        """Add a current suggestion (by its key) as PROPOSED, keeping its reasons."""
        await self.access.for_write(employee_id)
        found = {s.key: s for s in await suggestions_for(
            self.session, self.access.tenant_id, employee_id, year)}.get(key)
        if found is None:
            raise_code("key", "UNKNOWN_REFERENCE")
        if found.activity is not None:
            data = ItemData(activity_id=found.activity.id, competency_code=found.competency_code)
        else:
            names = await competency_names(self.session)
            data = ItemData(title=f"Pengembangan {names.get(found.competency_code, '')}".strip(),
                            competency_code=found.competency_code,
                            duration=rules.Duration(jp=planned_jp))
        return await self.propose(employee_id, year, data, [r.as_dict() for r in found.reasons])

    async def _new_plan(self, employee_id: uuid.UUID, year: int) -> uuid.UUID:
        try:
            async with self.session.begin_nested():
                return await self.repo.create_plan(self.access.tenant_id, employee_id, year,
                                                   self.access.user_id)
        except IntegrityError as exc:  # a concurrent request created it first
            raise Conflict() from exc

    async def _item_values(self, errors: ErrorCollector, data: ItemData,
                           items: list[Any]) -> dict[str, Any]:
        known = await competency_names(self.session)
        code = (data.competency_code or "").strip().upper() or None
        if data.activity_id is not None:
            return await self._from_catalog(errors, data, code, items)
        title = clean_text(errors, "title", data.title, MAX_TITLE, required=True)
        if code is None:
            errors.add("competencyCode", "REQUIRED")
        elif code not in known:
            errors.add("competencyCode", "UNKNOWN_REFERENCE", detail=code)
        jp = None
        if rules.check_duration(errors, data.duration):
            content = (await current_settings(self.session)).content
            jp = rules.convert(content, data.kind, data.international, data.duration)
            if jp is None:
                errors.add("durationDays", "NO_CONVERSION_RULE", kind=data.kind or "-")
        return {"activity_id": None, "title": title, "kind": data.kind, "competency_code": code,
                "planned_jp": jp}

    async def _from_catalog(self, errors: ErrorCollector, data: ItemData, code: str | None,
                            items: list[Any]) -> dict[str, Any]:
        repo = CatalogRepository(self.session)
        activity = None
        if data.activity_id != UNRESOLVABLE:
            activity = (await repo.by_ids([data.activity_id])).get(data.activity_id)
        if activity is None:
            errors.add("activityId", "UNKNOWN_REFERENCE")
            return {}
        if not activity.active:
            errors.add("activityId", "INACTIVE_REFERENCE")
        if any(i.activity_id == activity.id for i in items):
            errors.add("activityId", "DUPLICATE", detail=activity.title)
        extra = [name for name, value in (("title", data.title), ("kind", data.kind),
                                          ("jp", data.duration.jp),
                                          ("durationDays", data.duration.days),
                                          ("durationHours", data.duration.hours))
                 if value is not None]
        for name in extra:
            errors.add(name, "INVALID_VALUE", detail="activityId")
        addressed = (await repo.competencies([activity.id]))[activity.id]
        if code is not None and code not in addressed:
            errors.add("competencyCode", "NOT_ADDRESSED", detail=", ".join(addressed))
        return {"activity_id": activity.id, "title": activity.title, "kind": activity.kind,
                "competency_code": code or addressed[0], "planned_jp": activity.jp}

    async def move(self, item_id: uuid.UUID, target: str, expected: int | None,
                   actual_jp: float | None = None, evidence_url: str | None = None,
                   approving: bool = False, evidence_file_id: uuid.UUID | None = None
                   ) -> Changed:
        """`approving`: the approve mutation (only to APPROVED); else start/complete/cancel."""
        row = await self.repo.item(item_id)
        if row is None:
            raise NotFound()
        if approving:
            await self.access.for_approve(row.employee_id)
        else:
            await self.access.for_write(row.employee_id)
        changed = Changed(row.employee_id, row.year, row.id)
        if target == "PROPOSED" or (target == "APPROVED") != approving:
            raise_code("status", "INVALID_TRANSITION", state=row.status, target=target)
        if row.status == target:
            return changed
        check_version(row, expected)
        errors = ErrorCollector()
        if target not in TRANSITIONS.get(row.status, ()):
            errors.add("status", "INVALID_TRANSITION", state=row.status, target=target)
        values: dict[str, Any] = {"status": target, "updated_at": utcnow()}
        if target == "APPROVED":
            values |= {"approved_by": self.access.user_id, "approved_at": values["updated_at"]}
        if target == "COMPLETED":
            values |= await self._completion(errors, row, actual_jp, evidence_url,
                                             evidence_file_id)
        else:
            for name, value in (("actualJp", actual_jp), ("evidenceUrl", evidence_url),
                                ("evidenceFileId", evidence_file_id)):
                if value is not None:
                    errors.add(name, "INVALID_VALUE", detail="COMPLETED")
        errors.raise_if_any()
        if not await self.repo.update_item(row.id, row.version, values):
            raise Conflict()
        await mark_attached(self.session, [values.get("evidence_file_id")])
        before = {"status": row.status, "version": row.version}
        after = {k: v for k, v in values.items() if k not in ("updated_at",)}
        await self._audit(f"development_item.{target.lower()}", row.id, before,
                          {**after, "version": row.version + 1})
        return changed

    async def _completion(self, errors: ErrorCollector, row: Any, actual_jp: float | None,
                          evidence_url: str | None,
                          file_id: uuid.UUID | None) -> dict[str, Any]:
        """Completion needs evidence: a certificate link, an uploaded certificate, or both.
        The file must be the caller's own unused upload (or the one already on the item)."""
        url = (evidence_url or "").strip() or None
        if url is None and file_id is None:
            errors.add("evidenceUrl", "EVIDENCE_REQUIRED")
        elif file_id is not None and file_id not in await attachable(
                self.access.actor, [file_id], [row.evidence_file_id]):
            errors.add("evidenceFileId", "UNKNOWN_REFERENCE")
        if url is not None and len(url) > MAX_URL:
            errors.add("evidenceUrl", "TOO_LONG", max=MAX_URL)
        elif url is not None:
            parts = urlsplit(url)
            if parts.scheme.lower() not in ("http", "https") or not parts.netloc or " " in url:
                errors.add("evidenceUrl", "INVALID_URL")
        jp = row.planned_jp if actual_jp is None else actual_jp
        if not math.isfinite(jp) or not 0.25 <= jp <= rules.MAX_JP:
            errors.add("actualJp", "OUT_OF_RANGE", min=0.25, max=rules.MAX_JP)
        return {"actual_jp": round(jp, 2), "evidence_url": url, "evidence_file_id": file_id,
                "completed_at": utcnow()}

    async def _audit(self, action: str, item_id: uuid.UUID, before: dict | None,
                     after: dict) -> None:
        await record(self.session, tenant_id=self.access.tenant_id,
                     actor_user_id=self.access.user_id, action=action,
                     object_type="DevelopmentItem", object_id=item_id, before=before,
                     after=after)


def raise_code(field_name: str, code: str, **params: Any) -> None:
    errors = ErrorCollector()
    errors.add(field_name, code, **params)
    errors.raise_if_any()
