"""The suggestion engine (pure): gaps lowest first, predikat triggers, low BerAKHLAK values,
no duplicates, items already planned skipped, every suggestion with its reasons."""

from __future__ import annotations

from kinerja.development.suggest import CatalogEntry, Gap, PerformanceSignal, suggest
from kinerja.training.settings import default_content

PELAYANAN = CatalogEntry("a-pelayanan", "Pelatihan Pelayanan Prima", ("M.05",), 24.0)
KOMUNIKASI = CatalogEntry("a-komunikasi", "Workshop Komunikasi Publik", ("M.03", "M.05"), 5.0)
INTEGRITAS = CatalogEntry("a-integritas", "Seminar Antikorupsi", ("M.01",), 4.0)
HASIL = CatalogEntry("a-hasil", "Kursus Manajemen Kinerja", ("M.04",), 20.0)
OLD = CatalogEntry("a-old", "Pelatihan Lama", ("M.02",), 10.0, active=False)
CATALOG = [PELAYANAN, KOMUNIKASI, INTEGRITAS, HASIL, OLD]


def keys(found):
    return [s.key for s in found]


def test_front_desk_officer_with_inaccurate_information_gets_pelayanan_publik():
    """Colleagues rate Berorientasi Pelayanan 2.1/5: Pelayanan Publik (M.05) is suggested."""
    signal = PerformanceSignal(2026, None, {"BERORIENTASI_PELAYANAN": 2.1, "AKUNTABEL": 4.2})
    found = suggest([], signal, CATALOG, default_content())
    assert keys(found) == ["activity:a-pelayanan", "activity:a-komunikasi"]
    reason = found[0].reasons[0]
    assert (reason.code, reason.competency_code) == ("LOW_VALUE", "M.05")
    assert reason.text_en == "Berorientasi Pelayanan rated 2.1/5 by colleagues"
    assert reason.text_id == "Berorientasi Pelayanan dinilai 2,1/5 oleh rekan kerja"


def test_gaps_come_first_largest_shortfall_then_lowest_level():
    gaps = [Gap("M.01", "Integritas", 3, 2), Gap("M.05", "Pelayanan Publik", 3, 1),
            Gap("M.04", "Orientasi pada Hasil", 2, 2)]  # met: no suggestion
    found = suggest(gaps, None, CATALOG, default_content())
    assert keys(found) == ["activity:a-pelayanan", "activity:a-komunikasi",
                           "activity:a-integritas"]
    assert found[0].reasons[0].text_en == "M.05 Pelayanan Publik level 1 of 3 required"
    assert found[0].reasons[0].text_id == ("M.05 Pelayanan Publik level 1 dari 3 yang "
                                           "dipersyaratkan")


def test_each_triggering_predikat_suggests_its_competencies():
    settings = default_content()
    for predikat, expected in (("BUTUH_PERBAIKAN", ["activity:a-hasil"]),
                               ("KURANG_MISCONDUCT", ["activity:a-integritas"]),
                               ("SANGAT_KURANG", ["activity:a-hasil", "activity:a-integritas"]),
                               ("BAIK", []), ("SANGAT_BAIK", [])):
        found = suggest([], PerformanceSignal(2026, predikat), CATALOG, settings)
        assert keys(found) == expected, predikat
    [first, _] = suggest([], PerformanceSignal(2026, "SANGAT_KURANG"), CATALOG, settings)
    assert (first.reasons[0].code, first.reasons[0].text_en) == ("PREDIKAT",
                                                                 "Predikat Sangat Kurang 2026")
    butuh = suggest([], PerformanceSignal(2025, "BUTUH_PERBAIKAN"), CATALOG, settings)
    assert butuh[0].reasons[0].text_id == "Predikat Butuh Perbaikan 2025"


def test_one_suggestion_per_activity_with_all_its_reasons():
    gaps = [Gap("M.05", "Pelayanan Publik", 3, 1), Gap("M.03", "Komunikasi", 2, 1)]
    signal = PerformanceSignal(2026, None, {"BERORIENTASI_PELAYANAN": 2.0})
    found = suggest(gaps, signal, CATALOG, default_content())
    assert keys(found) == ["activity:a-pelayanan", "activity:a-komunikasi"]
    assert [r.code for r in found[1].reasons] == ["GAP", "GAP", "LOW_VALUE"]
    assert [r.competency_code for r in found[1].reasons] == ["M.05", "M.03", "M.05"]


def test_a_competency_without_an_active_activity_gets_one_free_form_suggestion():
    signal = PerformanceSignal(2026, None, {"HARMONIS": 1.5, "KOLABORATIF": 2.0})
    found = suggest([], signal, CATALOG, default_content())
    # Harmonis -> M.02 (only an inactive activity), SK.01; Kolaboratif -> M.02, M.03
    assert keys(found) == ["free:M.02", "free:SK.01", "activity:a-komunikasi"]
    assert found[0].activity is None and len(found[0].reasons) == 2


def test_values_at_or_above_the_threshold_and_missing_means_suggest_nothing():
    signal = PerformanceSignal(2026, None, {"BERORIENTASI_PELAYANAN": 2.5, "ADAPTIF": None})
    assert suggest([], signal, CATALOG, default_content()) == []
    assert suggest([], None, CATALOG, default_content()) == []
    settings = default_content()
    settings["low_value_threshold"] = 3.0
    assert keys(suggest([], signal, CATALOG, settings)) == ["activity:a-pelayanan",
                                                            "activity:a-komunikasi"]


def test_items_already_in_the_plan_are_skipped():
    gaps = [Gap("M.05", "Pelayanan Publik", 3, 1), Gap("M.08", "Pengambilan Keputusan", 2, 1)]
    found = suggest(gaps, None, CATALOG, default_content(),
                    planned_activity_ids={"a-pelayanan"}, planned_competencies={"M.08"})
    assert keys(found) == ["activity:a-komunikasi"]
