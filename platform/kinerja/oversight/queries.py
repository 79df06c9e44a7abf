"""Oversight queries: the groups you oversee, and a group's aggregates."""

from __future__ import annotations

import strawberry

from ..graphql.context import Info
from ..graphql.permissions import Authenticated
from ..graphql.relay import from_global_id, to_global_id
from .repository import OversightRepository
from .service import OversightService, year_bounds
from .types import (
    OversightAgency,
    OversightAgencyFigures,
    OversightGroupType,
    OversightReport,
    counts,
)


def _service(ctx) -> OversightService:
    return OversightService(ctx.actor, ctx.services.db, ctx.settings.oversight_min_cell)


def group_type(group, members) -> OversightGroupType:
    return OversightGroupType(id=to_global_id("OversightGroup", group.id), slug=group.slug,
                              name=group.name, agencies=[OversightAgency(slug=m.slug, name=m.name)
                                                         for m in members])


async def load_group(ctx, group_id) -> OversightGroupType:
    repo = OversightRepository(ctx.session)
    group = await repo.group(group_id)
    return group_type(group, await repo.members([group_id]))


@strawberry.type
class OversightQueries:
    @strawberry.field(permission_classes=[Authenticated],
                      description="The oversight groups you oversee, with their agencies.")
    async def oversight_groups(self, info: Info) -> list[OversightGroupType]:
        return [group_type(g, m) for g, m in await _service(info.context).groups()]

    @strawberry.field(permission_classes=[Authenticated], description=(
        "Aggregates of a group you oversee for a year, per member agency: counts only, "
        "never a row, a name or an NIP; any count below k (KINERJA_OVERSIGHT_MIN_CELL, 3) is "
        "null. Computed agency by agency under each agency's row-level security."))
    async def oversight_report(self, info: Info, group_id: strawberry.ID,
                               year: int) -> OversightReport:
        ctx = info.context
        year_bounds(year)
        service = _service(ctx)
        group, figures = await service.report(from_global_id(group_id, "OversightGroup")[1],
                                              year)
        members = await OversightRepository(ctx.session).members([group.id])
        return OversightReport(group=group_type(group, members), year=year, k=service.k,
                               agencies=[OversightAgencyFigures(
                                   slug=f.slug, name=f.name, employees=f.employees,
                                   skps_by_status=counts(f.skps),
                                   predikat_period=(f"{f.period[0]} {f.period[1]}"
                                                    if f.period else None),
                                   predikat=counts(f.predikat), jp_employees=f.jp_employees,
                                   jp_below=f.jp_below, gap_bands=counts(f.bands))
                                   for f in figures])
