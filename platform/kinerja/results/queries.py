"""Root queries of results, organisation results and the distribution check."""

from __future__ import annotations

import uuid

import strawberry

from ..authz.vocabulary import Scope
from ..cycles import rules
from ..cycles.types import DistributionPattern, SmallUnitRounding
from ..cycles.types import distribution_pattern as pattern_type
from ..errors import Forbidden, NotFound
from ..graphql.context import Info
from ..graphql.permissions import Can
from ..graphql.relay import (
    connection,
    from_global_id,
    name_id_cursor,
    page_cursors,
    page_request,
    to_global_id,
)
from ..kit.selection import Selection, connection_node_selection, root_selection
from ..people import hydrate as hydrate_people
from ..people.columns import people_columns
from .distribution import deviations
from .hydrate import hydrate_results, result_node
from .page_repository import ResultPageRepository
from .repository import ResultRepository
from .types import (
    DistributionWarning,
    DistributionWarningCode,
    OrganisationResultNode,
    PerformanceResultConnection,
    PerformanceResultEdge,
    PerformanceResultNode,
    Predikat,
    PredikatCount,
    ResultDistribution,
)


async def load_result(ctx, result_id: uuid.UUID, sel: Selection) -> PerformanceResultNode:
    """A result the principal may read (NOT_FOUND otherwise, also one's own before release)."""
    row = await ResultRepository(ctx.session).visible_by_id(
        result_id, ctx.permissions.scope("result", "read"), ctx.actor.user_id)
    if row is None:
        raise NotFound()
    node = result_node(row, ctx.today)
    await hydrate_results(ctx, [node], sel)
    return node


async def _period_of(repo: ResultRepository, cycle_id: str, period_id: str):
    raw_cycle = from_global_id(cycle_id, "Cycle")[1]
    period = await repo.period(from_global_id(period_id, "Period")[1])
    if period is None or period.cycle_id != raw_cycle:
        raise NotFound()
    return period


async def distribution(ctx, period_id: uuid.UUID, unit_id: uuid.UUID) -> ResultDistribution:
    repo = ResultRepository(ctx.session)
    period = await repo.period(period_id)
    if period is None or await repo.unit(unit_id) is None:
        raise NotFound()
    content = (await repo.rule_set((await repo.cycle(period.cycle_id)).rule_set_id)).content
    counts = await repo.predikat_counts(period_id, unit_id, ctx.permissions.scope(
        "result", "read"), ctx.actor.user_id)
    org = await repo.org_result(unit_id, period_id)
    total = sum(counts.values())
    small = content["small_unit"]
    pattern: DistributionPattern | None = None
    if org is not None:
        pattern = pattern_type(org.result, content["patterns"][org.result])
    return ResultDistribution(
        unit_id=to_global_id("OrgUnit", unit_id), period_id=to_global_id("Period", period_id),
        unit_size=total, small_unit=total <= small["max_size"],
        rounding=SmallUnitRounding[small["rounding"]],
        organisation_result=OrganisationResultNode.from_row(org) if org else None,
        pattern=pattern,
        groups=[PredikatCount(predikat=Predikat[p], count=counts.get(p, 0),
                              share=counts.get(p, 0) / total if total else 0.0)
                for p in rules.PREDIKAT],
        warnings=[DistributionWarning(
            code=DistributionWarningCode[d.code], predikat=[Predikat[p] for p in d.predikat],
            actual_count=d.actual_count, actual_share=d.actual_share,
            expected_count=d.expected_count, expected_share=d.expected_share)
            for d in deviations(counts, org.result if org else None, content)])


@strawberry.type
class ResultQueries:
    @strawberry.field(
        permission_classes=[Can("result", "read")],
        description="Results of a period you may see (your own once released, the SKPs you "
                    "rate or supervise, or the agency), optionally of one unit's employees, "
                    "ordered by employee name. Forward pagination.")
    async def results(self, info: Info, cycle_id: strawberry.ID, period_id: strawberry.ID,
                      unit_id: strawberry.ID | None = None, first: int | None = None,
                      after: str | None = None) -> PerformanceResultConnection:
        ctx = info.context
        limits = ctx.settings.limits
        page = page_request(first, after, default=limits.default_page_size,
                            maximum=limits.max_page_size, cursor_length=2)
        repo = ResultPageRepository(ctx.session)
        period = await _period_of(ResultRepository(ctx.session), cycle_id, period_id)
        unit = from_global_id(unit_id, "OrgUnit")[1] if unit_id else None
        scope = ctx.permissions.scope("result", "read")
        sel = root_selection(info)
        node_sel = connection_node_selection(sel)
        people = hydrate_people.people_foldable(node_sel, ("employee",))
        rows = await repo.page(period.cycle_id, period.id, unit, scope, ctx.actor.user_id,
                               page.first, name_id_cursor(page.after), people,
                               people_columns(node_sel, "employee"))
        has_next = len(rows) > page.first
        rows = rows[: page.first]
        nodes = [result_node(r, ctx.today) for r in rows]
        attached = (hydrate_people.attach_people(nodes, rows, node_sel, {"employee": "e_"})
                    if people else None)
        await hydrate_results(ctx, nodes, node_sel, attached)
        cursors = page_cursors(sel, ([r.employee_name, str(r.employee_id)] for r in rows))
        total = (await repo.count(period.cycle_id, period.id, unit, scope,
                                  ctx.actor.user_id) if "totalCount" in sel else None)
        return connection(PerformanceResultConnection, PerformanceResultEdge, nodes, cursors,
                          has_next, page.after is not None, total)

    @strawberry.field(permission_classes=[Can("result", "read")],
                      description="One result by global ID (NOT_FOUND if not visible to you).")
    async def result(self, info: Info, id: strawberry.ID) -> PerformanceResultNode:
        return await load_result(info.context, from_global_id(id, "PerformanceResult")[1],
                                 root_selection(info))

    @strawberry.field(permission_classes=[Can("org_result", "read")],
                      description="Organisation results of a cycle (optionally one period).")
    async def organisation_results(self, info: Info, cycle_id: strawberry.ID,
                                   period_id: strawberry.ID | None = None
                                   ) -> list[OrganisationResultNode]:
        repo = ResultRepository(info.context.session)
        raw_cycle = from_global_id(cycle_id, "Cycle")[1]
        if await repo.cycle(raw_cycle) is None:
            raise NotFound()
        raw_period = from_global_id(period_id, "Period")[1] if period_id else None
        return [OrganisationResultNode.from_row(r)
                for r in await repo.org_results(raw_cycle, raw_period)]

    @strawberry.field(
        permission_classes=[Can("result", "read")],
        description="A unit's predikat for a period against the pattern of its organisation "
                    "result: counts, shares and every deviation as a warning. Needs result "
                    "read beyond your own; a rater counts only the results they may read "
                    "(never their own before release), HR and auditors the whole unit.")
    async def result_distribution(self, info: Info, period_id: strawberry.ID,
                                  unit_id: strawberry.ID) -> ResultDistribution:
        ctx = info.context
        if ctx.permissions.scope("result", "read") < Scope.SUBORDINATES:
            raise Forbidden()
        return await distribution(ctx, from_global_id(period_id, "Period")[1],
                                  from_global_id(unit_id, "OrgUnit")[1])
