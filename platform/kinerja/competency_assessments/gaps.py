"""Gap analysis of one employee (PP 11/2017 Pasal 206): the standard of the current or the
target position against the current competency profile.

Decisions: a competency without an accepted assessment counts as actual 0; `gap` is actual
minus required (negative = below standard, positive = surplus, shown as it is); the JPM caps
each actual at its required level, JPM = sum(min(actual, required)) / sum(required) x 100, so a
surplus in one competency never hides a shortfall in another. No requirement -> no JPM.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from ..competencies.national import NATIONAL_BY_CODE
from ..competencies.repository import StandardRepository
from ..competencies.service import current_framework, position_requirements
from .bands import band_for, load_bands
from .repository import AssessmentRepository, GapRepository

POSITIONS = ("current", "target")


@dataclass(frozen=True)
class GapRow:
    code: str
    name: str
    group: str
    required: int
    actual: int
    gap: int  # actual - required


@dataclass(frozen=True)
class GapAnalysis:
    position: Any | None  # position row, None when the employee has none (or no target)
    rows: list[GapRow]
    actual_sum: int  # capped at each required level
    required_sum: int
    jpm: float | None
    band: dict[str, Any] | None


def jpm_value(actual: int, required: int) -> float | None:
    return round(100 * actual / required, 2) if required else None


def sort_key(row: GapRow) -> tuple:
    """Lowest actual-vs-required first (largest shortfall), then the code."""
    return (row.gap, row.code)


async def analyse(session, employee_id: uuid.UUID, position: str = "current") -> GapAnalysis:
    if position not in POSITIONS:
        raise ValueError(position)
    position_id = await GapRepository(session).position_id(employee_id, position)
    row = await StandardRepository(session).position(position_id) if position_id else None
    bands = (await load_bands(session)).bands
    if row is None:
        return GapAnalysis(None, [], 0, 0, None, None)
    requirements = await position_requirements(session, row.level, row.id)
    actual = await AssessmentRepository(session).current_levels(employee_id)
    technical = {c["code"]: c for c in (await current_framework(session)).competencies}
    rows = []
    for req in requirements:
        national = NATIONAL_BY_CODE.get(req.code)
        name, group = ((national.name, national.group) if national
                       else (technical[req.code]["name"], "TEKNIS"))
        level = actual.get(req.code, 0)
        rows.append(GapRow(req.code, name, group, req.level, level, level - req.level))
    capped = sum(min(r.actual, r.required) for r in rows)
    required = sum(r.required for r in rows)
    return GapAnalysis(row, rows, capped, required, jpm_value(capped, required),
                       band_for(bands, capped, required))


async def employee_gaps(session, employee_id: uuid.UUID,
                        position: str = "current") -> list[GapRow]:
    """For other domains (development plans): an employee's gaps against the current or target
    position's standard, the largest shortfall first. Empty without a position. The caller
    checks that the employee is visible."""
    return sorted((await analyse(session, employee_id, position)).rows, key=sort_key)
