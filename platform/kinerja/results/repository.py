"""Result, organisation-result, unit-head and objection reads and writes as plain rows.

Every statement is an ORM statement on tenant tables (tenant filter + RLS). Read scopes are SQL
filters: the SKP relationship scopes of `SkpRepository.visible`, plus "your own result only
once released" for everyone (before release it does not exist for its employee).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from ..authz.vocabulary import Scope
from ..cycles.repository import PERIOD_COLUMNS
from ..kit.compiled import TENANT, TenantRead
from ..kit.repository import Repository, is_user
from ..models import (
    Cycle,
    Employee,
    Objection,
    ObjectionExplanation,
    OrganisationResult,
    OrgUnit,
    PerformanceResult,
    Period,
    ResultChange,
    RuleSet,
    Skp,
    UnitHead,
    User,
)
from ..models.base import utcnow
from ..skp.repository import SkpRepository

R = PerformanceResult
RaterEmployee = aliased(Employee, name="rater_employee")
SuperiorEmployee = aliased(Employee, name="superior_employee")
RESULT_COLUMNS = (R.id, R.skp_id, R.period_id, R.rule_set_id, R.rule_set_version, R.rating_hasil,
                  R.rating_perilaku, R.justification_hasil, R.justification_perilaku,
                  R.hasil_source, R.organisation_result, R.predikat, R.status, R.rated_at,
                  R.released_on, R.released_at, R.objection_deadline, R.acknowledged_at,
                  R.finalised_at, R.version, R.created_at, R.updated_at,
                  Skp.employee_id, Skp.cycle_id, Employee.name.label("employee_name"),
                  Employee.user_id.label("subject_user_id"))  # who the result is about
CONTEXT_COLUMNS = (Skp.rater_id, Skp.rater_superior_id, Skp.status.label("skp_status"),
                   Employee.user_id.label("owner_user_id"), Employee.unit_id.label("unit_id"),
                   RaterEmployee.user_id.label("rater_user_id"),
                   SuperiorEmployee.user_id.label("superior_user_id"),
                   SuperiorEmployee.active.label("superior_active"),
                   Cycle.state.label("cycle_state"), Cycle.rule_set_id.label("cycle_rule_set_id"))
OBJECTION_COLUMNS = (Objection.id, Objection.result_id, Objection.superior_id, Objection.reasons,
                     Objection.filed_at, Objection.status, Objection.decision,
                     Objection.decision_reason, Objection.decided_at, Objection.version,
                     Objection.decided_by)
ORG_RESULT_COLUMNS = (OrganisationResult.id, OrganisationResult.unit_id,
                      OrganisationResult.period_id, OrganisationResult.result,
                      OrganisationResult.note, OrganisationResult.version,
                      OrganisationResult.updated_at)


PERIOD_BY_ID = TenantRead(sa.select(*PERIOD_COLUMNS).where(
    Period.tenant_id == TENANT, Period.id == sa.bindparam("period_id", type_=sa.Uuid())))


def _on(alias: Any, column: Any) -> Any:
    return sa.and_(alias.tenant_id == Skp.tenant_id, alias.id == column)


def _with_skp(stmt: sa.Select, context: bool = False) -> sa.Select:
    stmt = (stmt.join(Skp, sa.and_(Skp.tenant_id == R.tenant_id, Skp.id == R.skp_id))
            .join(Employee, _on(Employee, Skp.employee_id)))
    if context:
        stmt = (stmt.join(Cycle, _on(Cycle, Skp.cycle_id))
                .outerjoin(RaterEmployee, _on(RaterEmployee, Skp.rater_id))
                .outerjoin(SuperiorEmployee, _on(SuperiorEmployee, Skp.rater_superior_id)))
    return stmt


def _grouped(rows: list[Any], key: str, keys: list[uuid.UUID]) -> dict[uuid.UUID, list[Any]]:
    out: dict[uuid.UUID, list[Any]] = {k: [] for k in keys}
    for row in rows:
        out.setdefault(getattr(row, key), []).append(row)
    return out


class ResultRepository(Repository):
    def visible(self, stmt: sa.Select, scope: Scope | None, user_id: uuid.UUID) -> sa.Select:
        """Results `scope` shows this user; one's own result only once released."""
        if scope is None:
            return stmt.where(sa.false())
        stmt = SkpRepository(self.session).visible(stmt, scope, user_id)
        return stmt.where(sa.or_(Employee.user_id.is_(None), Employee.user_id != user_id,
                                 R.status != "RATED"))

    async def context(self, result_id: uuid.UUID, scope: Scope | None,
                      user_id: uuid.UUID) -> sa.Row | None:
        """A visible result with who owns, rates and supervises it and its cycle's state."""
        stmt = _with_skp(sa.select(*RESULT_COLUMNS, *CONTEXT_COLUMNS), context=True)
        return await self.first(self.visible(stmt.where(R.id == result_id), scope, user_id))

    async def skp_context(self, skp_id: uuid.UUID, scope: Scope | None,
                          user_id: uuid.UUID) -> sa.Row | None:
        """An SKP visible under `scope`, with the same context columns (for rating)."""
        if scope is None:
            return None
        stmt = (sa.select(Skp.id, Skp.cycle_id, Skp.employee_id, *CONTEXT_COLUMNS)
                .join(Employee, _on(Employee, Skp.employee_id))
                .join(Cycle, _on(Cycle, Skp.cycle_id))
                .outerjoin(RaterEmployee, _on(RaterEmployee, Skp.rater_id))
                .outerjoin(SuperiorEmployee, _on(SuperiorEmployee, Skp.rater_superior_id))
                .where(Skp.id == skp_id))
        return await self.first(SkpRepository(self.session).visible(stmt, scope, user_id))

    async def by_skp_period(self, skp_id: uuid.UUID, period_id: uuid.UUID) -> sa.Row | None:
        stmt = _with_skp(sa.select(*RESULT_COLUMNS)).where(R.skp_id == skp_id,
                                                           R.period_id == period_id)
        return await self.first(stmt)

    async def by_ids(self, ids: list[uuid.UUID]) -> dict[uuid.UUID, sa.Row]:
        if not ids:
            return {}
        rows = await self.all(_with_skp(sa.select(*RESULT_COLUMNS)).where(R.id.in_(ids)))
        return {r.id: r for r in rows}

    async def visible_by_id(self, result_id: uuid.UUID, scope: Scope | None,
                            user_id: uuid.UUID) -> sa.Row | None:
        stmt = _with_skp(sa.select(*RESULT_COLUMNS)).where(R.id == result_id)
        return await self.first(self.visible(stmt, scope, user_id))

    async def predikat_counts(self, period_id: uuid.UUID, unit_id: uuid.UUID,
                              scope: Scope | None, user_id: uuid.UUID) -> dict[str, int]:
        """How many of the unit's results (its employees' SKPs) that this user may read have
        each predikat: counts must not reveal a result the list would hide."""
        stmt = (self.visible(_with_skp(sa.select(R.predikat, sa.func.count(R.id))), scope, user_id)
                .where(R.period_id == period_id, Employee.unit_id == unit_id)
                .group_by(R.predikat))
        return {predikat: int(count) for predikat, count in await self.all(stmt)}

    async def releasable(self, period_id: uuid.UUID, unit_id: uuid.UUID | None,
                         scope: Scope, user_id: uuid.UUID) -> list[sa.Row]:
        stmt = (_with_skp(sa.select(R.id, R.version, R.status))
                .where(R.period_id == period_id, R.status == "RATED"))
        if unit_id is not None:
            stmt = stmt.where(Employee.unit_id == unit_id)
        return await self.all(SkpRepository(self.session).visible(stmt, scope, user_id)
                              .where(sa.or_(Employee.user_id.is_(None),
                                            Employee.user_id != user_id)).order_by(R.id))

    async def update(self, result_id: uuid.UUID, expected: int | None,
                     values: dict[str, Any]) -> bool:
        return await self.bump_version(R, result_id, expected, values) == 1

    # --- lookups ---------------------------------------------------------------------------

    async def period(self, period_id: uuid.UUID) -> sa.Row | None:
        """A hot read (every results page asks it first)."""
        rows = await PERIOD_BY_ID.rows(self.session, period_id=period_id)
        return rows[0] if rows else None

    async def periods(self, ids: list[uuid.UUID]) -> dict[uuid.UUID, sa.Row]:
        if not ids:
            return {}
        rows = await self.all(sa.select(*PERIOD_COLUMNS).where(Period.id.in_(ids)))
        return {r.id: r for r in rows}

    async def rule_set(self, rule_set_id: uuid.UUID) -> sa.Row | None:
        return await self.first(sa.select(RuleSet.id, RuleSet.version, RuleSet.content)
                                .where(RuleSet.id == rule_set_id))

    async def cycle(self, cycle_id: uuid.UUID) -> sa.Row | None:
        return await self.first(sa.select(Cycle.id, Cycle.state, Cycle.rule_set_id)
                                .where(Cycle.id == cycle_id))

    async def unit(self, unit_id: uuid.UUID) -> sa.Row | None:
        return await self.first(sa.select(OrgUnit.id, OrgUnit.version, OrgUnit.name)
                                .where(OrgUnit.id == unit_id))

    async def unit_head(self, unit_id: uuid.UUID | None) -> uuid.UUID | None:
        if unit_id is None:
            return None
        return await self.scalar(sa.select(UnitHead.employee_id).where(UnitHead.unit_id == unit_id))

    async def replace_head(self, tenant_id: uuid.UUID, unit_id: uuid.UUID,
                           employee_id: uuid.UUID | None, actor: uuid.UUID) -> None:
        await self.session.execute(sa.delete(UnitHead).where(UnitHead.unit_id == unit_id))
        if employee_id is not None:
            self.session.add(UnitHead(tenant_id=tenant_id, unit_id=unit_id,
                                      employee_id=employee_id, set_by=actor))
            await self.session.flush()

    async def employee_unit(self, employee_id: uuid.UUID) -> sa.Row | None:
        return await self.first(sa.select(Employee.id, Employee.unit_id)
                                .where(Employee.id == employee_id))

    async def my_employee_id(self, user_id: uuid.UUID) -> uuid.UUID | None:
        return await self.scalar(sa.select(Employee.id).where(is_user(Employee.user_id, user_id)))

    # --- organisation results and heads -----------------------------------------------------

    async def org_result(self, unit_id: uuid.UUID | None,
                         period_id: uuid.UUID) -> sa.Row | None:
        if unit_id is None:
            return None
        return await self.first(sa.select(*ORG_RESULT_COLUMNS).where(
            OrganisationResult.unit_id == unit_id, OrganisationResult.period_id == period_id))

    async def org_result_by_id(self, row_id: uuid.UUID) -> sa.Row | None:
        return await self.first(sa.select(*ORG_RESULT_COLUMNS)
                                .where(OrganisationResult.id == row_id))

    async def org_results(self, cycle_id: uuid.UUID,
                          period_id: uuid.UUID | None) -> list[sa.Row]:
        stmt = (sa.select(*ORG_RESULT_COLUMNS, OrgUnit.name.label("unit_name"))
                .join(Period, sa.and_(Period.tenant_id == OrganisationResult.tenant_id,
                                      Period.id == OrganisationResult.period_id))
                .join(OrgUnit, sa.and_(OrgUnit.tenant_id == OrganisationResult.tenant_id,
                                       OrgUnit.id == OrganisationResult.unit_id))
                .where(Period.cycle_id == cycle_id))
        if period_id is not None:
            stmt = stmt.where(OrganisationResult.period_id == period_id)
        return await self.all(stmt.order_by(Period.starts_on, Period.kind, OrgUnit.name,
                                            OrganisationResult.id))

    async def heads(self, unit_ids: list[uuid.UUID]) -> dict[uuid.UUID, uuid.UUID]:
        if not unit_ids:
            return {}
        rows = await self.all(sa.select(UnitHead.unit_id, UnitHead.employee_id)
                              .where(UnitHead.unit_id.in_(unit_ids)))
        return {r.unit_id: r.employee_id for r in rows}

    # --- explanation parts -------------------------------------------------------------------

    async def changes(self, result_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[sa.Row]]:
        stmt = (sa.select(ResultChange.id, ResultChange.result_id, ResultChange.kind,
                          ResultChange.hasil_before, ResultChange.perilaku_before,
                          ResultChange.predikat_before, ResultChange.hasil_after,
                          ResultChange.perilaku_after, ResultChange.predikat_after,
                          ResultChange.reason, ResultChange.at,
                          User.display_name.label("actor_name"))
                .outerjoin(User, User.id == ResultChange.actor_user_id)
                .where(ResultChange.result_id.in_(result_ids))
                .order_by(ResultChange.result_id, ResultChange.at, ResultChange.id))
        return _grouped(await self.all(stmt), "result_id", result_ids)

    async def objections(self, result_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[sa.Row]]:
        stmt = (sa.select(*OBJECTION_COLUMNS, User.display_name.label("decided_by_name"))
                .outerjoin(User, User.id == Objection.decided_by)
                .where(Objection.result_id.in_(result_ids))
                .order_by(Objection.result_id, Objection.filed_at, Objection.id))
        return _grouped(await self.all(stmt), "result_id", result_ids)

    async def explanations(self, objection_ids: list[uuid.UUID]
                           ) -> dict[uuid.UUID, list[sa.Row]]:
        E = ObjectionExplanation
        stmt = (sa.select(E.id, E.objection_id, E.party, E.question, E.requested_at, E.text,
                          E.answered_at).where(E.objection_id.in_(objection_ids))
                .order_by(E.objection_id, E.party))
        return _grouped(await self.all(stmt), "objection_id", objection_ids)

    # --- objections --------------------------------------------------------------------------

    async def objection(self, objection_id: uuid.UUID) -> sa.Row | None:
        return await self.first(sa.select(*OBJECTION_COLUMNS).where(Objection.id == objection_id))

    async def open_objection(self, result_id: uuid.UUID) -> sa.Row | None:
        return await self.first(sa.select(*OBJECTION_COLUMNS).where(
            Objection.result_id == result_id, Objection.status == "OPEN"))

    async def update_objection(self, objection_id: uuid.UUID, expected: int | None,
                               values: dict[str, Any]) -> bool:
        return await self.bump_version(Objection, objection_id, expected, values) == 1

    async def explanation_rows(self, objection_id: uuid.UUID) -> dict[str, sa.Row]:
        E = ObjectionExplanation
        rows = await self.all(
            sa.select(E.id, E.party, E.text).where(E.objection_id == objection_id))
        return {r.party: r for r in rows}

    async def answer_explanation(self, explanation_id: uuid.UUID, values: dict[str, Any]) -> None:
        await self.session.execute(
            sa.update(ObjectionExplanation).where(ObjectionExplanation.id == explanation_id)
            .values(**values), execution_options={"synchronize_session": False})

    def _open_objections(self, cycle_id: uuid.UUID | None) -> sa.Select:
        """Open objections with their result's context columns (owner, rater, superior)."""
        stmt = _with_skp(sa.select(*OBJECTION_COLUMNS, *CONTEXT_COLUMNS, R.skp_id,
                                   Skp.employee_id).select_from(Objection)
                         .join(R, sa.and_(R.tenant_id == Objection.tenant_id,
                                          R.id == Objection.result_id)), context=True)
        stmt = stmt.where(Objection.status == "OPEN")
        if cycle_id is not None:
            stmt = stmt.where(Skp.cycle_id == cycle_id)
        return stmt.order_by(Objection.filed_at, Objection.id)

    async def objection_queue(self, user_id: uuid.UUID,
                              cycle_id: uuid.UUID | None) -> list[sa.Row]:
        """Open objections addressed to this user: the SKP records them as the rater's
        superior (and they are active); never their own result. The caller still removes
        those whose ratings they entered (see access.decider_problem)."""
        mine = sa.select(Employee.id).where(is_user(Employee.user_id, user_id)).scalar_subquery()
        stmt = self._open_objections(cycle_id).where(
            Skp.rater_superior_id == mine, SuperiorEmployee.active.is_(True),
            sa.or_(Employee.user_id.is_(None), Employee.user_id != user_id))
        return await self.all(stmt)

    async def open_objections(self, cycle_id: uuid.UUID | None) -> list[sa.Row]:
        """Every open objection of the agency (or of one cycle), with context columns."""
        return await self.all(self._open_objections(cycle_id))

    async def rating_authors(self, result_ids: list[uuid.UUID]
                             ) -> dict[uuid.UUID, set[uuid.UUID]]:
        """Who entered each result's ratings as they stand for an objection: the user who
        rated it last (the rater, or HR on their behalf) and every user whose calibration
        changed them (an OBJECTION change is the decision itself; REOPEN changes no
        rating). Users, not employees."""
        out: dict[uuid.UUID, set[uuid.UUID]] = {r: set() for r in result_ids}
        if not result_ids:
            return out
        rated = sa.select(R.id, R.rated_by).where(R.id.in_(result_ids), R.rated_by.is_not(None))
        changed = sa.select(ResultChange.result_id, ResultChange.actor_user_id).where(
            ResultChange.result_id.in_(result_ids), ResultChange.kind == "CALIBRATION",
            ResultChange.actor_user_id.is_not(None))
        for result_id, user_id in [*await self.all(rated), *await self.all(changed)]:
            out.setdefault(result_id, set()).add(user_id)
        return out

    async def has_decided_objection(self, result_id: uuid.UUID) -> bool:
        return await self.scalar(sa.select(sa.func.count(Objection.id)).where(
            Objection.result_id == result_id, Objection.status == "DECIDED")) > 0

    async def employee_for_superior(self, employee_id: uuid.UUID) -> sa.Row | None:
        return await self.first(sa.select(Employee.id, Employee.active, Employee.user_id)
                                .where(Employee.id == employee_id))

    async def record_superior(self, skp_id: uuid.UUID, objection_id: uuid.UUID,
                              expected: int | None, superior_id: uuid.UUID) -> bool:
        """The rater's superior written on the SKP (which gives them its read scope) and on
        the objection (its addressee); False when the objection's version is stale."""
        if await self.bump_version(Objection, objection_id, expected,
                                   {"superior_id": superior_id}) != 1:
            return False
        return await self.bump_version(Skp, skp_id, None, {"rater_superior_id": superior_id,
                                                           "updated_at": utcnow()}) == 1

    async def objection_by_id_visible(self, objection_id: uuid.UUID, scope: Scope | None,
                                      user_id: uuid.UUID) -> sa.Row | None:
        """An objection whose result this user may read."""
        stmt = (_with_skp(sa.select(*OBJECTION_COLUMNS).select_from(Objection)
                          .join(R, sa.and_(R.tenant_id == Objection.tenant_id,
                                           R.id == Objection.result_id)))
                .where(Objection.id == objection_id))
        return await self.first(self.visible(stmt, scope, user_id))


def group_by_key(rows: list[Any], key: str) -> dict[Any, list[Any]]:
    out: dict[Any, list[Any]] = defaultdict(list)
    for row in rows:
        out[getattr(row, key)].append(row)
    return out
