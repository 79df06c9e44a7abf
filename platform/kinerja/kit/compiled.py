"""Hot reads off the ORM session (issue 12): statements built once, the agency explicit.

An ORM statement through the session gets the tenant criterion as ~36 loader-criteria options
added per execution, so SQLAlchemy computes a new cache key and runs its ORM result machinery
every time (~35-40 % of a cold employee page). A `TenantRead` is a Core statement built once,
in which every agency table (and every alias of one, in subqueries too) compares its
`tenant_id` with the one bound parameter `:tenant_id`. It runs on the session's own connection
(same transaction, so row-level security binds it as well), with its cache key memoized on the
statement object and its plan prepared by asyncpg, and answers plain tuples: named tuples,
whose attributes read about three times faster than a SQLAlchemy `Row`'s (a page reads some
800 of them to build its objects).

Fail-closed twice: `TenantRead` refuses, when built, a statement in which some agency table
is not bound to `:tenant_id`; and running one without an agency raises.
"""

from __future__ import annotations

import keyword
import uuid
from collections import namedtuple
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql import coercions, operators, roles, visitors
from sqlalchemy.sql.elements import BinaryExpression, BindParameter, ColumnClause, ColumnElement

TENANT = sa.bindparam("tenant_id", type_=sa.Uuid())
TENANT_KEY = "tenant_id"  # the session.info key of the request's agency (set by kinerja.db)
# Parameters the hot reads share: the principal, keyset pages, the cycle, period and unit
# asked for, batches by id (a page's LIMIT is part of its text: page_limit).
USER = sa.bindparam("user_id", type_=sa.Uuid())
AFTER_NAME = sa.bindparam("after_name", type_=sa.String())
AFTER_ID = sa.bindparam("after_id", type_=sa.Uuid())
CYCLE = sa.bindparam("cycle_id", type_=sa.Uuid())
PERIOD = sa.bindparam("period_id", type_=sa.Uuid())
UNIT = sa.bindparam("unit_id", type_=sa.Uuid())
# A batch by id: `in_ids(column)`, which PostgreSQL gets as `= ANY(:ids)` (one array
# parameter: one statement text and one prepared plan whatever the batch's size) and other
# databases as an expanding IN (one placeholder per id, rendered per execution).
IDS: sa.BindParameter[Any] = sa.bindparam("ids", expanding=True)


def page_limit(rows: int) -> ColumnElement[int]:
    """A page's LIMIT written into the statement (one statement per page size). PostgreSQL's
    generic plan of a prepared statement cannot see a parameter's value: for `LIMIT $n` it
    plans a sort of the agency's rows (1.7 ms at 5,000 employees) instead of the walk down the
    (tenant_id, name, id) index, keeps custom plans, and so plans every execution afresh
    (0.55-0.7 ms). With the number in the text it takes the generic plan after five executions
    (planning ~0.01 ms, the same index walk)."""
    if not isinstance(rows, int) or isinstance(rows, bool) or rows < 0:
        raise ValueError(f"a page's limit is a count of rows, not {rows!r}")
    return sa.literal_column(str(rows), sa.Integer())


def per_row(select: sa.Select[Any], name: str) -> Any:
    """`select` as a LATERAL subquery run once per row of the enclosing FROM (PostgreSQL). Its
    `OFFSET 0` keeps PostgreSQL from pulling it up into a join: a page ordered by the
    employee's name then walks the (tenant_id, name, id) index and looks up each employee's
    row by key, where the join would hash the agency's rows and sort them (at 500 an agency
    the planner prefers that: 1.0-1.3 ms against 0.3-0.4 ms for the walk)."""
    return select.offset(sa.literal_column("0", sa.Integer())).lateral(name)


def batch_read(statement: sa.Select[Any], key: Any) -> TenantRead:
    """`statement` (agency-bound, ordered) for the rows whose `key` is in `:ids`. On
    PostgreSQL each id's rows are looked up in a LATERAL subquery (per_row) over the distinct
    ids: with `key = ANY(:ids)` a small agency's batch of 50-150 ids made PostgreSQL scan all
    the agency's rows and filter (0.6-1.4 ms for 300 of 3,000 indicators or realisations), as
    it overestimates the index descents."""
    ids = sa.bindparam("ids", type_=postgresql.ARRAY(key.type))
    keys = sa.select(sa.func.unnest(ids).label("id")).distinct().subquery("batch_key")
    walk = per_row(statement.order_by(None).where(key == keys.c.id).correlate(keys), "batch")
    order = [getattr(walk.c, str(c.key)) for c in statement._order_by_clauses]
    return TenantRead(statement.where(in_ids(key)),
                      postgresql=sa.select(*walk.c).select_from(sa.join(keys, walk, sa.true()))
                      .order_by(*order))


class InIds(ColumnElement[bool]):
    """`column IN :ids`, rendered per dialect (see IDS)."""

    __visit_name__ = "in_ids"
    inherit_cache = True
    _traverse_internals = [("column", visitors.InternalTraversal.dp_clauseelement)]
    type = sa.Boolean()
    _is_implicitly_boolean = True  # a comparison: no "= 1" where booleans are not native

    def __init__(self, column: Any) -> None:
        self.column = coercions.expect(roles.ExpressionElementRole, column)

    @property
    def _from_objects(self) -> list[Any]:
        return list(self.column._from_objects)


def in_ids(column: Any) -> InIds:
    return InIds(column)


@compiles(InIds)
def _in_ids(element: InIds, compiler: Any, **kw: Any) -> str:
    return str(compiler.process(element.column.in_(IDS), **kw))


@compiles(InIds, "postgresql")
def _in_ids_postgresql(element: InIds, compiler: Any, **kw: Any) -> str:
    array = sa.bindparam("ids", type_=postgresql.ARRAY(element.column.type))
    return str(compiler.process(element.column == sa.any_(array), **kw))


class UnboundAgencyTable(ValueError):
    """A hot read names an agency table without binding it to `:tenant_id`."""


def _plain(element: Any) -> Any:
    return element._deannotate() if hasattr(element, "_deannotate") else element


def _agency_sources(from_: Any) -> list[Any]:
    """The tables and aliases a FROM item reads (through joins); subqueries are checked as
    selects of their own."""
    if isinstance(from_, sa.Join):
        return _agency_sources(from_.left) + _agency_sources(from_.right)
    if isinstance(from_, (sa.TableClause, sa.Alias)) and not isinstance(from_, sa.Subquery):
        return [_plain(from_)] if "tenant_id" in from_.c else []
    return []


def _join_conditions(from_: Any) -> list[Any]:
    if isinstance(from_, sa.Join):
        return [from_.onclause, *_join_conditions(from_.left), *_join_conditions(from_.right)]
    return []


def _bound_sources(clause: Any, out: set[Any]) -> None:
    """Sources compared `tenant_id = :tenant_id` in this clause, nested selects left out."""
    if clause is None or isinstance(clause, (sa.Select, sa.ScalarSelect, sa.Subquery,
                                             sa.Exists)):
        return
    if isinstance(clause, BinaryExpression) and clause.operator is operators.eq:
        for column, other in ((clause.left, clause.right), (clause.right, clause.left)):
            if (isinstance(column, ColumnClause) and column.key == "tenant_id"
                    and isinstance(other, BindParameter) and other.key == TENANT.key):
                out.add(_plain(column.table))
    for child in clause.get_children():
        _bound_sources(child, out)


def unbound_agency_tables(statement: sa.Select[Any]) -> list[str]:
    """Every agency table or alias, in any select of the statement, that this select does
    not itself bind to `:tenant_id` (in WHERE or a JOIN's ON)."""
    missing = []
    for element in visitors.iterate(statement):
        if not isinstance(element, sa.Select):
            continue
        froms = element.get_final_froms()
        bound: set[Any] = set()
        for clause in [*element._where_criteria,
                       *(c for f in froms for c in _join_conditions(f))]:
            _bound_sources(clause, bound)
        # a table a nested select explicitly correlates to its enclosing select is that
        # select's (bound there: it is checked as a select of its own); the statement itself
        # has no enclosing select, so its correlations would render as FROMs and count not
        if element is not statement:
            bound.update(_plain(c) for c in element._correlate)
        missing += [str(s.name) for f in froms for s in _agency_sources(f) if s not in bound]
    return missing


class TenantRead:
    """A read statement of one agency, built once and run many times; optionally with a
    PostgreSQL form of its own (the same rows in the same order, e.g. a LATERAL walk that
    SQLite cannot parse)."""

    __slots__ = ("_tuple", "postgresql", "statement")

    def __init__(self, statement: sa.Select[Any],
                 postgresql: sa.Select[Any] | None = None) -> None:
        for form in (statement, postgresql):
            missing = unbound_agency_tables(form) if form is not None else []
            if missing:
                raise UnboundAgencyTable(f"not bound to :tenant_id: {', '.join(missing)}")
        self.statement = statement
        self.postgresql = postgresql
        self._tuple: Any = None  # the named tuple of this statement's columns, once seen

    async def rows(self, session: AsyncSession, **params: Any) -> list[Any]:
        tenant_id = session.info.get(TENANT_KEY)
        if not isinstance(tenant_id, uuid.UUID):
            raise UnboundAgencyTable("a hot read needs the session's agency")
        connection = await session.connection()
        statement = self.statement
        if self.postgresql is not None and connection.dialect.name == "postgresql":
            statement = self.postgresql
        result = await connection.execute(statement, {**params, "tenant_id": tenant_id})
        make = self._tuple
        if make is None:
            make = self._tuple = row_tuple(tuple(result.keys()))
        return list(map(make, result.all()))


def row_tuple(keys: tuple[str, ...]) -> Any:
    """A constructor of named tuples with these column names (the identity when some name
    cannot be an attribute: the rows then stay SQLAlchemy rows)."""
    if not all(k.isidentifier() and not keyword.iskeyword(k) and not k.startswith("_")
               for k in keys) or len(set(keys)) != len(keys):
        return lambda row: row
    row: Any = namedtuple("Row", keys)  # type: ignore[misc]  # names known only at run time
    return row._make
