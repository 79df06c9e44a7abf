"""Headers are text inputs too: a header value holding NUL is refused before any endpoint.

HTTP servers usually reject NUL in headers themselves, but not every ASGI server or proxy
does, and header values reach the database (X-Tenant) and the logs (X-Request-Id). Header
values are Latin-1 bytes in ASGI, so NUL is the only character of kit/text.py's rule they can
hold.
"""

from __future__ import annotations

from typing import Any

import orjson

from ..i18n import message, pick_language


class HeaderGuard:
    def __init__(self, app: Any):
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            for name, value in scope.get("headers", ()):
                if b"\x00" in value or b"\x00" in name:
                    await _refuse(scope, send, name.decode("latin-1").replace("\x00", "?"),
                                  value.find(b"\x00"))
                    return
        await self.app(scope, receive, send)


async def _refuse(scope: dict, send: Any, header: str, position: int) -> None:
    language = "id"
    for name, value in scope.get("headers", ()):
        if name == b"accept-language" and b"\x00" not in value:
            language = pick_language(value.decode("latin-1"))
    field = f"header {header}"
    body = orjson.dumps({"errors": [{
        "message": message("INVALID_TEXT", language, field=field, position=position),
        "extensions": {"code": "INVALID_TEXT", "field": field}}]})
    await send({"type": "http.response.start", "status": 400, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
