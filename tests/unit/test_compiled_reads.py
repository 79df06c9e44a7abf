"""Hot reads (kit/compiled.py) are fail-closed: a statement in which any agency table, alias
or subquery is not bound to `:tenant_id` is refused when built, and every shape of the
employee, SKP and result pages is built bound."""

from __future__ import annotations

import itertools

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import aliased

from kinerja.authz.vocabulary import Scope
from kinerja.cycles import repository as cycle_repository
from kinerja.kit.compiled import TENANT, TenantRead, UnboundAgencyTable, unbound_agency_tables
from kinerja.models import Employee, ReportingLine, Tenant
from kinerja.people.page_repository import Shape, count_read, page_read
from kinerja.results import page_repository as result_pages
from kinerja.results import repository as result_repository
from kinerja.skp import page_repository as skp_pages
from kinerja.skp import repository as skp_repository
from kinerja.skp.monitoring import repository as monitoring

Rater = aliased(Employee, name="r")
LINE = (sa.select(ReportingLine.tenant_id, ReportingLine.employee_id, ReportingLine.rater_id)
        .where(ReportingLine.tenant_id == TENANT).subquery("line"))


def test_a_statement_binding_every_agency_table_is_accepted():
    stmt = (sa.select(Employee.id, Rater.name, Tenant.name)
            .outerjoin(LINE, sa.and_(LINE.c.tenant_id == Employee.tenant_id,
                                     LINE.c.employee_id == Employee.id))
            .outerjoin(Rater, sa.and_(Rater.tenant_id == TENANT, Rater.id == LINE.c.rater_id))
            .join(Tenant, Tenant.id == Employee.tenant_id)  # global table: no binding needed
            .where(Employee.tenant_id == TENANT))
    assert unbound_agency_tables(stmt) == []
    TenantRead(stmt)


@pytest.mark.parametrize(("stmt", "missing"), [
    (sa.select(Employee.id), ["employee"]),
    (sa.select(Employee.id).where(Employee.tenant_id == sa.bindparam("other")), ["employee"]),
    # an alias bound only through another table's tenant_id is not enough
    (sa.select(Employee.id, Rater.name)
     .outerjoin(LINE, LINE.c.employee_id == Employee.id)
     .outerjoin(Rater, sa.and_(Rater.tenant_id == LINE.c.tenant_id,
                               Rater.id == LINE.c.rater_id))
     .where(Employee.tenant_id == TENANT), ["r"]),
    # a subquery of its own
    (sa.select(Employee.id).where(Employee.tenant_id == TENANT, Employee.id.in_(
        sa.select(ReportingLine.employee_id))), ["reporting_line"]),
    # a scalar subquery on the same table
    (sa.select(Employee.id).where(Employee.tenant_id == TENANT, Employee.id == sa.select(
        Employee.id).where(Employee.user_id == sa.bindparam("u")).scalar_subquery()),
     ["employee"]),
    # OR is no binding
    (sa.select(Employee.id).where(sa.or_(Employee.tenant_id == TENANT, sa.true())),
     ["employee"]),
    # a LATERAL subquery correlating employee leaves its binding to the enclosing select
    (sa.select(Employee.id).select_from(sa.join(Employee, sa.select(ReportingLine.rater_id)
     .where(ReportingLine.tenant_id == TENANT, ReportingLine.employee_id == Employee.id)
     .correlate(Employee).lateral("l"), sa.true())), ["employee"]),
    # the statement itself correlates nothing: its "correlated" table is a FROM of its own
    (sa.select(Employee.id).where(Employee.name == "x").correlate(Employee), ["employee"]),
    # ... and binds its own tables
    (sa.select(Employee.id).select_from(sa.join(Employee, sa.select(ReportingLine.rater_id)
     .where(ReportingLine.employee_id == Employee.id).correlate(Employee).lateral("l"),
     sa.true())).where(Employee.tenant_id == TENANT), ["reporting_line"]),
])
def test_an_unbound_agency_table_is_refused_when_built(stmt, missing):
    assert unbound_agency_tables(stmt) == missing
    with pytest.raises(UnboundAgencyTable):
        TenantRead(stmt)


def test_every_shape_of_the_employee_page_is_bound():
    """Each scope, with and without a user, cursor, joins, and all or none of the filters."""
    scopes = (Scope.OWN, Scope.SUBORDINATES, Scope.UNIT, Scope.TENANT)
    for scope, has_user, after, references, people, filters in itertools.product(
            scopes, *([(False, True)] * 5)):
        shape = Shape(scope, has_user, filters, filters, filters, filters, after, references,
                      people)
        page_read(shape, 11)
        count_read(shape)


def test_every_shape_of_the_skp_and_result_pages_is_bound():
    """The SKP list and the results page (issue 12): each scope (results: also none), with and
    without a user, cursor, unit and joined people; and their batch reads."""
    scopes = (Scope.OWN, Scope.SUBORDINATES, Scope.UNIT, Scope.TENANT)
    for scope, has_user, after, people in itertools.product(scopes, *([(False, True)] * 3)):
        skp_pages.page_read(skp_pages.Shape(scope, has_user, after, people), 11)
        skp_pages.count_read(skp_pages.Shape(scope, has_user))
    for scope, has_user, unit, after, people in itertools.product(
            (None, *scopes), *([(False, True)] * 4)):
        result_pages.page_read(result_pages.Shape(scope, has_user, unit, after, people), 11)
        result_pages.count_read(result_pages.Shape(scope, has_user, unit))
    for read in (skp_repository.WORK_RESULTS, skp_repository.INDICATORS,
                 monitoring.REALISATIONS_OF_SKPS, monitoring.REALISATIONS_OF_SKPS_IN_PERIOD,
                 result_repository.PERIOD_BY_ID, cycle_repository.CYCLE_BY_ID):
        assert unbound_agency_tables(read.statement) == []


def test_every_shape_of_the_analyses_is_bound():
    """Predikat per unit and trend (each result scope, with and without a user and unit),
    progress per unit and person (its subqueries too), and the analyses' lookups."""
    from kinerja.analysis import repository as analysis
    from kinerja.people import repository as people

    for scope, has_user, unit in itertools.product(
            (None, Scope.OWN, Scope.SUBORDINATES, Scope.UNIT, Scope.TENANT),
            *([(False, True)] * 2)):
        reads = [analysis.predikat_by_unit_read(scope, has_user),
                 analysis.predikat_by_period_read(scope, has_user, unit)]
        if scope is not None:
            reads += [analysis.progress_by_unit_read(scope, has_user),
                      analysis.progress_by_person_read(scope, has_user)]
        assert all(unbound_agency_tables(r.statement) == [] for r in reads)
    for read in (analysis.ALL_PERIODS, analysis.PERIODS_BY_IDS, analysis.RATED,
                 analysis.SUBMITTED_SELF_ASSESSMENTS, analysis.EMPLOYEE_NAMES,
                 analysis.MY_EMPLOYEE, analysis.SKP_UNITS, people.UNITS_BY_IDS,
                 people.POSITIONS_BY_IDS):
        assert unbound_agency_tables(read.statement) == []


async def test_a_hot_read_without_an_agency_refuses_to_run():
    class Session:
        info: dict = {}

    with pytest.raises(UnboundAgencyTable):
        await page_read(Shape(Scope.TENANT, True), 11).rows(Session())  # type: ignore[arg-type]


def test_a_batch_by_id_is_one_array_on_postgresql_and_an_expanding_in_elsewhere():
    """On PostgreSQL one array parameter, each distinct id's rows looked up in a LATERAL
    subquery (kit/compiled.batch_read); elsewhere an expanding IN."""
    from sqlalchemy.dialects import postgresql, sqlite

    read = skp_repository.WORK_RESULTS
    pg = " ".join(str(read.postgresql.compile(dialect=postgresql.asyncpg.dialect())).split())
    lite = str(read.statement.compile(dialect=sqlite.dialect()))
    assert "FROM (SELECT DISTINCT unnest($1::UUID[]) AS id) AS batch_key JOIN LATERAL" in pg
    assert "work_result.skp_id = batch_key.id" in pg and "POSTCOMPILE" not in pg
    assert pg.endswith("ORDER BY batch.skp_id, batch.position")
    assert "work_result.skp_id IN (__[POSTCOMPILE_ids])" in lite and "= 1" not in lite
    any_form = str(read.statement.compile(dialect=postgresql.asyncpg.dialect()))
    assert "work_result.skp_id = ANY ($2::UUID[])" in any_form  # InIds on PostgreSQL


async def test_a_batch_by_id_answers_named_tuples_alike_on_every_backend(db, demo):
    """The same rows as the ORM, for every batch size (none, one, all, an id twice), in
    order, with attributes."""
    from kinerja.models import Skp, WorkResult

    _data, loaded = demo
    tenant_id = loaded.tenant_ids["camat-pauh"]
    session = db.session(tenant_id=tenant_id)
    try:
        skp_ids = list((await session.execute(
            sa.select(Skp.id).order_by(Skp.id))).scalars())
        assert len(skp_ids) > 1
        for batch in ([], skp_ids[:1], skp_ids, skp_ids[:2] * 2):  # an id twice: once
            rows = await skp_repository.WORK_RESULTS.rows(session, ids=batch)
            expected = (await session.execute(
                sa.select(WorkResult.id).where(WorkResult.skp_id.in_(batch)))).scalars()
            assert sorted(r.id for r in rows) == sorted(expected)
            assert all(r.skp_id in batch and r._fields[:2] == ("id", "skp_id") for r in rows)
            order = [(r.skp_id, r.position) for r in rows]
            assert order == sorted(order)
    finally:
        await session.close()
