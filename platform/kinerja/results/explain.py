"""The explanation's inputs from other domains, batched over a list of results: realisations
against targets (monitoring), the self-assessment and the anonymous 360 aggregate (reviews).

Each input costs a fixed number of statements for any number of results, and only when
selected. Who sees them is who sees the result (its employee only after release): the 360
view is the same anonymous, batch-published aggregate `reviewSummary` gives.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..kit.selection import Selection
from ..reviews import views as reviews
from ..skp.monitoring.hydrate import realisations as load_realisations
from ..skp.monitoring.repository import MonitoringRepository
from ..skp.repository import PlanRepository
from .explain_types import RealisedIndicator, RealisedWorkResult
from .repository import ResultRepository
from .score import source_values, weighted_score

if TYPE_CHECKING:
    from ..graphql.context import Context


async def _realised(ctx: Context, nodes: list[Any], sel: Selection,
                    plan: dict[Any, list[Any]]) -> dict[Any, list[RealisedWorkResult]]:
    """Per result: its SKP's RHKs > indicators > realisations (the result's period, or every
    period for a YEAR result)."""
    skp_ids = sorted({n.raw.skp_id for n in nodes})
    wr_ids = [w.id for rows in plan.values() for w in rows]
    indicators = await PlanRepository(ctx.session).indicators(wr_ids) if wr_ids else {}
    repo = MonitoringRepository(ctx.session)
    items = await load_realisations(repo, await repo.realisations(skp_ids=skp_ids),
                                    sel["indicators"]["realisations"])
    periods = await ResultRepository(ctx.session).periods(sorted(
        {n.raw.period_id for n in nodes} | {i.raw_period_id for i in items}))
    items.sort(key=lambda i: (periods[i.raw_period_id].ends_on,
                              periods[i.raw_period_id].kind == "YEAR"))
    out = {}
    for node in nodes:
        year = periods[node.raw.period_id].kind == "YEAR"
        mine = [i for i in items if i.raw_skp_id == node.raw.skp_id
                and (year or i.raw_period_id == node.raw.period_id)]
        out[node.raw.id] = [RealisedWorkResult.build(w, [
            _indicator(row, [i for i in mine if i.raw_indicator_id == row.id])
            for row in indicators.get(w.id, [])]) for w in plan.get(node.raw.skp_id, [])]
    return out


def _indicator(row: Any, realisations: list[Any]) -> RealisedIndicator:
    base = RealisedIndicator.from_row(row)
    base.realisations = realisations
    return base


async def hydrate_explanations(ctx: Context, nodes: list[Any], explanations: dict[Any, Any],
                               sel: Selection) -> None:
    """Fill realisations / selfAssessment / feedback360 of the built explanations."""
    wanted = [k for k in ("realisations", "selfAssessment", "feedback360", "score") if k in sel]
    if not nodes or not wanted:
        return
    scored = "score" in sel  # the score needs the self-assessment and the 360 aggregate
    skp_ids = sorted({n.raw.skp_id for n in nodes})
    plan = await PlanRepository(ctx.session).work_results(skp_ids)
    pairs = sorted({(n.raw.skp_id, n.raw.period_id) for n in nodes})
    realised = await _realised(ctx, nodes, sel["realisations"], plan) \
        if "realisations" in sel else {}
    selves = await reviews.self_assessments(ctx.session, pairs, plan) \
        if "selfAssessment" in sel or scored else {}
    summaries = await reviews.summaries(ctx.session, sorted(
        {(n.raw.skp_id, n.raw.cycle_id, n.raw.period_id) for n in nodes})) \
        if "feedback360" in sel or scored else {}
    for node in nodes:
        explanation = explanations[node.raw.id]
        key = (node.raw.skp_id, node.raw.period_id)
        explanation.realisations = realised.get(node.raw.id, [])
        explanation.self_assessment = selves.get(key)
        explanation.feedback360 = summaries.get(key)
    if scored:
        await _score(ctx, nodes, explanations)


async def _score(ctx: Context, nodes: list[Any], explanations: dict[Any, Any]) -> None:
    repo = ResultRepository(ctx.session)
    weights = {rid: (await repo.rule_set(rid)).content.get("score_weights")
               for rid in sorted({n.raw.rule_set_id for n in nodes})}  # one per cycle
    for node in nodes:
        explanation = explanations[node.raw.id]
        explanation.score = weighted_score(weights[node.raw.rule_set_id],
                                           source_values(explanation))
