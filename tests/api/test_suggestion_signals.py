"""Development suggestions from the real signal providers (development/providers.py), end to
end through the API: a competency gap from a position standard and an accepted assessment, the
released annual predikat (and the latest released periodic one before it), and low 360 means
that are published (at or above the anonymity threshold) but not below it."""

from __future__ import annotations

from datetime import date

from tests.api.reviews_support import SCORES, setup_reviews
from tests.api.test_development import activity
from tests.api.test_reviews import answer, nominate
from tests.support.api import gid
from tests.support.results import advance, rate, release, running_cycle, set_today
from tests.support.signals import m05_gap

SUGGEST = ("query($e:ID!,$y:Int!){developmentSuggestions(employeeId:$e,year:$y){key "
           "competencyCode activity{id title} reasons{code competencyCode text}}}")


async def suggested(api, world, year: int, user: str = "staff.alpha") -> list[dict]:
    variables = {"e": gid("Employee", world.employee_id("alpha", "staff")), "y": year}
    return (await api.gql(SUGGEST, variables, user=user, tenant="alpha",
                          lang="en")).ok()["developmentSuggestions"]


def reasons(found: list[dict]) -> list[tuple[str | None, str, str]]:
    return [(s["activity"]["id"] if s["activity"] else None, r["code"], r["text"])
            for s in found for r in s["reasons"]]


async def test_a_real_competency_gap_suggests_an_activity_addressing_it(api, world):
    pelayanan = await activity(api)
    await activity(api, title="Seminar Integritas", codes=("M.01",))
    assert await suggested(api, world, 2026) == []  # nothing assessed: no evidence of a gap
    await m05_gap(api, world)
    found = await suggested(api, world, 2026)
    # Only M.05 (assessed 1, required 3); competencies never assessed are not gaps here.
    assert reasons(found) == [(pelayanan, "GAP", "M.05 Pelayanan Publik level 1 of 3 required")]
    assert await suggested(api, world, 2026, user="rater.alpha") == found


async def test_a_released_annual_butuh_perbaikan_suggests_orientasi_pada_hasil(
        api, db, world, monkeypatch):
    set_today(monkeypatch, date(2027, 4, 5))
    hasil = await activity(api, title="Pelatihan Manajemen Kinerja", codes=("M.04",))
    cycle = await running_cycle(api, db, world)
    await rate(api, cycle, "staff", "Q1", "SESUAI", "SESUAI")  # BAIK: triggers nothing
    await release(api, cycle, "Q1")
    assert await suggested(api, world, 2027) == []
    set_today(monkeypatch, date(2028, 1, 5))
    await advance(api, cycle, "ASSESSMENT")
    rated = (await rate(api, cycle, "staff", "YEAR", "DI_BAWAH", "SESUAI"))["result"]
    assert rated["predikat"] == "BUTUH_PERBAIKAN"
    assert await suggested(api, world, 2027, user="hr.alpha") == []  # not released yet
    await release(api, cycle, "YEAR")
    expected = [(hasil, "PREDIKAT", "Predikat Butuh Perbaikan 2027")]
    assert reasons(await suggested(api, world, 2027)) == expected
    assert await suggested(api, world, 2026) == []  # another year's cycle


async def test_without_an_annual_result_the_latest_released_periodic_predikat_counts(
        api, db, world, monkeypatch):
    set_today(monkeypatch, date(2027, 4, 5))
    hasil = await activity(api, title="Pelatihan Manajemen Kinerja", codes=("M.04",))
    cycle = await running_cycle(api, db, world)
    await rate(api, cycle, "staff", "Q1", "DI_BAWAH", "DI_ATAS")
    assert await suggested(api, world, 2027, user="hr.alpha") == []
    await release(api, cycle, "Q1")
    assert reasons(await suggested(api, world, 2027)) == [
        (hasil, "PREDIKAT", "Predikat Butuh Perbaikan 2027")]
    set_today(monkeypatch, date(2028, 1, 5))
    await advance(api, cycle, "ASSESSMENT")
    await rate(api, cycle, "staff", "YEAR", "SESUAI", "SESUAI")
    await release(api, cycle, "YEAR")
    assert await suggested(api, world, 2027) == []  # the released annual BAIK decides


async def test_low_360_service_rating_suggests_pelayanan_only_once_published(
        api, db, services, world):
    """The seed example: a front-desk officer whose colleagues rate Berorientasi Pelayanan low
    gets Pelayanan Publik (M.05) development, but only once the answers are published."""
    pelayanan = await activity(api, title="Pelatihan Pelayanan Prima")
    s = await setup_reviews(api, db, services, world)
    await nominate(api, s, "hr.alpha",
                   [{"employeeId": p.gid, "relation": "PEER"} for p in s.peers[:3]])
    low = {**SCORES, "ADAPTIF": 3, "BERORIENTASI_PELAYANAN": 2}  # only service is low
    for peer, scores in zip(s.peers[:2], (low, {**low, "BERORIENTASI_PELAYANAN": 1}),
                            strict=True):
        await answer(api, peer, scores=scores)
    assert await suggested(api, world, 2027) == []  # 2 answers < threshold 3: anonymity holds
    assert await suggested(api, world, 2027, user="hr.alpha") == []
    await answer(api, s.peers[2], scores=low)
    found = await suggested(api, world, 2027)
    assert reasons(found) == [
        (pelayanan, "LOW_VALUE", "Berorientasi Pelayanan rated 1.7/5 by colleagues")]
    assert found[0]["competencyCode"] == "M.05"
