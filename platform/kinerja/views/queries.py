"""View queries: the views you may run, one view (any version), and running one."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.scalars import JSON

from ..errors import BadRequest
from ..graphql.context import Info
from ..graphql.permissions import Member
from .repository import ViewRepository
from .runner import execute, may_run, note_run, runnable, table_rows, variables_for
from .types import CustomViewType, ViewRun, ViewRunError, column_types


@strawberry.type
class ViewQueries:
    @strawberry.field(permission_classes=[Member],
                      description="The views of the selected agency you may run, by key "
                                  "(view admins see every view).")
    async def views(self, info: Info) -> list[CustomViewType]:
        ctx = info.context
        pairs = await ViewRepository(ctx.session).current_versions()
        return [CustomViewType.of(view, version, ctx.language) for view, version in pairs
                if may_run(ctx, version)]

    @strawberry.field(permission_classes=[Member],
                      description="One view by key, its current version or `number`.")
    async def view(self, info: Info, key: str,
                   number: Annotated[int | None, strawberry.argument(
                       description="A version number (older versions stay readable).")] = None,
                   ) -> CustomViewType:
        view, version = await runnable(info.context, key, number)
        return CustomViewType.of(view, version, info.context.language)

    @strawberry.field(permission_classes=[Member], description=(
        "Run a view as yourself with `variables` (merged over its defaults); pin a version "
        "with `number`."))
    async def run_view(self, info: Info, key: str, number: int | None = None,
                       variables: JSON | None = None) -> ViewRun:
        ctx = info.context
        if variables is not None and not isinstance(variables, dict):
            raise BadRequest("VIEW_VARIABLES", detail="variables must be a JSON object")
        view, version = await runnable(ctx, key, number)
        note_run(ctx, view)
        ran = await execute(ctx, version, variables_for(version, variables))
        return ViewRun(
            view=CustomViewType.of(view, version, ctx.language), data=ran.data,
            errors=[ViewRunError(code=e.code, message=e.message,
                                 path=[str(p) for p in e.path] if e.path else None)
                    for e in ran.errors],
            columns=column_types(version, ctx.language),
            rows=table_rows(version, ran.data, ctx.language))
