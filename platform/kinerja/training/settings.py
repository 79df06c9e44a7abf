"""Training settings content: defaults from the domain guide (§8), checks, and JP conversion.

Content is plain JSON (stored in `training_settings.content`), keys in snake_case:
- `jp_rules`: activity kind -> `{jp_per_day, jp_per_day_international, international_uplift_pct}`
  (a per-day rate converts a duration in days; the uplift applies to a given JP or an
  hour-based duration of an international activity); kinds without a rule take JP or hours;
- `minutes_per_jp`: 45 (1 JP = 45 minutes, for hour-based durations);
- `minimum_jp`: employee type -> JP a year (20 for PNS and PPPK);
- `value_competencies`: BerAKHLAK value -> competency codes (the LOW_VALUE suggestion);
- `low_value_threshold`: a value's 360 mean below this (1-5 scale) counts as low;
- `development_predikat`: predikat that trigger development -> competency codes suggested.
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass
from typing import Any

from ..errors import ErrorCollector

FORMS = ("KLASIKAL", "NONKLASIKAL")
KINDS: dict[str, str] = {
    "PELATIHAN_KEPEMIMPINAN": "KLASIKAL", "PELATIHAN_MANAJERIAL": "KLASIKAL",
    "PELATIHAN_TEKNIS": "KLASIKAL", "PELATIHAN_FUNGSIONAL": "KLASIKAL",
    "PELATIHAN_SOSIAL_KULTURAL": "KLASIKAL", "SEMINAR": "KLASIKAL", "WORKSHOP": "KLASIKAL",
    "KURSUS": "KLASIKAL", "BIMBINGAN_TEKNIS": "KLASIKAL",
    "COACHING": "NONKLASIKAL", "MENTORING": "NONKLASIKAL", "E_LEARNING": "NONKLASIKAL",
    "PELATIHAN_JARAK_JAUH": "NONKLASIKAL", "DETASERING": "NONKLASIKAL",
    "BENCHMARKING": "NONKLASIKAL", "PERTUKARAN_PEGAWAI": "NONKLASIKAL",
    "BELAJAR_MANDIRI": "NONKLASIKAL", "KOMUNITAS_BELAJAR": "NONKLASIKAL",
    "BIMBINGAN_DI_TEMPAT_KERJA": "NONKLASIKAL", "MAGANG": "NONKLASIKAL",
}
EMPLOYEE_TYPES = ("PNS", "PPPK")
MAX_RATE, MAX_UPLIFT, MAX_MINIMUM, MAX_JP = 100.0, 200.0, 1000, 10000.0


def _rule(per_day: float | None = None, international: float | None = None,
          uplift: float = 0.0) -> dict[str, Any]:
    return {"jp_per_day": per_day, "jp_per_day_international": international,
            "international_uplift_pct": uplift}


_COURSE = _rule(uplift=20.0)  # training courses count their own JP, +20 % if international
DEFAULT_CONTENT: dict[str, Any] = {
    "jp_rules": {
        "SEMINAR": _rule(4.0, 6.0), "WORKSHOP": _rule(5.0, 7.0), "KURSUS": _COURSE,
        **{kind: _COURSE for kind in KINDS if kind.startswith("PELATIHAN_")
           and kind != "PELATIHAN_JARAK_JAUH"},
    },
    "minutes_per_jp": 45,
    "minimum_jp": {"PNS": 20, "PPPK": 20},
    "value_competencies": {
        "BERORIENTASI_PELAYANAN": ["M.05"], "AKUNTABEL": ["M.01"], "KOMPETEN": ["M.06"],
        "HARMONIS": ["M.02", "SK.01"], "LOYAL": ["M.01", "SK.01"], "ADAPTIF": ["M.07"],
        "KOLABORATIF": ["M.02", "M.03"],
    },
    "low_value_threshold": 2.5,
    # Butuh Perbaikan: work results below expectation -> Orientasi pada Hasil; behaviour below
    # expectation (Kurang/Misconduct) -> Integritas; Sangat Kurang -> both.
    "development_predikat": {
        "BUTUH_PERBAIKAN": ["M.04"], "KURANG_MISCONDUCT": ["M.01"],
        "SANGAT_KURANG": ["M.04", "M.01"],
    },
}


def default_content() -> dict[str, Any]:
    return copy.deepcopy(DEFAULT_CONTENT)


@dataclass
class JpRuleChange:
    kind: str
    jp_per_day: float | None = None
    jp_per_day_international: float | None = None
    international_uplift_pct: float | None = None
    remove: bool = False


@dataclass
class SettingsChange:
    """Omitted parts (None) stay; listed rules / types / values / predikat replace those keys."""

    jp_rules: list[JpRuleChange] | None = None
    minimum_jp: list[tuple[str, int]] | None = None
    value_competencies: list[tuple[str, list[str]]] | None = None
    low_value_threshold: float | None = None
    development_predikat: list[tuple[str, list[str]]] | None = None


def _number(errors: ErrorCollector, path: str, value: float | None, low: float,
            high: float) -> bool:
    if value is None:
        return True
    if not math.isfinite(value) or not low <= value <= high:
        errors.add(path, "OUT_OF_RANGE", min=low, max=high)
        return False
    return True


def _codes(errors: ErrorCollector, path: str, codes: list[str], known: set[str]) -> list[str]:
    out: list[str] = []
    for index, raw in enumerate(codes):
        code = raw.strip().upper()
        if code not in known:
            errors.add(f"{path}[{index}]", "UNKNOWN_REFERENCE", detail=code)
        elif code in out:
            errors.add(f"{path}[{index}]", "DUPLICATE", detail=code)
        out.append(code)
    return out


def _apply_rules(errors: ErrorCollector, content: dict[str, Any],
                 rules: list[JpRuleChange]) -> None:
    seen: set[str] = set()
    for index, change in enumerate(rules):
        path = f"jpRules[{index}]"
        if change.kind in seen:
            errors.add(f"{path}.kind", "DUPLICATE", detail=change.kind)
        seen.add(change.kind)
        if change.remove:
            content["jp_rules"].pop(change.kind, None)
            continue
        ok = _number(errors, f"{path}.jpPerDay", change.jp_per_day, 0.25, MAX_RATE)
        ok &= _number(errors, f"{path}.jpPerDayInternational", change.jp_per_day_international,
                      0.25, MAX_RATE)
        ok &= _number(errors, f"{path}.internationalUpliftPercent",
                      change.international_uplift_pct, 0, MAX_UPLIFT)
        if change.jp_per_day is None and change.jp_per_day_international is not None:
            errors.add(f"{path}.jpPerDay", "REQUIRED")
            ok = False
        if ok:
            content["jp_rules"][change.kind] = _rule(
                change.jp_per_day, change.jp_per_day_international,
                change.international_uplift_pct or 0.0)


def apply_change(content: dict[str, Any], change: SettingsChange,
                 known_competencies: set[str]) -> dict[str, Any]:
    """Validate every part of the change (all errors at once) and return the new content."""
    errors = ErrorCollector()
    content = copy.deepcopy(content)
    _apply_rules(errors, content, change.jp_rules or [])
    for index, (employee_type, jp) in enumerate(change.minimum_jp or []):
        if _number(errors, f"minimumJp[{index}].jp", jp, 0, MAX_MINIMUM):
            content["minimum_jp"][employee_type] = jp
    for name, path, pairs in (("value_competencies", "valueCompetencies",
                               change.value_competencies),
                              ("development_predikat", "developmentPredikat",
                               change.development_predikat)):
        seen: set[str] = set()
        for index, (key, codes) in enumerate(pairs or []):
            if key in seen:
                errors.add(f"{path}[{index}]", "DUPLICATE", detail=key)
            seen.add(key)
            cleaned = _codes(errors, f"{path}[{index}].competencyCodes", codes, known_competencies)
            if not cleaned and name == "development_predikat":
                content[name].pop(key, None)  # no codes: this predikat no longer triggers
            else:
                content[name][key] = cleaned
    if _number(errors, "lowValueThreshold", change.low_value_threshold, 1, 5) and (
            change.low_value_threshold is not None):
        content["low_value_threshold"] = change.low_value_threshold
    errors.raise_if_any()
    return content


# --- JP conversion -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Duration:
    """Exactly one of: a given JP (a course's own JP), days, or hours."""

    jp: float | None = None
    days: float | None = None
    hours: float | None = None


def check_duration(errors: ErrorCollector, duration: Duration, prefix: str = "") -> bool:
    given = [v for v in (duration.jp, duration.days, duration.hours) if v is not None]
    if len(given) != 1:
        errors.add(f"{prefix}jp", "JP_CHOICE")
        return False
    ok = _number(errors, f"{prefix}jp", duration.jp, 0.25, MAX_JP)
    ok &= _number(errors, f"{prefix}durationDays", duration.days, 0.25, 365)
    ok &= _number(errors, f"{prefix}durationHours", duration.hours, 0.25, 2000)
    return ok


def convert(content: dict[str, Any], kind: str | None, international: bool,
            duration: Duration) -> float | None:
    """The JP of an activity under the settings, or None when days cannot be converted
    (the kind has no per-day rate). Rounded to two decimals."""
    rule = content["jp_rules"].get(kind or "") or _rule()
    uplift = 1 + rule["international_uplift_pct"] / 100 if international else 1.0
    if duration.jp is not None:
        value = duration.jp * uplift
    elif duration.hours is not None:
        value = duration.hours * 60 / content["minutes_per_jp"] * uplift
    else:
        rate = rule["jp_per_day"]
        if international and rule["jp_per_day_international"] is not None:
            rate = rule["jp_per_day_international"]
        if rate is None or duration.days is None:
            return None
        value = duration.days * rate
    return round(value, 2)

