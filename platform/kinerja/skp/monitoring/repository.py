"""Realisation, evidence and feedback rows; every read is batched over many SKPs/realisations.

ORM statements on tenant tables only (tenant filter + RLS): another agency's IDs find nothing.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from typing import Any

import sqlalchemy as sa

from ...authz.vocabulary import Scope
from ...kit.compiled import PERIOD, TENANT, batch_read
from ...kit.repository import Repository
from ...models import (
    Employee,
    Evidence,
    FeedbackEntry,
    Indicator,
    Period,
    Realisation,
    Skp,
    StoredFile,
    User,
    WorkResult,
)
from ..repository import SkpRepository

REALISATION_COLUMNS = (Realisation.id, Realisation.skp_id, Realisation.indicator_id,
                       Realisation.period_id, Realisation.value, Realisation.narrative,
                       Realisation.version, Realisation.recorded_by, Realisation.created_at,
                       Realisation.updated_at)
EVIDENCE_COLUMNS = (Evidence.id, Evidence.realisation_id, Evidence.position, Evidence.url,
                    Evidence.title, Evidence.file_id, StoredFile.filename,
                    StoredFile.content_type, StoredFile.size, StoredFile.sha256,
                    StoredFile.created_at.label("file_created_at"))
FEEDBACK_COLUMNS = (FeedbackEntry.id, FeedbackEntry.skp_id, FeedbackEntry.thread_id,
                    FeedbackEntry.realisation_id, FeedbackEntry.value,
                    FeedbackEntry.author_user_id, FeedbackEntry.text, FeedbackEntry.created_at,
                    User.display_name.label("author_name"))


def _grouped(rows: list[Any], key: str) -> dict[uuid.UUID, list[Any]]:
    out: dict[uuid.UUID, list[Any]] = defaultdict(list)
    for row in rows:
        out[getattr(row, key)].append(row)
    return out


def _realisations() -> sa.Select:
    return (sa.select(*REALISATION_COLUMNS, User.display_name.label("recorded_by_name"))
            .outerjoin(User, User.id == Realisation.recorded_by)
            .order_by(Realisation.skp_id, Realisation.period_id, Realisation.id))


REALISATIONS_OF_SKPS = batch_read(_realisations().where(Realisation.tenant_id == TENANT),
                                  Realisation.skp_id)
REALISATIONS_OF_SKPS_IN_PERIOD = batch_read(
    _realisations().where(Realisation.tenant_id == TENANT, Realisation.period_id == PERIOD),
    Realisation.skp_id)


class MonitoringRepository(Repository):
    # --- realisations -----------------------------------------------------------------------
    async def indicator(self, indicator_id: uuid.UUID) -> sa.Row | None:
        """An indicator with its SKP (to check access) and its target."""
        stmt = (sa.select(Indicator.id, Indicator.text, Indicator.target_value,
                          WorkResult.skp_id)
                .join(WorkResult, sa.and_(WorkResult.tenant_id == Indicator.tenant_id,
                                          WorkResult.id == Indicator.work_result_id))
                .where(Indicator.id == indicator_id))
        return await self.first(stmt)

    async def period(self, period_id: uuid.UUID) -> sa.Row | None:
        return await self.first(sa.select(Period.id, Period.cycle_id)
                                .where(Period.id == period_id))

    async def realisation_at(self, indicator_id: uuid.UUID,
                             period_id: uuid.UUID) -> sa.Row | None:
        return await self.first(sa.select(*REALISATION_COLUMNS).where(
            Realisation.indicator_id == indicator_id, Realisation.period_id == period_id))

    async def realisations(self, skp_ids: list[uuid.UUID] | None = None,
                           ids: list[uuid.UUID] | None = None,
                           period_id: uuid.UUID | None = None) -> list[sa.Row]:
        """By SKP, optionally of one period (the lists: hot reads, kit/compiled.py), or by
        realisation id."""
        if ids is None and skp_ids is not None and period_id is not None:
            return await REALISATIONS_OF_SKPS_IN_PERIOD.rows(self.session, ids=skp_ids,
                                                             period_id=period_id)
        if ids is None and skp_ids is not None:
            return await REALISATIONS_OF_SKPS.rows(self.session, ids=skp_ids)
        stmt = _realisations().where(Realisation.id.in_(ids or []))
        if skp_ids is not None:
            stmt = stmt.where(Realisation.skp_id.in_(skp_ids))
        return await self.all(stmt)

    async def evidence(self, realisation_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[sa.Row]]:
        if not realisation_ids:
            return {}
        stmt = (sa.select(*EVIDENCE_COLUMNS)
                .outerjoin(StoredFile, sa.and_(StoredFile.tenant_id == Evidence.tenant_id,
                                               StoredFile.id == Evidence.file_id))
                .where(Evidence.realisation_id.in_(realisation_ids))
                .order_by(Evidence.realisation_id, Evidence.position))
        return _grouped(await self.all(stmt), "realisation_id")

    async def update_realisation(self, realisation_id: uuid.UUID, expected: int,
                                 values: dict[str, Any]) -> bool:
        return await self.bump_version(Realisation, realisation_id, expected, values) == 1

    async def replace_evidence(self, tenant_id: uuid.UUID, realisation_id: uuid.UUID,
                               items: list[dict[str, Any]], new: bool = False) -> None:
        if not new:
            await self.session.execute(sa.delete(Evidence)
                                       .where(Evidence.realisation_id == realisation_id))
        self.session.add_all([Evidence(tenant_id=tenant_id, realisation_id=realisation_id,
                                       position=i, **item) for i, item in enumerate(items)])
        await self.session.flush()

    async def readable_evidence_file(self, file_id: uuid.UUID, scope: Scope | None,
                                     user_id: uuid.UUID) -> bool | None:
        """None: no evidence uses the file; else whether an SKP holding it is readable."""
        base = (sa.select(Skp.id)
                .join(Employee, sa.and_(Employee.tenant_id == Skp.tenant_id,
                                        Employee.id == Skp.employee_id))
                .join(Realisation, sa.and_(Realisation.tenant_id == Skp.tenant_id,
                                           Realisation.skp_id == Skp.id))
                .join(Evidence, sa.and_(Evidence.tenant_id == Realisation.tenant_id,
                                        Evidence.realisation_id == Realisation.id))
                .where(Evidence.file_id == file_id))
        if await self.first(base.limit(1)) is None:
            return None
        if scope is None:
            return False
        stmt = SkpRepository(self.session).visible(base, scope, user_id)
        return await self.first(stmt.limit(1)) is not None

    # --- feedback ---------------------------------------------------------------------------
    async def feedback(self, skp_ids: list[uuid.UUID] | None = None,
                       thread_ids: list[uuid.UUID] | None = None) -> list[sa.Row]:
        """Entries (threads and replies) oldest first, with the author's name and the SKP
        owner's user id (to mark the employee's own replies)."""
        stmt = (sa.select(*FEEDBACK_COLUMNS, Employee.user_id.label("owner_user_id"))
                .join(Skp, sa.and_(Skp.tenant_id == FeedbackEntry.tenant_id,
                                   Skp.id == FeedbackEntry.skp_id))
                .join(Employee, sa.and_(Employee.tenant_id == Skp.tenant_id,
                                        Employee.id == Skp.employee_id))
                .outerjoin(User, User.id == FeedbackEntry.author_user_id))
        if skp_ids is not None:
            stmt = stmt.where(FeedbackEntry.skp_id.in_(skp_ids))
        if thread_ids is not None:
            stmt = stmt.where(sa.or_(FeedbackEntry.id.in_(thread_ids),
                                     FeedbackEntry.thread_id.in_(thread_ids)))
        return await self.all(stmt.order_by(FeedbackEntry.created_at, FeedbackEntry.id))

    async def thread(self, thread_id: uuid.UUID) -> sa.Row | None:
        return await self.first(sa.select(FeedbackEntry.id, FeedbackEntry.skp_id)
                                .where(FeedbackEntry.id == thread_id,
                                       FeedbackEntry.thread_id.is_(None)))

    async def realisation_skp(self, realisation_id: uuid.UUID) -> uuid.UUID | None:
        return await self.scalar(sa.select(Realisation.skp_id)
                                 .where(Realisation.id == realisation_id))
