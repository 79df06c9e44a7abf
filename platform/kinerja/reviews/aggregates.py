"""Anonymous 360 aggregates: what an employee, their rater, HR and auditors may see.

Publication in batches (see README "360 feedback and anonymity"): within each relation group
(PEER, SUBORDINATE) answers are taken in submission order and only whole batches of
`threshold` answers are published; the combined aggregate is the union of the published
group batches. Any aggregate, and any difference between two aggregates seen at any two
times, therefore covers at least `threshold` answers: an answer can never be isolated by
subtracting one view from another. Answers in an incomplete batch are not shown anywhere.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from .codes import BERAKHLAK, RELATIONS, SCORE_MAX, SCORE_MIN
from .repository import ReviewRepository


@dataclass
class ValueStats:
    value: str
    count: int
    mean: float | None
    distribution: list[int]  # number of answers with score 1, 2, 3, 4, 5


@dataclass
class GroupStats:
    response_count: int
    values: list[ValueStats]


@dataclass
class Published:
    threshold: int
    combined: GroupStats | None = None
    groups: dict[str, GroupStats | None] = field(default_factory=dict)
    comments: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return self.combined.response_count if self.combined else 0


def publish(answers: list[Any], threshold: int) -> Published:
    """`answers` in submission order (rows with relation, ratings, comment)."""
    threshold = max(1, threshold)
    out = Published(threshold=threshold)
    chosen: list[Any] = []
    for relation in RELATIONS:
        group = [a for a in answers if a.relation == relation]
        batch = group[: len(group) // threshold * threshold]
        out.groups[relation] = stats(batch) if batch else None
        chosen += batch
    if chosen:
        out.combined = stats(chosen)
        out.comments = sorted({" ".join(a.comment.split()) for a in chosen
                               if a.comment and a.comment.strip()})
    return out


def stats(answers: list[Any]) -> GroupStats:
    values = []
    for value in BERAKHLAK:
        scores = [int(a.ratings[value]) for a in answers if value in (a.ratings or {})]
        distribution = [scores.count(s) for s in range(SCORE_MIN, SCORE_MAX + 1)]
        mean = round(sum(scores) / len(scores), 2) if scores else None
        values.append(ValueStats(value=value, count=len(scores), mean=mean,
                                 distribution=distribution))
    return GroupStats(response_count=len(answers), values=values)


async def published_for(repo: ReviewRepository, skp_ids: list[uuid.UUID], period_id: uuid.UUID,
                        threshold: int) -> dict[uuid.UUID, Published]:
    by_skp: dict[uuid.UUID, list[Any]] = defaultdict(list)
    for row in await repo.submitted(skp_ids, period_id):
        by_skp[row.skp_id].append(row)
    return {skp_id: publish(by_skp.get(skp_id, []), threshold) for skp_id in skp_ids}


async def value_means(session: Any, skp_ids: list[uuid.UUID], period_id: uuid.UUID,
                      threshold: int) -> dict[uuid.UUID, dict[str, float]]:
    """For integration (result explanation, development suggestions): per SKP the published
    combined peer/subordinate mean per BerAKHLAK value; SKPs below the threshold are absent.
    The caller passes the threshold of the cycle's rule set (ReviewRepository.threshold)."""
    if not skp_ids:
        return {}
    found = await published_for(ReviewRepository(session), list(skp_ids), period_id, threshold)
    return {skp_id: {v.value: v.mean for v in p.combined.values if v.mean is not None}
            for skp_id, p in found.items() if p.combined is not None}
