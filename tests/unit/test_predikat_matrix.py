"""The default predikat matrix is the domain guide's table (§4), cell by cell."""

import pytest

from kinerja.cycles.rules import default_content, predikat_for

EXPECTED = {  # hasil kerja -> perilaku -> predikat
    "DI_ATAS": {"DI_BAWAH": "KURANG_MISCONDUCT", "SESUAI": "BAIK", "DI_ATAS": "SANGAT_BAIK"},
    "SESUAI": {"DI_BAWAH": "KURANG_MISCONDUCT", "SESUAI": "BAIK", "DI_ATAS": "BAIK"},
    "DI_BAWAH": {"DI_BAWAH": "SANGAT_KURANG", "SESUAI": "BUTUH_PERBAIKAN",
                 "DI_ATAS": "BUTUH_PERBAIKAN"},
}


@pytest.mark.parametrize("hasil,perilaku", [(h, p) for h in EXPECTED for p in EXPECTED[h]])
def test_default_matrix_cell(hasil, perilaku):
    assert predikat_for(default_content(), hasil, perilaku) == EXPECTED[hasil][perilaku]


def test_a_corrected_cell_is_what_the_lookup_answers():
    content = default_content()
    content["matrix"]["SESUAI"]["DI_ATAS"] = "SANGAT_BAIK"
    assert predikat_for(content, "SESUAI", "DI_ATAS") == "SANGAT_BAIK"
    assert predikat_for(default_content(), "SESUAI", "DI_ATAS") == "BAIK"  # defaults untouched
