"""Technical framework versions and position standards: validation (every problem at once),
versioning, audit. Never commits; the GraphQL view does."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..audit.recorder import record
from ..authz.actor import Acting
from ..errors import ErrorCollector, NotFound
from ..kit.fields import check_version, clean_text
from ..kit.writes import insert_or_conflict
from ..models import TechnicalFramework
from .national import LEVELS, NATIONAL_BY_CODE
from .repository import FrameworkRepository, StandardRepository
from .standards import default_requirements

MAX_CODE, MAX_NAME, MAX_TEXT = 20, 200, 2000
MAX_COMPETENCIES = 200


@dataclass(frozen=True)
class CurrentFramework:
    """A stored version, or the empty framework as version 0 (id None) before the first save."""

    id: uuid.UUID | None
    version: int
    competencies: list[dict[str, Any]]
    created_at: datetime | None = None


@dataclass
class TechnicalCompetencyData:
    code: str
    name: str
    description: str
    levels: list[str]


@dataclass(frozen=True)
class Requirement:
    code: str
    level: int
    overridden: bool


async def current_framework(session) -> CurrentFramework:
    row = await FrameworkRepository(session).latest()
    if row is None:
        return CurrentFramework(None, 0, [])
    return CurrentFramework(row.id, row.version, row.competencies, row.created_at)


async def position_requirements(session, position_level: str,
                                position_id: uuid.UUID) -> list[Requirement]:
    """National competencies (default or overridden) then overridden technical ones of the
    current framework; overrides of codes a newer framework dropped are not shown."""
    overrides = await StandardRepository(session).overrides(position_id)
    out = [Requirement(code, overrides.get(code, level), code in overrides)
           for code, level in default_requirements(position_level).items()]
    framework = await current_framework(session)
    out += [Requirement(c["code"], overrides[c["code"]], True)
            for c in framework.competencies if c["code"] in overrides]
    return out


def check_framework(items: list[TechnicalCompetencyData]) -> list[dict[str, Any]]:
    """The stored form of a technical framework; every problem reported at once."""
    errors = ErrorCollector()
    if len(items) > MAX_COMPETENCIES:
        errors.add("competencies", "OUT_OF_RANGE", min=0, max=MAX_COMPETENCIES)
    seen: set[str] = set()
    out = []
    for index, item in enumerate(items):
        path = f"competencies[{index}]"
        code = (clean_text(errors, f"{path}.code", item.code, MAX_CODE, required=True,
                           fold=False) or "").upper()
        if code in NATIONAL_BY_CODE or code in seen:
            errors.add(f"{path}.code", "DUPLICATE", detail=code)
        seen.add(code)
        name = clean_text(errors, f"{path}.name", item.name, MAX_NAME, required=True, fold=False)
        description = clean_text(errors, f"{path}.description", item.description, MAX_TEXT,
                                 required=True, fold=False)
        if len(item.levels) != len(LEVELS):
            errors.add(f"{path}.levels", "LEVEL_COUNT", count=len(LEVELS))
        levels = [clean_text(errors, f"{path}.levels[{i}]", text, MAX_TEXT, required=True,
                             fold=False)
                  for i, text in enumerate(item.levels)]
        out.append({"code": code, "name": name, "description": description, "levels": levels})
    errors.raise_if_any()
    return out


class CompetencyService(Acting):
    async def save_framework(self, items: list[TechnicalCompetencyData],
                             expected: int | None) -> CurrentFramework:
        """Insert the next version; unchanged content writes nothing (and keeps the version)."""
        current = await current_framework(self.session)
        check_version(current, expected)
        competencies = check_framework(items)
        if current.id is not None and competencies == current.competencies:
            return current
        row = TechnicalFramework(tenant_id=self.tenant_id, version=current.version + 1,
                                 competencies=competencies, created_by=self.user_id)
        await insert_or_conflict(self.session, row)
        await record(self.session, tenant_id=self.tenant_id, actor_user_id=self.user_id,
                     action="technical_framework.save", object_type="TechnicalFramework",
                     object_id=row.id,
                     before={"version": current.version, "competencies": current.competencies},
                     after={"version": row.version, "competencies": competencies})
        return CurrentFramework(row.id, row.version, competencies, row.created_at)

    async def set_standard(self, position_id: uuid.UUID,
                           requirements: list[tuple[str, int | None]]) -> uuid.UUID:
        """Set (level) or remove (None: back to the default) overrides, per competency."""
        repo = StandardRepository(self.session)
        if await repo.position(position_id) is None:
            raise NotFound()
        framework = await current_framework(self.session)
        known = set(NATIONAL_BY_CODE) | {c["code"] for c in framework.competencies}
        errors = ErrorCollector()
        seen: set[str] = set()
        for index, (code, level) in enumerate(requirements):
            path = f"requirements[{index}]"
            if code not in known:
                errors.add(f"{path}.competencyCode", "UNKNOWN_REFERENCE")
            elif code in seen:
                errors.add(f"{path}.competencyCode", "DUPLICATE", detail=code)
            seen.add(code)
            if level is not None and level not in LEVELS:
                errors.add(f"{path}.level", "OUT_OF_RANGE", min=LEVELS[0], max=LEVELS[-1])
        errors.raise_if_any()
        before = await repo.overrides(position_id)
        for code, level in requirements:
            if level is not None and before.get(code) != level:
                await repo.upsert(self.tenant_id, position_id, code, level, self.user_id)
        removed = [code for code, level in requirements if level is None and code in before]
        if removed:
            await repo.remove(position_id, removed)
        after = {**before, **{c: lv for c, lv in requirements if lv is not None}}
        for code in removed:
            after.pop(code)
        if after != before:
            await record(self.session, tenant_id=self.tenant_id, actor_user_id=self.user_id,
                         action="position_standard.set", object_type="Position",
                         object_id=position_id, before={"overrides": before},
                         after={"overrides": after})
        return position_id
