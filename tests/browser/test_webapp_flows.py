"""Dasbor Kinerja in a real browser, the flows after the first story (test_webapp_browser.py),
on their own server and copy of the demo per backend:

- an objection: the rater sees the rated results on the dashboard without the release button
  (they may not release), HR releases the period's rated results there, the staff member
  (phone width) sees the deadline and objects within the window, the rater who entered the
  rating has nothing to decide, the rater's superior decides it (CHANGE), and the staff member
  sees the final result and the decision, each equal to the API's answer to the same person;
- the custom views page: each person sees exactly the views the API lists for them, runs one
  as a table and downloads it as CSV and XLSX, each equal to `runView` for the same person;
- the dashboard's chart numbers downloaded as CSV and XLSX, parsed and compared with the
  GraphQL answer behind the chart for the same person;
- the staff realisation form with the keyboard only (Tab, typing, Enter), the focus visible
  on every control on the way.

Each checks labels and heading order on the pages it visits, and none may log a console
error or fetch from another origin. Screenshots of every page at phone and desktop width go to
var/screenshots/<backend>/ (not committed).
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.async_api import Page, expect

from tests.browser.support import (
    DESKTOP,
    EMPLOYEE,
    FOCUS_SHOWN,
    HR,
    PHONE,
    RATER,
    STAFF,
    SUPERIOR,
    as_person,
    canon,
    check_basics,
    choose_period,
    downloaded_table,
    open_session,
    screenshots,
    shown_day,
    sign_in,
    tab_to_element,
    table_cells,
)

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")
REASONS = "Pengaduan yang ditindaklanjuti triwulan 2 belum dihitung; rekap terlampir."
DECISION = "Rekap pengaduan triwulan 2 sah: hasil kerja sesuai ekspektasi."


@pytest.fixture(scope="module")
async def approved_skp(site) -> str:
    """staff1.camat's SKP, approved (set up through the API: test_webapp_browser.py drives
    these two steps in the browser): the staff member submits the demo's returned SKP and
    rater2.camat approves it. Its ID."""
    async with as_person(site, STAFF) as staff, as_person(site, RATER) as rater:
        cycle = await staff.cycle()
        [skp] = (await staff.query("Skps", cycleId=cycle["id"]))["skps"]["nodes"]
        assert skp["status"] == "RETURNED", skp  # the demo's
        skp = (await staff.mutate("SubmitSkp", id=skp["id"], version=skp["version"]))["skp"]
        await rater.mutate("ApproveSkp", id=skp["id"], version=skp["version"])
        return skp["id"]


def section_of(page: Page, heading: str | re.Pattern):
    return page.locator("section", has=page.get_by_role("heading", name=heading, exact=True))


async def test_objection_within_the_window_decided_by_the_raters_superior(
        browser, site, backend, approved_skp):
    async with as_person(site, RATER) as rater, as_person(site, HR) as hr_api:
        q2 = await rater.quarter(2)
        await rater.mutate("RateResult", skpId=approved_skp, periodId=q2["id"],
                           ratingHasil="DI_BAWAH", ratingPerilaku="SESUAI",
                           justificationHasil="Pengaduan triwulan 2 belum ditindaklanjuti.")
        rated = [r for r in await hr_api.results(q2) if r["status"] == "RATED"]
        predikat = await hr_api.labels("Predikat")
    assert EMPLOYEE in [r["employee"]["name"] for r in rated]

    # The rater sees the rated result but has no release control; HR releases the period's
    # rated results, and the objection window opens.
    own_rater = await sign_in(browser, site, RATER)
    await own_rater.page.get_by_role("link", name="Dasbor instansi").click()
    await choose_period(own_rater.page, "Triwulan 2")
    await expect(own_rater.page.get_by_role("table", name="Dokumen resmi (PDF)").get_by_role(
        "row", name=re.compile(EMPLOYEE))).to_contain_text("Dinilai")
    await expect(own_rater.page.get_by_role("button", name=re.compile("^Umumkan"))).to_have_count(0)
    hr = await sign_in(browser, site, HR)
    await hr.page.get_by_role("link", name="Dasbor instansi").click()
    await choose_period(hr.page, "Triwulan 2")
    documents = hr.page.get_by_role("table", name="Dokumen resmi (PDF)")
    row = documents.get_by_role("row", name=re.compile(EMPLOYEE))
    await expect(row).to_contain_text("Dinilai")
    release = f"Umumkan {len(rated)} hasil yang sudah dinilai"
    await hr.page.get_by_role("button", name=release).click()
    await expect(row).to_contain_text("Diumumkan")
    await expect(hr.page.get_by_role("button", name=re.compile("^Umumkan"))).to_have_count(0)
    async with as_person(site, HR) as hr_api:
        statuses = [r["status"] for r in await hr_api.results(q2)]
    assert "RATED" not in statuses
    shown = await documents.locator("tbody tr td:nth-child(3)").all_text_contents()
    assert shown.count("Diumumkan") == statuses.count("RELEASED") >= len(rated)

    # The staff member sees the result with its deadline and objects within the window.
    staff = await sign_in(browser, site, STAFF, PHONE)
    page = staff.page
    await choose_period(page, "Triwulan 2")
    async with as_person(site, STAFF) as me:
        [own] = await me.results(q2)  # a staff member reads only their own
        result = (await me.query("Result", id=own["id"]))["result"]
    assert result["status"] == "RELEASED"
    assert result["objectionDeadline"] >= date.today().isoformat()  # within the window
    deadline = await shown_day(page, result["objectionDeadline"])
    mine = section_of(page, "Hasil penilaian saya")
    await expect(mine.locator("p.predikat strong")).to_have_text(predikat[result["predikat"]])
    await expect(mine.locator("dt", has_text="Batas keberatan").locator("+ dd")).to_have_text(
        deadline)
    await check_basics(page)
    await mine.get_by_label(f"Alasan keberatan (Batas keberatan: {deadline})").fill(REASONS)
    await screenshots(page, backend, "staff-objection")
    await mine.get_by_role("button", name="Ajukan keberatan").click()
    await expect(mine.get_by_text("Diajukan keberatan")).to_be_visible()
    await expect(mine.get_by_text(f"Menunggu keputusan: {REASONS}")).to_be_visible()
    for gone in ("Ajukan keberatan", "Terima hasil"):  # the window's controls are gone
        await expect(mine.get_by_role("button", name=gone)).to_have_count(0)

    # The rater who entered the rating decides nothing; the rater's superior decides.
    await own_rater.page.get_by_role("link", name="Tim saya").click()
    await expect(section_of(own_rater.page, "Keberatan yang harus saya putuskan")).to_contain_text(
        "Tidak ada keberatan terbuka.")
    superior = await sign_in(browser, site, SUPERIOR)
    await superior.page.get_by_role("link", name="Tim saya").click()
    objection = superior.page.locator("section.sub", has=superior.page.get_by_role(
        "heading", name=f"{EMPLOYEE} · Triwulan 2"))
    await expect(objection.locator("blockquote")).to_have_text(REASONS)
    await expect(objection).to_contain_text(
        f"Butuh Perbaikan (Di Bawah Ekspektasi × Sesuai Ekspektasi) · Batas keberatan: {deadline}")
    hasil = objection.get_by_label("Rating hasil kerja", exact=True)
    await expect(hasil).to_be_disabled()  # only a CHANGE sets new ratings
    await objection.get_by_label("Keputusan", exact=True).select_option("CHANGE")
    await expect(hasil).to_be_enabled()
    await hasil.select_option("SESUAI")
    await objection.get_by_label("Alasan keputusan").fill(DECISION)
    await check_basics(superior.page)
    await screenshots(superior.page, backend, "superior-objection")
    await objection.get_by_role("button", name="Putuskan").click()
    await expect(objection).to_have_count(0)

    # The staff member sees the final result, the decision and the change.
    await page.reload()
    await choose_period(page, "Triwulan 2")
    async with as_person(site, STAFF) as me:
        result = (await me.query("Result", id=own["id"]))["result"]
    assert (result["status"], result["predikat"]) == ("FINAL", "BAIK")
    await expect(mine.locator("p.predikat strong")).to_have_text(predikat[result["predikat"]])
    await expect(mine).to_contain_text("Final")
    await expect(mine.get_by_text(f"Diputuskan: {REASONS} → Hasil diubah ({DECISION})")
                 ).to_be_visible()
    await expect(mine.locator("li", has_text="Butuh Perbaikan → Baik")).to_contain_text(DECISION)
    for session in (hr, staff, own_rater, superior):
        assert session.problems == []


async def test_views_page_lists_and_runs_what_each_person_may_run(browser, site, backend):
    sessions = []
    for who in (STAFF, SUPERIOR, HR):
        session = await sign_in(browser, site, who)
        sessions.append(session)
        page = session.page
        await page.get_by_role("link", name="Tampilan").click()
        await expect(page.get_by_role("heading", name="Tampilan kustom")).to_be_focused()
        async with as_person(site, who) as person:
            views = (await person.query("Views"))["views"]
        assert await page.locator(".views h3").all_text_contents() == [v["title"] for v in views]
        await check_basics(page)

    # HR runs one view as a table and downloads it, all equal to runView for HR.
    key, title = "jp-di-bawah-20", "Pegawai di bawah 20 JP"
    async with as_person(site, HR) as person:
        run = (await person.query("RunView", key=key))["runView"]
    labels = [c["label"] for c in run["columns"]]
    expected = [[canon(v) for v in row] for row in run["rows"]]
    assert run["errors"] == [] and len(expected) > 1
    item = page.locator(".views li", has=page.get_by_role("heading", name=title))
    await item.get_by_role("button", name=f"Jalankan: {title}").click()
    head, rows = await table_cells(page, title)
    assert head == labels
    assert [[canon(v) for v in row] for row in rows] == expected
    await check_basics(page)
    await screenshots(page, backend, "views")
    for kind in ("csv", "xlsx"):
        name, header, lines = await downloaded_table(
            page, item.get_by_role("button", name=f"Unduh {kind.upper()}"))
        assert re.fullmatch(rf"{key}-v\d+\.{kind}", name), name  # the view's version
        assert (header, lines) == (labels, expected)
    for session in sessions:
        assert session.problems == []


async def test_dashboard_chart_numbers_download_as_csv_and_xlsx_equal_to_the_api(
        browser, site, backend):
    hr = await sign_in(browser, site, HR)
    page = hr.page
    await page.get_by_role("link", name="Dasbor instansi").click()
    await choose_period(page, "Triwulan 2")  # rated in the demo
    async with as_person(site, HR) as person:
        q2 = await person.quarter(2)
        units = (await person.query("PredikatByUnit", periodId=q2["id"]))["predikatByUnit"]["units"]
        progress = (await person.query("Progress", periodId=q2["id"]))["progress"]
        predikat = await person.labels("Predikat")
    charts = {
        "Sebaran predikat per unit": (
            "predikat-by-unit", ["Unit kerja", "Jumlah", "Predikat", "Jumlah per predikat"],
            [[u["unitName"], u["distribution"]["total"],
              "; ".join(predikat[c["predikat"]] for c in u["distribution"]["counts"]),
              "; ".join(str(c["count"]) for c in u["distribution"]["counts"])] for u in units]),
        "Progres realisasi per unit": (
            "progress", ["Unit kerja", "Nama", "SKP", "Indikator", "Indikator terealisasi",
                         "Porsi terealisasi", "Capaian", "Bukti dukung"],
            [[r["unitName"], r["employeeName"], r["skps"], r["indicators"],
              r["indicatorsRealised"], r["realisationShare"], r["achievement"], r["evidence"]]
             for r in progress]),
    }
    assert sum(u["distribution"]["total"] for u in units) > 0
    for title, (name, header, rows) in charts.items():
        expected = [[canon(v) for v in row] for row in rows]
        chart = section_of(page, title)
        for kind in ("csv", "xlsx"):
            downloaded = await downloaded_table(
                page, chart.get_by_role("button", name=f"Unduh {kind.upper()}"))
            assert downloaded == (f"{name}.{kind}", header, expected), title
    assert hr.problems == []


async def test_staff_records_a_realisation_with_the_keyboard_only(
        browser, site, backend, approved_skp):
    session = await open_session(browser, site, DESKTOP)
    page = session.page
    await expect(page.get_by_label("Nama pengguna")).to_be_focused()
    await page.keyboard.type(STAFF[0])
    await page.keyboard.press("Tab")
    await page.keyboard.type(STAFF[1])
    await page.keyboard.press("Enter")
    await expect(page.get_by_role("heading", name="SKP saya")).to_be_focused()
    indicator = "Jumlah pengaduan yang ditindaklanjuti"
    form = page.get_by_role("form", name=f"Realisasi: {indicator}")
    value = form.get_by_label(re.compile("^Nilai realisasi"))
    await tab_to_element(page, value)
    steps = [(value, "96"), (form.get_by_label("Uraian"), "48 dari 50 pengaduan."),
             (form.get_by_label("Bukti dukung (berkas)"), None),
             (form.get_by_role("button", name="Simpan realisasi"), None)]
    for number, (control, keys) in enumerate(steps):  # in this order, each with its focus shown
        if number:
            await page.keyboard.press("Tab")
        await expect(control).to_be_focused()
        assert await page.evaluate(FOCUS_SHOWN), await control.evaluate("el => el.outerHTML")
        if keys:
            await page.keyboard.type(keys)
    await page.keyboard.press("Enter")
    block = page.locator(".indicator", has=page.locator(".indicator-text", has_text=indicator))
    await expect(block.locator("p.realised")).to_have_text(
        "Realisasi (Triwulan 3): 96 % 48 dari 50 pengaduan.")
    await expect(page.get_by_role("heading", name="SKP saya")).to_be_focused()
    async with as_person(site, STAFF) as me:
        q3 = await me.quarter(3)
        skp = (await me.query("Skp", id=approved_skp, periodId=q3["id"]))["skp"]
    ids = {i["text"]: i["id"] for w in skp["workResults"] for i in w["indicators"]}
    [saved] = [r for r in skp["realisations"] if r["indicatorId"] == ids[indicator]]
    assert (saved["value"], saved["narrative"]) == (96, "48 dari 50 pengaduan.")
    await check_basics(page)
    await screenshots(page, backend, "staff")
    assert session.problems == []
