"""The distribution check of a unit's predikat against its organisation result's pattern.

Counts come from one GROUP BY statement (repository.predikat_counts); this module only
compares them with the pattern. Membership: results of the period whose SKP's employee is
in the unit now (direct members, not sub-units); the unit's size is the number of those
results. A share bound becomes a head count: for units of at most `small_unit.max_size`
with the rule set's rounding (LENIENT: minimums down, maximums up; STRICT: the reverse;
NEAREST), otherwise exactly (a minimum rounded up, a maximum down). Deviations are warnings
for HR to resolve in calibration, never blocks.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from ..cycles.rules import PREDIKAT

EPSILON = 1e-9


@dataclass
class Deviation:
    code: str
    predikat: list[str]
    actual_count: int
    actual_share: float
    expected_count: int | None = None
    expected_share: float | None = None


def _round(value: float, mode: str, minimum: bool) -> int:
    if mode == "NEAREST":
        return math.floor(value + 0.5 + EPSILON)
    up = (mode == "STRICT") == minimum  # STRICT: minimum up / maximum down
    return math.ceil(value - EPSILON) if up else math.floor(value + EPSILON)


def deviations(counts: dict[str, int], organisation_result: str | None,
               content: dict[str, Any]) -> list[Deviation]:
    total = sum(counts.values())
    if organisation_result is None:
        return [Deviation("NO_ORGANISATION_RESULT", [], total, 1.0 if total else 0.0)]
    if total == 0:
        return []
    pattern = content["patterns"][organisation_result]
    small = content["small_unit"]
    mode = small["rounding"] if total <= small["max_size"] else "STRICT"
    out: list[Deviation] = []
    for bound in pattern["bounds"]:
        group = list(bound["predikat"])
        count = sum(counts.get(p, 0) for p in group)
        share = count / total
        if bound["min_share"] is not None:
            needed = _round(bound["min_share"] * total, mode, minimum=True)
            if count < needed:
                out.append(Deviation("MIN_SHARE_NOT_MET", group, count, share, needed,
                                     bound["min_share"]))
        if bound["max_share"] is not None:
            allowed = _round(bound["max_share"] * total, mode, minimum=False)
            if count > allowed:
                out.append(Deviation("MAX_SHARE_EXCEEDED", group, count, share, allowed,
                                     bound["max_share"]))
        if bound["min_count"] is not None and count < bound["min_count"]:
            out.append(Deviation("MIN_COUNT_NOT_MET", group, count, share, bound["min_count"]))
    largest = pattern["largest"]
    if largest is not None:
        mine = counts.get(largest, 0)
        biggest = max(counts.get(p, 0) for p in PREDIKAT if p != largest)
        if mine == 0 or mine < biggest:
            out.append(Deviation("LARGEST_NOT", [largest], mine, mine / total))
    return out
