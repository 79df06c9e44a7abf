"""Fill the nested fields of cycles, one statement per level and only when selected."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..kit.selection import Selection
from .repository import CycleRepository, RuleSetRepository
from .types import CycleNode, PeriodNode, RuleSet

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
