"""Fill the nested fields of SKPs (cycle, people, content, realisations, feedback): one
statement per field for all SKPs, only when selected."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..cycles.hydrate import hydrate_cycles
from ..cycles.repository import CycleRepository
from ..cycles.types import CycleNode
from ..kit.selection import Selection
from ..people import hydrate as people
from .codes import BERAKHLAK
from .document import SkpNode
from .monitoring.hydrate import hydrate_monitoring
from .repository import PlanRepository
from .types import (
    BehaviourExpectation,
    BerakhlakValue,
    IndicatorType,
    SkpHistoryEntry,
    SkpStatus,
    WorkResultType,
)

if TYPE_CHECKING:
    from ..graphql.context import Context


async def work_results(repo: PlanRepository, rows_by_key: dict[Any, list[Any]],
                       sel: Selection) -> dict[Any, list[WorkResultType]]:
    out = {k: [WorkResultType.from_row(r) for r in rows] for k, rows in rows_by_key.items()}
    if "indicators" in sel:
        every = [w for items in out.values() for w in items]
        found = await repo.indicators([w.raw_id for w in every]) if every else {}
        for w in every:
            w.indicators = [IndicatorType.from_row(r) for r in found.get(w.raw_id, [])]
    return out


async def hydrate_content(ctx: Context, nodes: list[Any], sel: Selection) -> None:
    repo = PlanRepository(ctx.session)
    ids = [n.raw_id for n in nodes]
    if "workResults" in sel:
        found = await work_results(repo, await repo.work_results(ids), sel["workResults"])
        for node in nodes:
            node.work_results = found[node.raw_id]
    if "cascadeTargets" in sel:
        pairs = {(n.raw_cycle_id, n.raw_rater_id) for n in nodes if n.raw_rater_id}
        found = await work_results(repo, await repo.cascade_targets(sorted(pairs)),
                                   sel["cascadeTargets"])
        for node in nodes:
            node.cascade_targets = found.get((node.raw_cycle_id, node.raw_rater_id), [])
    if "behaviourExpectations" in sel:
        expectations = await repo.expectations(ids)
        for node in nodes:
            texts = {r.value: r.text for r in expectations[node.raw_id]}
            node.behaviour_expectations = [
                BehaviourExpectation(value=BerakhlakValue[v], text=texts.get(v))
                for v in BERAKHLAK]
    if "history" in sel:
        history = await repo.history(ids)
        for node in nodes:
            node.history = [SkpHistoryEntry(from_status=SkpStatus[r.from_status],
                                            to_status=SkpStatus[r.to_status], comment=r.comment,
                                            at=r.at, actor_name=r.actor_name)
                            for r in history[node.raw_id]]


# The people of an SKP a page row can carry (skp/page_repository.PEOPLE): field -> prefix.
SKP_PEOPLE = {"employee": "e_", "rater": "r_", "raterSuperior": "s_"}
SKP_PEOPLE_FIELDS = tuple(SKP_PEOPLE)


async def hydrate_skps(ctx: Any, nodes: list[SkpNode], sel: Selection,
                       attached: list[Any] | None = None) -> None:
    """Fill what `sel` asks below these SKPs; `attached`: the people already joined into
    their page rows (people.hydrate.attach_people), then only their own fields are loaded."""
    if not nodes:
        return
    if "cycle" in sel:
        repo = CycleRepository(ctx.session)
        cycles = {}
        for cycle_id in {n.raw_cycle_id for n in nodes}:
            cycles[cycle_id] = CycleNode.from_row(await repo.by_id(cycle_id))
        await hydrate_cycles(ctx, list(cycles.values()), sel["cycle"])
        for node in nodes:
            node.cycle = cycles[node.raw_cycle_id]
    await hydrate_content(ctx, nodes, sel)
    await hydrate_monitoring(ctx, nodes, sel)
    wanted = [name for name in SKP_PEOPLE_FIELDS if name in sel]
    if not wanted:
        return
    if attached is not None:
        await people.hydrate_employees(ctx, attached, sel.merged(*wanted))
        return
    ids = [n.raw_employee_id for n in nodes if "employee" in sel]
    ids += [n.raw_rater_id for n in nodes if "rater" in sel]
    ids += [n.raw_superior_id for n in nodes if "raterSuperior" in sel]
    found = await people.employees(ctx, [i for i in ids if i is not None])
    for node in nodes:
        node.employee = found.get(node.raw_employee_id) if "employee" in sel else None
        node.rater = found.get(node.raw_rater_id)
        node.rater_superior = found.get(node.raw_superior_id)
    await people.hydrate_employees(ctx, list({id(e): e for e in found.values()}.values()),
                                   sel.merged(*wanted))
