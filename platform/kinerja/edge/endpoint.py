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
from dataclasses import dataclass
from typing import Any

import orjson
from graphql import GraphQLError
from sqlalchemy import exc as sa_exc
from starlette.requests import ClientDisconnect, Request
from starlette.responses import HTMLResponse, Response
from strawberry.http.ides import get_graphql_ide_html
from strawberry.types.graphql import OperationType

from ..audit.data_views import has_notes, record_data_views
from ..errors import KinerjaError
from ..i18n import message, pick_language
from ..kit.text import InvalidText, check_tree
from ..models.base import utcnow
from ..ops.logging import loggable_name
from ..tenants.repository import TenantRepository
from ..usage.aggregate import codes_of
from .context import build_context, loggable_client
from .documents import DocumentRejected, Prepared, SubscriptionsUnsupported
from .media import GRAPHQL_RESPONSE, JSON, request_error_status, response_media_type
from .response_cache import fingerprint
from .trusted import DocumentRef, DocumentRefused, document_ref, etag_of

log = logging.getLogger("kinerja.request")
JSON_TYPES = (JSON, GRAPHQL_RESPONSE)


# The database cannot be reached or is busy beyond its timeout: a typed 503, never a masked
# 500. Not every OperationalError (SQLite reports "no such table" so): only these.
SQLITE_UNAVAILABLE = ("database is locked", "unable to open database file", "disk I/O error")
PG_UNAVAILABLE_CLASSES = ("08", "53", "57P")  # connection, resources, operator intervention


def database_unavailable(exc: BaseException | None) -> bool:
    if isinstance(exc, ConnectionError | TimeoutError | sa_exc.InterfaceError):
        return True
    if isinstance(exc, sa_exc.DBAPIError):
        if exc.connection_invalidated:
            return True
        if isinstance(exc, sa_exc.OperationalError):
            text = str(exc.orig)
            state = str(getattr(exc.orig, "sqlstate", None) or getattr(exc.orig, "pgcode", ""))
            return (any(m in text for m in SQLITE_UNAVAILABLE)
                    or state.startswith(PG_UNAVAILABLE_CLASSES))
    return False


class DatabaseUnavailable(Exception):
    """A resolver found the database unavailable: the request answers 503 as a whole."""


class HttpError(Exception):
    def __init__(self, status: int, detail: str):
        super().__init__(detail)
        self.status, self.detail = status, detail


def _json(payload: Any, status: int = 200, media: str = JSON) -> Response:
    return Response(orjson.dumps(payload), status_code=status, media_type=media)


class RequestRefused(Exception):
    """A request error in GraphQL-over-HTTP terms: the operation never ran, so the response
    has `errors` and no `data`."""

    def __init__(self, errors: list[dict], codes: list[str]):
        super().__init__(",".join(codes))
        self.errors, self.codes = errors, codes


def _error_body(code: str, language: str, **params: Any) -> dict:
    return {"errors": [{"message": message(code, language, **params),
                        "extensions": {"code": code}}]}


async def read_body(request: Request, limit: int) -> bytes:
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


def _check_params(params: dict[str, Any]) -> tuple[DocumentRef, dict | None, str | None]:
    ref = document_ref(params)
    if isinstance(ref, str):
        raise HttpError(400, ref)
    variables = params.get("variables")
    if variables is not None and not isinstance(variables, dict):
        raise HttpError(400, "'variables' must be an object or null")
    operation = params.get("operationName")
    if operation is not None and not isinstance(operation, str):
        raise HttpError(400, "'operationName' must be a string or null")
    extensions = params.get("extensions")
    if extensions is not None and not isinstance(extensions, dict):
        raise HttpError(400, "'extensions' must be an object or null")
    return ref, variables, operation


def classify(error: GraphQLError) -> tuple[str, dict[str, Any], bool]:
    """-> (code, params, is_unexpected)."""
    original = error.original_error
    if isinstance(original, KinerjaError):
        return original.code, original.params, False
    if error.extensions and "code" in error.extensions:  # the document gate's errors
        params = {k: v for k, v in error.extensions.items() if k != "code"}
        return error.extensions["code"], {**params, "detail": error.message}, False
    if original is None or isinstance(original, GraphQLError):
        # What reaches here from execution without a code: variable coercion.
        return "BAD_USER_INPUT", {"detail": error.message}, False
    if database_unavailable(original):
        return "SERVICE_UNAVAILABLE", {}, False
    if isinstance(original, ValueError | TypeError) and error.path is None:
        return "BAD_USER_INPUT", {"detail": error.message}, False
    return "INTERNAL_SERVER_ERROR", {}, True


def format_errors(errors: list[GraphQLError], language: str,
                  request_id: str) -> tuple[list[dict], list[str]]:
    out, codes = [], []
    for error in errors:
        code, params, unexpected = classify(error)
        if unexpected:
            log.error("unexpected error", exc_info=error.original_error,
                      extra={"request_id": request_id, "path": error.path})
        if code in ("GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED", "BAD_USER_INPUT"):
            text = error.message.split("\n\n", 1)[0]  # never echo the source excerpt
        else:
            text = message(code, language, **params)
        item: dict[str, Any] = {"message": text, "extensions": {"code": code}}
        if code == "INVALID_TEXT":
            item["extensions"].update(
                {k: params[k] for k in ("field", "line") if params.get(k) is not None})
        if error.locations:
            item["locations"] = [{"line": loc.line, "column": loc.column}
                                 for loc in error.locations]
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


@dataclass(frozen=True)
class Pending:
    """A request's document before the app is known: admitted already when it came as text."""

    ref: DocumentRef
    variables: dict | None
    name: str | None
    operation: Operation | None


def _check_method(request: Request, operation: Operation) -> None:
    if request.method == "GET" and operation.kind != "query":
        raise HttpError(405, "GET runs queries only; send mutations with POST")


def _if_none_match(request: Request) -> set[str]:
    raw = request.headers.get("if-none-match", "")
    return {v.strip() for v in raw.split(",") if v.strip()}


def _cache_headers(validator: str | None, get: bool = True) -> dict[str, str]:
    """GET answers are private: with an ETag they may be kept and revalidated (no-cache),
    without one (audited reads, errors, anonymous) never stored."""
    if validator is not None:
        return {"etag": validator, "cache-control": "private, no-cache", "vary": VARY}
    return {"cache-control": "no-store"} if get else {}


VARY = "Authorization, X-Tenant, X-Client-Id, Accept, Accept-Language"


@dataclass(frozen=True)
class Operation:
    """One GraphQL request, its document already through the gate."""

    query: str
    variables: dict | None
    name: str | None
    prepared: Prepared
    kind: str


class GraphQLEndpoint:
    def __init__(self, services: Any, schema: Any):
        self.services = services
        self.schema = schema
        self.ide_html = get_graphql_ide_html(graphql_ide="graphiql")

    async def handle(self, request: Request) -> Response:
        started = time.perf_counter()
        request_id = request.headers.get("x-request-id", "")[:64] or uuid.uuid4().hex
        language = pick_language(request.headers.get("accept-language"))
        media = response_media_type(request.headers.get("accept"))
        record: dict[str, Any] = {"request_id": request_id, "method": request.method}
        try:
            response = await self._handle(request, language, request_id, record, media)
        except HttpError as exc:
            record["outcome"] = f"http_{exc.status}"
            response = _json(_error_body("BAD_REQUEST", language, detail=exc.detail), exc.status,
                             media)
            if exc.status == 405:
                response.headers["allow"] = "GET, POST"  # RFC 9110: a 405 names the methods
        except RequestRefused as exc:
            record["outcome"] = ",".join(sorted(set(exc.codes)))
            response = _json({"errors": exc.errors}, request_error_status(media), media)
        except Exception as exc:
            if not (isinstance(exc, DatabaseUnavailable) or database_unavailable(exc)):
                raise
            log.warning("database unavailable: %s", type(exc).__name__,
                        extra={"request_id": request_id})
            record["outcome"] = "SERVICE_UNAVAILABLE"
            response = _json(_error_body("SERVICE_UNAVAILABLE", language), 503, media)
            response.headers["retry-after"] = "1"
        response.headers["x-request-id"] = request_id
        record["status"] = response.status_code
        record["duration_ms"] = round((time.perf_counter() - started) * 1000, 2)
        observe_usage(self.services, record.pop(USAGE_CONTEXT, None), record)
        log.info("graphql", extra={"fields": record})
        self.services.metrics.observe_request(record)
        return response

    async def _handle(self, request: Request, language: str, request_id: str,
                      record: dict[str, Any], media: str) -> Response:
        settings = self.services.settings
        if request.method == "GET":
            if not {"query", "documentId", "extensions"} & set(request.query_params):
                if settings.graphiql and "text/html" in request.headers.get("accept", ""):
                    return HTMLResponse(self.ide_html)
                raise HttpError(400, "GET needs a 'query' or 'documentId' parameter")
            params = _params_from_query_string(request)
        elif request.method == "POST":
            content_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
            if content_type not in JSON_TYPES:
                raise HttpError(400, "Content-Type must be application/json")
            params = _params_from_json(await read_body(request, settings.limits.max_body_bytes))
        else:
            raise HttpError(405, "use GET or POST")
        ref, variables, operation_name = _check_params(params)
        record["operation"] = loggable_name(operation_name)
        operation = None
        if ref.query is not None:  # refuse a bad text before any database work
            operation = self._admit(ref.query, variables, operation_name, language, request_id)
            _check_method(request, operation)
        return await self._execute(request, language, request_id, record, media,
                                   Pending(ref, variables, operation_name, operation))

    def _admit(self, query: str, variables: dict | None, operation_name: str | None,
               language: str, request_id: str) -> Operation:
        """The gate (limits, text, validation) and the variables' text, before any database
        work; refusals are request errors (no `data`)."""
        try:
            prepared = self.services.documents.prepare(query)
            kind = prepared.operation_kind(operation_name)
            if variables:
                check_tree(variables, "variables")
        except DocumentRejected as exc:
            raise RequestRefused(*format_errors(exc.errors, language, request_id)) from None
        except InvalidText as exc:
            error = GraphQLError(str(exc), original_error=exc)
            raise RequestRefused(*format_errors([error], language, request_id)) from None
        except SubscriptionsUnsupported:
            raise HttpError(400, "subscriptions are not supported") from None
        if kind is None:
            raise HttpError(400, f"no operation named {operation_name!r} in the document"
                            if operation_name else "the document has no operation")
        return Operation(query, variables, operation_name, prepared, kind)

    async def _resolve(self, request: Request, ctx: Any, session: Any, pending: Pending,
                       request_id: str) -> Operation:
        """The document to run, now that the app is known (edge/trusted.py); a mutation named
        by its id on SQLite ends the read transaction and takes the write turn."""
        try:
            text = await self.services.trusted.text_of(ctx, pending.ref)
        except DocumentRefused as exc:
            error = {"message": exc.text, "extensions": {"code": exc.code}}
            raise RequestRefused([error], [exc.code]) from None
        operation = pending.operation
        if operation is None:
            operation = self._admit(text, pending.variables, pending.name, ctx.language,
                                    request_id)
            _check_method(request, operation)
            if (operation.kind != "query" and self.services.db.dialect == "sqlite"
                    and session.in_transaction()):
                await session.commit()  # a SQLite writer begins with the write turn
                await self.services.db.start_writing(session)
        self.services.trusted.remember(pending.ref)
        return operation

    async def _execute(self, request: Request, language: str, request_id: str,
                       record: dict[str, Any], media: str, pending: Pending) -> Response:
        session = self.services.db.session()
        ctx = None
        try:
            if pending.operation is not None and pending.operation.kind != "query":
                await self.services.db.start_writing(session)  # SQLite: take the write turn
            try:
                ctx = await build_context(request, self.services, session, language, request_id)
            except KinerjaError as exc:
                record["app_claimed"] = loggable_client(request)
                record["outcome"] = exc.code
                return context_error_response(exc, language)
            record[USAGE_CONTEXT] = ctx  # handle() counts the request's usage (usage/)
            operation = await self._resolve(request, ctx, session, pending, request_id)
            ctx.document = operation.prepared
            record["user"] = (str(ctx.principal.user_id)
                              if ctx.principal and ctx.principal.user_id else None)
            record["app"] = ctx.client.client_id if ctx.client else None
            if ctx.client is None and (claimed := loggable_client(request)):
                record["app_claimed"] = claimed  # anonymous (login): not verified
            record["tenant"] = ctx.tenant.slug if ctx.tenant else None
            responses = self.services.responses
            made_of = (fingerprint(ctx, operation.prepared.key, operation.name,
                                   operation.variables) if operation.kind == "query" else None)
            cache_key = made_of if responses.size > 0 else None  # the cache's key, and the
            # GET answer's ETag: what makes the response (edge/response_cache.fingerprint)
            validator = (etag_of(made_of) if made_of is not None and request.method == "GET"
                         else None)
            if validator is not None and validator in _if_none_match(request):
                await session.commit()
                record["outcome"] = "not modified"
                return Response(status_code=304, headers=_cache_headers(validator))
            cached = responses.get(cache_key)
            if cached is not None:
                await session.commit()
                record["outcome"] = "ok (cached)"
                ctx.usage.extend(u for u in cached[1] if u not in ctx.usage)
                return Response(cached[0], media_type=media, headers=_cache_headers(validator))
            result = await self.schema.execute(
                operation.query, variable_values=operation.variables, context_value=ctx,
                operation_name=operation.name,
                allowed_operation_types={OperationType.QUERY, OperationType.MUTATION})
            if result.errors:
                await session.rollback()
                errors, codes = format_errors(result.errors, language, request_id)
                record["outcome"] = ",".join(sorted(set(codes)))
                if "SERVICE_UNAVAILABLE" in codes:  # nothing was done: the whole request
                    raise DatabaseUnavailable()
                await self._record_views(session, ctx, operation.kind)  # what it did show
                if result.data is None and not _executed(result):
                    raise RequestRefused(errors, codes)  # variable coercion: no `data`
                return _json({"data": result.data, "errors": errors}, 200, media)
            if ctx.data_changed:
                await _invalidate_cached_responses(session, ctx)
            await self._record_views(session, ctx, operation.kind)
            await session.commit()
            record["outcome"] = "ok"
            for callback in ctx.after_commit:
                callback()
            body = orjson.dumps({"data": result.data})
            if not ctx.uncacheable:
                responses.put(cache_key, body, tuple(ctx.usage))
            return Response(body, media_type=media, headers=_cache_headers(
                None if ctx.uncacheable else validator, request.method == "GET"))
        finally:
            if ctx is not None:
                ctx.release()
            await session.close()

    async def _record_views(self, session: Any, ctx: Any, kind: str) -> None:
        await record_views(self.services, session, ctx, kind)


USAGE_CONTEXT = "_usage_context"  # a record key that is never logged


def observe_usage(services: Any, ctx: Any, record: dict[str, Any]) -> None:
    """Count the request for its app, the published document it ran and the views it ran."""
    if ctx is None or ctx.tenant is None:
        return
    subjects = list(ctx.usage)
    if ctx.client is not None:
        subjects.append(("APP", ctx.client.client_id))
    services.usage.observe(ctx.tenant.id, subjects, codes_of(record.get("outcome")),
                           record.get("duration_ms", 0.0), utcnow(), ctx.today)


async def record_views(services: Any, session: Any, ctx: Any, kind: str) -> None:
    """Write the request's "who viewed" notes (audit/data_views.py) and commit them. A
    query on SQLite reads in a deferred transaction, which cannot become a writer while
    another connection writes: its views get a write transaction of their own."""
    if not has_notes(ctx):
        return
    if kind == "query" and services.db.dialect == "sqlite":
        if session.in_transaction():
            await session.commit()
        await services.db.start_writing(session)
    await record_data_views(session, ctx)
    await session.commit()


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
    """Pre-execution failures (variable coercion) have no data key per the GraphQL spec."""
    return any(e.path is not None for e in result.errors or [])
