"""The competency profile of one employee: current level per competency and its history."""

from __future__ import annotations

from typing import Any

from ..competencies.national import NATIONAL, NATIONAL_BY_CODE
from ..competencies.service import current_framework
from ..competencies.types import Competency
from .repository import AssessmentRepository
from .types import CompetencyAssessment, CompetencyProfileEntry


def _technical(framework: Any, code: str) -> dict[str, Any] | None:
    return next((c for c in framework.competencies if c["code"] == code), None) if framework \
        else None


async def profile_entries(session, employee_id) -> list[CompetencyProfileEntry]:
    """National competencies, then the current technical ones, then codes only old framework
    versions knew; each assessment named as in the version it used."""
    repo = AssessmentRepository(session)
    rows = await repo.for_employee(employee_id)
    frameworks = await repo.frameworks(sorted({r.framework_id for r in rows if r.framework_id}))
    current = await current_framework(session)
    by_code: dict[str, list[Any]] = {}
    for row in rows:
        by_code.setdefault(row.competency_code, []).append(row)
    codes = [c.code for c in NATIONAL] + [c["code"] for c in current.competencies]
    codes += sorted(set(by_code) - set(codes))
    entries = []
    for code in codes:
        history = []
        for row in by_code.get(code, []):
            framework = frameworks.get(row.framework_id)
            item = _technical(framework, code)
            name = NATIONAL_BY_CODE[code].name if code in NATIONAL_BY_CODE else (
                item["name"] if item else code)
            history.append(CompetencyAssessment.build(
                row, name, framework.version if framework else None))
        entries.append(_entry(code, current, frameworks, by_code.get(code, []), history))
    return entries


def _entry(code, current, frameworks, rows, history) -> CompetencyProfileEntry:
    if code in NATIONAL_BY_CODE:
        competency = Competency.national(NATIONAL_BY_CODE[code])
    else:  # as the current framework defines it, else as its latest assessment's version
        item = _technical(current, code) or next(
            (_technical(frameworks.get(r.framework_id), code) for r in rows
             if _technical(frameworks.get(r.framework_id), code)), None)
        competency = Competency.technical(item)
    accepted = next((i for i, r in enumerate(rows) if r.status == "ACCEPTED"), None)
    chosen = history[accepted] if accepted is not None else None
    return CompetencyProfileEntry(competency=competency,
                                  current_level=chosen.level if chosen else None,
                                  current=chosen, history=history)
