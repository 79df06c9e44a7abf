"""The optional numeric score (rule set `score_weights`), for agencies that want one for analysis.

It never decides anything: the predikat comes from the rater's two ratings and the matrix. The
score is a weighted mean on the 360 scale 1-5 (3 = meets expectation) of what each source said:
- SELF: the self-assessment's ratings (per RHK and per value), Di Bawah 1, Sesuai 3, Di Atas 5;
- PEER / SUBORDINATE: the mean of the published 360 value means of that group (so the score
  obeys the same anonymity rule as the aggregate: unpublished answers do not count);
- RATER: the result's two current ratings (after calibration or an objection decision).
A source without input drops out and the remaining weights are renormalised; with no weights
configured, or no weighted source with input, there is no score.
"""

from __future__ import annotations

from typing import Any

import strawberry

from ..cycles.types import FeedbackSource

LEVEL_POINTS = {"DI_BAWAH": 1.0, "SESUAI": 3.0, "DI_ATAS": 5.0}


@strawberry.type(description="One source's part of the numeric score.")
class ScoreComponent:
    source: FeedbackSource  # type: ignore[valid-type]
    weight: float
    value: float | None = strawberry.field(description="The source's mean on 1-5; null when "
                                                       "it has no (published) input.")


@strawberry.type(description="The rule set's optional weighted score on 1-5 (3 = meets "
                             "expectation), for analysis only: the predikat does not use it.")
class WeightedScore:
    value: float
    components: list[ScoreComponent]


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _self_value(assessment: Any) -> float | None:
    if assessment is None:
        return None
    ratings = [r.rating for r in [*assessment.work_results, *assessment.values] if r.rating]
    return _mean([LEVEL_POINTS[r.name] for r in ratings])


def _group_value(aggregate: Any) -> float | None:
    if aggregate is None:
        return None
    return _mean([v.mean for v in aggregate.values if v.mean is not None])


def source_values(explanation: Any) -> dict[str, float | None]:
    summary = explanation.feedback360
    return {
        "SELF": _self_value(explanation.self_assessment),
        "PEER": _group_value(summary.peer if summary else None),
        "SUBORDINATE": _group_value(summary.subordinate if summary else None),
        "RATER": _mean([LEVEL_POINTS[explanation.rating_hasil.name],
                        LEVEL_POINTS[explanation.rating_perilaku.name]]),
    }


def weighted_score(weights: dict[str, float] | None,
                   values: dict[str, float | None]) -> WeightedScore | None:
    if not weights:
        return None
    used = {s: w for s, w in weights.items() if w > 0 and values.get(s) is not None}
    total = sum(used.values())
    if not total:
        return None
    value = sum(values[s] * w for s, w in used.items()) / total
    return WeightedScore(value=round(value, 4), components=[
        ScoreComponent(source=FeedbackSource[s], weight=w, value=values.get(s))
        for s, w in weights.items()])
