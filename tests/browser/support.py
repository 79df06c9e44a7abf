"""What the browser tests share: a person's browser session (and what went wrong in it),
signing in, screenshots, keyboard moves, accessibility basics, and the API asked as the same
person through the app's own documents (to compare every number on screen with)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from itertools import pairwise
from pathlib import Path
from typing import Any

import httpx
import openpyxl
from playwright.async_api import Browser, Locator, Page, expect

from kinerja.webapp import catalog
from tests.support.server import ROOT

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
STAFF, RATER, HR = ("staff1.camat", "pauh-staff-2026"), ("rater2.camat", "pauh-rater-2026"), (
    "hr.camat", "pauh-hr-2026")
SUPERIOR = ("rater1.camat", "pauh-rater-2026")  # the rater's superior on staff1's SKP
EMPLOYEE = "Edwar Koto, S.E."  # staff1.camat; rated by rater2.camat (Fitri Marlina)
TENANT = "camat-pauh"


class Session:
    """One person's browser context: their page, and what went wrong in it."""

    def __init__(self, page: Page, site: str):
        self.page, self.site = page, site
        self.problems: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.problems.append(m.text))
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        page.on("request", lambda r: r.url.startswith((site, "data:", "blob:"))
                or self.problems.append(f"foreign request {r.url}"))


async def open_session(browser: Browser, site: str, viewport: dict) -> Session:
    context = await browser.new_context(viewport=viewport, locale="id-ID")
    session = Session(await context.new_page(), site)
    await session.page.goto(f"{site}/app/")
    return session


async def sign_in(browser: Browser, site: str, who: tuple[str, str],
                  viewport: dict = DESKTOP) -> Session:
    session = await open_session(browser, site, viewport)
    page = session.page
    await page.get_by_label("Nama pengguna").fill(who[0])
    await page.get_by_label("Kata sandi").fill(who[1])
    await page.get_by_role("button", name="Masuk").click()
    await expect(page.get_by_role("button", name="Keluar")).to_be_visible()
    if who in (HR, SUPERIOR):  # several agencies: choose one first
        await page.get_by_role("button", name="Kantor Camat Pauh").click()
    return session


async def choose_period(page: Page, name: str) -> None:
    await page.get_by_label("Periode").select_option(label=name)
    await expect(page.get_by_label("Periode").locator("option:checked")).to_have_text(name)


def shot_dir(backend) -> Path:
    folder = ROOT / "var" / "screenshots" / backend.name
    folder.mkdir(parents=True, exist_ok=True)
    return folder


async def screenshots(page: Page, backend, name: str) -> None:
    """The page as it is now at phone and at desktop width (whole page), then back to the
    width it had: var/screenshots/<backend>/<name>-phone.png and -desktop.png."""
    size = page.viewport_size
    for width, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        await page.set_viewport_size(viewport)
        await page.screenshot(path=shot_dir(backend) / f"{name}-{width}.png", full_page=True)
    await page.set_viewport_size(size)


async def tab_to(page: Page, text: str, limit: int = 60) -> None:
    """Press Tab until the focused element's text is `text`."""
    for _ in range(limit):
        await page.keyboard.press("Tab")
        focused = await page.evaluate("document.activeElement.textContent.trim()")
        if focused == text:
            return
    raise AssertionError(f"Tab never reached {text!r}")


async def tab_to_element(page: Page, target: Locator, limit: int = 60) -> None:
    """Press Tab until `target` has the focus."""
    for _ in range(limit):
        await page.keyboard.press("Tab")
        if await target.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError(f"Tab never reached {target}")


async def download(page: Page, button: Locator) -> tuple[str, bytes]:
    """Click a download button of the app: the file's suggested name and its bytes."""
    async with page.expect_download() as info:
        await button.click()
    saved = await info.value
    return saved.suggested_filename, Path(await saved.path()).read_bytes()


async def downloaded_table(page: Page, button: Locator) -> tuple[str, list, list[list]]:
    """Download a table as CSV or XLSX with one of the app's buttons, and parse it: the file's
    name, its header and its rows (each value `canon`)."""
    name, body = await download(page, button)
    if name.endswith(".csv"):
        header, *lines = csv.reader(io.StringIO(body.decode("utf-8-sig")))
    else:
        header, *lines = openpyxl.load_workbook(io.BytesIO(body)).active.iter_rows(
            values_only=True)
    return name, list(header), [[canon(v) for v in line] for line in lines]


# The focused element shows where it is: it matches :focus-visible and has a visible outline.
FOCUS_SHOWN = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return el.matches(':focus-visible') && style.outlineStyle !== 'none'
    && parseFloat(style.outlineWidth) >= 2;
}"""
UNLABELLED = """() => [...document.querySelectorAll('input, select, textarea')]
  .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label'))
  .map(el => el.outerHTML)"""
HEADINGS = "() => [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => +h.tagName[1])"


async def check_basics(page: Page) -> None:
    """Every input labelled, one h1, an h2, and no heading level skipped."""
    assert await page.evaluate(UNLABELLED) == []
    levels = await page.evaluate(HEADINGS)
    assert levels.count(1) == 1 and 2 in levels, levels
    assert all(b - a <= 1 for a, b in pairwise(levels)), levels


async def shown_day(page: Page, iso: str) -> str:
    """An API date as the page's locale writes it (id-ID, medium: '21 Des 2026')."""
    return await page.evaluate("iso => new Intl.DateTimeFormat('id-ID', {dateStyle: 'medium'})"
                               ".format(new Date(iso + 'T00:00:00'))", iso)


async def table_cells(page: Page, caption: str | re.Pattern) -> tuple[list[str], list[list[str]]]:
    """A table's head and body texts as shown, found by its caption."""
    table = page.locator("table", has=page.locator("caption", has_text=caption))
    await expect(table).to_be_visible()
    head = await table.locator("thead th").all_text_contents()
    rows = await table.locator("tbody tr").evaluate_all(
        "rows => rows.map(r => [...r.children].map(c => c.textContent.trim()))")
    return [h.strip() for h in head], rows


def canon(value: Any) -> Any:
    """One value of a table cell, a CSV or XLSX cell or a JSON answer, in one comparable form:
    nothing ('', '–', None) is None, a number is a float, anything else is its text."""
    if value is None or value in ("", "–"):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return str(value)


class Person:
    """The API asked as one person through the app's documents by id, as the page asks it."""

    def __init__(self, http: httpx.AsyncClient):
        self.http = http
        self.ids = catalog.client_documents()["documents"]

    async def query(self, name: str, **variables) -> dict:
        answer = (await self.http.post("/graphql", json={
            "documentId": self.ids[name], "variables": variables})).json()
        assert not answer.get("errors"), answer
        return answer["data"]

    async def mutate(self, name: str, **values) -> dict:
        payload = next(iter((await self.query(name, input=values)).values()))
        assert payload["errors"] == [], payload
        return payload

    async def labels(self, enum: str) -> dict[str, str]:
        [found] = (await self.query("Labels", names=[enum]))["enumLabels"]
        return {v["value"]: v["label"] for v in found["values"]}

    async def results(self, period: dict) -> list[dict]:
        """The period's results this person may read (the demo's fit on one page)."""
        cycle = await self.cycle()
        page = (await self.query("Results", cycleId=cycle["id"], periodId=period["id"]))["results"]
        assert not page["pageInfo"]["hasNextPage"]
        return page["nodes"]

    async def cycle(self) -> dict:
        return (await self.query("Cycles"))["cycles"][0]

    async def quarter(self, number: int) -> dict:
        return next(p for p in (await self.cycle())["periods"]
                    if p["kind"] == "QUARTER" and p["number"] == number)


@asynccontextmanager
async def as_person(site: str, who: tuple[str, str],
                    tenant: str = TENANT) -> AsyncIterator[Person]:
    async with httpx.AsyncClient(base_url=site) as http:
        login = await http.post("/graphql", json={
            "query": catalog.documents()["Login"],
            "variables": dict(zip(("username", "password"), who, strict=True))})
        http.headers.update({
            "Authorization": f"Bearer {login.json()['data']['login']['token']}",
            "X-Tenant": tenant, "X-Client-Id": catalog.CLIENT_ID, "Accept-Language": "id"})
        yield Person(http)
