"""The rule set's content: defaults from the domain guide, and the checks every version passes.

Content is plain JSON (stored in `rule_set.content`), keys in snake_case:
- `matrix`: Rating Hasil Kerja -> Rating Perilaku Kerja -> predikat (all nine cells);
- `patterns`: organisation result -> `{largest, bounds}`; a bound names predikat (counted
  together) with an optional `min_share` / `max_share` (0..1) and `min_count`;
- `small_unit`: units with at most `max_size` employees turn shares into head counts with
  `rounding` (LENIENT: minimums rounded down, maximums up; NEAREST; STRICT: the reverse);
- `objection_window_days` and `objection_day_kind` (CALENDAR or WORKING);
- `period_granularity` (MONTHLY or QUARTERLY; the annual period always exists);
- `peer_anonymity_threshold`: peer/subordinate feedback is shown only from this many answers;
- `score_weights`: optional numeric weights per feedback source, or null;
- `head_of_unit_rating`: organisation result -> Rating Hasil Kerja of the unit's head (domain
  §4); versions saved before the key existed use `DEFAULT_HEAD_OF_UNIT_RATING`.
"""

from __future__ import annotations

import copy
from typing import Any

from ..errors import ErrorCollector

RATINGS = ("DI_ATAS", "SESUAI", "DI_BAWAH")
PREDIKAT = ("SANGAT_BAIK", "BAIK", "BUTUH_PERBAIKAN", "KURANG_MISCONDUCT", "SANGAT_KURANG")
ORGANISATION_RESULTS = ("ISTIMEWA", "BAIK", "BUTUH_PERBAIKAN", "KURANG", "SANGAT_KURANG")
GRANULARITIES = ("MONTHLY", "QUARTERLY")
ROUNDINGS = ("LENIENT", "NEAREST", "STRICT")
DAY_KINDS = ("CALENDAR", "WORKING")
FEEDBACK_SOURCES = ("SELF", "PEER", "SUBORDINATE", "RATER")
MAX_WINDOW_DAYS = 365
MAX_THRESHOLD = 100
MAX_UNIT_SIZE = 1000


def _bound(predikat: list[str], min_share: float | None = None, max_share: float | None = None,
           min_count: int | None = None) -> dict[str, Any]:
    return {"predikat": predikat, "min_share": min_share, "max_share": max_share,
            "min_count": min_count}


DEFAULT_CONTENT: dict[str, Any] = {
    "matrix": {  # domain.md §4 (kuadran kinerja)
        "DI_ATAS": {"DI_BAWAH": "KURANG_MISCONDUCT", "SESUAI": "BAIK", "DI_ATAS": "SANGAT_BAIK"},
        "SESUAI": {"DI_BAWAH": "KURANG_MISCONDUCT", "SESUAI": "BAIK", "DI_ATAS": "BAIK"},
        "DI_BAWAH": {"DI_BAWAH": "SANGAT_KURANG", "SESUAI": "BUTUH_PERBAIKAN",
                     "DI_ATAS": "BUTUH_PERBAIKAN"},
    },
    "patterns": {  # domain.md §5 (SE MenPANRB 3/2023)
        "ISTIMEWA": {"largest": "SANGAT_BAIK", "bounds": [_bound(["SANGAT_BAIK"], max_share=0.7)]},
        "BAIK": {"largest": None, "bounds": [
            _bound(["BAIK"], max_share=0.7),
            _bound(["BUTUH_PERBAIKAN", "KURANG_MISCONDUCT"], min_count=1)]},
        "BUTUH_PERBAIKAN": {"largest": None, "bounds": [
            _bound(["BUTUH_PERBAIKAN"], min_share=0.6), _bound(["SANGAT_BAIK"], max_share=0.1)]},
        "KURANG": {"largest": None, "bounds": [
            _bound(["KURANG_MISCONDUCT"], min_share=0.6),
            _bound(["BUTUH_PERBAIKAN"], min_share=0.1), _bound(["SANGAT_BAIK"], max_share=0.1)]},
        "SANGAT_KURANG": {"largest": None, "bounds": [
            _bound(["SANGAT_KURANG"], min_share=0.6),
            _bound(["KURANG_MISCONDUCT", "BUTUH_PERBAIKAN"], min_share=0.1),
            _bound(["SANGAT_BAIK"], max_share=0.0)]},
    },
    "small_unit": {"max_size": 6, "rounding": "LENIENT"},
    "objection_window_days": 14,
    "objection_day_kind": "CALENDAR",
    "period_granularity": "QUARTERLY",
    "peer_anonymity_threshold": 3,
    "score_weights": None,
    "head_of_unit_rating": {"ISTIMEWA": "DI_ATAS", "BAIK": "SESUAI", "BUTUH_PERBAIKAN": "DI_BAWAH",
                            "KURANG": "DI_BAWAH", "SANGAT_KURANG": "DI_BAWAH"},
}
DEFAULT_HEAD_OF_UNIT_RATING: dict[str, str] = dict(DEFAULT_CONTENT["head_of_unit_rating"])


def default_content() -> dict[str, Any]:
    return copy.deepcopy(DEFAULT_CONTENT)


def predikat_for(content: dict[str, Any], hasil_kerja: str, perilaku: str) -> str:
    """The matrix cell: the server computes the predikat, never a client."""
    return content["matrix"][hasil_kerja][perilaku]


def head_of_unit_rating(content: dict[str, Any], organisation_result: str) -> str:
    """The head's Rating Hasil Kerja for their unit's organisation result."""
    mapping = content.get("head_of_unit_rating") or DEFAULT_HEAD_OF_UNIT_RATING
    return mapping[organisation_result]


# --- checks: each adds every problem, with the GraphQL input path as the field ---------------

def check_matrix(errors: ErrorCollector, cells: list[tuple[str, str, str]]) -> dict | None:
    """Nine (hasilKerja, perilaku, predikat) cells, each pair exactly once."""
    matrix: dict[str, dict[str, str]] = {}
    ok = True
    for index, (hasil, perilaku, predikat) in enumerate(cells):
        path = f"matrix[{index}]"
        for name, value, allowed in (("hasilKerja", hasil, RATINGS),
                                     ("perilaku", perilaku, RATINGS),
                                     ("predikat", predikat, PREDIKAT)):
            if value not in allowed:
                errors.add(f"{path}.{name}", "INVALID_VALUE", detail=value)
                ok = False
        if hasil in RATINGS and perilaku in RATINGS:
            if perilaku in matrix.get(hasil, {}):
                errors.add(path, "DUPLICATE", detail=f"{hasil}/{perilaku}")
                ok = False
            matrix.setdefault(hasil, {})[perilaku] = predikat
    missing = [f"{h}/{p}" for h in RATINGS for p in RATINGS if p not in matrix.get(h, {})]
    if missing:
        errors.add("matrix", "MATRIX_INCOMPLETE", detail=", ".join(missing))
        ok = False
    return matrix if ok else None


def _share(errors: ErrorCollector, path: str, value: float | None) -> bool:
    if value is not None and not 0.0 <= value <= 1.0:
        errors.add(path, "OUT_OF_RANGE", min=0, max=1)
        return False
    return True


def check_pattern(errors: ErrorCollector, path: str, largest: str | None,
                  bounds: list[dict[str, Any]]) -> dict | None:
    ok = largest is None or largest in PREDIKAT
    if not ok:
        errors.add(f"{path}.largest", "INVALID_VALUE", detail=largest)
    for index, bound in enumerate(bounds):
        here = f"{path}.bounds[{index}]"
        if not bound["predikat"]:
            errors.add(f"{here}.predikat", "REQUIRED")
            ok = False
        for value in bound["predikat"]:
            if value not in PREDIKAT:
                errors.add(f"{here}.predikat", "INVALID_VALUE", detail=value)
                ok = False
        low, high, count = bound["min_share"], bound["max_share"], bound["min_count"]
        low_ok = _share(errors, f"{here}.minShare", low)
        shares_ok = _share(errors, f"{here}.maxShare", high) and low_ok
        ok = ok and shares_ok
        if shares_ok and low is not None and high is not None and low > high:
            errors.add(here, "MIN_ABOVE_MAX")
            ok = False
        if count is not None and not 0 <= count <= MAX_UNIT_SIZE:
            errors.add(f"{here}.minCount", "OUT_OF_RANGE", min=0, max=MAX_UNIT_SIZE)
            ok = False
        if low is None and high is None and count is None:
            errors.add(here, "REQUIRED")
            ok = False
    return {"largest": largest, "bounds": bounds} if ok else None


def check_range(errors: ErrorCollector, field: str, value: int, low: int, high: int) -> bool:
    if not low <= value <= high:
        errors.add(field, "OUT_OF_RANGE", min=low, max=high)
        return False
    return True


def check_choice(errors: ErrorCollector, field: str, value: str, allowed: tuple[str, ...]) -> bool:
    if value not in allowed:
        errors.add(field, "INVALID_VALUE", detail=value)
        return False
    return True


def check_weights(errors: ErrorCollector, weights: list[tuple[str, float]]) -> dict | None:
    """Weights >= 0, one per source, not all zero."""
    out: dict[str, float] = {}
    ok = True
    for index, (source, weight) in enumerate(weights):
        path = f"scoreWeights[{index}]"
        if source not in FEEDBACK_SOURCES:
            errors.add(f"{path}.source", "INVALID_VALUE", detail=source)
            ok = False
        elif source in out:
            errors.add(f"{path}.source", "DUPLICATE", detail=source)
            ok = False
        if not 0.0 <= weight <= 1000.0:
            errors.add(f"{path}.weight", "OUT_OF_RANGE", min=0, max=1000)
            ok = False
        out[source] = weight
    if ok and weights and not any(w > 0 for w in out.values()):
        errors.add("scoreWeights", "NO_POSITIVE_WEIGHT")
        ok = False
    return out if ok and weights else None


def check_head_mapping(errors: ErrorCollector, pairs: list[tuple[str, str]]) -> dict | None:
    """Each organisation result once, mapped to a rating; all five must be covered."""
    out: dict[str, str] = {}
    ok = True
    for index, (result, rating) in enumerate(pairs):
        path = f"headOfUnitRating[{index}]"
        if result not in ORGANISATION_RESULTS:
            errors.add(f"{path}.organisationResult", "INVALID_VALUE", detail=result)
            ok = False
        elif result in out:
            errors.add(f"{path}.organisationResult", "DUPLICATE", detail=result)
            ok = False
        if rating not in RATINGS:
            errors.add(f"{path}.ratingHasil", "INVALID_VALUE", detail=rating)
            ok = False
        out[result] = rating
    missing = [r for r in ORGANISATION_RESULTS if r not in out]
    if ok and missing:
        errors.add("headOfUnitRating", "REQUIRED", detail=", ".join(missing))
        ok = False
    return out if ok else None
