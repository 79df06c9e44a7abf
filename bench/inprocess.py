"""Profile mode: drive the real ASGI app in-process (no sockets) under cProfile.

The request goes through the same Starlette route, view, context, schema and repositories as
over HTTP; only uvicorn's HTTP parsing is left out, so the profile shows where the GraphQL
path itself spends its time.
"""

from __future__ import annotations

import asyncio
import cProfile
import gc
import io
import pstats
import statistics
import time
from typing import Any

import orjson

from kinerja.app import create_app
from kinerja.config import Settings
from kinerja.ops import memory

# CPU time is taken per batch of requests: on a shared machine the fastest batch (other
# processes and CPU steal only ever add time) is the steadiest figure to compare commits by.
BATCH = 50


async def call(app: Any, method: str, path: str, headers: dict[str, str],
               body: bytes = b"") -> tuple[int, bytes]:
    """One ASGI HTTP request (`path` may carry a query string); returns (status, body)."""
    path, _, query = path.partition("?")
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method,
        "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": query.encode(),
        "root_path": "", "client": ("127.0.0.1", 40000), "server": ("127.0.0.1", 80),
        "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()]
        + [(b"content-length", str(len(body)).encode())],
    }
    sent = False
    status, chunks = 0, []

    async def receive() -> dict:
        nonlocal sent
        if sent:  # the client stays connected until the response is complete
            await asyncio.Event().wait()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: dict) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, receive, send)
    return status, b"".join(chunks)


async def profile(settings: Settings, requests: list[tuple[dict[str, str], bytes]], count: int,
                  top: int = 30, dump: str | None = None) -> dict[str, Any]:
    """Time `count` requests plainly, then again under cProfile; print the top functions."""
    app = create_app(settings)
    services = app.state.services
    memory.settle()  # what the server's start-up does (kinerja/ops/memory.py): before warm-up
    try:
        for headers, body in requests * 3:  # warm caches (parser, validation, pool, policies)
            status, payload = await call(app, "POST", "/graphql", headers, body)
            if status != 200 or b'"errors"' in payload:
                raise RuntimeError(f"warm-up request failed: {status} {payload[:300]!r}")
        gc.collect()
        started, cpu_started = time.perf_counter(), time.process_time()
        batches = []
        for first in range(0, count, BATCH):
            batch_started = time.process_time()
            for i in range(first, min(first + BATCH, count)):
                headers, body = requests[i % len(requests)]
                await call(app, "POST", "/graphql", headers, body)
            batches.append((time.process_time() - batch_started) * 1000
                           / (min(first + BATCH, count) - first))
        plain_ms = (time.perf_counter() - started) * 1000 / count
        cpu_ms = (time.process_time() - cpu_started) * 1000 / count
        cpu_min_ms, cpu_median_ms = min(batches), statistics.median(batches)
        profiler = cProfile.Profile()
        profiler.enable()
        for i in range(count):
            headers, body = requests[i % len(requests)]
            await call(app, "POST", "/graphql", headers, body)
        profiler.disable()
    finally:
        await services.db.dispose()
    if dump:  # for pstats / snakeviz: callers, callees
        profiler.dump_stats(dump)
    report = {}
    for key in ("tottime", "cumulative"):
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).strip_dirs().sort_stats(key).print_stats(top)
        report[key] = out.getvalue()
    print(f"\nIn-process: {plain_ms:.2f} ms per request without the profiler, {cpu_ms:.2f} ms "
          f"of it this process's CPU ({count} requests); CPU per request by batch of {BATCH}: "
          f"fastest {cpu_min_ms:.2f} ms, median {cpu_median_ms:.2f} ms\n")
    for key, text in report.items():
        print(f"--- top {top} by {key} ---")
        print(text[text.find("ncalls") - 3:] if "ncalls" in text else text)
    return {"ms_per_request": round(plain_ms, 3), "cpu_ms_per_request": round(cpu_ms, 3),
            "cpu_ms_fastest_batch": round(cpu_min_ms, 3),
            "cpu_ms_median_batch": round(cpu_median_ms, 3),
            "count": count, **report}


def graphql_body(query: str) -> bytes:
    return orjson.dumps({"query": query})
