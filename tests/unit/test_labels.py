"""Every enum of the schema has an Indonesian and an English label for every value (labels.py),
the label tables name nothing the schema lacks, the SDL describes each value with its labels,
and `label()` answers documents and exports as documented."""

from __future__ import annotations

import pytest
from graphql import GraphQLEnumType

from kinerja.clients.types import ClientAppKind
from kinerja.competency_assessments.gap_types import GapPosition
from kinerja.cycles.types import Predikat
from kinerja.labels import ENUM_LABELS, ERROR_CODE_LABELS, UnknownEnum, label, labels_of
from tests.conftest import SCHEMA

ENUMS = {name: t for name, t in SCHEMA._schema.type_map.items()
         if isinstance(t, GraphQLEnumType) and not name.startswith("__")}
ADVICE = ("Add the labels (Indonesian: the official term; English: plain English) to "
          "ENUM_LABELS in platform/kinerja/labels.py, or to ERROR_CODE_LABELS for a "
          "mutation's error code.")


def _usable(texts) -> bool:
    return (isinstance(texts, tuple) and len(texts) == 2
            and all(isinstance(t, str) and t.strip() == t and t for t in texts))


def test_every_enum_of_the_schema_has_both_labels_for_every_value():
    assert len(ENUMS) > 100  # the walk really sees the schema's enums
    missing = [f"{name}.{value}" for name, enum in sorted(ENUMS.items()) for value in enum.values
               if not _usable((labels_of(name) or {}).get(value))]
    assert not missing, f"enum values without both labels: {', '.join(missing)}\n{ADVICE}"


def test_the_label_tables_name_only_what_the_schema_has():
    stale_enums = sorted(set(ENUM_LABELS) - set(ENUMS))
    assert not stale_enums, f"labels for enums the schema lacks: {stale_enums}"
    stale_values = [f"{name}.{value}" for name, table in ENUM_LABELS.items()
                    for value in table if value not in ENUMS[name].values]
    assert not stale_values, f"labels for values the schema lacks: {stale_values}"
    codes = {value for name, enum in ENUMS.items() if name.endswith("ErrorCode")
             for value in enum.values}
    stale_codes = sorted(set(ERROR_CODE_LABELS) - codes)
    assert not stale_codes, f"labels for error codes no mutation has: {stale_codes}"


def test_the_sdl_describes_every_value_with_its_labels():
    """Every enum is built by code_enum, which takes the descriptions from labels.py."""
    undescribed = [f"{name}.{value}" for name, enum in ENUMS.items()
                   for value, spec in enum.values.items() if not spec.description]
    assert not undescribed, f"enum values without a description (use code_enum): {undescribed}"
    predikat = ENUMS["Predikat"].values
    assert predikat["SANGAT_BAIK"].description == "Sangat Baik (English: Very good)"
    assert ENUMS["PermissionScope"].values["PLATFORM"].description == "Platform"
    assert ENUMS["CreateUserErrorCode"].values["REQUIRED"].description == (
        "Wajib diisi (English: Required)")


def test_official_indonesian_terms_are_the_indonesian_labels():
    assert [label("Predikat", p) for p in ENUMS["Predikat"].values] == [
        "Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang/Misconduct", "Sangat Kurang"]
    assert [label("RatingLevel", r) for r in ENUMS["RatingLevel"].values] == [
        "Di Atas Ekspektasi", "Sesuai Ekspektasi", "Di Bawah Ekspektasi"]
    assert [label("OrganisationResult", r) for r in ENUMS["OrganisationResult"].values] == [
        "Istimewa", "Baik", "Butuh Perbaikan", "Kurang", "Sangat Kurang"]
    assert [label("BerakhlakValue", v) for v in ENUMS["BerakhlakValue"].values] == [
        "Berorientasi Pelayanan", "Akuntabel", "Kompeten", "Harmonis", "Loyal", "Adaptif",
        "Kolaboratif"]
    assert label("PositionLevel", "PELAKSANA") == "Pelaksana"
    assert label("Rank", "III_A") == "Penata Muda (III/a)"
    assert label("Rank", "PPPK_IX") == "Golongan IX"


def test_english_labels_are_plain_english():
    assert label("Predikat", "SANGAT_BAIK", "en") == "Very good"
    assert label("RatingLevel", "DI_ATAS", "en") == "Above expectations"
    assert label("OrganisationResult", "ISTIMEWA", "en") == "Outstanding"
    assert label("Rank", "III_A", "en") == "Rank III/a (Penata Muda)"
    assert label("Rank", "PPPK_IX", "en") == "Grade IX"
    assert label("TenantKind", "PUSKESMAS", "en") == "Community health centre"


def test_label_takes_members_stored_codes_and_language_tags():
    assert label("Predikat", Predikat.BUTUH_PERBAIKAN, "en") == "Needs improvement"
    assert label("GapPosition", GapPosition.TARGET) == "Jabatan sasaran"
    assert label("ClientAppKind", "web", "en") == label("ClientAppKind", ClientAppKind.WEB, "en")
    assert label("Predikat", "BAIK", "en-US") == "Good"
    assert label("Predikat", "BAIK", "ID") == "Baik"
    assert label("Predikat", None) == ""


def test_error_code_enums_share_one_vocabulary():
    assert label("LoginErrorCode", "INVALID_CREDENTIALS", "en") == "Wrong username or password"
    assert labels_of("CreateUserErrorCode") is labels_of("SaveSkpPlanErrorCode") is (
        ERROR_CODE_LABELS)


def test_unknown_value_comes_back_unchanged_unknown_enum_and_language_raise():
    assert label("SkpStatus", "ARCHIVED", "en") == "ARCHIVED"  # e.g. a legacy code in old rows
    with pytest.raises(UnknownEnum):
        label("NoSuchEnum", "X")
    with pytest.raises(ValueError, match="unsupported language"):
        label("Predikat", "BAIK", "fr")

