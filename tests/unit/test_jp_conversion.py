"""JP conversion under the default training settings (domain guide §8), and the checks every
settings change passes (all problems at once)."""

from __future__ import annotations

import pytest

from kinerja.errors import InputErrors
from kinerja.training.settings import (
    Duration,
    JpRuleChange,
    SettingsChange,
    apply_change,
    convert,
    default_content,
)

KNOWN = {"M.01", "M.02", "M.03", "M.04", "M.05", "M.06", "M.07", "M.08", "SK.01", "T.01"}


@pytest.mark.parametrize(("kind", "international", "duration", "jp"), [
    ("SEMINAR", False, Duration(days=1), 4.0),
    ("SEMINAR", True, Duration(days=1), 6.0),
    ("SEMINAR", False, Duration(days=2.5), 10.0),
    ("WORKSHOP", False, Duration(days=1), 5.0),
    ("WORKSHOP", True, Duration(days=2), 14.0),
    ("KURSUS", False, Duration(jp=40), 40.0),
    ("KURSUS", True, Duration(jp=40), 48.0),
    ("PELATIHAN_TEKNIS", True, Duration(jp=30), 36.0),
    ("PELATIHAN_KEPEMIMPINAN", False, Duration(jp=30), 30.0),
    ("COACHING", False, Duration(hours=3), 4.0),
    ("E_LEARNING", True, Duration(hours=1.5), 2.0),  # no uplift rule for e-learning
    ("KURSUS", True, Duration(hours=3), 4.8),  # hour-based, with the course uplift
    ("MENTORING", False, Duration(jp=8), 8.0),
])
def test_default_rules_convert_to_jp(kind, international, duration, jp):
    assert convert(default_content(), kind, international, duration) == jp


def test_days_without_a_per_day_rule_cannot_be_converted():
    assert convert(default_content(), "COACHING", False, Duration(days=1)) is None
    assert convert(default_content(), None, False, Duration(days=1)) is None


def test_a_configured_rule_converts_other_kinds():
    content = apply_change(default_content(), SettingsChange(jp_rules=[
        JpRuleChange("BIMBINGAN_TEKNIS", 6, None, 10)]), KNOWN)
    assert convert(content, "BIMBINGAN_TEKNIS", False, Duration(days=2)) == 12.0
    assert convert(content, "BIMBINGAN_TEKNIS", True, Duration(days=2)) == 12.0
    assert convert(content, "BIMBINGAN_TEKNIS", True, Duration(jp=10)) == 11.0


def test_settings_change_reports_every_problem_at_once():
    change = SettingsChange(
        jp_rules=[JpRuleChange("SEMINAR", -1, None, None),
                  JpRuleChange("SEMINAR", 4, 6, 500),
                  JpRuleChange("COACHING", None, 3, None)],
        minimum_jp=[("PNS", -5)],
        value_competencies=[("ADAPTIF", ["M.07", "X.99", "m.07"])],
        low_value_threshold=7,
        development_predikat=[("BAIK", ["NOPE"])])
    with pytest.raises(InputErrors) as refused:
        apply_change(default_content(), change, KNOWN)
    found = {(e.field, e.code) for e in refused.value.errors}
    assert found == {
        ("jpRules[0].jpPerDay", "OUT_OF_RANGE"),
        ("jpRules[1].kind", "DUPLICATE"),
        ("jpRules[1].internationalUpliftPercent", "OUT_OF_RANGE"),
        ("jpRules[2].jpPerDay", "REQUIRED"),
        ("minimumJp[0].jp", "OUT_OF_RANGE"),
        ("valueCompetencies[0].competencyCodes[1]", "UNKNOWN_REFERENCE"),
        ("valueCompetencies[0].competencyCodes[2]", "DUPLICATE"),
        ("lowValueThreshold", "OUT_OF_RANGE"),
        ("developmentPredikat[0].competencyCodes[0]", "UNKNOWN_REFERENCE"),
    }


def test_settings_change_applies_and_keeps_the_rest():
    before = default_content()
    after = apply_change(before, SettingsChange(
        minimum_jp=[("PPPK", 24)], low_value_threshold=3.0,
        value_competencies=[("ADAPTIF", ["t.01"])],
        development_predikat=[("SANGAT_KURANG", [])],
        jp_rules=[JpRuleChange("SEMINAR", remove=True)]), KNOWN)
    assert after["minimum_jp"] == {"PNS": 20, "PPPK": 24}
    assert after["low_value_threshold"] == 3.0
    assert after["value_competencies"]["ADAPTIF"] == ["T.01"]
    assert "SANGAT_KURANG" not in after["development_predikat"]
    assert "SEMINAR" not in after["jp_rules"] and "WORKSHOP" in after["jp_rules"]
    assert before == default_content()  # the input is not mutated
