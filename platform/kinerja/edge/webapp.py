"""`/app`: the reference web app (webapp/), static files from the same origin as the API.

No build step and no external URL: the page is plain ES modules, a stylesheet and SVG drawn by
the page itself. Every answer carries a strict Content-Security-Policy (no inline script or
style, nothing from another origin, no framing), so the app is also an example of what a
client under such a policy can do. `/app/documents.json` tells the page its client id and the
id of each trusted document (webapp/catalog.py), computed from the document files at start-up.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from ..webapp import catalog

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; manifest-src 'self'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'")
HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
           "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY",
           "Cache-Control": "no-cache"}
TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
         ".css": "text/css; charset=utf-8", ".svg": "image/svg+xml", ".png": "image/png",
         ".json": "application/json", ".ico": "image/x-icon"}


class WebApp:
    def __init__(self, root: Path = catalog.STATIC_DIR):
        self.root = root.resolve()
        self.documents = json.dumps(catalog.client_documents()).encode()

    async def redirect(self, request: Request) -> Response:
        return RedirectResponse("/app/", status_code=308, headers=HEADERS)

    async def file(self, request: Request) -> Response:
        name = request.path_params.get("path") or "index.html"
        if name == "documents.json":
            return self._answer(request, self.documents, TYPES[".json"])
        path = (self.root / name).resolve()
        if (not path.is_relative_to(self.root) or path.suffix not in TYPES
                or not path.is_file()):
            return Response("Not found", status_code=404, media_type="text/plain",
                            headers=HEADERS)
        return self._answer(request, path.read_bytes(), TYPES[path.suffix])

    @staticmethod
    def _answer(request: Request, body: bytes, media_type: str) -> Response:
        etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
        headers = {**HEADERS, "ETag": etag}
        if request.headers.get("if-none-match") == etag:
            return Response(status_code=304, headers=headers)
        return Response(body, media_type=media_type, headers=headers)
