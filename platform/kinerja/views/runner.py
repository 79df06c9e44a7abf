"""Running a view as the caller: the view's document executes with the caller's own context
(their permissions and scopes, their agency), so a view never widens access. A staff member
running an HR view gets what staff may see: FORBIDDEN inside, or only their own rows.

Exports page through a connection: when the document declares `$after` and the rows path is
`<connection>.nodes` (or `.edges`) with `pageInfo { hasNextPage endCursor }` selected, each
page is one execution, and rows are written out page by page (bounded memory).
"""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

from graphql import GraphQLError
from strawberry.types.graphql import OperationType

from ..errors import BadRequest, Forbidden, KinerjaError, NotFound
from ..i18n import message
from ..kit.loaders import Loaders
from ..labels import label
from ..models import CustomView, CustomViewVersion
from .definition import operation_of, variables_of
from .repository import ViewRepository

JOIN = "; "


@dataclass(frozen=True)
class RunError:
    code: str
    message: str
    path: list[Any] | None


@dataclass(frozen=True)
class Ran:
    data: dict[str, Any] | None
    errors: list[RunError]


def may_run(ctx: Any, version: CustomViewVersion) -> bool:
    """The caller holds one of the view's roles (or may define views)."""
    return bool(set(version.roles) & set(ctx.permissions.roles)) or \
        ctx.permissions.allows("view", "write")


def note_run(ctx: Any, view: CustomView) -> None:
    """A run of the view, for its usage (usage/): one subject per view, all versions."""
    if ("VIEW", view.key) not in ctx.usage:
        ctx.usage.append(("VIEW", view.key))


async def runnable(ctx: Any, key: str, number: int | None
                   ) -> tuple[CustomView, CustomViewVersion]:
    repo = ViewRepository(ctx.session)
    view = await repo.view((key or "").strip().lower())
    if view is None:
        raise NotFound()
    version = await repo.version(view.id, number if number is not None else view.current_number)
    if version is None:
        raise NotFound()
    if not may_run(ctx, version):
        raise Forbidden()
    return view, version


def variables_for(version: CustomViewVersion, given: dict[str, Any] | None) -> dict[str, Any]:
    """The view's defaults, then the caller's values; names the view does not declare, and
    declared variables left without a value, are BAD_REQUEST."""
    from graphql import parse

    declared = variables_of(operation_of(parse(version.document)), version.defaults or {})
    names = {v.name for v in declared}
    given = given or {}
    unknown = sorted(set(given) - names)
    if unknown:
        raise BadRequest("VIEW_UNKNOWN_VARIABLE", detail=", ".join(unknown)[:200])
    values = {v.name: v.default for v in declared if v.default is not None}
    values.update(given)
    missing = sorted(v.name for v in declared if v.required and values.get(v.name) is None)
    if missing:
        raise BadRequest("VIEW_VARIABLE_REQUIRED", detail=", ".join(missing))
    return values


def _error(error: GraphQLError, language: str) -> RunError:
    original = error.original_error
    if isinstance(original, KinerjaError):
        return RunError(original.code, message(original.code, language, **original.params),
                        list(error.path) if error.path else None)
    if error.extensions and "code" in error.extensions:
        return RunError(str(error.extensions["code"]), error.message, None)
    if original is None or isinstance(original, GraphQLError):
        return RunError("BAD_USER_INPUT", error.message.split("\n\n")[0], None)
    raise original  # unexpected: the request's own error handling masks and logs it


async def execute(ctx: Any, version: CustomViewVersion, variables: dict[str, Any]) -> Ran:
    prepared = ctx.services.documents.prepare(version.document)
    inner = dataclasses.replace(ctx, document=prepared, loaders=Loaders())
    result = await ctx.services.schema.execute(
        version.document, variable_values=variables, context_value=inner,
        operation_name=version.operation_name, allowed_operation_types={OperationType.QUERY})
    ctx.uncacheable = ctx.uncacheable or inner.uncacheable
    errors = [_error(e, ctx.language) for e in result.errors or []]
    if result.data is None and errors and all(e.path is None for e in errors):
        raise BadRequest("VIEW_VARIABLES", detail=errors[0].message[:300])
    return Ran(result.data, errors)


def dig(value: Any, path: str) -> Any:
    """The value at a dot path; through lists, the list of values (the rest of the path
    applied to each item)."""
    keys = path.split(".")
    for index, key in enumerate(keys):
        if isinstance(value, list):
            rest = ".".join(keys[index:])
            return [dig(item, rest) for item in value]
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def cell(row: Any, path: str) -> Any:
    value = dig(row, path)
    if isinstance(value, list):
        flat = [v for v in _flatten(value) if v is not None]
        return JOIN.join(str(v) for v in flat)
    return value


def _flatten(values: list[Any]) -> list[Any]:
    out: list[Any] = []
    for value in values:
        out.extend(_flatten(value) if isinstance(value, list) else [value])
    return out


def table_rows(version: CustomViewVersion, data: dict[str, Any] | None,
               language: str | None = None) -> list[list[Any]]:
    """The table's cells; a column naming an `enum` (the built-in exports) is written as the
    value's label in `language` (kinerja.labels), when one is given."""
    if not version.rows_path or data is None:
        return []
    rows = dig(data, version.rows_path)
    if not isinstance(rows, list):
        return []
    paths = [c["path"] for c in version.columns or []]
    enums = [c.get("enum") if language else None for c in version.columns or []]
    return [[_labelled(cell(row, path), enum, language) for path, enum in zip(paths, enums,
                                                                              strict=True)]
            for row in rows if row is not None]


def _labelled(value: Any, enum: str | None, language: str | None) -> Any:
    if enum is None or language is None or value is None:
        return value
    if isinstance(value, str) and JOIN in value:
        return JOIN.join(label(enum, part, language) for part in value.split(JOIN))
    return label(enum, value, language) if isinstance(value, str) else value


def _next_cursor(version: CustomViewVersion, data: dict[str, Any] | None) -> str | None:
    """The end cursor when the rows are a connection's page with a next page."""
    assert version.rows_path is not None
    parent, _, last = version.rows_path.rpartition(".")
    if last not in ("nodes", "edges") or data is None:
        return None
    page = dig(data, f"{parent}.pageInfo" if parent else "pageInfo")
    if isinstance(page, dict) and page.get("hasNextPage") and page.get("endCursor"):
        return str(page["endCursor"])
    return None


def pages_through(version: CustomViewVersion) -> bool:
    from graphql import parse

    operation = operation_of(parse(version.document))
    return any(d.variable.name.value == "after" for d in operation.variable_definitions or ())


async def stream_rows(ctx: Any, version: CustomViewVersion, variables: dict[str, Any],
                      max_rows: int, first: Ran) -> AsyncIterator[list[Any] | RunError]:
    """Rows of the table, page by page from the already run `first` page; an error inside a
    page is yielded (and ends it); past `max_rows` the stream ends with VIEW_TOO_MANY_ROWS."""
    sent = 0
    paging = pages_through(version)
    ran = first
    while True:
        for row in table_rows(version, ran.data, ctx.language):
            if sent >= max_rows:
                yield RunError("VIEW_TOO_MANY_ROWS",
                               message("VIEW_TOO_MANY_ROWS", ctx.language, max=max_rows), None)
                return
            sent += 1
            yield row
        if ran.errors:
            yield ran.errors[0]
            return
        cursor = _next_cursor(version, ran.data) if paging else None
        if cursor is None:
            return
        variables = {**variables, "after": cursor}
        ran = await execute(ctx, version, variables)
