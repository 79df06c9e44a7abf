"""The browser tests' fixtures: Debian's chromium (one per module) and a real `kinerja serve`
on its own copy of the Pauh demo (one per module and backend: each module's stories commit
and start from the demo as loaded).

The browser is /usr/bin/chromium (KINERJA_CHROMIUM); without it the tests are skipped, unless
KINERJA_REQUIRE_BROWSER=1 (CI), which makes it a failure. The modules run in the demo's xdist
group (tests/conftest.py)."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from playwright.async_api import Browser, async_playwright

from tests.support.server import running_server

CHROMIUM = os.environ.get("KINERJA_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
async def browser() -> AsyncIterator[Browser]:
    if not Path(CHROMIUM).exists():
        message = f"no browser at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("KINERJA_REQUIRE_BROWSER") == "1":
            pytest.fail(message + " and KINERJA_REQUIRE_BROWSER=1")
        pytest.skip(message)
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        await launched.close()


@pytest.fixture(scope="module")
async def site(backend, tmp_path_factory) -> AsyncIterator[str]:
    """A real server on its own copy of the demo (the stories commit)."""
    folder = tmp_path_factory.mktemp("browser")
    async with backend.copy_of("demo", folder) as url:
        with running_server(url, folder / "files") as graphql_url:
            yield graphql_url.removesuffix("/graphql")
