"""Fill nested fields of results and objections: one statement per level and kind, only when
selected, so a page of N results costs the same statements as one."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..audit.data_views import note_result_views
from ..cycles.types import PeriodNode, PredikatCell
from ..kit.selection import Selection
from ..people import hydrate as people
from .codes import effective_status
from .explain import hydrate_explanations
from .repository import ResultRepository
from .types import (
    HasilSource,
    ObjectionExplanationType,
    ObjectionNode,
    ObjectionParty,
    OrganisationResult,
    PerformanceResultNode,
    Predikat,
    RatingLevel,
    RatingSnapshot,
    ResultChangeKind,
    ResultChangeType,
    ResultExplanation,
)

if TYPE_CHECKING:
    from ..graphql.context import Context


def result_node(row: Any, today) -> PerformanceResultNode:
    return PerformanceResultNode.from_row(
        row, effective_status(row.status, row.objection_deadline, today))


def _snapshot(hasil: str, perilaku: str, predikat: str) -> RatingSnapshot:
    return RatingSnapshot(rating_hasil=RatingLevel[hasil], rating_perilaku=RatingLevel[perilaku],
                          predikat=Predikat[predikat])


def _change(row: Any) -> ResultChangeType:
    return ResultChangeType(
        kind=ResultChangeKind[row.kind],
        before=_snapshot(row.hasil_before, row.perilaku_before, row.predikat_before),
        after=_snapshot(row.hasil_after, row.perilaku_after, row.predikat_after),
        reason=row.reason, actor_name=row.actor_name, at=row.at)


def _explanation(raw: Any, changes: list[Any], objections: list[ObjectionNode]
                 ) -> ResultExplanation:
    first = changes[0] if changes else None
    original = (_snapshot(first.hasil_before, first.perilaku_before, first.predikat_before)
                if first else _snapshot(raw.rating_hasil, raw.rating_perilaku, raw.predikat))
    return ResultExplanation(
        rating_hasil=RatingLevel[raw.rating_hasil], justification_hasil=raw.justification_hasil,
        hasil_source=HasilSource[raw.hasil_source],
        organisation_result=OrganisationResult[raw.organisation_result]
        if raw.organisation_result else None,
        rating_perilaku=RatingLevel[raw.rating_perilaku],
        justification_perilaku=raw.justification_perilaku,
        matrix_cell=PredikatCell(hasil_kerja=RatingLevel[raw.rating_hasil],
                                 perilaku=RatingLevel[raw.rating_perilaku],
                                 predikat=Predikat[raw.predikat]),
        rule_set_version=raw.rule_set_version, original=original,
        changes=[_change(c) for c in changes], objections=objections)


async def hydrate_objections(ctx: Context, nodes: list[ObjectionNode], sel: Selection) -> None:
    if not nodes:
        return
    repo = ResultRepository(ctx.session)
    if "explanations" in sel:
        found = await repo.explanations([n.raw_id for n in nodes])
        for node in nodes:
            node.explanations = [
                ObjectionExplanationType(party=ObjectionParty[r.party], question=r.question,
                                         requested_at=r.requested_at, text=r.text,
                                         answered_at=r.answered_at)
                for r in found.get(node.raw_id, [])]
    if "result" in sel:
        rows = await repo.by_ids(sorted({n.raw_result_id for n in nodes}))
        results = {k: result_node(r, ctx.today) for k, r in rows.items()}
        await hydrate_results(ctx, list(results.values()), sel["result"])
        for node in nodes:
            node.result = results.get(node.raw_result_id)


async def hydrate_results(ctx: Context, nodes: list[PerformanceResultNode], sel: Selection,
                          attached: list[Any] | None = None) -> None:
    """Fill what `sel` asks below these results; `attached`: employees already joined into
    their page rows (people.hydrate.attach_people), then only their own fields are loaded."""
    if not nodes:
        return
    note_result_views(ctx, nodes, sel)  # every shown result passes here: the "who viewed" trail
    repo = ResultRepository(ctx.session)
    ids = [n.raw.id for n in nodes]
    if "calibrated" in sel or "explanation" in sel:
        changes = await repo.changes(ids)
        for node in nodes:
            node.calibrated = any(c.kind == "CALIBRATION" for c in changes[node.raw.id])
    if "explanation" in sel:
        wanted = sel["explanation"]
        objections: dict[Any, list[ObjectionNode]] = {i: [] for i in ids}
        if "objections" in wanted:
            rows = await repo.objections(ids)
            every = [ObjectionNode.from_row(r) for items in rows.values() for r in items]
            await hydrate_objections(ctx, every, wanted["objections"])
            for objection in every:
                objections[objection.raw_result_id].append(objection)
        for node in nodes:
            node.explanation = _explanation(node.raw, changes[node.raw.id],
                                            objections[node.raw.id])
        await hydrate_explanations(ctx, nodes, {n.raw.id: n.explanation for n in nodes}, wanted)
    if "period" in sel:
        periods = await repo.periods(sorted({n.raw.period_id for n in nodes}))
        for node in nodes:
            node.period = PeriodNode.from_row(periods[node.raw.period_id])
    if "employee" in sel and attached is not None:
        await people.hydrate_employees(ctx, attached, sel["employee"])
    elif "employee" in sel:
        found = await people.employees(ctx, [n.raw.employee_id for n in nodes])
        for node in nodes:
            node.employee = found.get(node.raw.employee_id)
        await people.hydrate_employees(ctx, list({id(e): e for e in found.values()}.values()),
                                       sel["employee"])
