"""Which types `node(id:)` can return, the permission each needs and how each is fetched:
one explicit table (`NODE_TYPES`), read by edge/node.py."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from ..cycles.queries import load_cycle
from ..cycles.repository import CycleRepository
from ..cycles.types import PeriodNode
from ..errors import NotFound
from ..kit.selection import Selection
from ..people import hydrate
from ..people.queries import load_employee
from ..people.repository import EmployeeRepository, OrgUnitRepository, PositionRepository
from ..people.types import OrgUnitType, PositionNode, ReportingLineType
from ..skp.queries import load_skp
from ..tenants.repository import TenantRepository
from ..tenants.types import TenantType


async def _employee(ctx, raw_id, sel):
    return await load_employee(ctx, raw_id, sel)


async def _org_unit(ctx, raw_id, sel):
    row = (await OrgUnitRepository(ctx.session).by_ids([raw_id])).get(raw_id)
    if row is None:
        raise NotFound()
    return OrgUnitType.from_row(row)


async def _position(ctx, raw_id, sel):
    row = (await PositionRepository(ctx.session).by_ids([raw_id])).get(raw_id)
    if row is None:
        raise NotFound()
    return PositionNode.from_row(row)


async def _reporting_line(ctx, raw_id, sel):
    """Visible when its employee is, under the principal's reporting_line read scope."""
    repo = EmployeeRepository(ctx.session)
    row = await repo.line_by_id(raw_id)
    scope = ctx.permissions.scope("reporting_line", "read")
    if row is None or await repo.visible_by_id(row.employee_id, scope, ctx.actor.user_id,
                                               ctx.today) is None:
        raise NotFound()
    line = ReportingLineType.from_row(row)
    await hydrate.hydrate_lines(ctx, [line], sel)
    return line


async def _tenant(ctx, raw_id, sel):
    visible = raw_id in ctx.member_tenant_ids or ctx.platform_permissions.allows("tenant", "read")
    row = ((await TenantRepository(ctx.session).rows_by_ids([raw_id])).get(raw_id)
           if visible else None)
    if row is None:
        raise NotFound()
    return TenantType.from_row(row)


async def _user(ctx, raw_id, sel):
    from ..accounts.members import member_view  # a member of the selected tenant, else NOT_FOUND

    return await member_view(ctx, raw_id)


async def _role(ctx, raw_id, sel):
    from ..roles.queries import load_role  # built-in or this tenant's custom role

    return await load_role(ctx, raw_id)


async def _cycle(ctx, raw_id, sel):
    return await load_cycle(ctx, raw_id, sel)


async def _period(ctx, raw_id, sel):
    row = await CycleRepository(ctx.session).period_by_id(raw_id)
    if row is None:
        raise NotFound()
    return PeriodNode.from_row(row)


async def _skp(ctx, raw_id, sel):
    return await load_skp(ctx, raw_id, sel)


async def _training_activity(ctx, raw_id, sel):
    from ..training.queries import load_activity  # this agency's catalog, else NOT_FOUND

    return await load_activity(ctx, raw_id)


async def _result(ctx, raw_id, sel):
    from ..results.queries import load_result  # visible under result read (own: released)

    return await load_result(ctx, raw_id, sel)


async def _objection(ctx, raw_id, sel):
    from ..objections.queries import load_objection

    return await load_objection(ctx, raw_id, sel)


async def _organisation_result(ctx, raw_id, sel):
    from ..results.repository import ResultRepository
    from ..results.types import OrganisationResultNode

    row = await ResultRepository(ctx.session).org_result_by_id(raw_id)
    if row is None:
        raise NotFound()
    return OrganisationResultNode.from_row(row)


async def _client_app(ctx, raw_id, sel):
    from ..clients.runtime import load_app

    return await load_app(ctx, raw_id, sel)


Resolver = Callable[[Any, Any, Selection], Awaitable[Any]]

# type name -> (permission, resolver); permission None: the resolver checks access itself
# (tenants, platform objects). A type missing here answers INVALID_ID.
NODE_TYPES: dict[str, tuple[tuple[str, str] | None, Resolver]] = {
    "Employee": (("employee", "read"), _employee),
    "OrgUnit": (("org_unit", "read"), _org_unit),
    "Position": (("position", "read"), _position),
    "ReportingLine": (("reporting_line", "read"), _reporting_line),
    "Tenant": (None, _tenant),
    "User": (("user", "read"), _user),
    "Role": (("role", "read"), _role),
    "Cycle": (("cycle", "read"), _cycle),
    "Period": (("cycle", "read"), _period),
    "Skp": (("skp", "read"), _skp),
    "TrainingActivity": (("training", "read"), _training_activity),
    "PerformanceResult": (("result", "read"), _result),
    "Objection": (("result", "read"), _objection),
    "UnitOrganisationResult": (("org_result", "read"), _organisation_result),
    "ClientApp": (("client_app", "read"), _client_app),
}
