"""A real Kinerja server in a subprocess (`kinerja serve`), for clients that are not Python."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
KINERJA = Path(sys.executable).with_name("kinerja")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running_server(database_url: str, storage_dir: Path, **env: str) -> Iterator[str]:
    """Serves `database_url` (already migrated) on a free port; yields the GraphQL URL."""
    port = free_port()
    environment = {**os.environ, "KINERJA_DATABASE_URL": database_url,
                   "KINERJA_STORAGE_DIR": str(storage_dir), "KINERJA_LOG_LEVEL": "WARNING",
                   **env}
    process = subprocess.Popen([str(KINERJA), "serve", "--port", str(port)], cwd=ROOT,
                               env=environment, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(process, base)
        yield f"{base}/graphql"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stderr.close()


def _wait_ready(process: subprocess.Popen, base: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"kinerja serve exited: {process.stderr.read()[-2000:]}")
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError("kinerja serve did not become healthy in time")
