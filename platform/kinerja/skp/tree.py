"""The cascade tree of a cycle: SKPs from the unit head downwards, each RHK with the RHKs of
other SKPs that link to it. A constant number of statements, whatever the number of SKPs."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

import strawberry

from ..cycles.repository import CycleRepository
from ..errors import NotFound
from ..kit.selection import Selection
from .document import SkpNode
from .hydrate import hydrate_skps, work_results
from .repository import PlanRepository
from .types import WorkResultType

if TYPE_CHECKING:
    from ..graphql.context import Context


@strawberry.type(description="An RHK in the cascade, with the RHKs that support it.")
class CascadedWorkResult:
    work_result: WorkResultType
    children: list[WorkResultType] = strawberry.field(
        description="RHKs of other SKPs (that you may see) linking to this one (intervensi).")


@strawberry.type(description="An SKP in the cascade tree, listed depth-first.")
class SkpTreeNode:
    depth: int = strawberry.field(description="0 for a root (no visible rater's SKP above).")
    parent_skp_id: strawberry.ID | None = strawberry.field(
        description="The rater's SKP, when it is in the tree.")
    skp: SkpNode
    work_results: list[CascadedWorkResult]


def _order(rows: list[Any]) -> list[tuple[Any, int, Any]]:
    """(row, depth, parent row) depth-first; rows are sorted by name, children keep that."""
    by_employee = {r.employee_id: r for r in rows}
    children: dict[uuid.UUID, list[Any]] = {}
    roots = []
    for row in rows:
        parent = by_employee.get(row.rater_id) if row.rater_id else None
        if parent is None or parent.id == row.id:
            roots.append(row)
        else:
            children.setdefault(parent.id, []).append(row)
    out: list[tuple[Any, int, Any]] = []
    seen: set[uuid.UUID] = set()

    def walk(row, depth, parent):
        if row.id in seen:
            return
        seen.add(row.id)
        out.append((row, depth, parent))
        for child in children.get(row.id, []):
            walk(child, depth + 1, row)

    for row in roots:
        walk(row, 0, None)
    for row in rows:  # a loop in the copied lines would leave rows unvisited
        walk(row, 0, None)
    return out


async def skp_tree(ctx: Context, cycle_id: uuid.UUID, sel: Selection) -> list[SkpTreeNode]:
    if await CycleRepository(ctx.session).by_id(cycle_id) is None:
        raise NotFound()
    repo = PlanRepository(ctx.session)
    rows = await repo.tree_skps(cycle_id, ctx.permissions.scope("skp", "read"), ctx.actor.user_id)
    ordered = _order(rows)
    nodes = {r.id: SkpNode.from_row(r) for r in rows}
    await hydrate_skps(ctx, list(nodes.values()), sel["skp"])
    results: dict[uuid.UUID, list[WorkResultType]] = {}
    if "workResults" in sel and rows:
        wr_sel = sel["workResults"].merged("workResult", "children")
        results = await work_results(repo, await repo.work_results(list(nodes)), wr_sel)
    linking: dict[str, list[WorkResultType]] = {}
    for items in results.values():
        for item in items:
            if item.parent_id is not None:
                linking.setdefault(item.parent_id, []).append(item)
    return [SkpTreeNode(depth=depth, parent_skp_id=nodes[parent.id].id if parent else None,
                        skp=nodes[row.id],
                        work_results=[CascadedWorkResult(work_result=w,
                                                         children=linking.get(w.id, []))
                                      for w in results.get(row.id, [])])
            for row, depth, parent in ordered]
