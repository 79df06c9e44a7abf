"""Technical framework versions and position-standard overrides as plain rows (tenant-scoped
by the session, and by RLS on PostgreSQL: another agency's rows are never found)."""

from __future__ import annotations

import uuid

import sqlalchemy as sa

from ..kit.repository import Repository
from ..models import Position, PositionStandard, TechnicalFramework
from ..models.base import utcnow
from ..people.repository import POSITION_COLUMNS

FRAMEWORK_COLUMNS = (TechnicalFramework.id, TechnicalFramework.version,
                     TechnicalFramework.competencies, TechnicalFramework.created_at)


class FrameworkRepository(Repository):
    async def latest(self) -> sa.Row | None:
        stmt = sa.select(*FRAMEWORK_COLUMNS).order_by(TechnicalFramework.version.desc()).limit(1)
        return await self.first(stmt)

    async def versions(self) -> list[sa.Row]:
        return await self.all(sa.select(*FRAMEWORK_COLUMNS)
                              .order_by(TechnicalFramework.version.desc()))


class StandardRepository(Repository):
    async def position(self, position_id: uuid.UUID) -> sa.Row | None:
        return await self.first(sa.select(*POSITION_COLUMNS).where(Position.id == position_id))

    async def overrides(self, position_id: uuid.UUID) -> dict[str, int]:
        rows = await self.all(sa.select(PositionStandard.competency_code, PositionStandard.level)
                              .where(PositionStandard.position_id == position_id))
        return {r.competency_code: r.level for r in rows}

    async def upsert(self, tenant_id: uuid.UUID, position_id: uuid.UUID, code: str, level: int,
                     actor: uuid.UUID | None) -> None:
        changed = await self.session.execute(
            sa.update(PositionStandard)
            .where(PositionStandard.position_id == position_id,
                   PositionStandard.competency_code == code)
            .values(level=level, updated_by=actor, updated_at=utcnow()),
            execution_options={"synchronize_session": False})
        if changed.rowcount == 0:
            self.session.add(PositionStandard(tenant_id=tenant_id, position_id=position_id,
                                              competency_code=code, level=level,
                                              updated_by=actor))
            await self.session.flush()

    async def remove(self, position_id: uuid.UUID, codes: list[str]) -> None:
        await self.session.execute(
            sa.delete(PositionStandard).where(PositionStandard.position_id == position_id,
                                              PositionStandard.competency_code.in_(codes)),
            execution_options={"synchronize_session": False})
