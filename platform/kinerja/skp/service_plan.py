"""Saving an SKP plan (all RHKs with their indicators, in one go) and the rater's behaviour
expectations (writable in every status; a change to an APPROVED SKP needs re-approval too).

`saveSkpPlan` replaces the plan: listed RHKs/indicators with an `id` are kept (and updated),
ones without are added, unlisted ones are removed, so IDs that other SKPs link to (cascade)
and, later, realisations stay stable. An RHK other SKPs link to cannot be removed. Saving an
identical plan changes nothing; a change to an APPROVED SKP moves it back to DRAFT.
"""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass, field
from typing import Any

from ..authz.actor import Actor
from ..errors import ErrorCollector
from ..kit.fields import UNRESOLVABLE, check_version, clean_text
from ..models import Indicator, WorkResult, uuid7
from .access import EDITABLE, SkpAccess, change_skp, check_open
from .codes import BERAKHLAK
from .repository import PlanRepository

TEXT_MAX, UNIT_MAX = 2000, 100
MAX_WORK_RESULTS, MAX_INDICATORS = 50, 20


@dataclass
class IndicatorData:
    id: uuid.UUID | None
    aspect: str
    text: str | None
    target_value: float | None = None
    target_unit: str | None = None
    target_text: str | None = None


@dataclass
class WorkResultData:
    id: uuid.UUID | None
    kind: str
    text: str | None
    parent_id: uuid.UUID | None = None
    indicators: list[IndicatorData] = field(default_factory=list)


class SkpPlanService:
    def __init__(self, actor: Actor):
        self.access = SkpAccess(actor)
        self.repo: PlanRepository = self.access.repo

    async def _editable(self, row: Any, version: int | None,
                        states: tuple[str, ...] = EDITABLE) -> None:
        check_version(row, version)
        errors = ErrorCollector()
        check_open(errors, row)
        if row.status not in states:
            errors.add(None, "SKP_NOT_EDITABLE", state=row.status)
        errors.raise_if_any()

    async def save_plan(self, skp_id: uuid.UUID, version: int | None,
                        plan: list[WorkResultData]) -> uuid.UUID:
        row = await self.access.for_write(skp_id)
        await self._editable(row, version)
        existing = (await self.repo.work_results([row.id]))[row.id]
        old_indicators = await self.repo.indicators([r.id for r in existing])
        cleaned = await self._validate(row, plan, existing, old_indicators)
        before = _snapshot(existing, old_indicators)
        if _comparable(cleaned) == _comparable(before):
            return row.id
        await self._write(row, cleaned, existing, old_indicators)
        await change_skp(self.access, row, status="DRAFT" if row.status == "APPROVED"
                         else row.status, action="skp.plan", before={"work_results": before},
                         after={"work_results": cleaned})
        return row.id

    async def _validate(self, row, plan, existing, old_indicators) -> list[dict[str, Any]]:
        errors = ErrorCollector()
        if len(plan) > MAX_WORK_RESULTS:
            errors.add("workResults", "TOO_MANY_ROWS", max=MAX_WORK_RESULTS)
            errors.raise_if_any()
        known = {r.id: r for r in existing}
        seen: set[uuid.UUID] = set()
        owners = await self.repo.owners([p.parent_id for p in plan
                                         if p.parent_id not in (None, UNRESOLVABLE)])
        cleaned = []
        for i, item in enumerate(plan):
            path = f"workResults.{i}"
            if item.id is not None and item.id not in known:
                errors.add(f"{path}.id", "UNKNOWN_REFERENCE")
            elif item.id is not None and item.id in seen:
                errors.add(f"{path}.id", "DUPLICATE", detail=str(i))
            seen.add(item.id)
            text = clean_text(errors, f"{path}.text", item.text, TEXT_MAX, required=True)
            if item.parent_id is not None:
                owner = owners.get(item.parent_id)
                if (owner is None or row.rater_id is None or owner.cycle_id != row.cycle_id
                        or owner.employee_id != row.rater_id):
                    errors.add(f"{path}.parentId", "INVALID_CASCADE")
            old_ids = {i.id for i in old_indicators.get(item.id, [])}
            cleaned.append({"id": item.id, "kind": item.kind, "text": text,
                            "parent_id": item.parent_id,
                            "indicators": self._indicators(errors, path, item, old_ids)})
        removed = [r.id for r in existing if r.id not in seen]
        for linked in await self.repo.linked_from_elsewhere(removed, row.id):
            errors.add("workResults", "WORK_RESULT_IN_USE", detail=known[linked].text)
        kept = {ind.id for item in plan for ind in item.indicators if ind.id is not None}
        dropped = {i.id: i for rows in old_indicators.values() for i in rows if i.id not in kept}
        for realised in await self.repo.realised(list(dropped)):  # realisations keep them
            errors.add("workResults", "INDICATOR_IN_USE", detail=dropped[realised].text)
        errors.raise_if_any()
        return cleaned

    @staticmethod
    def _indicators(errors, path, item, old_ids) -> list[dict[str, Any]]:
        if len(item.indicators) > MAX_INDICATORS:
            errors.add(f"{path}.indicators", "TOO_MANY_ROWS", max=MAX_INDICATORS)
            return []
        out, seen = [], set()
        for j, ind in enumerate(item.indicators):
            at = f"{path}.indicators.{j}"
            if ind.id is not None and (ind.id not in old_ids or ind.id in seen):
                errors.add(f"{at}.id", "UNKNOWN_REFERENCE")
            seen.add(ind.id)
            text = clean_text(errors, f"{at}.text", ind.text, TEXT_MAX, required=True)
            unit = clean_text(errors, f"{at}.targetUnit", ind.target_unit, UNIT_MAX)
            target = clean_text(errors, f"{at}.targetText", ind.target_text, TEXT_MAX)
            value = ind.target_value
            if (value is None) == (target is None):
                errors.add(f"{at}.targetValue", "TARGET_CHOICE")
            elif value is not None:
                if not math.isfinite(value) or value < 0:
                    errors.add(f"{at}.targetValue", "OUT_OF_RANGE", min=0, max="∞")
                if unit is None:
                    errors.add(f"{at}.targetUnit", "REQUIRED")
            elif unit is not None:
                errors.add(f"{at}.targetUnit", "INVALID_VALUE", detail="targetText")
            out.append({"id": ind.id, "aspect": ind.aspect, "text": text, "target_value": value,
                        "target_unit": unit if value is not None else None,
                        "target_text": target})
        return out

    async def _write(self, row, cleaned, existing, old_indicators) -> None:
        tenant_id = self.access.tenant_id
        kept = {c["id"] for c in cleaned if c["id"] is not None}
        await self.repo.delete_work_results([r.id for r in existing if r.id not in kept])
        updates: dict[uuid.UUID, dict[str, Any]] = {}
        ind_updates: dict[uuid.UUID, dict[str, Any]] = {}
        new_rows: list[Any] = []
        gone: list[uuid.UUID] = []
        for position, item in enumerate(cleaned):
            values = {"position": position, "kind": item["kind"], "text": item["text"],
                      "parent_id": item["parent_id"]}
            if item["id"] is None:
                result = WorkResult(id=uuid7(), tenant_id=tenant_id, skp_id=row.id, **values)
                new_rows.append(result)
                result_id = result.id
            else:
                updates[item["id"]] = values
                result_id = item["id"]
                listed = {i["id"] for i in item["indicators"]}
                gone += [i.id for i in old_indicators[result_id] if i.id not in listed]
            for j, ind in enumerate(item["indicators"]):
                data = {k: v for k, v in ind.items() if k != "id"}
                if ind["id"] is None:
                    new_rows.append(Indicator(tenant_id=tenant_id, work_result_id=result_id,
                                              position=j, **data))
                else:
                    ind_updates[ind["id"]] = {"position": j, **data}
        await self.repo.delete_indicators(gone)
        await self.repo.update_rows(WorkResult, updates)
        await self.repo.update_rows(Indicator, ind_updates)
        self.access.session.add_all([r for r in new_rows if isinstance(r, WorkResult)])
        await self.access.session.flush()
        self.access.session.add_all([r for r in new_rows if isinstance(r, Indicator)])
        await self.access.session.flush()

    async def set_expectations(self, skp_id: uuid.UUID, version: int | None,
                               items: list[tuple[str, str | None]]) -> uuid.UUID:
        row = await self.access.for_approve(skp_id)
        await self._editable(row, version, (*EDITABLE, "SUBMITTED"))
        errors = ErrorCollector()
        chosen: dict[str, str] = {}
        for i, (value, raw) in enumerate(items):
            if value in chosen:
                errors.add(f"expectations.{i}.value", "DUPLICATE", detail=value)
            text = clean_text(errors, f"expectations.{i}.text", raw, TEXT_MAX)
            if text is not None:
                chosen[value] = text
        errors.raise_if_any()
        current = {r.value: r.text for r in (await self.repo.expectations([row.id]))[row.id]}
        if current == chosen:
            return row.id
        ordered = [(v, chosen[v]) for v in BERAKHLAK if v in chosen]
        await self.repo.replace_expectations(self.access.tenant_id, row.id, ordered)
        await change_skp(self.access, row, status="DRAFT" if row.status == "APPROVED"
                         else row.status, action="skp.expectations",
                         before={"expectations": current}, after={"expectations": chosen})
        return row.id


def _snapshot(existing, old_indicators) -> list[dict[str, Any]]:
    return [{"id": r.id, "kind": r.kind, "text": r.text, "parent_id": r.parent_id,
             "indicators": [{"id": i.id, "aspect": i.aspect, "text": i.text,
                             "target_value": i.target_value, "target_unit": i.target_unit,
                             "target_text": i.target_text} for i in old_indicators[r.id]]}
            for r in existing]


def _comparable(plan: list[dict[str, Any]]) -> Any:
    """New rows (no id) never compare equal to stored ones."""
    return [(p["id"] or object(), p["kind"], p["text"], p["parent_id"],
             [(i["id"] or object(), i["aspect"], i["text"], i["target_value"], i["target_unit"],
               i["target_text"]) for i in p["indicators"]]) for p in plan]


