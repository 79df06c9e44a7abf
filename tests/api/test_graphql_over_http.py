"""The graphql-http audit suite (npm `graphql-http`) against the real server, on both backends.

Every MUST and every SHOULD audit passes; MAY audits are reported but not required. The audit
needs Node.js and `tests/http_audit/node_modules` (`make test` installs it with npm when npm
is present). Without them the test is skipped, unless KINERJA_REQUIRE_NODE=1 (CI) makes that a
failure.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from tests.support.server import ROOT, running_server

AUDIT_DIR = ROOT / "tests" / "http_audit"


def _node_or_skip() -> str:
    node = shutil.which("node")
    missing = None
    if node is None:
        missing = "node is not installed"
    elif not (AUDIT_DIR / "node_modules" / "graphql-http").is_dir():
        missing = "tests/http_audit/node_modules is missing (npm ci --prefix tests/http_audit)"
    if missing:
        if os.environ.get("KINERJA_REQUIRE_NODE") == "1":
            pytest.fail(missing + " and KINERJA_REQUIRE_NODE=1")
        pytest.skip(missing)
    return node


def test_graphql_http_audit_passes_every_must_and_should(backend, tmp_path):
    node = _node_or_skip()
    with running_server(backend.app_url, tmp_path / "files") as url:
        completed = subprocess.run([node, "audit.mjs", url], cwd=AUDIT_DIR, capture_output=True,
                                   text=True, timeout=120, check=False)
    assert completed.returncode == 0, completed.stderr[-2000:]
    results = json.loads(completed.stdout)
    required = [r for r in results if r["name"].startswith(("MUST", "SHOULD"))]
    failed = [f"{r['id']} {r['name']}: {r['reason']}" for r in required if r["status"] != "ok"]
    assert not failed, "\n".join(failed)
    assert sum(r["name"].startswith("MUST") for r in required) >= 13
    assert sum(r["name"].startswith("SHOULD") for r in required) >= 23
