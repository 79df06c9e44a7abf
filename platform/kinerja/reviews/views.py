"""Build the GraphQL views from rows (used by queries and mutation payloads)."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from ..audit.data_views import note_audited_read
from ..authz.vocabulary import Scope
from ..cycles.types import PeriodKind, RatingLevel
from ..graphql.relay import to_global_id
from ..skp.repository import PlanRepository
from ..skp.types import BerakhlakValue
from . import types as t
from .access import ReviewContext
from .aggregates import GroupStats, Published, publish, published_for
from .codes import BERAKHLAK, NOMINATION_VIEW
from .repository import ReviewRepository

if TYPE_CHECKING:
    from ..graphql.context import Context


def _rating(code: str | None):
    return RatingLevel[code] if code else None


def _scores(ratings: dict[str, int] | None) -> list[t.ValueScore]:
    ratings = ratings or {}
    return [t.ValueScore(value=BerakhlakValue[v], score=int(ratings[v]))
            for v in BERAKHLAK if v in ratings]


async def self_assessment(ctx: Context, skp_id: uuid.UUID,
                          period_id: uuid.UUID) -> t.SelfAssessment | None:
    rc = ReviewContext(ctx.actor)
    row = await rc.repo.self_assessment(skp_id, period_id)
    if row is None:
        return None
    results = (await PlanRepository(ctx.session).work_results([skp_id]))[skp_id]
    return _self_view(row, results)


async def self_assessments(session: Any, pairs: list[tuple[uuid.UUID, uuid.UUID]],
                           work_results: dict[uuid.UUID, list[Any]] | None = None
                           ) -> dict[tuple[uuid.UUID, uuid.UUID], t.SelfAssessment]:
    """Batched (result explanations): the self-assessments of many (SKP, period) pairs in one
    statement, plus one for the RHKs unless the caller already holds them."""
    if not pairs:
        return {}
    skp_ids = sorted({p[0] for p in pairs})
    wanted = set(pairs)
    rows = [r for r in await ReviewRepository(session).self_assessments(
        skp_ids, sorted({p[1] for p in pairs})) if (r.skp_id, r.period_id) in wanted]
    if rows and work_results is None:
        work_results = await PlanRepository(session).work_results(skp_ids)
    return {(r.skp_id, r.period_id): _self_view(r, work_results.get(r.skp_id, []))
            for r in rows}


def _self_view(row: Any, results: list[Any]) -> t.SelfAssessment:
    by_rhk = {i["work_result_id"]: i for i in row.work_results}
    by_value = {i["value"]: i for i in row.values}
    return t.SelfAssessment(
        id=to_global_id("SelfAssessment", row.id), skp_id=to_global_id("Skp", row.skp_id),
        period_id=to_global_id("Period", row.period_id), status=t.SelfAssessmentStatus[row.status],
        version=row.version, overall_comment=row.overall_comment,
        submitted_at=row.submitted_at, updated_at=row.updated_at,
        work_results=[t.SelfRatedWorkResult(
            work_result_id=to_global_id("WorkResult", r.id), text=r.text,
            rating=_rating(by_rhk.get(str(r.id), {}).get("rating")),
            comment=by_rhk.get(str(r.id), {}).get("comment")) for r in results],
        values=[t.SelfRatedValue(value=BerakhlakValue[v],
                                 rating=_rating(by_value.get(v, {}).get("rating")),
                                 comment=by_value.get(v, {}).get("comment"))
                for v in BERAKHLAK])


async def nominations(ctx: Context, skp_id: uuid.UUID,
                      period_id: uuid.UUID) -> list[t.ReviewNomination]:
    """Agency-wide readers (HR, auditors) see every nominee; the employee and the rater only
    open and rejected proposals: they never learn who was asked, let alone who answered."""
    scope = ctx.permissions.scope("review", "read")
    statuses = None if scope == Scope.TENANT else ("PROPOSED", "REJECTED")
    rows = await ReviewContext(ctx.actor).repo.requests_for([skp_id], period_id, statuses)
    return [t.ReviewNomination(id=to_global_id("ReviewRequest", r.id),
                               reviewer_name=r.reviewer_name,
                               reviewer_id=to_global_id("Employee", r.reviewer_id),
                               relation=t.ReviewRelation[r.relation],
                               status=t.NominationStatus[NOMINATION_VIEW[r.status]])
            for r in rows]


def _aggregate(group: GroupStats | None) -> t.ReviewAggregate | None:
    if group is None:
        return None
    return t.ReviewAggregate(response_count=group.response_count, values=[
        t.ValueAggregate(value=BerakhlakValue[v.value], count=v.count, mean=v.mean,
                         distribution=v.distribution) for v in group.values])


async def summary(ctx: Context, row: Any, period_id: uuid.UUID) -> t.ReviewSummary:
    repo = ReviewContext(ctx.actor).repo
    threshold = await repo.threshold(row.cycle_id)
    published = (await published_for(repo, [row.id], period_id, threshold))[row.id]
    return _summary_view(row.id, period_id, published,
                         await repo.nominated_count(row.id, period_id))


async def summaries(session: Any, keys: list[tuple[uuid.UUID, uuid.UUID, uuid.UUID]]
                    ) -> dict[tuple[uuid.UUID, uuid.UUID], t.ReviewSummary]:
    """Batched (result explanations): the same anonymous view as `reviewSummary` for many
    (SKP, cycle, period) keys in three statements, whatever their number."""
    if not keys:
        return {}
    repo = ReviewRepository(session)
    skp_ids, period_ids = sorted({k[0] for k in keys}), sorted({k[2] for k in keys})
    thresholds = await repo.thresholds(sorted({k[1] for k in keys}))
    answers: dict[tuple[uuid.UUID, uuid.UUID], list[Any]] = {}
    for row in await repo.submitted_pairs(skp_ids, period_ids):
        answers.setdefault((row.skp_id, row.period_id), []).append(row)
    nominated = await repo.nominated_counts(skp_ids, period_ids)
    return {(skp, period): _summary_view(
        skp, period, publish(answers.get((skp, period), []), thresholds[cycle]),
        nominated.get((skp, period), 0)) for skp, cycle, period in keys}


def _summary_view(skp_id: uuid.UUID, period_id: uuid.UUID, published: Published,
                  nominated: int) -> t.ReviewSummary:
    return t.ReviewSummary(
        skp_id=to_global_id("Skp", skp_id), period_id=to_global_id("Period", period_id),
        threshold=published.threshold,
        status=t.SummaryStatus["AVAILABLE" if published.combined else "INSUFFICIENT_RESPONSES"],
        nominated_count=nominated,
        published_count=published.count, combined=_aggregate(published.combined),
        peer=_aggregate(published.groups.get("PEER")),
        subordinate=_aggregate(published.groups.get("SUBORDINATE")),
        comments=published.comments)


async def my_requests(ctx: Context, statuses: tuple[str, ...],
                      only: uuid.UUID | None = None) -> list[t.ReviewRequest]:
    rows = await ReviewContext(ctx.actor).repo.my_requests(ctx.user_id, statuses)
    return [t.ReviewRequest(
        id=to_global_id("ReviewRequest", r.id), employee_name=r.reviewee_name,
        period_kind=PeriodKind[r.period_kind], period_number=r.period_number, year=r.cycle_year,
        relation=t.ReviewRelation[r.relation], status=t.ReviewRequestStatus[r.status],
        version=r.version, ratings=_scores(r.ratings), comment=r.comment)
        for r in rows if only is None or r.id == only]


async def identity_read(ctx: Context, skp_id: uuid.UUID,
                        period_id: uuid.UUID) -> list[t.ReviewResponseRecord]:
    """Reviewers with their answers. Every call is audited, also one that finds nothing (an
    unknown SKP or period answers an empty list, so the audit event is kept); the endpoint
    writes the event and never caches the answer (audit/data_views.py)."""
    rc = ReviewContext(ctx.actor)
    row = await rc.repo.skp(skp_id, rc.permissions.scope("review", "identity"), rc.user_id)
    period = await rc.repo.period(period_id, row.cycle_id) if row is not None else None
    rows = await rc.repo.requests_for([skp_id], period_id) if period is not None else []
    note_audited_read(ctx, action="review.identity_read", object_type="Skp", object_id=skp_id,
                      after={"period_id": period_id, "returned": len(rows)})
    return [t.ReviewResponseRecord(
        id=to_global_id("ReviewRequest", r.id), reviewer_id=to_global_id("Employee", r.reviewer_id),
        reviewer_name=r.reviewer_name, relation=t.ReviewRelation[r.relation],
        status=t.ReviewStatus[r.status], ratings=_scores(r.ratings), comment=r.comment,
        submitted_at=r.submitted_at) for r in rows]
