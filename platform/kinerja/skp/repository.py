"""SKP reads and writes as plain rows: the SKPs themselves under the relationship scopes
(`SkpRepository.visible`: own / subordinates / unit / tenant as SQL filters, as for employees)
and their content; every statement is batched over many SKPs.

All statements are ORM statements on tenant tables (tenant filter + RLS), so another agency's
IDs find nothing.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from ..authz.vocabulary import Scope
from ..kit.compiled import TENANT, batch_read
from ..kit.repository import Repository, is_user
from ..models import (
    BehaviourExpectation,
    Cycle,
    Employee,
    Indicator,
    Realisation,
    Skp,
    SkpTransition,
    User,
    WorkResult,
)

WORK_RESULT_COLUMNS = (WorkResult.id, WorkResult.skp_id, WorkResult.position, WorkResult.kind,
                       WorkResult.text, WorkResult.parent_id)
INDICATOR_COLUMNS = (Indicator.id, Indicator.work_result_id, Indicator.position, Indicator.aspect,
                     Indicator.text, Indicator.target_value, Indicator.target_unit,
                     Indicator.target_text)
# An SKP's content, read for every list: hot reads (kit/compiled.py).
WORK_RESULTS = batch_read(
    sa.select(*WORK_RESULT_COLUMNS).where(WorkResult.tenant_id == TENANT)
    .order_by(WorkResult.skp_id, WorkResult.position), WorkResult.skp_id)
INDICATORS = batch_read(
    sa.select(*INDICATOR_COLUMNS).where(Indicator.tenant_id == TENANT)
    .order_by(Indicator.work_result_id, Indicator.position), Indicator.work_result_id)
Rater = aliased(Employee, name="rater_employee")
SKP_COLUMNS = (Skp.id, Skp.cycle_id, Skp.employee_id, Skp.rater_id, Skp.rater_superior_id,
               Skp.status, Skp.version, Skp.created_at, Skp.updated_at)


def _grouped(rows: list[Any], key: str, keys: list[uuid.UUID]) -> dict[uuid.UUID, list[Any]]:
    out: dict[uuid.UUID, list[Any]] = {k: [] for k in keys}
    for row in rows:
        out.setdefault(getattr(row, key), []).append(row)
    return out


class SkpRepository(Repository):
    def visible(self, stmt: sa.Select, scope: Scope, user_id: uuid.UUID) -> sa.Select:
        """Narrow a statement joined to the SKP's Employee to what `scope` lets this user see.

        "Subordinates" follows the line copied onto the SKP (rater or rater's superior), not
        today's line: the SKP names who rates it for this cycle.
        """
        if scope >= Scope.TENANT:
            return stmt
        own = is_user(Employee.user_id, user_id)
        if scope == Scope.OWN:
            return stmt.where(own)
        mine = sa.select(Employee.id).where(is_user(Employee.user_id, user_id)).scalar_subquery()
        if scope == Scope.SUBORDINATES:
            return stmt.where(sa.or_(own, Skp.rater_id == mine, Skp.rater_superior_id == mine))
        my_units = sa.select(Employee.unit_id).where(is_user(Employee.user_id, user_id))
        return stmt.where(sa.or_(own, Employee.unit_id.in_(my_units)))

    @staticmethod
    def _joined(*columns: Any) -> sa.Select:
        return sa.select(*columns).join(
            Employee, sa.and_(Employee.tenant_id == Skp.tenant_id, Employee.id == Skp.employee_id))

    async def visible_by_id(self, skp_id: uuid.UUID, scope: Scope,
                            user_id: uuid.UUID) -> sa.Row | None:
        stmt = self.visible(self._joined(*SKP_COLUMNS, Employee.name.label("employee_name"))
                            .where(Skp.id == skp_id), scope, user_id)
        return await self.first(stmt)


class PlanRepository(Repository):
    async def access_row(self, skp_id: uuid.UUID, scope: Scope,
                         user_id: uuid.UUID) -> sa.Row | None:
        """The SKP if readable under `scope`, with who owns it, who rates it, the cycle state."""
        stmt = (sa.select(*SKP_COLUMNS, Employee.user_id.label("owner_user_id"),
                          Rater.user_id.label("rater_user_id"), Cycle.state.label("cycle_state"))
                .join(Employee, sa.and_(Employee.tenant_id == Skp.tenant_id,
                                        Employee.id == Skp.employee_id))
                .join(Cycle, sa.and_(Cycle.tenant_id == Skp.tenant_id, Cycle.id == Skp.cycle_id))
                .outerjoin(Rater, sa.and_(Rater.tenant_id == Skp.tenant_id,
                                          Rater.id == Skp.rater_id))
                .where(Skp.id == skp_id))
        return await self.first(SkpRepository(self.session).visible(stmt, scope, user_id))

    async def in_scope(self, skp_id: uuid.UUID, scope: Scope, user_id: uuid.UUID) -> bool:
        return await SkpRepository(self.session).visible_by_id(skp_id, scope, user_id) is not None

    async def set_status(self, skp_id: uuid.UUID, expected: int, values: dict[str, Any]) -> bool:
        return await self.bump_version(Skp, skp_id, expected, values) == 1

    # --- content ---------------------------------------------------------------------------

    async def work_results(self, skp_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[sa.Row]]:
        return _grouped(await WORK_RESULTS.rows(self.session, ids=skp_ids), "skp_id", skp_ids)

    async def indicators(self, work_result_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[sa.Row]]:
        rows = await INDICATORS.rows(self.session, ids=work_result_ids)
        return _grouped(rows, "work_result_id", work_result_ids)

    async def expectations(self, skp_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[sa.Row]]:
        rows = await self.all(sa.select(BehaviourExpectation.skp_id, BehaviourExpectation.value,
                                        BehaviourExpectation.text)
                              .where(BehaviourExpectation.skp_id.in_(skp_ids)))
        return _grouped(rows, "skp_id", skp_ids)

    async def history(self, skp_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[sa.Row]]:
        rows = await self.all(sa.select(SkpTransition.id, SkpTransition.skp_id,
                                        SkpTransition.actor_user_id, SkpTransition.from_status,
                                        SkpTransition.to_status, SkpTransition.comment,
                                        SkpTransition.at, User.display_name.label("actor_name"))
                              .outerjoin(User, User.id == SkpTransition.actor_user_id)
                              .where(SkpTransition.skp_id.in_(skp_ids))
                              .order_by(SkpTransition.skp_id, SkpTransition.at, SkpTransition.id))
        return _grouped(rows, "skp_id", skp_ids)

    async def cascade_targets(self, pairs: list[tuple[uuid.UUID, uuid.UUID]]
                              ) -> dict[tuple[uuid.UUID, uuid.UUID], list[sa.Row]]:
        """RHKs of the SKP of employee E in cycle C, for each (C, E): the rater's RHKs."""
        if not pairs:
            return {}
        stmt = (sa.select(*WORK_RESULT_COLUMNS, Skp.cycle_id, Skp.employee_id)
                .join(Skp, sa.and_(Skp.tenant_id == WorkResult.tenant_id,
                                   Skp.id == WorkResult.skp_id))
                .where(sa.tuple_(Skp.cycle_id, Skp.employee_id).in_(pairs))
                .order_by(WorkResult.skp_id, WorkResult.position))
        out: dict[tuple[uuid.UUID, uuid.UUID], list[sa.Row]] = defaultdict(list)
        for row in await self.all(stmt):
            out[(row.cycle_id, row.employee_id)].append(row)
        return out

    async def owners(self, work_result_ids: list[uuid.UUID]) -> dict[uuid.UUID, sa.Row]:
        """For each RHK: its SKP's cycle and employee (to check a cascade target)."""
        if not work_result_ids:
            return {}
        stmt = (sa.select(WorkResult.id, Skp.cycle_id, Skp.employee_id)
                .join(Skp, sa.and_(Skp.tenant_id == WorkResult.tenant_id,
                                   Skp.id == WorkResult.skp_id))
                .where(WorkResult.id.in_(work_result_ids)))
        return {r.id: r for r in await self.all(stmt)}

    async def linked_from_elsewhere(self, work_result_ids: list[uuid.UUID],
                                    skp_id: uuid.UUID) -> set[uuid.UUID]:
        """Which of these RHKs other SKPs' RHKs link to (they cannot be removed)."""
        if not work_result_ids:
            return set()
        stmt = (sa.select(WorkResult.parent_id).distinct()
                .where(WorkResult.parent_id.in_(work_result_ids), WorkResult.skp_id != skp_id))
        return set((await self.session.execute(stmt)).scalars())

    async def realised(self, indicator_ids: list[uuid.UUID]) -> list[uuid.UUID]:
        """Which of these indicators have realisations recorded (they cannot be removed)."""
        if not indicator_ids:
            return []
        stmt = (sa.select(Realisation.indicator_id).distinct()
                .where(Realisation.indicator_id.in_(indicator_ids)))
        return sorted(set((await self.session.execute(stmt)).scalars()))

    async def delete_work_results(self, ids: list[uuid.UUID]) -> None:
        if ids:
            await self.session.execute(sa.delete(Indicator)
                                       .where(Indicator.work_result_id.in_(ids)))
            await self.session.execute(sa.delete(WorkResult).where(WorkResult.id.in_(ids)))

    async def delete_indicators(self, ids: list[uuid.UUID]) -> None:
        if ids:
            await self.session.execute(sa.delete(Indicator).where(Indicator.id.in_(ids)))

    async def update_rows(self, model: type, changes: dict[uuid.UUID, dict[str, Any]]) -> None:
        for row_id, values in changes.items():
            await self.session.execute(
                sa.update(model).where(model.id == row_id).values(**values),
                execution_options={"synchronize_session": False})

    async def replace_expectations(self, tenant_id: uuid.UUID, skp_id: uuid.UUID,
                                   items: list[tuple[str, str]]) -> None:
        await self.session.execute(sa.delete(BehaviourExpectation)
                                   .where(BehaviourExpectation.skp_id == skp_id))
        self.session.add_all([BehaviourExpectation(tenant_id=tenant_id, skp_id=skp_id, value=v,
                                                   text=t) for v, t in items])
        await self.session.flush()

    # --- tree ------------------------------------------------------------------------------

    async def tree_skps(self, cycle_id: uuid.UUID, scope: Scope,
                        user_id: uuid.UUID) -> list[sa.Row]:
        stmt = SkpRepository._joined(*SKP_COLUMNS, Employee.name.label("employee_name")).where(
            Skp.cycle_id == cycle_id)
        stmt = SkpRepository(self.session).visible(stmt, scope, user_id)
        return await self.all(stmt.order_by(Employee.name, Skp.id))
