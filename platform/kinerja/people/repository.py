"""Employee, org-unit, position and reporting-line reads as plain rows.

Relationship scopes (own / subordinates / unit / tenant) are SQL filters here, so pagination
stays correct; the tenant criterion is added by the session (and RLS on PostgreSQL).
"""

from __future__ import annotations

import functools
import operator
import uuid
from collections import namedtuple
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa

from ..authz.vocabulary import Scope
from ..kit.compiled import TENANT, TenantRead, in_ids
from ..kit.repository import Repository, is_user
from ..models import Employee, OrgUnit, Position, ReportingLine

EMPLOYEE_COLUMNS = (
    Employee.id, Employee.nip, Employee.employee_type, Employee.name, Employee.rank,
    Employee.position_id, Employee.unit_id, Employee.user_id, Employee.active, Employee.version,
    Employee.created_at, Employee.home_tenant_id,
)
UNIT_COLUMNS = (OrgUnit.id, OrgUnit.code, OrgUnit.name, OrgUnit.parent_id, OrgUnit.active,
                OrgUnit.version, OrgUnit.created_at)
POSITION_COLUMNS = (Position.id, Position.code, Position.name, Position.position_type,
                    Position.level, Position.active, Position.version, Position.created_at)
LINE_COLUMNS = (ReportingLine.id, ReportingLine.employee_id, ReportingLine.rater_id,
                ReportingLine.rater_superior_id, ReportingLine.valid_from, ReportingLine.valid_to,
                ReportingLine.acting, ReportingLine.created_at)


# The agency's own working people: active, and not an official of the parent agency who only
# rates here (they have no SKP, JP or competency duty here and are no headcount).
ACTIVE_STAFF = sa.and_(Employee.active.is_(True), Employee.home_tenant_id.is_(None))


@dataclass(frozen=True)
class EmployeeFilter:
    unit_id: uuid.UUID | None = None
    active: bool | None = None
    search: str | None = None


def current_line_condition(today: Any, line: Any = ReportingLine) -> sa.ColumnElement[bool]:
    """The line (or an alias of it) is valid on `today` (a date or a bound parameter)."""
    return sa.and_(
        line.valid_from <= today,
        sa.or_(line.valid_to.is_(None), line.valid_to >= today),
    )


# Statements are immutable: the hot read statements are built once (building one costs more
# than running it), with the ids as one batch parameter (kit/compiled.py in_ids).
# Units and positions by id as hot reads (the references of pages and analyses).
UNITS_BY_IDS = TenantRead(sa.select(*UNIT_COLUMNS).where(OrgUnit.tenant_id == TENANT,
                                                         in_ids(OrgUnit.id)))
POSITIONS_BY_IDS = TenantRead(sa.select(*POSITION_COLUMNS).where(Position.tenant_id == TENANT,
                                                                 in_ids(Position.id)))


PERSON_KEYS = tuple(c.key for c in EMPLOYEE_COLUMNS)
# A joined person or reference is read off a page row by one attrgetter into a named tuple
# (shaped like the row of its own table): a page builds some 150 of them.
_Person = namedtuple("_Person", [*PERSON_KEYS, "rater_id", "rater_superior_id", "acting"])


@functools.cache
def _prefixed(prefix: str, keys: tuple[str, ...]) -> operator.attrgetter:
    """The columns `keys` of a page row under `prefix`, read at once."""
    return operator.attrgetter(*(prefix + k for k in keys))


@functools.lru_cache(maxsize=4)
def employee_select(today: date) -> sa.Select:
    """Employees with their current rater and rater's superior (one LEFT JOIN)."""
    line = (sa.select(ReportingLine.tenant_id, *LINE_COLUMNS)
            .where(current_line_condition(today)).subquery("line"))
    return sa.select(
        *EMPLOYEE_COLUMNS,
        line.c.rater_id.label("rater_id"),
        line.c.rater_superior_id.label("rater_superior_id"),
        line.c.acting.label("acting"),
    ).outerjoin(line, sa.and_(line.c.tenant_id == Employee.tenant_id,
                              line.c.employee_id == Employee.id))


def person_part(row: Any, prefix: str) -> Any:
    """A person joined into a page row (page_repository.py; prefix "r_" rater, "s_" superior,
    "e_" employee), shaped like an employee row without a reporting line of its own (None
    when the row has none)."""
    values = _prefixed(prefix, PERSON_KEYS)(row)
    if values[0] is None:
        return None
    return _Person._make((*values, None, None, None))


# Unit and position columns joined into an employee page when the client selects them, so
# the page and its references come back in one statement (prefixes u_ and p_).
REF_COLUMNS = tuple(c.label(f"u_{c.key}") for c in UNIT_COLUMNS) + tuple(
    c.label(f"p_{c.key}") for c in POSITION_COLUMNS)


def with_references(stmt: sa.Select) -> sa.Select:
    return (stmt.add_columns(*REF_COLUMNS)
            .outerjoin(OrgUnit, sa.and_(OrgUnit.tenant_id == Employee.tenant_id,
                                        OrgUnit.id == Employee.unit_id))
            .outerjoin(Position, sa.and_(Position.tenant_id == Employee.tenant_id,
                                         Position.id == Employee.position_id)))


_REF_KEYS = {"u_": tuple(c.key for c in UNIT_COLUMNS),
             "p_": tuple(c.key for c in POSITION_COLUMNS)}
_REF_TUPLES = {prefix: namedtuple("_Referenced", keys) for prefix, keys in _REF_KEYS.items()}


def referenced_part(row: Any, prefix: str) -> Any:
    """The joined unit ("u_") or position ("p_") of a page row, shaped like its own row."""
    return _REF_TUPLES[prefix]._make(_prefixed(prefix, _REF_KEYS[prefix])(row))


@functools.lru_cache(maxsize=4)
def employees_by_ids(today: date) -> sa.Select:
    return employee_select(today).where(in_ids(Employee.id))


class EmployeeRepository(Repository):
    def _select(self, today: date) -> sa.Select:
        return employee_select(today)

    def visible(self, stmt: sa.Select, scope: Scope, user_id: uuid.UUID, today: date) -> sa.Select:
        """Narrow a statement on Employee to what `scope` lets this user see."""
        if scope >= Scope.TENANT:
            return stmt
        mine = sa.select(Employee.id).where(is_user(Employee.user_id, user_id))
        own = is_user(Employee.user_id, user_id)
        if scope == Scope.OWN:
            return stmt.where(own)
        if scope == Scope.SUBORDINATES:
            rated = sa.select(ReportingLine.employee_id).where(
                current_line_condition(today),
                sa.or_(ReportingLine.rater_id.in_(mine), ReportingLine.rater_superior_id.in_(mine)),
            )
            return stmt.where(sa.or_(own, Employee.id.in_(rated)))
        my_units = sa.select(Employee.unit_id).where(is_user(Employee.user_id, user_id))
        return stmt.where(sa.or_(own, Employee.unit_id.in_(my_units)))

    async def by_ids(self, ids: list[uuid.UUID], today: date) -> dict[uuid.UUID, sa.Row]:
        rows = await self.all(employees_by_ids(today), {"ids": list(ids)})
        return {r.id: r for r in rows}

    async def visible_by_id(self, employee_id: uuid.UUID, scope: Scope, user_id: uuid.UUID,
                            today: date) -> sa.Row | None:
        stmt = self.visible(self._select(today).where(Employee.id == employee_id), scope, user_id,
                            today)
        return await self.first(stmt)

    async def id_for_user(self, user_id: uuid.UUID) -> uuid.UUID | None:
        return await self.scalar(sa.select(Employee.id).where(is_user(Employee.user_id, user_id)))

    async def line_by_id(self, line_id: uuid.UUID) -> sa.Row | None:
        return await self.first(sa.select(*LINE_COLUMNS).where(ReportingLine.id == line_id))

    async def lines_for(self, employee_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[sa.Row]]:
        rows = await self.all(
            sa.select(*LINE_COLUMNS).where(ReportingLine.employee_id.in_(employee_ids))
            .order_by(ReportingLine.employee_id, ReportingLine.valid_from.desc())
        )
        out: dict[uuid.UUID, list[sa.Row]] = {}
        for row in rows:
            out.setdefault(row.employee_id, []).append(row)
        return out


class OrgUnitRepository(Repository):
    async def list(self, active: bool | None = None) -> list[sa.Row]:
        stmt = sa.select(*UNIT_COLUMNS).order_by(OrgUnit.name, OrgUnit.id)
        if active is not None:
            stmt = stmt.where(OrgUnit.active.is_(active))
        return await self.all(stmt)

    async def by_ids(self, ids: list[uuid.UUID]) -> dict[uuid.UUID, sa.Row]:
        rows = await UNITS_BY_IDS.rows(self.session, ids=list(ids))
        return {r.id: r for r in rows}


class PositionRepository(Repository):
    async def list(self, active: bool | None = None) -> list[sa.Row]:
        stmt = sa.select(*POSITION_COLUMNS).order_by(Position.name, Position.id)
        if active is not None:
            stmt = stmt.where(Position.active.is_(active))
        return await self.all(stmt)

    async def by_ids(self, ids: list[uuid.UUID]) -> dict[uuid.UUID, sa.Row]:
        rows = await POSITIONS_BY_IDS.rows(self.session, ids=list(ids))
        return {r.id: r for r in rows}
