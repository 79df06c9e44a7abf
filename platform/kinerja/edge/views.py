"""`GET /views/{key}.csv` and `.xlsx`: a view's table, run as the caller (authenticated like
/graphql: bearer token, X-Tenant, X-Client-Id).

Parameters: `version` (pin one), `variables` (a JSON object), or a declared variable by name
(`?periodId=...&first=20`; converted by its declared type: Int, Float, Boolean, else text).
The first page runs before the answer starts, so its refusals are typed JSON errors (404 no
such view or version, 403 not yours to run or FORBIDDEN inside, 400 bad variables or no
table). Later pages stream; an error on one (or more than KINERJA_VIEW_MAX_ROWS rows) ends the
file with a last row `#ERROR,<code>,<message>`. A view is an agency-defined document, so it
runs for apps in DOCUMENTS_ONLY mode too.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import AsyncIterator
from typing import Any

import orjson
from graphql import parse
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from ..errors import BadRequest, KinerjaError
from ..exports.catalog import export_version
from ..i18n import pick_language
from ..views.definition import operation_of, variables_of
from ..views.export import csv_stream, file_chunks, xlsx_file
from ..views.runner import (
    RunError,
    execute,
    note_run,
    runnable,
    stream_rows,
    table_rows,
    variables_for,
)
from .context import build_context
from .endpoint import (
    USAGE_CONTEXT,
    context_error_response,
    error_response,
    observe_usage,
    record_views,
)

log = logging.getLogger("kinerja.views")
FORMATS = {"csv": "text/csv; charset=utf-8",
           "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
STATUS = {"NOT_FOUND": 404, "FORBIDDEN": 403, "UNAUTHENTICATED": 401}


def _typed(value: str, type_text: str) -> Any:
    name = type_text.rstrip("!")
    try:
        if name == "Int":
            return int(value)
        if name == "Float":
            return float(value)
    except ValueError:
        raise BadRequest("VIEW_VARIABLES", detail=f"{value!r} is not a {name}") from None
    if name == "Boolean":
        if value not in ("true", "false"):
            raise BadRequest("VIEW_VARIABLES", detail=f"{value!r} is not a Boolean")
        return value == "true"
    return value


def _variables(request: Request, version: Any) -> dict[str, Any]:
    params = request.query_params
    given: dict[str, Any] = {}
    if params.get("variables"):
        try:
            given = orjson.loads(params["variables"])
        except orjson.JSONDecodeError:
            raise BadRequest("VIEW_VARIABLES", detail="variables is not JSON") from None
        if not isinstance(given, dict):
            raise BadRequest("VIEW_VARIABLES", detail="variables must be a JSON object")
    declared = variables_of(operation_of(parse(version.document)), version.defaults or {})
    for variable in declared:
        if variable.name in params and variable.name not in given:
            given[variable.name] = _typed(params[variable.name], variable.type)
    extra = set(params) - {"variables", "version"} - {v.name for v in declared}
    if extra:
        raise BadRequest("VIEW_UNKNOWN_VARIABLE", detail=", ".join(sorted(extra))[:200])
    return variables_for(version, given)


def _number(request: Request) -> int | None:
    raw = request.query_params.get("version")
    if raw is None:
        return None
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 9:
        raise BadRequest("INVALID_VALUE", detail="version is a positive whole number")
    return int(raw)


class ViewsEndpoint:
    def __init__(self, services: Any):
        self.services = services

    async def export(self, request: Request) -> Response:
        return await self._export(request, builtin=False)

    async def builtin(self, request: Request) -> Response:
        """`GET /exports/<name>.csv|.xlsx`: a built-in export (exports/catalog.py)."""
        return await self._export(request, builtin=True)

    async def _export(self, request: Request, builtin: bool) -> Response:
        started = time.perf_counter()
        language = pick_language(request.headers.get("accept-language"))
        request_id = request.headers.get("x-request-id", "")[:64] or uuid.uuid4().hex
        fmt = request.path_params["format"]
        key = request.path_params["key"]
        record: dict[str, Any] = {"request_id": request_id, "view": key[:60], "format": fmt}
        session = self.services.db.session()
        streaming = False
        ctx = None
        try:
            try:
                ctx = await build_context(request, self.services, session, language, request_id)
                record["app"] = ctx.client.client_id if ctx.client else None
                record[USAGE_CONTEXT] = ctx
                response = await self._answer(request, ctx, session, key, fmt, builtin)
                streaming = isinstance(response, StreamingResponse)
            except KinerjaError as exc:
                response = self._refusal(exc, language)
                record["outcome"] = exc.code
        finally:
            if not streaming:
                if ctx is not None:
                    ctx.release()
                await session.close()
        response.headers["x-request-id"] = request_id
        record["status"] = response.status_code
        record["duration_ms"] = round((time.perf_counter() - started) * 1000, 2)
        record.setdefault("outcome", "ok" if response.status_code < 400 else
                          f"http_{response.status_code}")
        observe_usage(self.services, record.pop(USAGE_CONTEXT, None), record)
        log.info("view export", extra={"fields": record})
        return response

    @staticmethod
    def _refusal(exc: KinerjaError, language: str) -> Response:
        if exc.code.startswith(("UNAUTH", "TOKEN")) or exc.code in ("TENANT_NOT_ALLOWED",
                                                                    "CLIENT_UNKNOWN",
                                                                    "CLIENT_MISMATCH"):
            return context_error_response(exc, language)
        return error_response(exc.code, language, STATUS.get(exc.code, 400), **exc.params)

    async def _answer(self, request: Request, ctx: Any, session: Any, key: str,
                      fmt: str, builtin: bool) -> Response:
        if fmt not in FORMATS:
            raise KinerjaError("NOT_FOUND")
        if ctx.principal is None:
            raise KinerjaError("UNAUTHENTICATED")
        if ctx.tenant is None:
            raise KinerjaError("TENANT_REQUIRED")
        if builtin:
            found = export_version(key)
            if found is None:
                raise KinerjaError("NOT_FOUND")
            version, name = found, key
            ctx.usage.append(("VIEW", f"export:{key}"))
        else:
            view, version = await runnable(ctx, key, _number(request))
            note_run(ctx, view)
            name = f"{view.key}-v{version.number}"
        if not version.rows_path:
            raise BadRequest("VIEW_HAS_NO_TABLE")
        variables = _variables(request, version)
        first = await execute(ctx, version, variables)
        if first.errors and not first.data:
            raise KinerjaError(first.errors[0].code)
        blocked = [e for e in first.errors if e.code in STATUS]
        if blocked and not _has_rows(version, first):
            raise KinerjaError(blocked[0].code)
        header = [c["label_id"] if ctx.language == "id" else c["label_en"]
                  for c in version.columns]
        rows = self._rows(ctx, session, version, variables, first)
        filename = f"{name}.{fmt}"
        headers = {"content-disposition": f'attachment; filename="{filename}"',
                   "cache-control": "no-store"}
        if fmt == "csv":
            return StreamingResponse(self._closing(session, csv_stream(header, rows)),
                                     media_type=FORMATS[fmt], headers=headers)
        title = version.title_id if ctx.language == "id" else version.title_en
        handle = await xlsx_file(title, header, rows)
        await session.close()
        return StreamingResponse(file_chunks(handle), media_type=FORMATS[fmt], headers=headers)

    async def _rows(self, ctx: Any, session: Any, version: Any, variables: dict[str, Any],
                    first: Any) -> AsyncIterator[list[Any]]:
        async for item in stream_rows(ctx, version, variables,
                                      self.services.settings.view_max_rows, first):
            if isinstance(item, RunError):
                yield ["#ERROR", item.code, item.message]
                break
            yield item
        await record_views(self.services, session, ctx, "query")  # who viewed what (audit)
        if session.in_transaction():
            await session.commit()

    @staticmethod
    async def _closing(session: Any, chunks: AsyncIterator[bytes]) -> AsyncIterator[bytes]:
        try:
            async for chunk in chunks:
                yield chunk
        finally:
            await session.close()


def _has_rows(version: Any, ran: Any) -> bool:
    return bool(table_rows(version, ran.data))
