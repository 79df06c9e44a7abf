"""Dasbor Kinerja (webapp/) in a real browser: Debian's chromium driven by Playwright, against
a real `kinerja serve` on a copy of the Pauh demo, on SQLite and on PostgreSQL.

One story per backend, each role in its own browser context: a staff member (phone width)
submits their SKP, their rater approves it, the staff member records a realisation with an
uploaded file, the rater gives feedback on it and rates the period (the predikat previewed
from the matrix), the staff member replies, and HR sees the distribution change, with every
number of the table equal to the API's answer to the same principal. A second test signs in
and navigates with the keyboard only and checks labels, headings and the contrast of the chart
colours and of the heatmap's text on each band. No test may log a console error or fetch
anything from another origin. Screenshots go to var/screenshots/<backend>/ (not committed).

The browser is /usr/bin/chromium (KINERJA_CHROMIUM); without it the module is skipped, unless
KINERJA_REQUIRE_BROWSER=1 (CI), which makes it a failure. One server per backend, one browser
for the module; the module runs in the demo's xdist group (tests/conftest.py).
"""

from __future__ import annotations

import os
import re
from collections.abc import AsyncIterator
from itertools import pairwise
from pathlib import Path

import httpx
import pytest
from playwright.async_api import Browser, Page, async_playwright, expect

from kinerja.webapp import catalog
from tests.support.server import ROOT, running_server

CHROMIUM = os.environ.get("KINERJA_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
STAFF, RATER, HR = ("staff1.camat", "pauh-staff-2026"), ("rater2.camat", "pauh-rater-2026"), (
    "hr.camat", "pauh-hr-2026")
EMPLOYEE = "Edwar Koto, S.E."  # staff1.camat; rated by rater2.camat (Fitri Marlina)
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PREDIKAT = ["SANGAT_BAIK", "BAIK", "BUTUH_PERBAIKAN", "KURANG_MISCONDUCT", "SANGAT_KURANG"]
pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")


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
    """A real server on its own copy of the demo (the story commits)."""
    folder = tmp_path_factory.mktemp("browser")
    async with backend.copy_of("demo", folder) as url:
        with running_server(url, folder / "files") as graphql_url:
            yield graphql_url.removesuffix("/graphql")


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
    return session


def shot_dir(backend) -> Path:
    folder = ROOT / "var" / "screenshots" / backend.name
    folder.mkdir(parents=True, exist_ok=True)
    return folder


async def predikat_table(page: Page) -> dict[str, list[int]]:
    """The numbers behind the predikat chart as shown: unit -> [total, five counts]."""
    table = page.locator("table", has=page.locator("caption", has_text="Sebaran predikat"))
    await expect(table).to_be_visible()
    rows = await table.locator("tbody tr").evaluate_all(
        "rows => rows.map(r => [...r.children].map(c => c.textContent.trim()))")
    return {row[0]: [int(v) for v in row[1:]] for row in rows}


async def api_predikat(site: str, who: tuple[str, str], tenant: str) -> dict[str, list[int]]:
    """The same table from the API, asked as the same person through the app's documents."""
    ids = catalog.client_documents()["documents"]
    async with httpx.AsyncClient(base_url=site) as http:
        login = await http.post("/graphql", json={"query": catalog.documents()["Login"],
                                                  "variables": dict(zip(("username", "password"),
                                                                        who, strict=True))})
        headers = {"Authorization": f"Bearer {login.json()['data']['login']['token']}",
                   "X-Tenant": tenant, "X-Client-Id": catalog.CLIENT_ID}
        cycles = (await http.post("/graphql", headers=headers,
                                  json={"documentId": ids["Cycles"]})).json()["data"]["cycles"]
        period = [p for p in cycles[0]["periods"] if p["kind"] == "QUARTER"][2]  # Q3
        units = (await http.post("/graphql", headers=headers, json={
            "documentId": ids["PredikatByUnit"], "variables": {"periodId": period["id"]}})
        ).json()["data"]["predikatByUnit"]["units"]
    out = {}
    for unit in units:
        counts = {c["predikat"]: c["count"] for c in unit["distribution"]["counts"]}
        out[unit["unitName"] or "Seluruh instansi"] = [
            unit["distribution"]["total"], *(counts.get(p, 0) for p in PREDIKAT)]
    return out


async def test_staff_rater_and_hr_one_period_end_to_end(browser, site, backend):
    shots = shot_dir(backend)
    hr = await sign_in(browser, site, HR)
    await hr.page.get_by_role("button", name="Kantor Camat Pauh").click()  # two agencies
    await hr.page.get_by_role("link", name="Dasbor instansi").click()
    before = await predikat_table(hr.page)
    assert before == await api_predikat(site, HR, "camat-pauh")

    staff = await sign_in(browser, site, STAFF, PHONE)
    page = staff.page
    await expect(page.get_by_text("Dikembalikan")).to_be_visible()  # RETURNED in the demo
    await page.get_by_role("button", name="Ajukan SKP").click()
    await expect(page.get_by_text("Diajukan")).to_be_visible()
    await expect(page.locator("form.realisation-form")).to_have_count(0)  # not approved yet

    rater = await sign_in(browser, site, RATER)
    await rater.page.get_by_role("link", name="Tim saya").click()
    row = rater.page.get_by_role("row", name=re.compile(EMPLOYEE))
    await row.get_by_role("button", name=f"Setujui: {EMPLOYEE}").click()
    await expect(row.get_by_text("Disetujui")).to_be_visible()

    await page.reload()
    form = page.locator("form.realisation-form").first
    await form.get_by_label(re.compile("^Nilai realisasi")).fill("80")
    await form.get_by_label("Uraian").fill("Survei IKM triwulan 3: 80,4.")
    await form.get_by_label("Bukti dukung (berkas)").set_input_files(
        files=[{"name": "survei-ikm.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    await form.get_by_role("button", name="Simpan realisasi").click()
    await expect(page.get_by_role("button", name="survei-ikm.pdf")).to_be_visible()
    await expect(page.locator("p.realised", has_text="Survei IKM triwulan 3: 80,4.")).to_have_text(
        re.compile(r"Realisasi \(Triwulan 3\): 80 %"))
    await page.screenshot(path=shots / "staff-phone.png", full_page=True)

    await rater.page.get_by_role("button", name=f"Buka: {EMPLOYEE}").click()
    detail = rater.page.locator("#skp-detail")
    await expect(detail.get_by_role("button", name="survei-ikm.pdf")).to_be_visible()
    await detail.get_by_label(re.compile("^Umpan balik untuk realisasi ini")).first.fill(
        "Capaian bagus, lampirkan juga rekap kuesionernya.")
    await detail.get_by_role("button", name="Kirim umpan balik").first.click()
    await expect(detail.get_by_text("Capaian bagus, lampirkan")).to_be_visible()
    rating = detail.locator("form.rating-form")
    await rating.get_by_label("Rating hasil kerja", exact=True).select_option("DI_ATAS")
    await rating.get_by_label("Rating perilaku kerja", exact=True).select_option("SESUAI")
    await expect(rating.locator("output")).to_have_text("Baik")
    await rating.get_by_label("Rating perilaku kerja", exact=True).select_option("DI_ATAS")
    await expect(rating.locator("output")).to_have_text("Sangat Baik")
    await rating.get_by_role("button", name="Simpan rating").click()  # no justification
    await expect(rater.page.get_by_role("alert")).to_be_visible()
    await expect(rater.page.get_by_role("alert")).to_contain_text("Di Atas Ekspektasi")
    await rating.get_by_label("Alasan rating hasil kerja").fill("IKM di atas target.")
    await rating.get_by_label("Alasan rating perilaku kerja").fill("Sangat responsif.")
    await rating.get_by_role("button", name="Simpan rating").click()
    await expect(row.get_by_role("cell", name="Sangat Baik")).to_be_visible()
    await rater.page.screenshot(path=shots / "rater-desktop.png", full_page=True)

    await page.reload()
    thread = page.locator(".thread", has_text="Capaian bagus, lampirkan")
    await thread.get_by_label("Balasan").fill("Baik, Bu. Rekap menyusul.")
    await thread.get_by_role("button", name="Balas").click()
    await expect(page.locator(".thread", has_text="Rekap menyusul")).to_be_visible()

    await hr.page.reload()
    after = await predikat_table(hr.page)
    assert after == await api_predikat(site, HR, "camat-pauh")
    agency = "Seluruh instansi"
    assert after[agency][0] == before[agency][0] + 1  # one more result in Q3
    assert after[agency][1] == before[agency][1] + 1  # ... and it is Sangat Baik
    # the official documents behind the figures: the new result's evaluation PDF downloads
    documents = hr.page.get_by_role("table", name="Dokumen resmi (PDF)")
    result_row = documents.get_by_role("row", name=re.compile(EMPLOYEE))
    await expect(result_row).to_contain_text("Sangat Baik")
    async with hr.page.expect_download() as download_info:
        await result_row.get_by_role("button", name="Unduh dokumen penilaian (PDF)").click()
    download = await download_info.value
    assert re.fullmatch(r"evaluasi-kinerja-.+\.pdf", download.suggested_filename)
    assert Path(await download.path()).read_bytes().startswith(b"%PDF-")
    await hr.page.screenshot(path=shots / "hr-dashboard-desktop.png", full_page=True)
    await hr.page.set_viewport_size(PHONE)
    await hr.page.screenshot(path=shots / "hr-dashboard-phone.png")
    for session in (hr, staff, rater):
        assert session.problems == []


async def tab_to(page: Page, text: str, limit: int = 60) -> None:
    """Press Tab until the focused element's text is `text`."""
    for _ in range(limit):
        await page.keyboard.press("Tab")
        focused = await page.evaluate("document.activeElement.textContent.trim()")
        if focused == text:
            return
    raise AssertionError(f"Tab never reached {text!r}")


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _hex(css_colour: str) -> str:
    """'rgb(31, 35, 40)' -> '#1f2328' (the computed style's form)."""
    red, green, blue = (int(x) for x in re.findall(r"\d+", css_colour)[:3])
    return f"#{red:02x}{green:02x}{blue:02x}"


# The text and background colours of each heatmap band (heat-0 .. heat-5), from the page's CSS.
HEAT_CELLS = """() => [0, 1, 2, 3, 4, 5].map(i => {
  const table = document.createElement('table');
  table.className = 'heatmap';
  const cell = table.insertRow().insertCell();
  cell.className = 'heat-' + i;
  document.body.append(table);
  const style = getComputedStyle(cell);
  const colours = [style.color, style.backgroundColor];
  table.remove();
  return colours;
})"""


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


UNLABELLED = """() => [...document.querySelectorAll('input, select, textarea')]
  .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label'))
  .map(el => el.outerHTML)"""
HEADINGS = "() => [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => +h.tagName[1])"


async def check_basics(page: Page) -> None:
    assert await page.evaluate(UNLABELLED) == []
    levels = await page.evaluate(HEADINGS)
    assert levels.count(1) == 1 and 2 in levels, levels
    assert all(b - a <= 1 for a, b in pairwise(levels)), levels


async def test_keyboard_only_with_labels_headings_and_chart_contrast(browser, site, backend):
    session = await open_session(browser, site, DESKTOP)
    page = session.page
    await expect(page.get_by_label("Nama pengguna")).to_be_focused()
    await check_basics(page)
    await page.keyboard.type(HR[0])
    await page.keyboard.press("Tab")
    await page.keyboard.type(HR[1])
    await page.keyboard.press("Enter")
    await expect(page.get_by_role("heading", name="Pilih instansi")).to_be_visible()
    await tab_to(page, "Kantor Camat Pauh")
    await page.keyboard.press("Enter")
    await expect(page.get_by_role("heading", name="SKP saya")).to_be_focused()
    await check_basics(page)
    await tab_to(page, "Dasbor instansi")
    await page.keyboard.press("Enter")
    await expect(page.get_by_role("heading", name=re.compile("^Dasbor instansi"))).to_be_focused()
    await expect(page.locator("svg.chart").first).to_be_visible()
    await check_basics(page)
    fills = await page.locator("svg.chart rect[data-role=bar]").evaluate_all(
        "bars => [...new Set(bars.map(b => b.getAttribute('fill')))]")
    assert len(fills) >= 5  # the five predikat and the plain bars
    for fill in fills:
        assert contrast(fill, "#ffffff") >= 3, fill  # WCAG 1.4.11 non-text contrast
    for text, background in await page.evaluate(HEAT_CELLS):  # every band, shown or not
        assert contrast(_hex(text), _hex(background)) >= 4.5, (text, background)  # WCAG 1.4.3
    await tab_to(page, "English")
    await page.keyboard.press("Enter")
    await expect(page.get_by_role("heading", name=re.compile("^Agency dashboard"))).to_be_focused()
    await expect(page.locator("html")).to_have_attribute("lang", "en")
    await page.screenshot(path=shot_dir(backend) / "dashboard-english-desktop.png")
    assert session.problems == []
