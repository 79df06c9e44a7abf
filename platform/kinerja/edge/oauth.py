"""`POST /oauth/token`: the OAuth 2.0 client-credentials grant (RFC 6749 §4.4, §2.3.1, §5).

Form-encoded body; client credentials by HTTP Basic (`client_id:client_secret`, each
form-urlencoded, then base64) or in the body, never both; every parameter at most once.
Answers 200 with `access_token`, `token_type` and `expires_in`, or 400/401 with `error` and
`error_description`; always `Cache-Control: no-store`. A platform app names the agency with
`tenant` (its slug) or the X-Tenant header. Unexpected database trouble is 503, like /graphql.
"""

from __future__ import annotations

import base64
import binascii
import logging
import time
from typing import Any
from urllib.parse import parse_qsl, unquote_plus

import orjson
from starlette.requests import Request
from starlette.responses import Response

from ..clients.grant import GrantError, client_credentials
from .endpoint import HttpError, database_unavailable, read_body

log = logging.getLogger("kinerja.oauth")
FORM = "application/x-www-form-urlencoded"
MAX_BODY = 8 * 1024
NO_STORE = {"cache-control": "no-store", "pragma": "no-cache"}


def _answer(payload: dict[str, Any], status: int, **headers: str) -> Response:
    return Response(orjson.dumps(payload), status_code=status, media_type="application/json",
                    headers={**NO_STORE, **headers})


def _error(exc: GrantError) -> Response:
    extra = {"www-authenticate": 'Basic realm="kinerja"'} if exc.status == 401 else {}
    return _answer({"error": exc.error, "error_description": exc.description}, exc.status,
                   **extra)


def _form(body: bytes) -> dict[str, str]:
    try:
        pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True, strict_parsing=bool(body),
                          max_num_fields=20)
    except (UnicodeDecodeError, ValueError) as exc:
        raise GrantError("invalid_request", "the body is not a valid form") from exc
    form: dict[str, str] = {}
    for key, value in pairs:
        if key in form:
            raise GrantError("invalid_request", f"'{key}' given more than once")
        if "\x00" in value or len(value) > 1000:
            raise GrantError("invalid_request", f"'{key}' is not a valid value")
        form[key] = value
    return form


def _basic(authorization: str) -> tuple[str, str]:
    scheme, _, encoded = authorization.partition(" ")
    if scheme.lower() != "basic":
        raise GrantError("invalid_client", "use HTTP Basic or body credentials", 401)
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError) as exc:
        raise GrantError("invalid_client", "malformed Basic credentials", 401) from exc
    client_id, colon, secret = decoded.partition(":")
    if not colon:
        raise GrantError("invalid_client", "malformed Basic credentials", 401)
    return unquote_plus(client_id), unquote_plus(secret)


def _credentials(request: Request, form: dict[str, str]) -> tuple[str, str]:
    authorization = request.headers.get("authorization")
    in_body = "client_id" in form or "client_secret" in form
    if authorization:
        if in_body:
            raise GrantError("invalid_request", "credentials in the header and in the body")
        return _basic(authorization)
    if not form.get("client_id") or not form.get("client_secret"):
        raise GrantError("invalid_client", "client authentication is required", 401)
    return form["client_id"], form["client_secret"]


class TokenEndpoint:
    def __init__(self, services: Any):
        self.services = services

    async def token(self, request: Request) -> Response:
        started = time.perf_counter()
        record: dict[str, Any] = {"request_id": request.headers.get("x-request-id", "")[:64]}
        try:
            response = await self._token(request, record)
        except GrantError as exc:
            record["outcome"] = exc.error
            response = _error(exc)
        except HttpError as exc:
            record["outcome"] = f"http_{exc.status}"
            response = _error(GrantError("invalid_request", exc.detail, exc.status))
        except Exception as exc:
            if not database_unavailable(exc):
                raise
            record["outcome"] = "SERVICE_UNAVAILABLE"
            response = _answer({"error": "temporarily_unavailable",
                                "error_description": "the database is unavailable"}, 503,
                               **{"retry-after": "1"})
        record["status"] = response.status_code
        record["duration_ms"] = round((time.perf_counter() - started) * 1000, 2)
        log.info("oauth_token", extra={"fields": record})
        return response

    async def _token(self, request: Request, record: dict[str, Any]) -> Response:
        if request.method != "POST":
            response = _error(GrantError("invalid_request", "use POST", 405))
            response.headers["allow"] = "POST"
            return response
        content_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
        if content_type != FORM:
            raise GrantError("invalid_request", f"Content-Type must be {FORM}")
        form = _form(await read_body(request, MAX_BODY))
        grant_type = form.get("grant_type")
        if not grant_type:
            raise GrantError("invalid_request", "'grant_type' is required")
        if grant_type != "client_credentials":
            raise GrantError("unsupported_grant_type", "only client_credentials is supported")
        client_id, secret = _credentials(request, form)
        record["app"] = client_id[:80]
        slug = (form.get("tenant") or request.headers.get("x-tenant") or "").strip().lower()
        session = self.services.db.session()
        try:
            granted = await client_credentials(session, self.services.settings, client_id,
                                               secret, slug or None)
            await session.commit()
        finally:
            await session.close()
        record["tenant"] = str(granted.tenant_id)
        record["outcome"] = "ok"
        expires_in = int(self.services.settings.app_token_ttl_seconds)
        return _answer({"access_token": granted.token.token, "token_type": "Bearer",
                        "expires_in": expires_in}, 200)
