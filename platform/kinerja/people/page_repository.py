"""The employee page and its count as hot reads (kit/compiled.py): one statement per shape
of the request (scope, filters, cursor, what is joined), built once with every value a bound
parameter and every agency table bound to `:tenant_id`, run off the ORM session.
"""

from __future__ import annotations

import functools
import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from ..authz.vocabulary import Scope
from ..kit.compiled import AFTER_ID, AFTER_NAME, TENANT, UNIT, USER, TenantRead, page_limit
from ..kit.repository import Repository, escape_like
from ..models import Employee, OrgUnit, Position, ReportingLine
from .repository import (
    EMPLOYEE_COLUMNS,
    LINE_COLUMNS,
    PERSON_KEYS,
    POSITION_COLUMNS,
    UNIT_COLUMNS,
    EmployeeFilter,
    current_line_condition,
)

TODAY = sa.bindparam("today", type_=sa.Date())
ACTIVE = sa.bindparam("active", type_=sa.Boolean())
PATTERN = sa.bindparam("pattern", type_=sa.String())
DIGITS = sa.bindparam("digits", type_=sa.String())

Rater = aliased(Employee, name="rater_e")
Superior = aliased(Employee, name="superior_e")
Me = aliased(Employee, name="me")
Line = aliased(ReportingLine, name="rl")


@dataclass(frozen=True)
class Shape:
    """What varies between statements (values are parameters)."""

    scope: Scope
    has_user: bool
    unit: bool = False
    active: bool = False
    search: bool = False
    digits: bool = False
    after: bool = False
    references: bool = False
    people: bool = False  # the rater and superior joined (those selected: rater, superior)
    rater: bool = True
    superior: bool = True
    # Columns read per part ("" the employee, u_ unit, p_ position, r_ the people); a part
    # not named reads every column (people/columns.py).
    reads: tuple[tuple[str, frozenset[str]], ...] = ()


def mine(column: Any) -> sa.Select:
    """This principal's own employee record(s) in the agency: `column` of them (the SKP page
    uses it too)."""
    return sa.select(column).where(Me.tenant_id == TENANT, Me.user_id == USER)


def _visible(shape: Shape) -> list[sa.ColumnElement[bool]]:
    """The scope as conditions on Employee (repository.EmployeeRepository.visible, as SQL with
    parameters)."""
    if shape.scope >= Scope.TENANT:
        return []
    if not shape.has_user:  # an app in its own name is nobody: own, rated and unit are empty
        return [sa.false()]
    own = Employee.user_id == USER
    if shape.scope == Scope.OWN:
        return [own]
    if shape.scope == Scope.SUBORDINATES:
        my_ids = mine(Me.id)
        rated = sa.select(Line.employee_id).where(
            Line.tenant_id == TENANT, current_line_condition(TODAY, Line),
            sa.or_(Line.rater_id.in_(my_ids), Line.rater_superior_id.in_(my_ids)))
        return [sa.or_(own, Employee.id.in_(rated))]
    return [sa.or_(own, Employee.unit_id.in_(mine(Me.unit_id)))]


def _conditions(shape: Shape) -> list[sa.ColumnElement[bool]]:
    out = [Employee.tenant_id == TENANT, *_visible(shape)]
    if shape.unit:
        out.append(Employee.unit_id == UNIT)
    if shape.active:
        out.append(Employee.active == ACTIVE)
    if shape.search:
        condition = sa.func.lower(Employee.name).like(PATTERN, escape="\\")
        if shape.digits:
            condition = sa.or_(condition, Employee.nip.like(DIGITS))
        out.append(condition)
    return out


def read_columns(columns: Any, keys: frozenset[str] | None, prefix: str = "") -> list[Any]:
    """`columns` labelled `prefix + key`; those not in `keys` (None: all) read as NULL."""
    return [(c if keys is None or c.key in keys else sa.null()).label(prefix + c.key)
            for c in columns]


def after_name() -> sa.ColumnElement[bool]:
    """The keyset of the pages ordered by employee name, then employee id."""
    return sa.or_(Employee.name > AFTER_NAME,
                  sa.and_(Employee.name == AFTER_NAME, Employee.id > AFTER_ID))


@functools.lru_cache(maxsize=1024)
def page_read(shape: Shape, rows: int) -> TenantRead:
    """The page's ids first (ORDER BY name, id LIMIT on the (tenant_id, name, id) index),
    then only those rows joined, on the full key, to their line, unit, position and people,
    reading only the columns of `shape.reads`."""
    reads = dict(shape.reads)
    conditions = _conditions(shape)
    if shape.after:
        conditions.append(after_name())
    ids = (sa.select(Employee.tenant_id, Employee.id).where(*conditions)
           .order_by(Employee.name, Employee.id).limit(page_limit(rows)).subquery("page"))
    line = (sa.select(ReportingLine.tenant_id, *LINE_COLUMNS)
            .where(ReportingLine.tenant_id == TENANT, current_line_condition(TODAY))
            .subquery("line"))
    columns: list[Any] = [*read_columns(EMPLOYEE_COLUMNS, reads.get("")),
                          line.c.rater_id.label("rater_id"),
                          line.c.rater_superior_id.label("rater_superior_id"),
                          line.c.acting.label("acting")]
    source: Any = (sa.join(Employee, ids, sa.and_(ids.c.tenant_id == Employee.tenant_id,
                                                  ids.c.id == Employee.id))
                   .outerjoin(line, sa.and_(line.c.tenant_id == Employee.tenant_id,
                                            line.c.employee_id == Employee.id)))
    if shape.references:
        columns += read_columns(UNIT_COLUMNS, reads.get("u_"), "u_")
        columns += read_columns(POSITION_COLUMNS, reads.get("p_"), "p_")
        source = (source.outerjoin(OrgUnit, sa.and_(OrgUnit.tenant_id == TENANT,
                                                    OrgUnit.id == Employee.unit_id))
                  .outerjoin(Position, sa.and_(Position.tenant_id == TENANT,
                                               Position.id == Employee.position_id)))
    if shape.people:
        for alias, prefix, column, joined in ((Rater, "r_", line.c.rater_id, shape.rater),
                                              (Superior, "s_", line.c.rater_superior_id,
                                               shape.superior)):
            if not joined:
                continue
            columns += read_columns([getattr(alias, key) for key in PERSON_KEYS],
                                    reads.get("r_"), prefix)
            source = source.outerjoin(alias, sa.and_(alias.tenant_id == TENANT,
                                                     alias.id == column))
    return TenantRead(sa.select(*columns).select_from(source)
                      .where(Employee.tenant_id == TENANT).order_by(Employee.name, Employee.id))


@functools.lru_cache(maxsize=64)
def count_read(shape: Shape) -> TenantRead:
    return TenantRead(sa.select(sa.func.count(Employee.id)).where(*_conditions(shape)))


def shape_and_params(flt: EmployeeFilter, scope: Scope, user_id: uuid.UUID | None,
                     today: date, after: list[Any] | None = None,
                     **joined: Any) -> tuple[Shape, dict[str, Any]]:
    params: dict[str, Any] = {"today": today, "user_id": user_id}
    term = (flt.search or "").strip()
    digits = term.replace(" ", "")
    if flt.unit_id is not None:
        params["unit_id"] = flt.unit_id
    if flt.active is not None:
        params["active"] = flt.active
    if term:
        params["pattern"] = f"%{escape_like(term.lower())}%"
        if digits.isdigit():
            params["digits"] = f"{digits}%"
    if after is not None:
        params["after_name"], params["after_id"] = after[0], uuid.UUID(str(after[1]))
    shape = Shape(scope=scope, has_user=user_id is not None, unit=flt.unit_id is not None,
                  active=flt.active is not None, search=bool(term),
                  digits=bool(term) and digits.isdigit(), after=after is not None, **joined)
    return shape, params


class EmployeePageRepository(Repository):
    async def page(self, flt: EmployeeFilter, scope: Scope, user_id: uuid.UUID | None,
                   today: date, first: int, after: list[Any] | None,
                   **joined: Any) -> list[Any]:
        """A keyset page of `first + 1` rows; `joined` as in Shape: with `references`, each
        row also carries its unit and position (u_, p_), with `people` its rater and rater's
        superior (r_, s_), with `reads` only those columns."""
        shape, params = shape_and_params(flt, scope, user_id, today, after, **joined)
        return await page_read(shape, first + 1).rows(self.session, **params)

    async def count(self, flt: EmployeeFilter, scope: Scope, user_id: uuid.UUID | None,
                    today: date) -> int:
        shape, params = shape_and_params(flt, scope, user_id, today)
        rows = await count_read(shape).rows(self.session, **params)
        return int(rows[0][0] or 0)
