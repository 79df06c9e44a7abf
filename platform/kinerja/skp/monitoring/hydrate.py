"""Fill `Skp.realisations` and `Skp.feedback` for many SKPs: one statement per level."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from ...errors import NotFound
from ...graphql.relay import from_global_id
from ...kit.selection import Selection
from .repository import MonitoringRepository
from .types import EvidenceType, FeedbackThread, RealisationType, threads_from_rows

if TYPE_CHECKING:
    from ...graphql.context import Context


async def realisations(repo: MonitoringRepository, rows: list[Any],
                       sel: Selection) -> list[RealisationType]:
    items = [RealisationType.from_row(r) for r in rows]
    if "evidence" in sel and items:
        found = await repo.evidence([i.raw_id for i in items])
        for item in items:
            item.evidence = [EvidenceType.from_row(e) for e in found.get(item.raw_id, [])]
    return items


def _one_period(sel: Selection) -> uuid.UUID | None:
    """The period every `realisations(periodId:)` of the request asks for, so only its rows
    are read; None loads every period (the field itself filters, and reports a bad ID)."""
    value = sel.only_argument("periodId")
    if not isinstance(value, str):
        return None
    try:
        return from_global_id(value, "Period")[1]
    except NotFound:
        return None


async def hydrate_monitoring(ctx: Context, nodes: list[Any], sel: Selection) -> None:
    repo = MonitoringRepository(ctx.session)
    ids = [n.raw_id for n in nodes]
    if "realisations" in sel:
        period_id = _one_period(sel["realisations"])
        items = await realisations(repo, await repo.realisations(skp_ids=ids,
                                                                 period_id=period_id),
                                   sel["realisations"])
        by_skp: dict[uuid.UUID, list[RealisationType]] = {n.raw_id: [] for n in nodes}
        for item in items:
            by_skp[item.raw_skp_id].append(item)
        for node in nodes:
            node.raw_realisations = by_skp[node.raw_id]
    if "feedback" in sel:
        threads = threads_from_rows(await repo.feedback(skp_ids=ids))
        for node in nodes:
            node.feedback = threads.get(node.raw_id, [])


async def load_realisation(ctx: Context, realisation_id: uuid.UUID,
                           sel: Selection) -> RealisationType:
    repo = MonitoringRepository(ctx.session)
    rows = await repo.realisations(ids=[realisation_id])
    if not rows:
        raise NotFound()
    return (await realisations(repo, rows, sel))[0]


async def load_thread(ctx: Context, thread_id: uuid.UUID) -> FeedbackThread:
    rows = await MonitoringRepository(ctx.session).feedback(thread_ids=[thread_id])
    threads = [t for items in threads_from_rows(rows).values() for t in items]
    if not threads:
        raise NotFound()
    return threads[0]
