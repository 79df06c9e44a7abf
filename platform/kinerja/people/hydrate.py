"""Fill nested fields level by level: one batched statement per level and kind.

Given the nodes of one level and what the client selected below them, load every
referenced unit, position and employee at once (through the request's loaders), then
recurse into the next level. The statement count depends on the query's shape, never on
the number of rows.
"""

from __future__ import annotations

import functools
from operator import attrgetter
from typing import TYPE_CHECKING

from strawberry.utils.str_converters import to_snake_case

from ..kit.selection import Selection
from .repository import (
    EmployeeRepository,
    OrgUnitRepository,
    PositionRepository,
    person_part,
    referenced_part,
)
from .types import EmployeeNode, OrgUnitType, PositionNode, ReportingLineType

if TYPE_CHECKING:
    from ..graphql.context import Context


async def units(ctx: Context, ids) -> dict:
    async def fetch(missing):
        rows = await OrgUnitRepository(ctx.session).by_ids(missing)
        return {k: OrgUnitType.from_row(r) for k, r in rows.items()}
    return await ctx.loaders.load_many("OrgUnit", ids, fetch)


async def positions(ctx: Context, ids) -> dict:
    async def fetch(missing):
        rows = await PositionRepository(ctx.session).by_ids(missing)
        return {k: PositionNode.from_row(r) for k, r in rows.items()}
    return await ctx.loaders.load_many("Position", ids, fetch)


async def employees(ctx: Context, ids) -> dict:
    async def fetch(missing):
        rows = await EmployeeRepository(ctx.session).by_ids(missing, ctx.today)
        return {k: EmployeeNode.from_row(r) for k, r in rows.items()}
    return await ctx.loaders.load_many("Employee", ids, fetch)


def attach_references(ctx: Context, nodes: list[EmployeeNode], rows: list,
                      whole: tuple[bool, bool] = (True, True)) -> None:
    """Units and positions that came joined with a page (page_repository, u_ and p_): one
    object each, set on the nodes; put in the loaders only when read whole (`whole`: unit,
    position), as a partial object must not answer another field."""
    units: dict = {}
    positions: dict = {}
    for node, row in zip(nodes, rows, strict=True):
        if row.u_id is not None:
            unit = units.get(row.u_id)
            if unit is None:
                unit = units[row.u_id] = OrgUnitType.from_row(referenced_part(row, "u_"))
            node.unit = unit
        if row.p_id is not None:
            position = positions.get(row.p_id)
            if position is None:
                position = positions[row.p_id] = PositionNode.from_row(
                    referenced_part(row, "p_"))
            node.position = position
    for kind, found, prime in (("OrgUnit", units, whole[0]), ("Position", positions, whole[1])):
        if prime:
            for key, value in found.items():
                ctx.loaders.prime(kind, key, value)


async def hydrate_units(ctx: Context, nodes: list[OrgUnitType], sel: Selection) -> None:
    if not nodes or "parent" not in sel:
        return
    found = await units(ctx, [n.raw_parent_id for n in nodes])
    for node in nodes:
        node.parent = found.get(node.raw_parent_id)
    await hydrate_units(ctx, [n.parent for n in nodes if n.parent], sel["parent"])


# Fields of a rater that need the rater's own reporting line, which a folded page row lacks.
_OWN_LINE_FIELDS = ("rater", "raterSuperior", "acting", "reportingLines")


PAGE_PEOPLE = {"rater": "r_", "raterSuperior": "s_"}  # field: prefix in an employee page row


def people_foldable(sel: Selection, fields: tuple[str, ...] = ("rater", "raterSuperior")
                    ) -> bool:
    """Can the page bring these people itself (page_repository.page_read, people)? Only when
    they are selected and nothing below them needs their own reporting line."""
    wanted = [sel[name] for name in fields if name in sel]
    return bool(wanted) and not any(f in part for part in wanted for f in _OWN_LINE_FIELDS)


@functools.cache
def _attribute(field: str) -> str:
    return to_snake_case(field)


@functools.cache
def _id_of(prefix: str) -> attrgetter:
    return attrgetter(prefix + "id")


def attach_people(nodes: list, rows: list, sel: Selection,
                  prefixes: dict[str, str] = PAGE_PEOPLE) -> list[EmployeeNode]:
    """People that came joined with a page (field -> row prefix), for the selected fields:
    one object per person, not put in the loaders (they lack their own line, so another field
    asking for the person must load it whole). Returns them, to hydrate below."""
    built: dict = {}
    wanted = [(_attribute(name), prefix, _id_of(prefix))
              for name, prefix in prefixes.items() if name in sel]
    for node, row in zip(nodes, rows, strict=True):
        for attr, prefix, id_of in wanted:
            person_id = id_of(row)  # the id first: most rows name a person built already
            person = built.get(person_id) if person_id is not None else None
            if person is None and person_id is not None:
                person = built[person_id] = EmployeeNode.from_row(person_part(row, prefix))
            setattr(node, attr, person)
    return list(built.values())


async def hydrate_employees(ctx: Context, nodes: list[EmployeeNode], sel: Selection,
                            people_attached: bool = False,
                            references_attached: bool = False) -> None:
    """Fill the selected nested fields of `nodes`; `people_attached`, `references_attached`:
    their folded people, units and positions are already set (attach_people,
    attach_references)."""
    if not nodes:
        return
    if "unit" in sel:
        if not references_attached:
            found = await units(ctx, [n.raw_unit_id for n in nodes])
            for node in nodes:
                node.unit = found.get(node.raw_unit_id)
        await hydrate_units(ctx, [n.unit for n in nodes if n.unit], sel["unit"])
    if "position" in sel and not references_attached:
        found = await positions(ctx, [n.raw_position_id for n in nodes])
        for node in nodes:
            node.position = found.get(node.raw_position_id)
    if "reportingLines" in sel:
        await _hydrate_lines(ctx, nodes, sel["reportingLines"])
    if people_attached:
        attached = [p for n in nodes for p in (n.rater, n.rater_superior) if p is not None]
        await hydrate_employees(ctx, list({id(e): e for e in attached}.values()),
                                sel.merged("rater", "raterSuperior"))
    elif "rater" in sel or "raterSuperior" in sel:
        ids = [n.raw_rater_id for n in nodes if "rater" in sel]
        ids += [n.raw_superior_id for n in nodes if "raterSuperior" in sel]
        found = await employees(ctx, ids)
        for node in nodes:
            node.rater = found.get(node.raw_rater_id)
            node.rater_superior = found.get(node.raw_superior_id)
        await hydrate_employees(ctx, list({id(e): e for e in found.values()}.values()),
                                sel.merged("rater", "raterSuperior"))


async def _hydrate_lines(ctx: Context, nodes: list[EmployeeNode], sel: Selection) -> None:
    by_employee = await EmployeeRepository(ctx.session).lines_for([n.raw_id for n in nodes])
    lines: list[ReportingLineType] = []
    for node in nodes:
        node.reporting_lines = [ReportingLineType.from_row(r)
                                for r in by_employee.get(node.raw_id, [])]
        lines.extend(node.reporting_lines)
    await hydrate_lines(ctx, lines, sel)


async def hydrate_lines(ctx: Context, lines: list[ReportingLineType], sel: Selection) -> None:
    if not lines or not ("rater" in sel or "raterSuperior" in sel):
        return
    found = await employees(ctx, [x.raw_rater_id for x in lines]
                            + [x.raw_superior_id for x in lines])
    for line in lines:
        line.rater = found.get(line.raw_rater_id)
        line.rater_superior = found.get(line.raw_superior_id)
    await hydrate_employees(ctx, list({id(e): e for e in found.values()}.values()),
                            sel.merged("rater", "raterSuperior"))
