"""Hostile requests against the real server: how fast each limit refuses, and what memory does.

`make bench-hostile` (or `.venv/bin/python bench/hostile_bench.py`) serves a fresh SQLite
database with `kinerja serve` (one process, production settings) and, anonymously:
1. sends each hostile document of the hardening review (issue 8) `--repeat` times and reports
   the answer's code and its latency (median and maximum, client side, loopback);
2. sends `--documents` distinct 60 KB valid documents (a comment and `{__typename}`) and
   reports the server's resident memory before, in the middle and after.
`/healthz` is timed while the hostile documents are in flight, from a second connection.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.server import running_server  # noqa: E402


def doubling_fragments(levels: int) -> str:
    parts = ["{ ...F0 }"]
    parts += [f"fragment F{i} on Query {{ __typename ...F{i + 1} ...F{i + 1} }}"
              for i in range(levels)]
    parts.append(f"fragment F{levels} on Query {{ __typename }}")
    return "\n".join(parts)


def deep(levels: int) -> str:
    inner = "name"
    for _ in range(levels):
        inner = f"rater {{ name {inner} }}"
    return f"{{ employees {{ nodes {{ {inner} }} }} }}"


HOSTILE = {
    "fragments doubling x25 (1.3 KB)": doubling_fragments(25),
    "900 KB comment + {__typename}": "#" + "x" * 900_000 + "\n{ __typename }",
    "3,001 tokens": "{ me { " + "roles " * 3001 + "} }",
    "me{user{username}} x600 (4 KB)": "{ " + "me { user { username } } " * 600 + "}",
    "me{user{username}} x400 (fields)": "{ " + "me { user { username } } " * 400 + "}",
    "me{user{username}} x160 (validation budget)": "{ " + "me { user { username } } " * 160 + "}",
    "51 directives": "{ __typename " + "@include(if: true) " * 51 + "}",
    "31 aliases": "{ " + " ".join(f"a{i}: __typename" for i in range(31)) + " }",
    "depth 13": deep(13),
    "NUL in a literal": '{ employees(search: "a\\u0000b") { totalCount } }',
    "(baseline) { __typename }": "{ __typename }",
}


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def server_pid(port: int) -> int:
    out = subprocess.run(["ss", "-ltnpH", f"sport = :{port}"], capture_output=True, text=True)
    return int(out.stdout.split("pid=")[1].split(",")[0])


def timed(http: httpx.Client, query: str) -> tuple[float, str]:
    started = time.perf_counter()
    response = http.post("/graphql", json={"query": query})
    elapsed = (time.perf_counter() - started) * 1000
    errors = response.json().get("errors") or []
    code = errors[0]["extensions"]["code"] if errors else "ok"
    return elapsed, code


def health_watch(base: str, stop: threading.Event, worst: list[float]) -> None:
    with httpx.Client(base_url=base, timeout=60) as http:
        while not stop.is_set():
            started = time.perf_counter()
            http.get("/healthz")
            worst.append((time.perf_counter() - started) * 1000)
            time.sleep(0.01)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--documents", type=int, default=3000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite+aiosqlite:///{tmp}/kinerja.sqlite3"
        env = {**os.environ, "KINERJA_DATABASE_URL": url}
        subprocess.run([str(Path(sys.executable).with_name("kinerja")), "migrate"], env=env,
                       check=True, capture_output=True)
        with running_server(url, Path(tmp) / "files", KINERJA_ENV="production",
                            KINERJA_SECRET_KEY="b" * 40) as graphql_url:
            base = graphql_url.removesuffix("/graphql")
            port = int(base.rsplit(":", 1)[1])
            pid = server_pid(port)
            report: dict = {"limits": {}, "memory_kib": {}}
            stop, health = threading.Event(), []
            watcher = threading.Thread(target=health_watch, args=(base, stop, health))
            watcher.start()
            with httpx.Client(base_url=base, timeout=600) as http:
                for name, query in HOSTILE.items():
                    runs = [timed(http, query) for _ in range(args.repeat)]
                    times = [t for t, _ in runs]
                    report["limits"][name] = {
                        "code": runs[0][1], "median_ms": round(statistics.median(times), 2),
                        "max_ms": round(max(times), 2)}
                stop.set()
                watcher.join()
                report["healthz_max_ms"] = round(max(health), 2)
                report["memory_kib"]["start"] = rss_kib(pid)
                for i in range(args.documents):
                    http.post("/graphql", json={
                        "query": f"# {i:08d}" + "x" * 60_000 + "\n{ __typename }"})
                    if i + 1 in (args.documents // 10, args.documents // 2, args.documents):
                        report["memory_kib"][f"after {i + 1}"] = rss_kib(pid)
    print(json.dumps(report, indent=2))
    print("\n| document | answer | median ms | max ms |\n|---|---|---:|---:|")
    for name, row in report["limits"].items():
        print(f"| {name} | `{row['code']}` | {row['median_ms']} | {row['max_ms']} |")


if __name__ == "__main__":
    main()
