"""Suggestions for one employee and year: gather the inputs (signals, catalog, settings, the
plan so far) and run the pure engine."""

from __future__ import annotations

import uuid

from ..training.repository import CatalogRepository
from ..training.service import current_settings
from . import providers, signals
from .repository import DevelopmentRepository
from .suggest import CatalogEntry, Suggestion, suggest

OPEN = ("PROPOSED", "APPROVED", "IN_PROGRESS", "COMPLETED")  # not CANCELLED

# Where suggestions come from, in the order they are asked (development/signals.py merges them).
GAP_PROVIDERS = (providers.competency_gaps,)
PERFORMANCE_PROVIDERS = (providers.performance,)


async def suggestions_for(session, tenant_id: uuid.UUID, employee_id: uuid.UUID,
                          year: int) -> list[Suggestion]:
    gaps, signal = await signals.gather(
        signals.SignalRequest(session, tenant_id, employee_id, year), GAP_PROVIDERS,
        PERFORMANCE_PROVIDERS)
    settings = (await current_settings(session)).content
    catalog_repo = CatalogRepository(session)
    rows = await catalog_repo.all_active()
    codes = await catalog_repo.competencies([r.id for r in rows])
    catalog = [CatalogEntry(r.id, r.title, tuple(codes[r.id]), r.jp, r.active) for r in rows]
    repo = DevelopmentRepository(session)
    plan = await repo.plan(employee_id, year)
    items = [i for i in (await repo.items(plan.id) if plan else []) if i.status in OPEN]
    return suggest(gaps, signal, catalog, settings,
                   planned_activity_ids={i.activity_id for i in items if i.activity_id},
                   planned_competencies={i.competency_code for i in items})
