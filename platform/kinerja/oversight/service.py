"""What an overseer may see: the groups they oversee, and per member agency aggregates
computed in that agency's own session (its RLS setting, the app role, no role that reads
another agency's rows), with every small cell suppressed (oversight/suppression.py).

A group the user does not oversee, and any agency outside it, does not exist for them
(NOT_FOUND). Per agency the figures take a constant number of statements.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..authz.actor import Acting, Actor
from ..authz.vocabulary import Scope
from ..competencies.service import current_framework
from ..competency_assessments.bands import load_bands
from ..competency_assessments.gap_repository import MatrixRepository, visible_filter
from ..cycles.rules import PREDIKAT
from ..development.repository import DevelopmentRepository
from ..errors import BadRequest, NotFound
from ..skp.codes import SKP_STATUSES
from ..training.service import current_settings
from .aggregates_repository import AgencyAggregateRepository
from .repository import OversightRepository
from .suppression import suppress, total


@dataclass
class AgencyFigures:
    tenant_id: uuid.UUID
    slug: str
    name: str
    employees: int | None = None
    skps: dict[str, int | None] = field(default_factory=dict)
    period: Any = None  # (kind, number) of the latest period with results
    predikat: dict[str, int | None] = field(default_factory=dict)
    jp_employees: int | None = None
    jp_below: int | None = None
    bands: dict[str, int | None] = field(default_factory=dict)


class OversightService(Acting):
    def __init__(self, actor: Actor, db: Any, k: int):
        super().__init__(actor)
        self.repo = OversightRepository(actor.session)
        self.db = db
        self.k = k

    async def groups(self) -> list[tuple[Any, list[Any]]]:
        if self.user_id is None:
            return []
        groups = await self.repo.groups_of(self.user_id)
        members = await self.repo.members([g.id for g in groups])
        return [(g, [m for m in members if m.group_id == g.id]) for g in groups]

    async def report(self, group_id: uuid.UUID, year: int) -> tuple[Any, list[AgencyFigures]]:
        group = await self.repo.group(group_id)
        if group is None or self.user_id is None or not await self.repo.oversees(
                group_id, self.user_id):
            raise NotFound()
        figures = []
        for member in await self.repo.members([group_id]):
            figures.append(await self._agency(member, year))
        return group, figures

    async def _agency(self, member: Any, year: int) -> AgencyFigures:
        k, today = self.k, self.today
        out = AgencyFigures(member.id, member.slug, member.name)
        async with self.db.unit_of_work(tenant_id=member.id, write=False) as session:
            repo = AgencyAggregateRepository(session)
            out.employees = total(await repo.employees(), k)
            skps = await repo.skps_by_status(year)
            out.skps = suppress({s: skps.get(s, 0) for s in SKP_STATUSES}, k)
            period = await repo.latest_period(year)
            if period is not None:
                out.period = (period.kind, period.number)
                counts = await repo.predikat(period.id)
                out.predikat = suppress({p: counts.get(p, 0) for p in PREDIKAT}, k)
            minimum = (await current_settings(session)).content["minimum_jp"]
            listed, below = await DevelopmentRepository(session).compliance_counts(
                year, minimum, None, False, Scope.TENANT, None, today)  # type: ignore[arg-type]
            jp = suppress({"met": listed - below, "below": below}, k)
            out.jp_employees, out.jp_below = total(listed, k), jp["below"]
            framework = await current_framework(session)
            bands = (await load_bands(session)).bands
            matrix = MatrixRepository(session, visible_filter(Scope.TENANT, None,  # type: ignore
                                                              today))
            found = await matrix.band_counts(None, [c["code"] for c in framework.competencies],
                                             bands)
            out.bands = suppress({b["code"]: found.get(b["code"], 0) for b in bands}, k)
        return out


def year_bounds(year: int) -> None:
    if not 2000 <= year <= date.today().year + 1:
        raise BadRequest("INVALID_VALUE", detail="year")
