"""Training settings versions and the catalog as plain rows (tenant-scoped by the session and,
on PostgreSQL, by RLS: another agency's rows are never found)."""

from __future__ import annotations

import uuid
from typing import Any

import sqlalchemy as sa

from ..kit.repository import Repository
from ..models import TrainingActivity, TrainingActivityCompetency, TrainingSettings

SETTINGS_COLUMNS = (TrainingSettings.id, TrainingSettings.version, TrainingSettings.content,
                    TrainingSettings.created_at)
ACTIVITY_COLUMNS = (TrainingActivity.id, TrainingActivity.title, TrainingActivity.form,
                    TrainingActivity.kind, TrainingActivity.jp_given,
                    TrainingActivity.duration_days, TrainingActivity.duration_hours,
                    TrainingActivity.jp, TrainingActivity.provider,
                    TrainingActivity.international, TrainingActivity.active,
                    TrainingActivity.version, TrainingActivity.created_at,
                    TrainingActivity.updated_at)


class SettingsRepository(Repository):
    async def latest(self) -> sa.Row | None:
        return await self.first(sa.select(*SETTINGS_COLUMNS)
                                .order_by(TrainingSettings.version.desc()).limit(1))

    async def versions(self) -> list[sa.Row]:
        return await self.all(sa.select(*SETTINGS_COLUMNS)
                              .order_by(TrainingSettings.version.desc()))


class CatalogRepository(Repository):
    def _filtered(self, stmt: sa.Select, competency: str | None, form: str | None,
                  active: bool | None) -> sa.Select:
        if competency is not None:
            stmt = stmt.where(TrainingActivity.id.in_(
                sa.select(TrainingActivityCompetency.activity_id)
                .where(TrainingActivityCompetency.competency_code == competency)))
        if form is not None:
            stmt = stmt.where(TrainingActivity.form == form)
        if active is not None:
            stmt = stmt.where(TrainingActivity.active.is_(active))
        return stmt

    async def page(self, competency: str | None, form: str | None, active: bool | None,
                   first: int, after: list[Any] | None) -> list[sa.Row]:
        stmt = self._filtered(sa.select(*ACTIVITY_COLUMNS), competency, form, active)
        if after is not None:
            title, last_id = after
            stmt = stmt.where(sa.or_(TrainingActivity.title > title,
                                     sa.and_(TrainingActivity.title == title,
                                             TrainingActivity.id > last_id)))
        return await self.all(stmt.order_by(TrainingActivity.title, TrainingActivity.id)
                              .limit(first + 1))

    async def count(self, competency: str | None, form: str | None, active: bool | None) -> int:
        stmt = self._filtered(sa.select(sa.func.count(TrainingActivity.id)), competency, form,
                              active)
        return int(await self.scalar(stmt) or 0)

    async def by_ids(self, ids: list[uuid.UUID]) -> dict[uuid.UUID, sa.Row]:
        if not ids:
            return {}
        rows = await self.all(sa.select(*ACTIVITY_COLUMNS).where(TrainingActivity.id.in_(ids)))
        return {r.id: r for r in rows}

    async def all_active(self) -> list[sa.Row]:
        return await self.all(sa.select(*ACTIVITY_COLUMNS)
                              .where(TrainingActivity.active.is_(True))
                              .order_by(TrainingActivity.title, TrainingActivity.id))

    async def competencies(self, ids: list[uuid.UUID]) -> dict[uuid.UUID, list[str]]:
        out: dict[uuid.UUID, list[str]] = {i: [] for i in ids}
        if not ids:
            return out
        rows = await self.all(sa.select(TrainingActivityCompetency.activity_id,
                                        TrainingActivityCompetency.competency_code)
                              .where(TrainingActivityCompetency.activity_id.in_(ids))
                              .order_by(TrainingActivityCompetency.activity_id,
                                        TrainingActivityCompetency.position))
        for row in rows:
            out[row.activity_id].append(row.competency_code)
        return out

    async def replace_competencies(self, tenant_id: uuid.UUID, activity_id: uuid.UUID,
                                   codes: list[str]) -> None:
        await self.session.execute(sa.delete(TrainingActivityCompetency).where(
            TrainingActivityCompetency.activity_id == activity_id))
        self.session.add_all([TrainingActivityCompetency(
            tenant_id=tenant_id, activity_id=activity_id, competency_code=code, position=i)
            for i, code in enumerate(codes)])
        await self.session.flush()

    async def update(self, activity_id: uuid.UUID, expected: int | None,
                     values: dict[str, Any]) -> bool:
        return await self.bump_version(TrainingActivity, activity_id, expected, values) == 1
