"""Dasbor Kinerja (webapp/) in a real browser: Debian's chromium driven by Playwright, against
a real `kinerja serve` on a copy of the Pauh demo, on SQLite and on PostgreSQL.

One story per backend, each role in its own browser context: a staff member (phone width)
submits their SKP, their rater approves it, the staff member records a realisation with an
uploaded file, the rater gives feedback on it and rates the period (the predikat previewed
from the matrix), the staff member replies, and HR sees the distribution change, with every
number of the table equal to the API's answer to the same principal. A second test signs in
and navigates with the keyboard only and checks labels, headings and the contrast of the chart
colours and of the heatmap's text on each band. No test may log a console error or fetch
anything from another origin. Screenshots of each page at phone and desktop width go to
var/screenshots/<backend>/ (not committed). The browser and the server: conftest.py; the
objection, the views page, the downloads and the keyboard-only realisation:
test_webapp_flows.py.
"""

from __future__ import annotations

import re

import pytest
from playwright.async_api import Page, expect

from tests.browser.support import (
    DESKTOP,
    EMPLOYEE,
    HR,
    PHONE,
    RATER,
    STAFF,
    as_person,
    check_basics,
    download,
    open_session,
    screenshots,
    shot_dir,
    sign_in,
    tab_to,
)

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PREDIKAT = ["SANGAT_BAIK", "BAIK", "BUTUH_PERBAIKAN", "KURANG_MISCONDUCT", "SANGAT_KURANG"]
pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")


async def predikat_table(page: Page) -> dict[str, list[int]]:
    """The numbers behind the predikat chart as shown: unit -> [total, five counts]."""
    table = page.locator("table", has=page.locator("caption", has_text="Sebaran predikat"))
    await expect(table).to_be_visible()
    rows = await table.locator("tbody tr").evaluate_all(
        "rows => rows.map(r => [...r.children].map(c => c.textContent.trim()))")
    return {row[0]: [int(v) for v in row[1:]] for row in rows}


async def api_predikat(site: str, who: tuple[str, str]) -> dict[str, list[int]]:
    """The same table from the API, asked as the same person through the app's documents."""
    async with as_person(site, who) as person:
        period = await person.quarter(3)
        units = (await person.query("PredikatByUnit", periodId=period["id"])
                 )["predikatByUnit"]["units"]
    out = {}
    for unit in units:
        counts = {c["predikat"]: c["count"] for c in unit["distribution"]["counts"]}
        out[unit["unitName"] or "Seluruh instansi"] = [
            unit["distribution"]["total"], *(counts.get(p, 0) for p in PREDIKAT)]
    return out


async def test_staff_rater_and_hr_one_period_end_to_end(browser, site, backend):
    hr = await sign_in(browser, site, HR)  # chooses Kantor Camat Pauh of two agencies
    await hr.page.get_by_role("link", name="Dasbor instansi").click()
    before = await predikat_table(hr.page)
    assert before == await api_predikat(site, HR)

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
    await screenshots(page, backend, "staff")

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
    await screenshots(rater.page, backend, "rater")

    await page.reload()
    thread = page.locator(".thread", has_text="Capaian bagus, lampirkan")
    await thread.get_by_label("Balasan").fill("Baik, Bu. Rekap menyusul.")
    await thread.get_by_role("button", name="Balas").click()
    await expect(page.locator(".thread", has_text="Rekap menyusul")).to_be_visible()

    await hr.page.reload()
    after = await predikat_table(hr.page)
    assert after == await api_predikat(site, HR)
    agency = "Seluruh instansi"
    assert after[agency][0] == before[agency][0] + 1  # one more result in Q3
    assert after[agency][1] == before[agency][1] + 1  # ... and it is Sangat Baik
    # the official documents behind the figures: the new result's evaluation PDF downloads
    documents = hr.page.get_by_role("table", name="Dokumen resmi (PDF)")
    result_row = documents.get_by_role("row", name=re.compile(EMPLOYEE))
    await expect(result_row).to_contain_text("Sangat Baik")
    name, body = await download(hr.page, result_row.get_by_role(
        "button", name="Unduh dokumen penilaian (PDF)"))
    assert re.fullmatch(r"evaluasi-kinerja-.+\.pdf", name) and body.startswith(b"%PDF-")
    await screenshots(hr.page, backend, "hr-dashboard")
    for session in (hr, staff, rater):
        assert session.problems == []


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
