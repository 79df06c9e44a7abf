"""A tiny bounded HTTP/1.1 load generator on asyncio streams (127.0.0.1 only, keep-alive).

Each of `concurrency` workers holds one connection and sends requests back to back, so the
measured rate is the server's closed-loop throughput at that many clients in flight. A run
stops after `max_requests` requests or `max_seconds` seconds, whichever comes first.
"""

from __future__ import annotations

import asyncio
import itertools
import statistics
import time
from dataclasses import dataclass, field


@dataclass
class RunResult:
    label: str
    concurrency: int
    requests: int
    errors: int
    seconds: float
    latencies_ms: list[float] = field(repr=False, default_factory=list)

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        if not self.latencies_ms:
            return 0.0
        ordered = sorted(self.latencies_ms)
        index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))
        return ordered[index]

    @property
    def p50(self) -> float:
        return statistics.median(self.latencies_ms) if self.latencies_ms else 0.0

    @property
    def p99(self) -> float:
        return self.percentile(99)

    def summary(self) -> dict:
        return {"label": self.label, "concurrency": self.concurrency, "requests": self.requests,
                "errors": self.errors, "seconds": round(self.seconds, 3),
                "rps": round(self.rps, 1), "p50_ms": round(self.p50, 2),
                "p99_ms": round(self.p99, 2)}


def build_request(method: str, path: str, port: int, headers: dict[str, str],
                  body: bytes = b"") -> bytes:
    lines = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{port}", "Connection: keep-alive"]
    lines += [f"{k}: {v}" for k, v in headers.items()]
    if body or method == "POST":
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


async def read_response(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    status = int(status_line.split(" ", 2)[1])
    length = None
    for line in header_lines:
        name, _, value = line.partition(":")
        if name.strip().lower() == "content-length":
            length = int(value.strip())
    if length is None:
        raise RuntimeError("the load generator needs Content-Length responses")
    return status, await reader.readexactly(length)


async def fetch(port: int, request: bytes) -> tuple[int, bytes]:
    """One request on a fresh connection (used for warm-up checks and data comparison)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(request)
        await writer.drain()
        return await read_response(reader)
    finally:
        writer.close()
        await writer.wait_closed()


async def run(label: str, port: int, requests: list[bytes], concurrency: int,
              max_requests: int, max_seconds: float) -> RunResult:
    """Closed loop: `concurrency` connections, requests taken round-robin from `requests`."""
    source = itertools.cycle(requests)
    result = RunResult(label, concurrency, 0, 0, 0.0)
    deadline = time.perf_counter() + max_seconds
    budget = [max_requests]

    async def worker() -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            while budget[0] > 0 and time.perf_counter() < deadline:
                budget[0] -= 1
                payload = next(source)
                started = time.perf_counter()
                writer.write(payload)
                await writer.drain()
                status, _body = await read_response(reader)
                result.latencies_ms.append((time.perf_counter() - started) * 1000)
                result.requests += 1
                if status != 200:
                    result.errors += 1
        finally:
            writer.close()
            await writer.wait_closed()

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    result.seconds = time.perf_counter() - started
    return result
