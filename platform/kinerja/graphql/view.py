"""The GraphQL-over-HTTP endpoint.

Our own Starlette endpoint rather than Strawberry's view, because it owns the unit of work
(commit only when the operation had no error), turns every malformed HTTP body into a 400,
bounds the body size, formats every error with extensions.code in the caller's language,
masks unexpected errors, and writes one structured log line per request.
"""

from __future__ import annotations

import logging
import time
import uuid
from typing import Any

import orjson
from graphql import GraphQLError
from starlette.requests import ClientDisconnect, Request
from starlette.responses import HTMLResponse, Response
from strawberry.exceptions import MissingQueryError
from strawberry.http.ides import get_graphql_ide_html
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.types.graphql import OperationType

from ..audit.data_views import record_data_views
from ..errors import KinerjaError
from ..i18n import message, pick_language
from ..tenants.repository import TenantRepository
from .context import build_context
from .response_cache import operation_kind

log = logging.getLogger("kinerja.request")
JSON_TYPES = ("application/json", "application/graphql-response+json")


class HttpError(Exception):
    def __init__(self, status: int, detail: str):
        super().__init__(detail)
        self.status, self.detail = status, detail


def _json(payload: Any, status: int = 200) -> Response:
    return Response(orjson.dumps(payload), status_code=status, media_type="application/json")


def _error_body(code: str, language: str, **params: Any) -> dict:
    return {"errors": [{"message": message(code, language, **params), "extensions": {"code": code}}]}


async def _read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None:
        if not (declared.isascii() and declared.isdigit()):
            raise HttpError(400, "invalid Content-Length")
        if int(declared) > limit:
            raise HttpError(413, f"body larger than {limit} bytes")
    chunks, size = [], 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise HttpError(413, f"body larger than {limit} bytes")
            chunks.append(chunk)
    except ClientDisconnect as exc:
        raise HttpError(400, "client disconnected") from exc
    return b"".join(chunks)


def _params_from_json(body: bytes) -> dict[str, Any]:
    try:
        data = orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        raise HttpError(400, "body is not valid JSON (UTF-8)") from exc
    if not isinstance(data, dict):
        raise HttpError(400, "body must be a JSON object")
    return data


def _params_from_query_string(request: Request) -> dict[str, Any]:
    params: dict[str, Any] = dict(request.query_params)
    for key in ("variables", "extensions"):
        if params.get(key):
            try:
                params[key] = orjson.loads(params[key])
            except orjson.JSONDecodeError as exc:
                raise HttpError(400, f"{key} is not valid JSON") from exc
    return params


def _check_params(params: dict[str, Any]) -> tuple[str, dict | None, str | None]:
    query = params.get("query")
    if not isinstance(query, str) or not query.strip():
        raise HttpError(400, "'query' must be a non-empty string")
    variables = params.get("variables")
    if variables is not None and not isinstance(variables, dict):
        raise HttpError(400, "'variables' must be an object or null")
    operation = params.get("operationName")
    if operation is not None and not isinstance(operation, str):
        raise HttpError(400, "'operationName' must be a string or null")
    return query, variables, operation


def classify(error: GraphQLError) -> tuple[str, dict[str, Any], bool]:
    """-> (code, params, is_unexpected)."""
    original = error.original_error
    if isinstance(original, KinerjaError):
        return original.code, original.params, False
    if original is None or isinstance(original, GraphQLError):
        text = error.message
        if "exceeds maximum operation depth" in text or "aliases found" in text or "tokens" in text:
            return "QUERY_TOO_COMPLEX", {"detail": text}, False
        if text.startswith("Syntax Error"):
            return "GRAPHQL_PARSE_FAILED", {"detail": text}, False
        if text.startswith("Variable "):
            return "BAD_USER_INPUT", {"detail": text}, False
        return "GRAPHQL_VALIDATION_FAILED", {"detail": text}, False
    if isinstance(original, ValueError | TypeError) and error.path is None:
        return "BAD_USER_INPUT", {"detail": error.message}, False
    return "INTERNAL_SERVER_ERROR", {}, True


def format_errors(errors: list[GraphQLError], language: str, request_id: str) -> tuple[list[dict], list[str]]:
    out, codes = [], []
    for error in errors:
        code, params, unexpected = classify(error)
        if unexpected:
            log.error("unexpected error", exc_info=error.original_error,
                      extra={"request_id": request_id, "path": error.path})
        if code in ("GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED", "BAD_USER_INPUT"):
            text = error.message
        else:
            text = message(code, language, **params)
        item: dict[str, Any] = {"message": text, "extensions": {"code": code}}
        if error.locations:
            item["locations"] = [{"line": loc.line, "column": loc.column} for loc in error.locations]
        if error.path:
            item["path"] = error.path
        out.append(item)
        codes.append(code)
    return out, codes


def error_response(code: str, language: str, status: int, **params: Any) -> Response:
    """An HTTP error with the GraphQL-style body (`errors[0].extensions.code`)."""
    return _json(_error_body(code, language, **params), status)


def context_error_response(exc: KinerjaError, language: str) -> Response:
    """Why build_context refused the caller: 401 for the token, 403 for the tenant. Shared by
    every endpoint that authenticates like /graphql (e.g. /files)."""
    status = 401 if exc.code.startswith(("UNAUTH", "TOKEN")) else 403
    body = _error_body(exc.code, language, **exc.params)
    body["errors"][0]["extensions"]["code"] = "UNAUTHENTICATED" if status == 401 else exc.code
    if status == 401:
        body["errors"][0]["extensions"]["reason"] = exc.code
    return _json(body, status)


class GraphQLEndpoint:
    def __init__(self, services: Any, schema: Any):
        self.services = services
        self.schema = schema
        self.ide_html = get_graphql_ide_html(graphql_ide="graphiql")

    async def handle(self, request: Request) -> Response:
        started = time.perf_counter()
        request_id = request.headers.get("x-request-id", "")[:64] or uuid.uuid4().hex
        language = pick_language(request.headers.get("accept-language"))
        record: dict[str, Any] = {"request_id": request_id, "method": request.method}
        try:
            response = await self._handle(request, language, request_id, record)
        except HttpError as exc:
            record["outcome"] = f"http_{exc.status}"
            response = _json(_error_body("BAD_REQUEST", language, detail=exc.detail), exc.status)
            if exc.status == 405:
                response.headers["allow"] = "GET, POST"  # RFC 9110: a 405 names the methods
        response.headers["x-request-id"] = request_id
        record["status"] = response.status_code
        record["duration_ms"] = round((time.perf_counter() - started) * 1000, 2)
        log.info("graphql", extra={"fields": record})
        return response

    async def _handle(self, request: Request, language: str, request_id: str,
                      record: dict[str, Any]) -> Response:
        settings = self.services.settings
        allowed = {OperationType.QUERY, OperationType.MUTATION}
        if request.method == "GET":
            if "query" not in request.query_params:
                if settings.graphiql and "text/html" in request.headers.get("accept", ""):
                    return HTMLResponse(self.ide_html)
                raise HttpError(400, "GET needs a 'query' parameter")
            params = _params_from_query_string(request)
            allowed = {OperationType.QUERY}
        elif request.method == "POST":
            content_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
            if content_type not in JSON_TYPES:
                raise HttpError(400, "Content-Type must be application/json")
            params = _params_from_json(await _read_body(request, settings.limits.max_body_bytes))
        else:
            raise HttpError(405, "use GET or POST")
        query, variables, operation_name = _check_params(params)
        record["operation"] = operation_name
        return await self._execute(request, language, request_id, record,
                                   query, variables, operation_name, allowed)

    async def _execute(self, request, language, request_id, record, query, variables,
                       operation_name, allowed) -> Response:
        session = self.services.db.session()
        try:
            try:
                ctx = await build_context(request, self.services, session, language, request_id)
            except KinerjaError as exc:
                record["outcome"] = exc.code
                return context_error_response(exc, language)
            record["user"] = str(ctx.principal.user_id) if ctx.principal else None
            record["tenant"] = ctx.tenant.slug if ctx.tenant else None
            kind = operation_kind(query, operation_name)
            responses = self.services.responses
            cache_key = (responses.key(ctx, query, operation_name, variables)
                         if kind == "query" else None)
            cached = responses.get(cache_key)
            if cached is not None:
                await session.commit()
                record["outcome"] = "ok (cached)"
                return Response(cached, media_type="application/json")
            try:
                result = await self.schema.execute(
                    query, variable_values=variables, context_value=ctx,
                    operation_name=operation_name, allowed_operation_types=allowed)
            except InvalidOperationTypeError as exc:
                if request.method == "GET":
                    raise HttpError(405, "GET runs queries only; send mutations with POST") from exc
                raise HttpError(400, "subscriptions are not supported") from exc
            except (MissingQueryError, CannotGetOperationTypeError) as exc:
                raise HttpError(400, f"no operation named {operation_name!r} in the document"
                                if operation_name else "the document has no operation") from exc
            payload: dict[str, Any] = {"data": result.data}
            if result.errors:
                await session.rollback()
                if ctx.data_views:  # what was read is recorded even when the rest failed
                    await record_data_views(session, ctx)
                    await session.commit()
                payload["errors"], codes = format_errors(result.errors, language, request_id)
                record["outcome"] = ",".join(sorted(set(codes)))
                if result.data is None and "data" in payload and not _executed(result):
                    payload.pop("data")
            else:
                if ctx.data_changed:
                    await _invalidate_cached_responses(session, ctx)
                await record_data_views(session, ctx)
                await session.commit()
                record["outcome"] = "ok"
                for callback in ctx.after_commit:
                    callback()
                body = orjson.dumps(payload)
                if not ctx.uncacheable:
                    responses.put(cache_key, body)
                return Response(body, media_type="application/json")
            return _json(payload)
        finally:
            await session.close()


async def _invalidate_cached_responses(session: Any, ctx: Any) -> None:
    """A change ends the cached responses of the agencies that show it (all of them for a
    platform-level change), in the same transaction as the change itself."""
    tenants = TenantRepository(session)
    if ctx.tenant is None:
        await tenants.bump_data_version(None)
        return
    for tenant_id in {ctx.tenant.id, *ctx.changed_tenants}:
        await tenants.bump_data_version(tenant_id)


def _executed(result: Any) -> bool:
    """Pre-execution failures (parse/validation) have no data key per the GraphQL spec."""
    return any(e.path is not None for e in result.errors or [])
