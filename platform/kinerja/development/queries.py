"""Root queries: an employee's plan for a year (with 20 JP tracking), suggestions, and the
JP compliance list. Thin: access check, fetch each level in batched statements, build."""

from __future__ import annotations

import uuid

import strawberry

from ..errors import BadRequest
from ..files.repository import StoredFileRepository
from ..files.types import StoredFile
from ..graphql.context import Info
from ..graphql.permissions import Can
from ..graphql.relay import (
    connection,
    encode_cursor,
    from_global_id,
    name_id_cursor,
    page_request,
    to_global_id,
)
from ..kit.selection import Selection, connection_node_selection, root_selection
from ..people import hydrate
from ..people.repository import OrgUnitRepository
from ..people.types import EmployeeNode
from ..training.repository import CatalogRepository
from ..training.service import competency_names, current_settings
from ..training.types import TrainingActivityNode
from .access import DevelopmentAccess
from .repository import DevelopmentRepository
from .service import YEARS
from .suggestions import suggestions_for
from .types import (
    DevelopmentItemNode,
    DevelopmentPlan,
    DevelopmentSuggestion,
    JpCompliance,
    JpComplianceConnection,
    JpComplianceEdge,
    JpComplianceUnit,
    SuggestionReason,
)


def access_of(ctx) -> DevelopmentAccess:
    return DevelopmentAccess(ctx.actor)


def check_year(year: int) -> None:
    if not YEARS[0] <= year <= YEARS[1]:
        raise BadRequest("BAD_REQUEST", detail=f"year {YEARS[0]}-{YEARS[1]}")


async def activities(ctx, ids: list[uuid.UUID]) -> dict[uuid.UUID, TrainingActivityNode]:
    repo = CatalogRepository(ctx.session)
    rows = await repo.by_ids(sorted(set(ids)))
    codes = await repo.competencies(list(rows))
    return {k: TrainingActivityNode.from_row(r, codes[k]) for k, r in rows.items()}


def _minimum(content, employee_type: str) -> float:
    minimum = content["minimum_jp"]
    return float(minimum.get(employee_type, max(minimum.values())))


async def load_plan(ctx, employee_id: uuid.UUID, year: int, sel: Selection) -> DevelopmentPlan:
    """The plan (or the empty one) of an employee the principal may read, else NOT_FOUND."""
    check_year(year)
    employee_row = await access_of(ctx).readable(employee_id)
    repo = DevelopmentRepository(ctx.session)
    plan = await repo.plan(employee_id, year)
    rows = await repo.items(plan.id) if plan else []
    names = await competency_names(ctx.session)
    items = [DevelopmentItemNode.from_row(r, names, ctx.language) for r in rows]
    if "activity" in sel["items"]:
        found = await activities(ctx, [i.raw_activity_id for i in items if i.raw_activity_id])
        for item in items:
            item.activity = found.get(item.raw_activity_id)
    if "evidenceFile" in sel["items"]:
        files = await StoredFileRepository(ctx.session).by_ids(
            sorted({i.raw_evidence_file_id for i in items if i.raw_evidence_file_id}))
        for item in items:
            if item.raw_evidence_file_id in files:
                item.evidence_file = StoredFile.from_row(files[item.raw_evidence_file_id])
    employee = EmployeeNode.from_row(employee_row)
    await hydrate.hydrate_employees(ctx, [employee], sel["employee"])
    settings = (await current_settings(ctx.session)).content
    done = round(sum(r.actual_jp or 0 for r in rows if r.status == "COMPLETED"), 2)
    minimum = _minimum(settings, employee_row.employee_type)
    return DevelopmentPlan(
        id=to_global_id("DevelopmentPlan", plan.id) if plan else None, year=year,
        employee=employee, items=items,
        planned_jp=round(sum(r.planned_jp for r in rows if r.status != "CANCELLED"), 2),
        completed_jp=done, minimum_jp=minimum, shortfall_jp=max(round(minimum - done, 2), 0.0))


@strawberry.type
class DevelopmentQueries:
    @strawberry.field(permission_classes=[Can("development_plan", "read")],
                      description="An employee's development plan for a year (empty when "
                                  "nothing is planned yet) with completed JP against the "
                                  "minimum. NOT_FOUND for employees you may not see.")
    async def development_plan(self, info: Info, employee_id: strawberry.ID,
                               year: int) -> DevelopmentPlan:
        return await load_plan(info.context, from_global_id(employee_id, "Employee")[1], year,
                               root_selection(info))

    @strawberry.field(permission_classes=[Can("development_plan", "read")],
                      description="Development the server suggests for an employee and year, "
                                  "from competency gaps, the predikat and low BerAKHLAK "
                                  "ratings, each with its reasons; items already planned are "
                                  "left out.")
    async def development_suggestions(self, info: Info, employee_id: strawberry.ID,
                                      year: int) -> list[DevelopmentSuggestion]:
        ctx = info.context
        check_year(year)
        raw_employee = from_global_id(employee_id, "Employee")[1]
        await access_of(ctx).readable(raw_employee)
        found = await suggestions_for(ctx.session, ctx.tenant_id, raw_employee, year)
        names = await competency_names(ctx.session)
        nodes = {}
        if "activity" in root_selection(info):
            nodes = await activities(ctx, [s.activity.id for s in found if s.activity])
        return [DevelopmentSuggestion(
            key=s.key, competency_code=s.competency_code,
            competency_name=names.get(s.competency_code),
            activity=nodes.get(s.activity.id) if s.activity else None,
            jp=s.activity.jp if s.activity else None,
            reasons=[SuggestionReason.build(r.as_dict(), ctx.language) for r in s.reasons])
            for s in found]

    @strawberry.field(permission_classes=[Can("development_plan", "read")],
                      description="JP compliance per unit for a year (the agency first, "
                                  "unitId null): active employees you may see, how many are "
                                  "below the minimum of their type, the share meeting it and "
                                  "the mean completed JP; one statement.")
    async def jp_compliance_by_unit(self, info: Info, year: int) -> list[JpComplianceUnit]:
        ctx = info.context
        check_year(year)
        minimum = (await current_settings(ctx.session)).content["minimum_jp"]
        rows = await DevelopmentRepository(ctx.session).compliance_by_unit(
            year, minimum, ctx.permissions.scope("development_plan", "read"),
            ctx.actor.user_id, ctx.today)
        ids = [r.unit_id for r in rows if r.unit_id is not None]
        names = {k: v.name for k, v in
                 (await OrgUnitRepository(ctx.session).by_ids(ids) if ids else {}).items()}
        agency = (sum(r.employees for r in rows), sum(r.below for r in rows),
                  sum(float(r.jp) for r in rows))
        units = sorted(((r.unit_id, int(r.employees), int(r.below), float(r.jp)) for r in rows),
                       key=lambda u: str(u[0]))
        return [JpComplianceUnit.of(None, None, *agency),
                *(JpComplianceUnit.of(u, names.get(u), n, b, jp) for u, n, b, jp in units)]

    @strawberry.field(permission_classes=[Can("development_plan", "read")],
                      description="Active employees you may see with their completed JP for "
                                  "a year against the minimum of their type, by name; "
                                  "`belowOnly` lists who is below and by how much.")
    async def jp_compliance(self, info: Info, year: int, unit_id: strawberry.ID | None = None,
                            below_only: bool = False, first: int | None = None,
                            after: str | None = None) -> JpComplianceConnection:
        ctx = info.context
        check_year(year)
        limits = ctx.settings.limits
        page = page_request(first, after, default=limits.default_page_size,
                            maximum=limits.max_page_size, cursor_length=2)
        unit = from_global_id(unit_id, "OrgUnit")[1] if unit_id else None
        minimum = (await current_settings(ctx.session)).content["minimum_jp"]
        scope = ctx.permissions.scope("development_plan", "read")
        repo = DevelopmentRepository(ctx.session)
        rows = await repo.compliance_page(year, minimum, unit, below_only, scope, ctx.actor.user_id,
                                          ctx.today, page.first, name_id_cursor(page.after))
        has_next = len(rows) > page.first
        rows = rows[: page.first]
        employees = [EmployeeNode.from_row(r) for r in rows]
        sel = root_selection(info)
        await hydrate.hydrate_employees(ctx, employees,
                                        connection_node_selection(sel)["employee"])
        nodes = [JpCompliance(employee=e, completed_jp=round(r.completed_jp, 2),
                              minimum_jp=float(r.minimum_jp),
                              shortfall_jp=max(round(r.minimum_jp - r.completed_jp, 2), 0.0))
                 for e, r in zip(employees, rows, strict=True)]
        cursors = [encode_cursor([r.name, str(r.id)]) for r in rows]
        result = connection(JpComplianceConnection, JpComplianceEdge, nodes, cursors, has_next,
                            page.after is not None, None)
        if "totalCount" in sel or "belowCount" in sel:
            result.total_count, result.below_count = await repo.compliance_counts(
                year, minimum, unit, below_only, scope, ctx.actor.user_id, ctx.today)
        return result
