"""Progress of a period: per unit (and the agency), or per person of one unit.

For the SKPs of the period's cycle the reader may read (the `skps` scope rule): SKPs by status,
the share of indicators with a realisation in the period, the mean achievement against numeric
targets (realised value / target, over indicators with a numeric target above 0 and a realised
value; 1.0 = on target), and the evidence attached to the period's realisations.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from ..authz.actor import Acting, Actor
from ..errors import NotFound
from .repository import AnalysisRepository, ProgressRepository


@dataclass
class Progress:
    unit_id: uuid.UUID | None = None
    employee_id: uuid.UUID | None = None
    employee_name: str | None = None
    skps: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    indicators: int = 0
    realised: int = 0
    ratio_sum: float = 0.0
    ratio_n: int = 0
    evidence: int = 0

    def add(self, row: Any, skps: int) -> None:
        self.skps += skps
        self.by_status[row.status] = self.by_status.get(row.status, 0) + skps
        self.indicators += int(row.indicators or 0)
        self.realised += int(row.realised or 0)
        self.ratio_sum += float(row.ratio_sum or 0.0)
        self.ratio_n += int(row.ratio_n or 0)
        self.evidence += int(row.evidence or 0)

    @property
    def realisation_share(self) -> float | None:
        return round(self.realised / self.indicators, 4) if self.indicators else None

    @property
    def achievement(self) -> float | None:
        return round(self.ratio_sum / self.ratio_n, 4) if self.ratio_n else None


class ProgressService(Acting):
    def __init__(self, actor: Actor):
        super().__init__(actor)
        self.repo = ProgressRepository(actor.session)

    async def _period(self, period_id: uuid.UUID) -> Any:
        found = await AnalysisRepository(self.session).periods([period_id])
        if not found:
            raise NotFound()
        return found[0]

    def _scope(self) -> Any:
        scope = self.permissions.scope("skp", "read")
        if scope is None:
            raise NotFound()
        return scope

    async def by_unit(self, period_id: uuid.UUID) -> list[Progress]:
        """The agency first, then each unit with SKPs."""
        period = await self._period(period_id)
        rows = await self.repo.by_unit(period_id, period.cycle_id, self._scope(), self.user_id)
        agency = Progress()
        units: dict[uuid.UUID, Progress] = defaultdict(Progress)
        for row in rows:
            agency.add(row, int(row.skps))
            units[row.unit_id].unit_id = row.unit_id
            units[row.unit_id].add(row, int(row.skps))
        return [agency, *sorted(units.values(), key=lambda p: str(p.unit_id))]

    async def by_person(self, period_id: uuid.UUID, unit_id: uuid.UUID) -> list[Progress]:
        period = await self._period(period_id)
        out = []
        for row in await self.repo.by_person(period_id, period.cycle_id, unit_id,
                                             self._scope(), self.user_id):
            person = Progress(unit_id=row.unit_id, employee_id=row.employee_id,
                              employee_name=row.employee_name)
            person.add(row, 1)
            out.append(person)
        return out
