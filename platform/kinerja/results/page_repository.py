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
    AFTER_ID,
    AFTER_NAME,
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
from ..people.page_repository import read_columns
from ..people.repository import EMPLOYEE_COLUMNS
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


def _listed(shape: Shape, *columns: Any) -> sa.Select:
    """The period's results; the SKPs of its cycle (a result's period is always of its SKP's
    cycle: service_rating) so that PostgreSQL can walk the employees by name and look up each
    one's SKP and result by their unique keys instead of sorting the agency's results."""
    stmt = with_skp(*columns).where(R.period_id == PERIOD, Skp.cycle_id == CYCLE,
                                    *visible(shape.scope, shape.has_user))
    if shape.unit:
        stmt = stmt.where(Employee.unit_id == UNIT)
    return stmt


@functools.lru_cache(maxsize=1024)
def page_read(shape: Shape, rows: int) -> TenantRead:
    columns = [*RESULT_COLUMNS, *(read_columns(EMPLOYEE_COLUMNS, shape.people_reads, "e_")
                                  if shape.people else ())]
    stmt = _listed(shape, *columns)
    if shape.after:
        stmt = stmt.where(sa.or_(Employee.name > AFTER_NAME,
                                 sa.and_(Employee.name == AFTER_NAME, R.id > AFTER_ID)))
    return TenantRead(stmt.order_by(Employee.name, R.id).limit(page_limit(rows)))


@functools.lru_cache(maxsize=16)
def count_read(shape: Shape) -> TenantRead:
    return TenantRead(_listed(shape, sa.func.count(R.id)))


class ResultPageRepository(Repository):
    async def page(self, cycle_id: uuid.UUID, period_id: uuid.UUID, unit_id: uuid.UUID | None,
                   scope: Scope | None, user_id: uuid.UUID | None, first: int,
                   after: list[Any] | None, people: bool = False,
                   people_reads: frozenset[str] | None = None) -> list[Any]:
        """A keyset page of `first + 1` rows by the employee's name, then the result id;
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
