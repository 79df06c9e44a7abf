"""Fill the nested fields of cycles and SKPs, one statement per level and only when selected."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..kit.selection import Selection
from ..monitoring.hydrate import hydrate_monitoring
from ..people import hydrate as people
from ..skp.hydrate import hydrate_content
from .repository import CycleRepository, RuleSetRepository
from .types import CycleNode, PeriodNode, RuleSet, SkpNode

if TYPE_CHECKING:
    from ..graphql.context import Context


async def hydrate_cycles(ctx: Context, nodes: list[CycleNode], sel: Selection) -> None:
    if not nodes:
        return
    if "ruleSet" in sel or "ruleSetVersion" in sel:
        found = await RuleSetRepository(ctx.session).by_ids([n.raw_rule_set_id for n in nodes])
        for node in nodes:
            row = found[node.raw_rule_set_id]
            node.rule_set_version = row.version
            if "ruleSet" in sel:
                node.rule_set = RuleSet.build(row.id, row.version, row.content, row.created_at)
    if "periods" in sel:
        periods = await CycleRepository(ctx.session).periods_for([n.raw_id for n in nodes])
        for node in nodes:
            node.periods = [PeriodNode.from_row(r) for r in periods[node.raw_id]]


async def hydrate_skps(ctx: Context, nodes: list[SkpNode], sel: Selection) -> None:
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
    wanted = [name for name in ("employee", "rater", "raterSuperior") if name in sel]
    if not wanted:
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
