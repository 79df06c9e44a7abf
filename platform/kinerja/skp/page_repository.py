"""The SKP list and its content as hot reads (kit/compiled.py): built once per shape (scope,
cursor, people joined), every value a bound parameter, every agency table bound to
`:tenant_id`, run off the ORM session. The same scopes as `SkpRepository.visible`, as SQL
with parameters; `tests/api` checks both paths answer alike.
"""

from __future__ import annotations

import functools
import uuid
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from ..authz.vocabulary import Scope
from ..kit.compiled import CYCLE, TENANT, USER, TenantRead, page_limit, per_row
from ..kit.repository import Repository
from ..models import Employee, Skp
from ..people.page_repository import Me, after_name, mine, read_columns
from ..people.repository import EMPLOYEE_COLUMNS
from .repository import SKP_COLUMNS

Rater = aliased(Employee, name="skp_rater")
Superior = aliased(Employee, name="skp_superior")
# The SKP's employee, rater and rater's superior joined into the page row (prefixes e_, r_,
# s_; people.repository.person_part reads them back).
PEOPLE = (("e_", Employee, "employee_id"), ("r_", Rater, "rater_id"),
          ("s_", Superior, "rater_superior_id"))


@dataclass(frozen=True)
class Shape:
    """What varies between statements (values are parameters)."""

    scope: Scope
    has_user: bool
    after: bool = False
    people: bool = False
    # With people: the prefixes joined (those selected) and the columns read of each person
    # (people/columns.py; None: every column).
    joined: frozenset[str] = frozenset(("e_", "r_", "s_"))
    people_reads: frozenset[str] | None = None


def visible(scope: Scope, has_user: bool) -> list[sa.ColumnElement[bool]]:
    """`SkpRepository.visible` on Skp joined to its Employee: "subordinates" follows the line
    copied onto the SKP (rater or rater's superior)."""
    if scope >= Scope.TENANT:
        return []
    if not has_user:  # an app in its own name is nobody
        return [sa.false()]
    own = Employee.user_id == USER
    if scope == Scope.OWN:
        return [own]
    if scope == Scope.SUBORDINATES:
        my_ids = mine(Me.id)
        return [sa.or_(own, Skp.rater_id.in_(my_ids), Skp.rater_superior_id.in_(my_ids))]
    return [sa.or_(own, Employee.unit_id.in_(mine(Me.unit_id)))]


def with_employee(*columns: Any) -> sa.Select:
    """Skp joined to its employee on the full key, both bound to the agency."""
    return (sa.select(*columns)
            .select_from(sa.join(Skp, Employee, sa.and_(Employee.tenant_id == TENANT,
                                                        Employee.id == Skp.employee_id)))
            .where(Skp.tenant_id == TENANT))


def per_employee(select: sa.Select, name: str) -> tuple[Any, Any]:
    """`select` (over Skp, agency-bound) looked up for each employee of the agency (PostgreSQL,
    kit/compiled.per_row): the FROM that walks the employees, and the LATERAL subquery whose
    columns it reads. The SKP and results pages walk so by name."""
    walk = per_row(select.where(Skp.employee_id == Employee.id).correlate(Employee), name)
    return sa.join(Employee, walk, sa.true()), walk


def _page(shape: Shape, rows: int, source: Any, skp: Any, where: list[Any]) -> sa.Select:
    """The page's columns, people and order over `source`, in which `skp` holds the SKP's
    columns (the table itself, or the walk's LATERAL subquery)."""
    columns: list[Any] = [*(getattr(skp.c, c.key) for c in SKP_COLUMNS),
                          Employee.name.label("employee_name")]
    if shape.people:
        for prefix, person, key in PEOPLE:
            if prefix not in shape.joined:
                continue
            columns += read_columns([getattr(person, c.key) for c in EMPLOYEE_COLUMNS],
                                    shape.people_reads, prefix)
            if person is not Employee:
                source = source.outerjoin(person, sa.and_(person.tenant_id == TENANT,
                                                          person.id == getattr(skp.c, key)))
    if shape.after:
        where = [*where, after_name()]
    return (sa.select(*columns).select_from(source).where(*where)
            .order_by(Employee.name, Employee.id).limit(page_limit(rows)))


@functools.lru_cache(maxsize=1024)
def page_read(shape: Shape, rows: int) -> TenantRead:
    """Ordered by the employee's name, then id (an employee has one SKP a cycle). On
    PostgreSQL the employees are walked by name and each one's SKP looked up (per_row)."""
    in_scope = [Skp.cycle_id == CYCLE, *visible(shape.scope, shape.has_user)]
    joined = sa.join(Skp, Employee, sa.and_(Employee.tenant_id == TENANT,
                                            Employee.id == Skp.employee_id))
    walked, walk = per_employee(sa.select(*SKP_COLUMNS).where(Skp.tenant_id == TENANT,
                                                              *in_scope), "page_skp")
    return TenantRead(
        _page(shape, rows, joined, Skp.__table__, [Skp.tenant_id == TENANT, *in_scope]),
        postgresql=_page(shape, rows, walked, walk, [Employee.tenant_id == TENANT]))


@functools.lru_cache(maxsize=16)
def count_read(shape: Shape) -> TenantRead:
    return TenantRead(with_employee(sa.func.count(Skp.id))
                      .where(Skp.cycle_id == CYCLE, *visible(shape.scope, shape.has_user)))


class SkpPageRepository(Repository):
    async def page(self, cycle_id: uuid.UUID, scope: Scope, user_id: uuid.UUID | None,
                   first: int, after: list[Any] | None, people: bool = False,
                   joined: frozenset[str] = Shape.joined,
                   people_reads: frozenset[str] | None = None) -> list[Any]:
        """A keyset page of `first + 1` rows ordered by the employee's name, then the employee id;
        with `people`, each row also carries its employee, rater and superior (e_, r_, s_:
        those `joined`, with the columns `people_reads`)."""
        params: dict[str, Any] = {"cycle_id": cycle_id, "user_id": user_id}
        if after is not None:
            params["after_name"], params["after_id"] = after[0], uuid.UUID(str(after[1]))
        shape = (Shape(scope, user_id is not None, after is not None, True, joined, people_reads)
                 if people else Shape(scope, user_id is not None, after is not None))
        return await page_read(shape, first + 1).rows(self.session, **params)

    async def count(self, cycle_id: uuid.UUID, scope: Scope, user_id: uuid.UUID | None) -> int:
        rows = await count_read(Shape(scope, user_id is not None)).rows(
            self.session, cycle_id=cycle_id, user_id=user_id)
        return int(rows[0][0] or 0)
