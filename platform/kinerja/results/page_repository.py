"""A period's results page and count as hot reads (kit/compiled.py), with the same scopes as
`ResultRepository.visible`: the SKP relationship scopes, and one's own result only once
released. Built once per shape, every value a parameter, every agency table bound to
`:tenant_id`; the employee can come joined into the row (prefix e_).
"""

from __future__ import annotations

import functools
import uuid
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from ..authz.vocabulary import Scope
from ..kit.compiled import (
    CYCLE,
    PERIOD,
    TENANT,
    UNIT,
    USER,
    TenantRead,
    page_limit,
)
from ..kit.repository import Repository
from ..models import Employee, PerformanceResult, Skp
from ..people.page_repository import after_name, read_columns
from ..people.repository import EMPLOYEE_COLUMNS
from ..skp.page_repository import per_employee
from ..skp.page_repository import visible as skp_visible
from .repository import RESULT_COLUMNS

R = PerformanceResult


@dataclass(frozen=True)
class Shape:
    """What varies between statements (values are parameters)."""

    scope: Scope | None
    has_user: bool
    unit: bool = False
    after: bool = False
    people: bool = False
    people_reads: frozenset[str] | None = None  # with people: the columns read (None: all)


def visible(scope: Scope | None, has_user: bool) -> list[sa.ColumnElement[bool]]:
    """`ResultRepository.visible` on a result joined to its Skp and Employee: the SKP scopes,
    and one's own result only once released."""
    if scope is None:
        return [sa.false()]
    conditions = skp_visible(scope, has_user)
    if has_user:  # one's own result exists for its employee only once released
        conditions.append(sa.or_(Employee.user_id.is_(None), Employee.user_id != USER,
                                 R.status != "RATED"))
    return conditions


def with_skp(*columns: Any) -> sa.Select:
    """Results joined to their SKP and its employee on the full key, all bound to the agency."""
    source = (sa.join(R, Skp, sa.and_(Skp.tenant_id == TENANT, Skp.id == R.skp_id))
              .join(Employee, sa.and_(Employee.tenant_id == TENANT,
                                      Employee.id == Skp.employee_id)))
    return sa.select(*columns).select_from(source).where(R.tenant_id == TENANT)


def _conditions(shape: Shape) -> list[Any]:
    """The period's results; the SKPs of its cycle (a result's period is always of its SKP's
    cycle: service_rating) so that PostgreSQL can walk the employees by name and look up each
    one's SKP and result by their unique keys instead of sorting the agency's results."""
    return [R.period_id == PERIOD, Skp.cycle_id == CYCLE, *visible(shape.scope, shape.has_user)]


def _of_unit(shape: Shape) -> list[Any]:
    return [Employee.unit_id == UNIT] if shape.unit else []


def _listed(shape: Shape, *columns: Any) -> sa.Select:
    return with_skp(*columns).where(*_conditions(shape), *_of_unit(shape))


def _of_employee(column: Any) -> bool:
    return getattr(getattr(column, "element", column), "table", None) is Employee.__table__


def _page(shape: Shape, rows: int, columns: list[Any], stmt: sa.Select) -> sa.Select:
    if shape.after:
        stmt = stmt.where(after_name())
    return stmt.with_only_columns(*columns).order_by(Employee.name, Employee.id).limit(
        page_limit(rows))


@functools.lru_cache(maxsize=1024)
def page_read(shape: Shape, rows: int) -> TenantRead:
    """Ordered by the employee's name, then id (one result an employee a period). On
    PostgreSQL the employees are walked by name, each one's SKP and result looked up
    (kit/compiled.per_row)."""
    people = read_columns(EMPLOYEE_COLUMNS, shape.people_reads, "e_") if shape.people else []
    source, walk = per_employee(
        sa.select(*(c for c in RESULT_COLUMNS if not _of_employee(c)))
        .select_from(sa.join(Skp, R, sa.and_(R.tenant_id == TENANT, R.skp_id == Skp.id)))
        .where(Skp.tenant_id == TENANT, *_conditions(shape)), "page_result")
    walked = [c if _of_employee(c) else getattr(walk.c, c.key) for c in RESULT_COLUMNS]
    return TenantRead(
        _page(shape, rows, [*RESULT_COLUMNS, *people], _listed(shape)),
        postgresql=_page(shape, rows, [*walked, *people], sa.select().select_from(source)
                         .where(Employee.tenant_id == TENANT, *_of_unit(shape))))


@functools.lru_cache(maxsize=16)
def count_read(shape: Shape) -> TenantRead:
    return TenantRead(_listed(shape, sa.func.count(R.id)))


class ResultPageRepository(Repository):
    async def page(self, cycle_id: uuid.UUID, period_id: uuid.UUID, unit_id: uuid.UUID | None,
                   scope: Scope | None, user_id: uuid.UUID | None, first: int,
                   after: list[Any] | None, people: bool = False,
                   people_reads: frozenset[str] | None = None) -> list[Any]:
        """A keyset page of `first + 1` rows by the employee's name, then the employee id;
        with `people`, each row also carries its employee (e_; columns `people_reads`)."""
        params: dict[str, Any] = {"cycle_id": cycle_id, "period_id": period_id,
                                  "user_id": user_id, "unit_id": unit_id}
        if after is not None:
            params["after_name"], params["after_id"] = after[0], uuid.UUID(str(after[1]))
        shape = Shape(scope, user_id is not None, unit_id is not None, after is not None, people,
                      people_reads if people else None)  # no people: one shape whatever asked
        return await page_read(shape, first + 1).rows(self.session, **params)

    async def count(self, cycle_id: uuid.UUID, period_id: uuid.UUID, unit_id: uuid.UUID | None,
                    scope: Scope | None, user_id: uuid.UUID | None) -> int:
        shape = Shape(scope, user_id is not None, unit_id is not None)
        rows = await count_read(shape).rows(self.session, cycle_id=cycle_id,
                                            period_id=period_id, user_id=user_id,
                                            unit_id=unit_id)
        return int(rows[0][0] or 0)
