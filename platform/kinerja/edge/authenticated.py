"""Endpoints beside /graphql that authenticate exactly like it (`/files`, `/documents`): one
database session, `build_context` (bearer token, X-Tenant, X-Client-Id), the same 401/403
bodies, then the handler only for a signed-in caller in an agency; `x-request-id` on the
answer and one log line per request."""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from ..errors import KinerjaError
from ..i18n import pick_language
from .context import build_context
from .endpoint import context_error_response, error_response

Handler = Callable[[Any], Awaitable[Response]]


async def serve(services: Any, request: Request, handler: Handler, log: logging.Logger,
                event: str) -> Response:
    """Build the request's context and run `handler(ctx)`: 401 UNAUTHENTICATED without a
    token, 403 TENANT_REQUIRED without an agency (and build_context's own 401/403)."""
    started = time.perf_counter()
    language = pick_language(request.headers.get("accept-language"))
    request_id = request.headers.get("x-request-id", "")[:64] or uuid.uuid4().hex
    session = services.db.session()
    app = None
    try:
        try:
            ctx = await build_context(request, services, session, language, request_id)
        except KinerjaError as exc:
            response = context_error_response(exc, language)
        else:
            app = ctx.client.client_id if ctx.client else None
            if ctx.principal is None:
                response = error_response("UNAUTHENTICATED", language, 401)
            elif ctx.tenant is None:
                response = error_response("TENANT_REQUIRED", language, 403)
            else:
                response = await handler(ctx)
    finally:
        await session.close()
    response.headers["x-request-id"] = request_id
    log.info(event, extra={"fields": {
        "request_id": request_id, "method": request.method, "path": request.url.path[:200],
        "status": response.status_code, "app": app,
        "duration_ms": round((time.perf_counter() - started) * 1000, 2)}})
    return response
