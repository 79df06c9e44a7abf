"""Development plans, items and JP compliance as plain rows. Tenant-scoped by the session
(and RLS); who may see which employee is the people package's SQL filter."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import sqlalchemy as sa

from ..authz.vocabulary import Scope
from ..kit.repository import Repository
from ..models import DevelopmentItem, DevelopmentPlan, Employee
from ..people.repository import ACTIVE_STAFF, EmployeeRepository, employee_select

PLAN_COLUMNS = (DevelopmentPlan.id, DevelopmentPlan.employee_id, DevelopmentPlan.year,
                DevelopmentPlan.created_at)
ITEM_COLUMNS = (DevelopmentItem.id, DevelopmentItem.plan_id, DevelopmentItem.activity_id,
                DevelopmentItem.title, DevelopmentItem.kind, DevelopmentItem.competency_code,
                DevelopmentItem.planned_jp, DevelopmentItem.actual_jp, DevelopmentItem.status,
                DevelopmentItem.evidence_url, DevelopmentItem.evidence_file_id,
                DevelopmentItem.reasons,
                DevelopmentItem.approved_by, DevelopmentItem.approved_at,
                DevelopmentItem.completed_at, DevelopmentItem.version,
                DevelopmentItem.created_at, DevelopmentItem.updated_at)


def minimum_case(minimum: dict[str, float]) -> sa.ColumnElement:
    """The minimum JP of each employee's type, from the settings in force."""
    return sa.case({t: sa.literal(float(v)) for t, v in minimum.items()},
                   value=Employee.employee_type, else_=sa.literal(float(max(minimum.values()))))


class DevelopmentRepository(Repository):
    async def plan(self, employee_id: uuid.UUID, year: int) -> sa.Row | None:
        return await self.first(sa.select(*PLAN_COLUMNS).where(
            DevelopmentPlan.employee_id == employee_id, DevelopmentPlan.year == year))

    async def create_plan(self, tenant_id: uuid.UUID, employee_id: uuid.UUID, year: int,
                          actor: uuid.UUID | None) -> uuid.UUID:
        row = DevelopmentPlan(tenant_id=tenant_id, employee_id=employee_id, year=year,
                              created_by=actor)
        self.session.add(row)
        await self.session.flush()
        return row.id

    async def items(self, plan_id: uuid.UUID) -> list[sa.Row]:
        return await self.all(sa.select(*ITEM_COLUMNS)
                              .where(DevelopmentItem.plan_id == plan_id)
                              .order_by(DevelopmentItem.created_at, DevelopmentItem.id))

    async def item(self, item_id: uuid.UUID) -> sa.Row | None:
        """An item with its plan's employee and year."""
        stmt = (sa.select(*ITEM_COLUMNS, DevelopmentPlan.employee_id, DevelopmentPlan.year)
                .join(DevelopmentPlan, sa.and_(
                    DevelopmentPlan.tenant_id == DevelopmentItem.tenant_id,
                    DevelopmentPlan.id == DevelopmentItem.plan_id))
                .where(DevelopmentItem.id == item_id))
        return await self.first(stmt)

    async def update_item(self, item_id: uuid.UUID, expected: int,
                          values: dict[str, Any]) -> bool:
        return await self.bump_version(DevelopmentItem, item_id, expected, values) == 1

    async def readable_certificate(self, file_id: uuid.UUID, scope: Scope | None,
                                   user_id: uuid.UUID, today: date) -> bool | None:
        """None: no item's evidence is the file; else whether the plan holding it is readable
        (the employee is visible under the development_plan read scope)."""
        base = (sa.select(DevelopmentItem.id)
                .join(DevelopmentPlan, sa.and_(
                    DevelopmentPlan.tenant_id == DevelopmentItem.tenant_id,
                    DevelopmentPlan.id == DevelopmentItem.plan_id))
                .join(Employee, sa.and_(Employee.tenant_id == DevelopmentPlan.tenant_id,
                                        Employee.id == DevelopmentPlan.employee_id))
                .where(DevelopmentItem.evidence_file_id == file_id))
        if await self.first(base.limit(1)) is None:
            return None
        if scope is None:
            return False
        stmt = EmployeeRepository(self.session).visible(base, scope, user_id, today)
        return await self.first(stmt.limit(1)) is not None

    # --- 20 JP compliance ------------------------------------------------------------------

    @staticmethod
    def _completed(year: int) -> Any:
        return (sa.select(DevelopmentPlan.tenant_id, DevelopmentPlan.employee_id,
                          sa.func.sum(DevelopmentItem.actual_jp).label("jp"))
                .join(DevelopmentItem, sa.and_(
                    DevelopmentItem.tenant_id == DevelopmentPlan.tenant_id,
                    DevelopmentItem.plan_id == DevelopmentPlan.id))
                .where(DevelopmentPlan.year == year, DevelopmentItem.status == "COMPLETED")
                .group_by(DevelopmentPlan.tenant_id, DevelopmentPlan.employee_id)
                .subquery("completed"))

    def _compliance(self, columns: Any, year: int, minimum: dict[str, float],
                    unit_id: uuid.UUID | None, below_only: bool, scope: Scope,
                    user_id: uuid.UUID, today: date) -> sa.Select:
        completed = self._completed(year)
        done = sa.func.coalesce(completed.c.jp, 0.0)
        need = minimum_case(minimum)
        base = (employee_select(today).add_columns(done.label("completed_jp"),
                                                   need.label("minimum_jp"))
                if columns is None else sa.select(*columns(done, need)))
        stmt = base.outerjoin(completed, sa.and_(completed.c.tenant_id == Employee.tenant_id,
                                                 completed.c.employee_id == Employee.id))
        stmt = stmt.where(ACTIVE_STAFF)
        if unit_id is not None:
            stmt = stmt.where(Employee.unit_id == unit_id)
        if below_only:
            stmt = stmt.where(done < need)
        return EmployeeRepository(self.session).visible(stmt, scope, user_id, today)

    async def compliance_page(self, year: int, minimum: dict[str, float],
                              unit_id: uuid.UUID | None, below_only: bool, scope: Scope,
                              user_id: uuid.UUID, today: date, first: int,
                              after: list[Any] | None) -> list[sa.Row]:
        """Active employees you may see with completed JP (one GROUP BY) and their minimum."""
        stmt = self._compliance(None, year, minimum, unit_id, below_only, scope, user_id, today)
        if after is not None:
            name, last_id = after
            stmt = stmt.where(sa.or_(Employee.name > name,
                                     sa.and_(Employee.name == name, Employee.id > last_id)))
        return await self.all(stmt.order_by(Employee.name, Employee.id).limit(first + 1))

    async def compliance_by_unit(self, year: int, minimum: dict[str, float], scope: Scope,
                                 user_id: uuid.UUID | None, today: date) -> list[sa.Row]:
        """Per unit: active employees you may see, how many are below the minimum, and the
        sum of their completed JP (one statement)."""
        def columns(done, need):
            return [Employee.unit_id, sa.func.count(Employee.id).label("employees"),
                    sa.func.coalesce(sa.func.sum(sa.case((done < need, 1), else_=0)),
                                     0).label("below"),
                    sa.func.coalesce(sa.func.sum(done), 0.0).label("jp")]

        stmt = self._compliance(columns, year, minimum, None, False, scope,
                                user_id, today)  # type: ignore[arg-type]
        return await self.all(stmt.group_by(Employee.unit_id))

    async def compliance_counts(self, year: int, minimum: dict[str, float],
                                unit_id: uuid.UUID | None, below_only: bool, scope: Scope,
                                user_id: uuid.UUID, today: date) -> tuple[int, int]:
        """(employees listed, of whom below the minimum), in one statement."""
        def columns(done, need):
            return [sa.func.count(Employee.id),
                    sa.func.coalesce(sa.func.sum(sa.case((done < need, 1), else_=0)), 0)]

        stmt = self._compliance(columns, year, minimum, unit_id, below_only, scope, user_id,
                                today)
        row = (await self.session.execute(stmt)).first()
        return int(row[0]), int(row[1])
