"""SQL for people writes: current-state lookups, uniqueness checks, versioned updates, bulk insert.

Reads for the API stay in repository.py. Every statement here is an ORM statement on a tenant
table, so the session adds `tenant_id = :current` (and RLS applies on PostgreSQL): an ID of
another tenant simply finds nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date
from typing import Any

import sqlalchemy as sa

from ..kit.repository import Repository, is_user
from ..models import Employee, OrgUnit, Position, ReportingLine, Tenant
from .repository import EMPLOYEE_COLUMNS, LINE_COLUMNS, POSITION_COLUMNS, UNIT_COLUMNS

CHUNK = 1000  # bound the IN-list size (SQLite and asyncpg cap bind parameters)


class PeopleWriteRepository(Repository):
    # --- current state -------------------------------------------------------------------
    async def unit_row(self, unit_id: uuid.UUID) -> sa.Row | None:
        return await self.first(sa.select(*UNIT_COLUMNS).where(OrgUnit.id == unit_id))

    async def position_row(self, position_id: uuid.UUID) -> sa.Row | None:
        return await self.first(sa.select(*POSITION_COLUMNS).where(Position.id == position_id))

    async def employee_row(self, employee_id: uuid.UUID) -> sa.Row | None:
        return await self.first(sa.select(*EMPLOYEE_COLUMNS).where(Employee.id == employee_id))

    async def parent_agency_id(self, tenant_id: uuid.UUID) -> uuid.UUID | None:
        """The agency's parent (the tenant table is global: no tenant criterion)."""
        return await self.scalar(sa.select(Tenant.parent_id).where(Tenant.id == tenant_id))

    async def is_parent_official(self, employee_id: uuid.UUID) -> bool:
        return await self.scalar(sa.select(Employee.home_tenant_id)
                                 .where(Employee.id == employee_id)) is not None

    async def active_flags(self, model: type,
                           ids: Iterable[uuid.UUID | None]) -> dict[uuid.UUID, bool]:
        """id -> active for the ids that exist in this tenant (one statement)."""
        wanted = sorted({i for i in ids if i is not None})
        if not wanted:
            return {}
        rows = await self.all(sa.select(model.id, model.active).where(model.id.in_(wanted)))
        return {r.id: r.active for r in rows}

    # --- uniqueness ------------------------------------------------------------------------
    async def code_taken(self, model: type, code: str, except_id: uuid.UUID | None) -> bool:
        stmt = sa.select(model.id).where(model.code == code)
        if except_id is not None:
            stmt = stmt.where(model.id != except_id)
        return await self.first(stmt) is not None

    async def nip_taken(self, nip: str, except_id: uuid.UUID | None) -> bool:
        stmt = sa.select(Employee.id).where(Employee.nip == nip)
        if except_id is not None:
            stmt = stmt.where(Employee.id != except_id)
        return await self.first(stmt) is not None

    async def user_linked(self, user_id: uuid.UUID, except_id: uuid.UUID | None) -> bool:
        stmt = sa.select(Employee.id).where(is_user(Employee.user_id, user_id))
        if except_id is not None:
            stmt = stmt.where(Employee.id != except_id)
        return await self.first(stmt) is not None

    # --- org tree --------------------------------------------------------------------------
    async def unit_ancestors(self, unit_id: uuid.UUID) -> list[uuid.UUID]:
        """The unit and its parent chain (unit trees are shallow; stops on a loop)."""
        chain: list[uuid.UUID] = []
        current: uuid.UUID | None = unit_id
        while current is not None and current not in chain:
            chain.append(current)
            current = await self.scalar(sa.select(OrgUnit.parent_id).where(OrgUnit.id == current))
        return chain

    async def unit_in_use(self, unit_id: uuid.UUID) -> bool:
        employees = sa.select(Employee.id).where(Employee.unit_id == unit_id,
                                                 Employee.active.is_(True)).limit(1)
        children = sa.select(OrgUnit.id).where(OrgUnit.parent_id == unit_id,
                                               OrgUnit.active.is_(True)).limit(1)
        return (await self.first(employees) is not None) or (await self.first(children) is not None)

    async def position_in_use(self, position_id: uuid.UUID) -> bool:
        stmt = sa.select(Employee.id).where(Employee.position_id == position_id,
                                            Employee.active.is_(True)).limit(1)
        return await self.first(stmt) is not None

    # --- writes ----------------------------------------------------------------------------
    def add(self, obj: Any) -> None:
        self.session.add(obj)

    async def update_versioned(self, model: type, object_id: uuid.UUID, expected: int,
                               values: dict[str, Any]) -> bool:
        """Atomic optimistic update; False when someone changed the row since it was read."""
        return await self.bump_version(model, object_id, expected, values) == 1

    # --- reporting lines -------------------------------------------------------------------
    async def line_row(self, line_id: uuid.UUID) -> sa.Row | None:
        return await self.first(sa.select(*LINE_COLUMNS).where(ReportingLine.id == line_id))

    async def latest_line(self, employee_id: uuid.UUID) -> sa.Row | None:
        """The employee's line with the latest start (open or not)."""
        stmt = (sa.select(*LINE_COLUMNS).where(ReportingLine.employee_id == employee_id)
                .order_by(ReportingLine.valid_from.desc(), ReportingLine.created_at.desc())
                .limit(1))
        return await self.first(stmt)

    async def update_line(self, line_id: uuid.UUID, values: dict[str, Any]) -> None:
        stmt = sa.update(ReportingLine).where(ReportingLine.id == line_id).values(**values)
        await self.session.execute(stmt, execution_options={"synchronize_session": False})

    async def close_line(self, line_id: uuid.UUID, valid_to: date) -> None:
        await self.update_line(line_id, {"valid_to": valid_to})

    # --- bulk import -----------------------------------------------------------------------
    async def codes(self, model: type) -> dict[str, tuple[uuid.UUID, bool]]:
        """code -> (id, active) of every coded unit or position in the tenant."""
        rows = await self.all(sa.select(model.code, model.id, model.active)
                              .where(model.code.is_not(None)))
        return {r.code: (r.id, r.active) for r in rows}

    async def existing_nips(self, nips: list[str]) -> set[str]:
        found: set[str] = set()
        unique = sorted(set(nips))
        for start in range(0, len(unique), CHUNK):
            part = unique[start:start + CHUNK]
            found.update(r.nip for r in await self.all(
                sa.select(Employee.nip).where(Employee.nip.in_(part))))
        return found

    async def insert_employees(self, rows: list[dict[str, Any]]) -> None:
        """One multi-row INSERT (SQLAlchemy batches it as insertmanyvalues)."""
        if rows:
            await self.session.execute(sa.insert(Employee), rows)
