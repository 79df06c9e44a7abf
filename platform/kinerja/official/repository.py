"""The reads only the official documents need, as plain rows (tenant filter + RLS like every
ORM statement). Who may read the document's object is decided before, by the domains' access
classes; these statements only fetch what the document prints about it."""

from __future__ import annotations

import uuid

import sqlalchemy as sa

from ..kit.repository import Repository
from ..models import Employee, OrgUnit, Position, SkpTransition, Tenant, WorkResult


class OfficialRepository(Repository):
    async def people(self, ids: list[uuid.UUID]) -> dict[uuid.UUID, sa.Row]:
        """Identity blocks: employees with the names of their position and unit (for an
        official of the parent agency, who has no unit here: that agency's name)."""
        if not ids:
            return {}
        stmt = (sa.select(Employee.id, Employee.name, Employee.nip, Employee.employee_type,
                          Employee.rank, Position.name.label("position_name"),
                          sa.func.coalesce(OrgUnit.name, Tenant.name).label("unit_name"))
                .outerjoin(Position, sa.and_(Position.tenant_id == Employee.tenant_id,
                                             Position.id == Employee.position_id))
                .outerjoin(OrgUnit, sa.and_(OrgUnit.tenant_id == Employee.tenant_id,
                                            OrgUnit.id == Employee.unit_id))
                .outerjoin(Tenant, Tenant.id == Employee.home_tenant_id)
                .where(Employee.id.in_(ids)))
        return {row.id: row for row in await self.all(stmt)}

    async def workflow_days(self, skp_id: uuid.UUID) -> dict[str, sa.Row]:
        """When the SKP last reached each status (SUBMITTED: the employee's signature,
        APPROVED: the rater's)."""
        stmt = (sa.select(SkpTransition.to_status, sa.func.max(SkpTransition.at).label("at"))
                .where(SkpTransition.skp_id == skp_id).group_by(SkpTransition.to_status))
        return {row.to_status: row for row in await self.all(stmt)}

    async def work_result_texts(self, ids: list[uuid.UUID]) -> dict[uuid.UUID, str]:
        """The texts of the leader's RHKs that an SKP's RHKs support (intervensi)."""
        if not ids:
            return {}
        rows = await self.all(sa.select(WorkResult.id, WorkResult.text)
                              .where(WorkResult.id.in_(ids)))
        return {row.id: row.text for row in rows}
