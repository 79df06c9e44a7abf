"""Tenancy layers proved one at a time.

PostgreSQL: row-level security alone (the ORM tenant filter switched off) keeps tenant beta
invisible and unwritable from a session scoped to alpha, and from a session with no tenant.
Both backends: the ORM tenant filter alone (no RLS on SQLite) never returns beta rows.
"""

from __future__ import annotations

import uuid
from datetime import date

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import aliased

from kinerja.db import TenantScopeMissing
from kinerja.models import (
    TENANT_TABLES,
    AuditChainHead,
    AuditEvent,
    BehaviourExpectation,
    ClientApp,
    CompetencyAssessment,
    CustomView,
    CustomViewVersion,
    Cycle,
    DataView,
    DevelopmentItem,
    DevelopmentPlan,
    Employee,
    EmployeeTargetPosition,
    Evidence,
    FeedbackEntry,
    Indicator,
    JpmBandSetting,
    Objection,
    ObjectionExplanation,
    OrganisationResult,
    OrgUnit,
    PerformanceResult,
    Period,
    Position,
    PositionStandard,
    Realisation,
    ReportingLine,
    ResultChange,
    ReviewRequest,
    Role,
    RuleSet,
    SelfAssessment,
    Skp,
    SkpTransition,
    StoredFile,
    TechnicalFramework,
    TrainingActivity,
    TrainingActivityCompetency,
    TrainingSettings,
    TrustedDocument,
    UnitHead,
    UsageCounter,
    WorkResult,
    metadata,
)
from kinerja.models.base import utcnow
from kinerja.ops.app_role import APPEND_ONLY_TABLES
from tests.conftest import APP_ROLE
from tests.isolation.cases_competencies import with_competencies
from tests.isolation.cases_competency_assessments import with_assessments
from tests.isolation.cases_development import with_development
from tests.isolation.cases_monitoring import add_monitoring
from tests.isolation.cases_results import with_objection
from tests.isolation.cases_reviews import add_review_rows
from tests.support import citus

RAW = {"skip_tenant_filter": True}
pg = pytest.mark.postgres_only


async def _add_role_and_audit(db, world) -> None:
    """The world has no roles, audit events or cycles; every tenant table needs beta rows."""
    for slug in ("alpha", "beta"):
        tenant_id = world.tenant_id(slug)
        async with db.unit_of_work(tenant_id=tenant_id) as session:
            session.add(Role(tenant_id=tenant_id, name=f"custom-{slug}", description=slug))
            app = ClientApp(tenant_id=tenant_id, name=f"app-{slug}", kind="service")
            session.add(app)
            await session.flush()
            session.add(TrustedDocument(tenant_id=tenant_id, app_id=app.id, document_id="sha256:x",
                                        body="{ __typename }", read_only=True))
            session.add(UsageCounter(tenant_id=tenant_id, kind="VIEW", subject="x",
                                     day=date(2026, 12, 7), last_used_at=utcnow()))
            view = CustomView(tenant_id=tenant_id, key=f"view-{slug}")
            session.add(view)
            await session.flush()
            session.add(CustomViewVersion(tenant_id=tenant_id, view_id=view.id, number=1,
                                          title_id="T", title_en="T", document="{ __typename }",
                                          roles=["hr"]))
            session.add(AuditEvent(tenant_id=tenant_id, action="test", object_type="Test",
                                   object_id=slug))  # also creates the chain head
            session.add(DataView(tenant_id=tenant_id, window_start=utcnow(),
                                 viewer_user_id=uuid.uuid4(), subject_employee_id=uuid.uuid4(),
                                 kind="RESULT", skp_id=uuid.uuid4(), period_id=uuid.uuid4()))
    await with_objection(db, None, world)  # cycles, SKPs with plans, results, objections
    await with_competencies(db, None, world)  # technical frameworks, position standards
    await with_assessments(db, None, world)  # assessments, target positions, JPM bands
    await with_development(db, None, world)  # training settings, catalog, plans, items
    await add_review_rows(db, world)  # self-assessments, review requests
    await add_monitoring(db, world)  # stored files, realisations, evidence, feedback


async def _count(session, table, tenant_id) -> int:
    stmt = sa.select(sa.func.count()).select_from(table).where(table.c.tenant_id == tenant_id)
    return int((await session.execute(stmt, execution_options=RAW)).scalar())


@pg
async def test_rls_alone_hides_every_beta_row_from_an_alpha_session(db, world):
    await _add_role_and_audit(db, world)
    alpha, beta = world.tenant_id("alpha"), world.tenant_id("beta")
    async with db.unit_of_work(tenant_id=beta) as session:  # beta really has rows everywhere
        assert all([await _count(session, metadata.tables[t], beta) for t in TENANT_TABLES])
    async with db.unit_of_work(tenant_id=alpha) as session:
        for name in TENANT_TABLES:
            table = metadata.tables[name]
            assert await _count(session, table, beta) == 0, name
            assert await _count(session, table, alpha) > 0, name
            everything = (await session.execute(sa.select(table.c.tenant_id),
                                                execution_options=RAW)).scalars().all()
            assert set(everything) == {alpha}, name
        # ORM entities too (the do_orm_execute hook is skipped, only RLS remains)
        rows = (await session.execute(sa.select(Employee), execution_options=RAW)).scalars().all()
        assert {e.tenant_id for e in rows} == {alpha}


@pg
async def test_rls_alone_with_no_tenant_shows_nothing(db, world):
    async with db.unit_of_work(platform=True) as session:
        for name in TENANT_TABLES:
            table = metadata.tables[name]
            total = (await session.execute(sa.select(sa.func.count()).select_from(table),
                                           execution_options=RAW)).scalar()
            assert total == 0, name


@pg
async def test_rls_alone_makes_updates_and_deletes_of_beta_rows_affect_nothing(db, world):
    await _add_role_and_audit(db, world)
    alpha, beta = world.tenant_id("alpha"), world.tenant_id("beta")
    async with db.unit_of_work(tenant_id=beta) as session:
        before = {t: await _count(session, metadata.tables[t], beta) for t in TENANT_TABLES}
    changeable = [t for t in TENANT_TABLES if t not in APPEND_ONLY_TABLES]  # see test_grants
    async with db.unit_of_work(tenant_id=alpha) as session:
        for name in changeable:
            table = metadata.tables[name]
            # `SET tenant_id = tenant_id`: Citus refuses any other write of the shard key
            changed = await session.execute(
                sa.update(table).where(table.c.tenant_id == beta)
                .values(tenant_id=table.c.tenant_id), execution_options=RAW)
            assert changed.rowcount == 0, name
        for name in reversed(changeable):
            table = metadata.tables[name]
            deleted = await session.execute(sa.delete(table).where(table.c.tenant_id == beta),
                                            execution_options=RAW)
            assert deleted.rowcount == 0, name
        renamed = await session.execute(
            sa.update(Employee).where(Employee.tenant_id == beta).values(name="Hacked"),
            execution_options={**RAW, "synchronize_session": False})
        assert renamed.rowcount == 0
    async with db.unit_of_work(tenant_id=beta) as session:
        after = {t: await _count(session, metadata.tables[t], beta) for t in TENANT_TABLES}
        names = (await session.execute(sa.select(Employee.name))).scalars().all()
    assert after == before
    assert "Hacked" not in names


def _beta_rows(world) -> dict[str, object]:
    beta = world.tenant_id("beta")
    staff, head = world.employee_id("beta", "staff"), world.employee_id("beta", "head")
    return {
        "org_unit": OrgUnit(tenant_id=beta, code="X", name="Injected"),
        "position": Position(tenant_id=beta, code="X", name="Injected",
                             position_type="ADMINISTRASI", level="PELAKSANA"),
        "role": Role(tenant_id=beta, name="injected"),
        "client_app": ClientApp(tenant_id=beta, name="injected", kind="web"),
        "trusted_document": TrustedDocument(tenant_id=beta, app_id=uuid.uuid4(),
                                            document_id="sha256:x", body="{ a }",
                                            read_only=True),
        "custom_view": CustomView(tenant_id=beta, key="injected"),
        "usage_counter": UsageCounter(tenant_id=beta, kind="VIEW", subject="x",
                                      day=date(2026, 12, 7), last_used_at=utcnow()),
        "custom_view_version": CustomViewVersion(tenant_id=beta, view_id=uuid.uuid4(), number=1,
                                                 title_id="T", title_en="T", document="{ a }"),
        "audit_event": AuditEvent(tenant_id=beta, action="x", object_type="X", object_id="x"),
        "audit_chain_head": AuditChainHead(tenant_id=beta),
        "data_view": DataView(tenant_id=beta, window_start=utcnow(), viewer_user_id=uuid.uuid4(),
                              subject_employee_id=uuid.uuid4(), kind="RESULT",
                              skp_id=uuid.uuid4(), period_id=uuid.uuid4()),
        "employee": Employee(tenant_id=beta, nip="198001012005011001", employee_type="PNS",
                             name="Injected"),
        "reporting_line": ReportingLine(tenant_id=beta, employee_id=staff, rater_id=head,
                                        valid_from=date(2026, 2, 1)),
        "rule_set": RuleSet(tenant_id=beta, version=99, content={}),
        "cycle": Cycle(tenant_id=beta, year=2099, name="Injected", rule_set_id=uuid.uuid4()),
        "period": Period(tenant_id=beta, cycle_id=uuid.uuid4(), kind="YEAR", number=1,
                         starts_on=date(2099, 1, 1), ends_on=date(2099, 12, 31)),
        "skp": Skp(tenant_id=beta, cycle_id=uuid.uuid4(), employee_id=staff),
        "work_result": WorkResult(tenant_id=beta, skp_id=uuid.uuid4(), position=0,
                                  kind="UTAMA", text="Injected"),
        "indicator": Indicator(tenant_id=beta, work_result_id=uuid.uuid4(), position=0,
                               aspect="BIAYA", text="Injected", target_text="x"),
        "behaviour_expectation": BehaviourExpectation(tenant_id=beta, skp_id=uuid.uuid4(),
                                                      value="LOYAL", text="Injected"),
        "skp_transition": SkpTransition(tenant_id=beta, skp_id=uuid.uuid4(),
                                        from_status="DRAFT", to_status="SUBMITTED"),
        "technical_framework": TechnicalFramework(tenant_id=beta, version=99, competencies=[]),
        "self_assessment": SelfAssessment(tenant_id=beta, skp_id=uuid.uuid4(),
                                          period_id=uuid.uuid4()),
        "review_request": ReviewRequest(tenant_id=beta, skp_id=uuid.uuid4(),
                                        period_id=uuid.uuid4(), reviewer_id=staff,
                                        relation="PEER"),
        "stored_file": StoredFile(tenant_id=beta, filename="x.pdf", content_type="application/pdf",
                                  size=1, sha256="0" * 64),
        "realisation": Realisation(tenant_id=beta, skp_id=uuid.uuid4(), indicator_id=uuid.uuid4(),
                                   period_id=uuid.uuid4(), narrative="Injected"),
        "evidence": Evidence(tenant_id=beta, realisation_id=uuid.uuid4(), position=0,
                             url="https://x.example", title="Injected"),
        "feedback_entry": FeedbackEntry(tenant_id=beta, skp_id=uuid.uuid4(), text="Injected"),
        "position_standard": PositionStandard(tenant_id=beta, position_id=uuid.uuid4(),
                                              competency_code="M.01", level=1),
        "competency_assessment": CompetencyAssessment(
            tenant_id=beta, employee_id=staff, competency_code="M.01", level=1, source="SELF",
            assessed_on=date(2026, 2, 1), status="PENDING"),
        "employee_target_position": EmployeeTargetPosition(tenant_id=beta, employee_id=head,
                                                           position_id=uuid.uuid4()),
        "jpm_band_setting": JpmBandSetting(tenant_id=beta, bands=[]),
        "training_settings": TrainingSettings(tenant_id=beta, version=99, content={}),
        "training_activity": TrainingActivity(tenant_id=beta, title="Injected", form="KLASIKAL",
                                              kind="SEMINAR", jp=4),
        "training_activity_competency": TrainingActivityCompetency(
            tenant_id=beta, activity_id=uuid.uuid4(), competency_code="M.01"),
        "development_plan": DevelopmentPlan(tenant_id=beta, employee_id=staff, year=2099),
        "development_item": DevelopmentItem(tenant_id=beta, plan_id=uuid.uuid4(),
                                            title="Injected", competency_code="M.01",
                                            planned_jp=1),
        "performance_result": PerformanceResult(
            tenant_id=beta, skp_id=uuid.uuid4(), period_id=uuid.uuid4(),
            rule_set_id=uuid.uuid4(), rule_set_version=1, rating_hasil="SESUAI",
            rating_perilaku="SESUAI", predikat="BAIK"),
        "result_change": ResultChange(
            tenant_id=beta, result_id=uuid.uuid4(), kind="REOPEN", hasil_before="SESUAI",
            perilaku_before="SESUAI", predikat_before="BAIK", hasil_after="SESUAI",
            perilaku_after="SESUAI", predikat_after="BAIK", reason="Injected"),
        "organisation_result": OrganisationResult(tenant_id=beta, unit_id=uuid.uuid4(),
                                                  period_id=uuid.uuid4(), result="BAIK"),
        "unit_head": UnitHead(tenant_id=beta, unit_id=uuid.uuid4(), employee_id=staff),
        "objection": Objection(tenant_id=beta, result_id=uuid.uuid4(), reasons="Injected"),
        "objection_explanation": ObjectionExplanation(tenant_id=beta, objection_id=uuid.uuid4(),
                                                      party="RATER"),
    }


@pg
@pytest.mark.parametrize("table", sorted(TENANT_TABLES))
async def test_rls_alone_refuses_inserting_beta_rows_from_an_alpha_session(db, world, table):
    row = _beta_rows(world)[table]
    session = db.session(tenant_id=world.tenant_id("alpha"))
    try:
        session.add(row)
        with pytest.raises(sa.exc.DBAPIError, match="row-level security"):
            await session.flush()
        await session.rollback()
    finally:
        await session.close()


@pg
async def test_rls_alone_refuses_moving_an_alpha_row_into_beta(db, world):
    await _add_role_and_audit(db, world)
    alpha, beta = world.tenant_id("alpha"), world.tenant_id("beta")
    session = db.session(tenant_id=alpha)
    try:
        # Citus refuses it before row-level security is asked: a row never changes shard
        refusal = "modifying the partition value" if citus.enabled() else "row-level security"
        with pytest.raises(sa.exc.DBAPIError, match=refusal):
            await session.execute(
                sa.update(Role.__table__).values(tenant_id=beta), execution_options=RAW)
        await session.rollback()
    finally:
        await session.close()


def test_every_tenant_table_of_the_models_is_known():
    """The list the tests (and the migration) iterate over is the metadata's real list."""
    with_tenant = sorted(t.name for t in metadata.sorted_tables if "tenant_id" in t.c)
    assert with_tenant == sorted(TENANT_TABLES)
    assert {"employee", "org_unit", "position", "reporting_line", "role", "audit_event"} <= set(
        with_tenant)


@pg
async def test_every_tenant_table_forces_rls_with_a_policy(backend):
    async with backend.engine.connect() as conn:
        tables = (await conn.execute(sa.text(
            "SELECT table_name FROM information_schema.columns "
            "WHERE table_schema = 'public' AND column_name = 'tenant_id'"))).scalars().all()
        assert sorted(tables) == sorted(TENANT_TABLES)
        flags = dict((await conn.execute(sa.text(
            "SELECT c.relname, (c.relrowsecurity AND c.relforcerowsecurity) FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'public' AND c.relkind = 'r'"))).all())
        policies = dict((await conn.execute(sa.text(
            "SELECT tablename, string_agg(qual || ' / ' || coalesce(with_check, ''), ';') "
            "FROM pg_policies WHERE schemaname = 'public' GROUP BY tablename"))).all())
    for table in tables:
        assert flags[table] is True, f"{table}: RLS not enabled and forced"
        assert table in policies, f"{table}: no policy"
        assert "app.tenant_id" in policies[table] and policies[table].count("app.tenant_id") >= 2


@pg
async def test_the_app_role_cannot_bypass_rls(backend):
    async with backend.engine.connect() as conn:
        who = (await conn.execute(sa.text("SELECT current_user"))).scalar()
        attrs = (await conn.execute(sa.text(
            "SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb FROM pg_roles "
            "WHERE rolname = :r"), {"r": APP_ROLE})).one()
        owned = (await conn.execute(sa.text(
            "SELECT count(*) FROM pg_tables WHERE tableowner = :r"), {"r": APP_ROLE})).scalar()
        member_of = (await conn.execute(sa.text(
            "SELECT count(*) FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid "
            "JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = :r"), {"r": APP_ROLE})).scalar()
    assert who == APP_ROLE
    assert tuple(attrs) == (False, False, False, False)
    assert owned == 0
    assert member_of == 0  # inherits nobody's ownership or attributes


# --- the ORM filter alone (on SQLite there is no RLS behind it) ------------------------------

async def test_orm_filter_alone_never_returns_beta_rows(db, world):
    alpha, beta = world.tenant_id("alpha"), world.tenant_id("beta")
    rater = aliased(Employee)
    statements = {
        "entities": sa.select(Employee),
        "columns": sa.select(Employee.tenant_id, Employee.name),
        "join": sa.select(Employee.tenant_id, OrgUnit.tenant_id).join(
            OrgUnit, OrgUnit.id == Employee.unit_id),
        "join without tenant key": sa.select(Employee.tenant_id, Position.tenant_id).join(
            Position, Position.id == Employee.position_id),
        "outer join with alias": sa.select(Employee.tenant_id, rater.tenant_id).outerjoin(
            ReportingLine, ReportingLine.employee_id == Employee.id).outerjoin(
            rater, rater.id == ReportingLine.rater_id),
        "IN subquery": sa.select(Employee.tenant_id).where(Employee.id.in_(
            sa.select(ReportingLine.rater_id))),
        "EXISTS": sa.select(OrgUnit.tenant_id).where(
            sa.exists().where(Employee.unit_id == OrgUnit.id)),
        "scalar subquery": sa.select(OrgUnit.tenant_id, sa.select(sa.func.count(Employee.id))
                                     .where(Employee.unit_id == OrgUnit.id).scalar_subquery()),
        "derived table": sa.select(sa.select(Employee.tenant_id).subquery().c.tenant_id),
        "CTE": sa.select(sa.select(Employee.tenant_id).cte("e").c.tenant_id),
        "union": sa.union_all(sa.select(Employee.tenant_id), sa.select(OrgUnit.tenant_id)),
        "cross join": sa.select(Employee.tenant_id, Position.tenant_id).join(Position, sa.true()),
    }
    session = db.session(tenant_id=alpha)
    try:
        for label, stmt in statements.items():
            rows = (await session.execute(stmt)).all()
            values = {v for row in rows for v in row if isinstance(v, uuid.UUID)}
            values |= {getattr(v, "tenant_id", None) for row in rows for v in row} - {None}
            assert rows, f"{label}: no rows at all (the test would prove nothing)"
            assert beta not in values and values <= {alpha}, f"{label}: {values}"
        counts = (await session.execute(
            sa.select(sa.func.count()).select_from(Employee))).scalar()
        assert counts == len([k for k in world.loaded.employee_ids if k[0] == "alpha"])
    finally:
        await session.close()


async def test_orm_filter_alone_limits_bulk_updates_and_deletes(db, world):
    alpha, beta = world.tenant_id("alpha"), world.tenant_id("beta")
    async with db.unit_of_work(tenant_id=beta) as session:
        beta_lines = (await session.execute(sa.select(sa.func.count(ReportingLine.id)))).scalar()
    async with db.unit_of_work(tenant_id=alpha) as session:
        positions = (await session.execute(sa.select(sa.func.count(Position.id)))).scalar()
        result = await session.execute(sa.update(Position).values(name="Renamed"),
                                       execution_options={"synchronize_session": False})
        assert result.rowcount == positions
        await session.execute(sa.delete(ReportingLine))
    async with db.unit_of_work(tenant_id=beta) as session:
        names = set((await session.execute(sa.select(Position.name))).scalars())
        lines = (await session.execute(sa.select(sa.func.count(ReportingLine.id)))).scalar()
    assert "Renamed" not in names and lines == beta_lines > 0


async def test_orm_filter_fails_closed_without_a_tenant(db, world):
    session = db.session()
    try:
        for stmt in (sa.select(Employee), sa.select(sa.func.count(OrgUnit.id)),
                     sa.update(Position).values(name="x"), sa.delete(Role)):
            with pytest.raises(TenantScopeMissing):
                await session.execute(stmt)
    finally:
        await session.close()
