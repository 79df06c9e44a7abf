"""/healthz: the process answers. /readyz: the database answers and is migrated to head."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from starlette.requests import Request
from starlette.responses import JSONResponse

from ..migrate import current_revision, head_revision


async def healthz(request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


def readyz_endpoint(services: Any):
    head = head_revision()

    async def readyz(request: Request) -> JSONResponse:
        try:
            async with services.db.engine.connect() as conn:
                await conn.execute(sa.text("SELECT 1"))
                revision = await current_revision(conn)
        except Exception as exc:
            return JSONResponse({"status": "unavailable", "reason": type(exc).__name__}, 503)
        if revision != head:
            return JSONResponse({"status": "unavailable", "reason": "not migrated",
                                 "revision": revision, "head": head}, 503)
        return JSONResponse({"status": "ok", "revision": revision})

    return readyz
