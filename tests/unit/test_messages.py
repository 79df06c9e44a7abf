"""User-facing messages name enum values by their labels, in the request's language; the
error's extensions keep the codes (so clients still match on them)."""

from __future__ import annotations

from kinerja.i18n import message


def test_a_rating_in_a_message_is_shown_by_its_label():
    assert message("JUSTIFICATION_REQUIRED", "id", rating="DI_ATAS") == (
        "Alasan wajib diisi untuk rating Di Atas Ekspektasi.")
    assert message("JUSTIFICATION_REQUIRED", "en", rating="DI_BAWAH") == (
        "A justification is required for the rating Below expectations.")


def test_an_organisation_result_and_its_rating_are_labelled_too():
    text = message("HASIL_FROM_ORGANISATION", "en", result="BAIK", rating="SESUAI")
    assert "BAIK" not in text and "SESUAI" not in text and "Good" in text


def test_an_unknown_code_value_stays_as_given():
    assert "LEGACY" in message("JUSTIFICATION_REQUIRED", "en", rating="LEGACY")
