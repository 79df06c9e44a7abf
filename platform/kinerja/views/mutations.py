"""View administration (`view write`): thin resolvers around ViewService."""

from __future__ import annotations

import strawberry

from ..graphql.context import Info
from ..graphql.payloads import answer
from ..graphql.permissions import Can
from ..roles.runtime import catalog_for
from .definition import ViewData
from .repository import ViewRepository
from .service import ViewService
from .types import (
    CreateViewError,
    CreateViewInput,
    CreateViewPayload,
    CustomViewType,
    DeleteViewError,
    DeleteViewPayload,
    UpdateViewError,
    UpdateViewInput,
    UpdateViewPayload,
)

WRITE = [Can("view", "write")]


def _service(ctx) -> ViewService:
    return ViewService(ctx.actor, catalog_for(ctx), ctx.services.documents.prepare)


def _data(source, columns) -> ViewData:
    return ViewData(
        title_id=source.title_id, title_en=source.title_en,
        description_id=source.description_id, description_en=source.description_en,
        document=source.document, defaults=source.defaults, roles=source.roles,
        rows_path=source.rows_path,
        columns=None if columns is None else [c.plain() for c in columns],
        clear_table=getattr(source, "clear_table", False))


async def _shown(ctx, view) -> dict:
    version = await ViewRepository(ctx.session).version(view.id, view.current_number)
    return {"view": CustomViewType.of(view, version, ctx.language)}


@strawberry.type
class ViewMutations:
    @strawberry.mutation(permission_classes=WRITE,
                         description="Define a view (version 1) for the roles you name.")
    async def create_view(self, info: Info, input: CreateViewInput) -> CreateViewPayload:
        ctx = info.context
        return await answer(ctx, lambda: _service(ctx).create(input.key,
                                                              _data(input, input.columns)),
                            CreateViewPayload, CreateViewError, lambda v: _shown(ctx, v))

    @strawberry.mutation(permission_classes=WRITE, description=(
        "Edit a view: a new version becomes current; older versions stay readable."))
    async def update_view(self, info: Info, input: UpdateViewInput) -> UpdateViewPayload:
        ctx = info.context
        return await answer(ctx, lambda: _service(ctx).update(
            input.key, input.version, _data(input, input.columns)),
            UpdateViewPayload, UpdateViewError, lambda v: _shown(ctx, v))

    @strawberry.mutation(permission_classes=WRITE,
                         description="Make an older (or newer) version the current one.")
    async def set_current_view_version(self, info: Info, key: str, number: int,
                                       version: int | None = None) -> UpdateViewPayload:
        ctx = info.context
        return await answer(ctx, lambda: _service(ctx).make_current(key, number, version),
                            UpdateViewPayload, UpdateViewError, lambda v: _shown(ctx, v))

    @strawberry.mutation(permission_classes=WRITE, description="Delete a view and its versions.")
    async def delete_view(self, info: Info, key: str) -> DeleteViewPayload:
        ctx = info.context
        return await answer(ctx, lambda: _service(ctx).delete(key), DeleteViewPayload,
                            DeleteViewError, lambda v: {"deleted_key": v.key})
