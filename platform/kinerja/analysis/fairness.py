"""Who rates how (pure). Formulas (README "Analysis"):

- score of a result: the mean of its two ratings in points, Di Bawah 1, Sesuai 3, Di Atas 5
  (the 360 scale, results/score.py);
- a rater's distribution: the shares of each predikat among their ratees' results; its
  distance from the agency's: the total variation distance ½ Σ |p_rater − p_agency| over the
  five predikat (0 = the same, 1 = nothing in common);
- leniency index: (mean score of the rater − mean score of the agency) / standard deviation
  of the agency's scores (population); above 0 lenient, below 0 severe; 0 when every result
  of the agency has the same score;
- self gap: the mean over the rater's ratees with a submitted self-assessment of (result
  score − self-assessment score, the mean of every self rating in points); below 0 the rater
  rates lower than the ratees rate themselves;
- 360 gap: the same against the published 360 mean (the mean of the published BerAKHLAK value
  means, peers and subordinates together, under the anonymity threshold).
A rater is shown only with at least `min_ratees` ratees, so no one rating can be read off it.
"""

from __future__ import annotations

import math
import uuid
from collections import Counter
from dataclasses import dataclass
from typing import Any

from ..cycles.rules import PREDIKAT

POINTS = {"DI_BAWAH": 1.0, "SESUAI": 3.0, "DI_ATAS": 5.0}


def score(row: Any) -> float:
    return (POINTS[row.rating_hasil] + POINTS[row.rating_perilaku]) / 2


def self_score(assessment: Any) -> float | None:
    ratings = [r.get("rating") for r in [*(assessment.work_results or []),
                                         *(assessment.values or [])] if isinstance(r, dict)]
    points = [POINTS[r] for r in ratings if r in POINTS]
    return sum(points) / len(points) if points else None


@dataclass(frozen=True)
class Distribution:
    total: int
    counts: dict[str, int]

    def share(self, predikat: str) -> float:
        return self.counts.get(predikat, 0) / self.total if self.total else 0.0


def distribution(predikats: list[str]) -> Distribution:
    return counted(Counter(predikats))


def counted(counts: dict[str, int]) -> Distribution:
    """A distribution from counts per predikat (e.g. a GROUP BY's)."""
    return Distribution(sum(counts.values()), {p: counts.get(p, 0) for p in PREDIKAT})


def distance(a: Distribution, b: Distribution) -> float:
    return round(sum(abs(a.share(p) - b.share(p)) for p in PREDIKAT) / 2, 4)


@dataclass(frozen=True)
class Gap:
    mean: float | None
    compared: int  # ratees with both figures


def gap(pairs: list[tuple[float, float | None]]) -> Gap:
    known = [(a, b) for a, b in pairs if b is not None]
    if not known:
        return Gap(None, 0)
    return Gap(round(sum(a - b for a, b in known) / len(known), 3), len(known))


@dataclass(frozen=True)
class RaterFigures:
    rater_id: uuid.UUID
    ratees: int
    distribution: Distribution
    distance: float
    mean_score: float
    leniency: float
    self_gap: Gap
    feedback360_gap: Gap


@dataclass(frozen=True)
class AgencyFigures:
    distribution: Distribution
    mean_score: float | None
    sd_score: float | None


def agency_figures(rows: list[Any]) -> AgencyFigures:
    scores = [score(r) for r in rows]
    if not scores:
        return AgencyFigures(distribution([]), None, None)
    mean = sum(scores) / len(scores)
    sd = math.sqrt(sum((s - mean) ** 2 for s in scores) / len(scores))
    return AgencyFigures(distribution([r.predikat for r in rows]), round(mean, 3), round(sd, 3))


def rater_figures(rows: list[Any], agency: AgencyFigures, selves: dict[uuid.UUID, float],
                  feedback: dict[uuid.UUID, float], min_ratees: int) -> list[RaterFigures]:
    """Per rater with at least `min_ratees` ratees (results without a rater are left out)."""
    by_rater: dict[uuid.UUID, list[Any]] = {}
    for row in rows:
        if row.rater_id is not None:
            by_rater.setdefault(row.rater_id, []).append(row)
    out = []
    for rater_id, mine in by_rater.items():
        if len({r.skp_id for r in mine}) < min_ratees:
            continue
        scores = [score(r) for r in mine]
        mean = sum(scores) / len(scores)
        sd = agency.sd_score or 0.0
        leniency = round((mean - (agency.mean_score or 0.0)) / sd, 3) if sd > 0 else 0.0
        own = distribution([r.predikat for r in mine])
        out.append(RaterFigures(
            rater_id, len({r.skp_id for r in mine}), own, distance(own, agency.distribution),
            round(mean, 3), leniency,
            gap([(score(r), selves.get(r.skp_id)) for r in mine]),
            gap([(score(r), feedback.get(r.skp_id)) for r in mine])))
    return sorted(out, key=lambda f: (-abs(f.leniency), str(f.rater_id)))
