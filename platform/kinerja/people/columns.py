"""Which columns a selection of an employee, unit or position reads (issue 12: only the
selected fields are filled from rows).

A page reads the columns its client selected and NULL for the rest, so the database and
the driver skip them; the objects built from such rows are partial and never go into the
request's loaders, where another field would take them for whole ones. A selected field
this module does not know reads every column: a new field is whole until it is listed.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..kit.selection import Selection

Columns = frozenset[str] | None  # the columns to read; None: all of them

# GraphQL field -> the columns (people/repository.py keys) its value is made of.
EMPLOYEE_FIELDS: Mapping[str, tuple[str, ...]] = {
    "__typename": (), "id": ("id",), "name": ("name",), "nip": ("nip",),
    "nipFormatted": ("nip", "employee_type"), "employeeType": ("employee_type",),
    "rank": ("rank",), "active": ("active",), "version": ("version",),
    "createdAt": ("created_at",), "hasAccount": ("user_id",),
    "fromParentAgency": ("home_tenant_id",), "unit": ("unit_id",),
    "position": ("position_id",), "acting": (), "rater": (), "raterSuperior": (),
    "reportingLines": (),  # the line's own columns are always read; lines load by id
}
UNIT_FIELDS: Mapping[str, tuple[str, ...]] = {
    "__typename": (), "id": ("id",), "code": ("code",), "name": ("name",),
    "active": ("active",), "version": ("version",), "createdAt": ("created_at",),
    "parentId": ("parent_id",), "parent": ("parent_id",),
}
POSITION_FIELDS: Mapping[str, tuple[str, ...]] = {
    "__typename": (), "id": ("id",), "code": ("code",), "name": ("name",),
    "positionType": ("position_type",), "level": ("level",), "active": ("active",),
    "version": ("version",), "createdAt": ("created_at",),
}


def columns_for(sel: Selection, fields: Mapping[str, tuple[str, ...]],
                always: tuple[str, ...] = ("id",)) -> Columns:
    """The columns the selected fields read (with `always`), or None for every column when
    some selected field is not in `fields`."""
    wanted = set(always)
    for name in sel.fields:
        known = fields.get(name)
        if known is None:
            return None
        wanted.update(known)
    return frozenset(wanted)


def people_columns(sel: Selection, *names: str) -> Columns:
    """The columns of the people a page folds in under these fields (rater, raterSuperior,
    employee...): one union, because one person built from a row serves every field that
    names them (people.hydrate.attach_people)."""
    return columns_for(sel.merged(*names), EMPLOYEE_FIELDS)


def employee_page_reads(sel: Selection, references: bool = True,
                        people: bool = True) -> dict[str, frozenset[str]]:
    """The columns of an employee page (page_repository.Shape.reads) for what its nodes
    select: the employee (id and name: its cursor) and, when the page joins them, unit and
    position (`references`) and folded people (`people`); a part left out reads every column
    (or is not joined: then it names no columns, so equal statements share one shape)."""
    parts = {"": columns_for(sel, EMPLOYEE_FIELDS, ("id", "name"))}
    if references:
        parts["u_"] = columns_for(sel["unit"], UNIT_FIELDS)
        parts["p_"] = columns_for(sel["position"], POSITION_FIELDS)
    if people:
        parts["r_"] = people_columns(sel, "rater", "raterSuperior")
    return {prefix: keys for prefix, keys in parts.items() if keys is not None}
