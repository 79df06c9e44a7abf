"""Registers which types `node(id:)` can return and how each is fetched."""

from __future__ import annotations

from ..errors import NotFound
from ..people.queries import load_employee
from ..people.repository import OrgUnitRepository, PositionRepository
from ..people.types import OrgUnitType, PositionNode
from ..tenants.repository import TenantRepository
from ..tenants.types import TenantType
from .node import register_node


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


async def _tenant(ctx, raw_id, sel):
    visible = raw_id in ctx.member_tenant_ids or ctx.platform_permissions.allows("tenant", "read")
    row = (await TenantRepository(ctx.session).rows_by_ids([raw_id])).get(raw_id) if visible else None
    if row is None:
        raise NotFound()
    return TenantType.from_row(row)


register_node("Employee", ("employee", "read"), _employee)
register_node("OrgUnit", ("org_unit", "read"), _org_unit)
register_node("Position", ("position", "read"), _position)
register_node("Tenant", None, _tenant)
