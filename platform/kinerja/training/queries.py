"""Root queries: the training settings in force, their versions, and the catalog."""

from __future__ import annotations

import uuid

import strawberry

from ..errors import NotFound
from ..graphql.context import Info
from ..graphql.enums import value_of
from ..graphql.permissions import Can
from ..graphql.relay import connection, encode_cursor, name_id_cursor, page_request
from ..kit.selection import root_selection
from .repository import CatalogRepository, SettingsRepository
from .service import current_settings
from .types import (
    ActivityForm,
    TrainingActivityConnection,
    TrainingActivityEdge,
    TrainingActivityNode,
    TrainingSettings,
)


async def load_activity(ctx, activity_id: uuid.UUID) -> TrainingActivityNode:
    """A catalog activity of the selected agency (else NOT_FOUND, also for other agencies')."""
    repo = CatalogRepository(ctx.session)
    row = (await repo.by_ids([activity_id])).get(activity_id)
    if row is None:
        raise NotFound()
    return TrainingActivityNode.from_row(row, (await repo.competencies([row.id]))[row.id])


@strawberry.type
class TrainingQueries:
    @strawberry.field(permission_classes=[Can("training", "read")],
                      description="The agency's training settings in force (the built-in "
                                  "defaults, as unsaved version 0, until HR saves some).")
    async def training_settings(self, info: Info) -> TrainingSettings:
        current = await current_settings(info.context.session)
        return TrainingSettings.build(current.id, current.version, current.content,
                                      current.created_at)

    @strawberry.field(permission_classes=[Can("training", "read")],
                      description="Every saved training-settings version, newest first.")
    async def training_settings_versions(self, info: Info) -> list[TrainingSettings]:
        rows = await SettingsRepository(info.context.session).versions()
        return [TrainingSettings.build(r.id, r.version, r.content, r.created_at) for r in rows]

    @strawberry.field(permission_classes=[Can("training", "read")],
                      description="The catalog of development activities, by title; filter by "
                                  "a competency code addressed, the form, or active.")
    async def training_activities(
            self, info: Info, first: int | None = None, after: str | None = None,
            competency_code: str | None = None,
            form: ActivityForm | None = None,  # type: ignore[valid-type]
            active: bool | None = None) -> TrainingActivityConnection:
        ctx = info.context
        limits = ctx.settings.limits
        page = page_request(first, after, default=limits.default_page_size,
                            maximum=limits.max_page_size, cursor_length=2)
        code = (competency_code or "").strip().upper()[:20] or None
        form_value = value_of(form)
        repo = CatalogRepository(ctx.session)
        rows = await repo.page(code, form_value, active, page.first, name_id_cursor(page.after))
        has_next = len(rows) > page.first
        rows = rows[: page.first]
        codes = await repo.competencies([r.id for r in rows])
        nodes = [TrainingActivityNode.from_row(r, codes[r.id]) for r in rows]
        cursors = [encode_cursor([r.title, str(r.id)]) for r in rows]
        total = (await repo.count(code, form_value, active)
                 if "totalCount" in root_selection(info) else None)
        return connection(TrainingActivityConnection, TrainingActivityEdge, nodes, cursors,
                          has_next, page.after is not None, total)
