"""Organisation results per (unit, period) and unit heads; both audited.

`setOrganisationResult` inserts or replaces the unit's result for a period (version/CONFLICT
on the stored row), in any cycle state but CLOSED. Changing it does not rewrite results the
rater already set: the head's next rating uses the new value. `setUnitHead` names (or, with
no employee, clears) the head of a unit; the head must belong to the unit. It bumps the unit's
version, so a stale unit version is a CONFLICT.
"""

from __future__ import annotations

import uuid

from ..audit.recorder import record
from ..authz.actor import Acting, Actor
from ..errors import Conflict, ErrorCollector, NotFound
from ..kit.fields import check_version, clean_text
from ..models import OrganisationResult, OrgUnit
from ..models.base import utcnow
from .access import check_open
from .codes import TEXT_MAX
from .repository import ResultRepository


class UnitResultService(Acting):
    def __init__(self, actor: Actor):
        super().__init__(actor)
        self.repo = ResultRepository(actor.session)

    async def _audit(self, action: str, object_type: str, object_id, before, after) -> None:
        await record(self.session, tenant_id=self.tenant_id, actor_user_id=self.user_id,
                     action=action, object_type=object_type, object_id=object_id,
                     before=before, after=after)

    async def set_org_result(self, unit_id: uuid.UUID, period_id: uuid.UUID, result: str,
                             note: str | None, version: int | None) -> uuid.UUID:
        unit = await self.repo.unit(unit_id)
        period = await self.repo.period(period_id)
        if unit is None or period is None:
            raise NotFound()
        current = await self.repo.org_result(unit_id, period_id)
        if current is not None and version is not None and version != current.version:
            raise Conflict()
        if current is None and version not in (None, 0):
            raise Conflict()
        errors = ErrorCollector()
        check_open(errors, (await self.repo.cycle(period.cycle_id)).state)
        text = clean_text(errors, "note", note, TEXT_MAX, fold=False)
        errors.raise_if_any()
        after = {"unit_id": unit_id, "period_id": period_id, "result": result, "note": text}
        if current is None:
            row = OrganisationResult(tenant_id=self.tenant_id, set_by=self.user_id, **after)
            self.session.add(row)
            await self.session.flush()
            await self._audit("org_result.set", "OrganisationResult", row.id, None, after)
            return row.id
        if (current.result, current.note) == (result, text):
            return current.id
        changed = await self.repo.bump_version(
            OrganisationResult, current.id, current.version,
            {"result": result, "note": text, "set_by": self.user_id, "updated_at": utcnow()})
        if changed != 1:
            raise Conflict()
        await self._audit("org_result.set", "OrganisationResult", current.id,
                          {"result": current.result, "note": current.note,
                           "version": current.version},
                          {**after, "version": current.version + 1})
        return current.id

    async def set_head(self, unit_id: uuid.UUID, employee_id: uuid.UUID | None,
                       version: int | None) -> uuid.UUID:
        unit = await self.repo.unit(unit_id)
        if unit is None:
            raise NotFound()
        check_version(unit, version)
        errors = ErrorCollector()
        if employee_id is not None:
            employee = await self.repo.employee_unit(employee_id)
            if employee is None:
                errors.add("employeeId", "UNKNOWN_REFERENCE")
            elif employee.unit_id != unit_id:
                errors.add("employeeId", "HEAD_NOT_IN_UNIT")
        errors.raise_if_any()
        current = await self.repo.unit_head(unit_id)
        if current == employee_id:
            return unit_id
        await self.repo.replace_head(self.tenant_id, unit_id, employee_id, self.user_id)
        if await self.repo.bump_version(OrgUnit, unit_id, unit.version,
                                        {"updated_at": utcnow()}) != 1:
            raise Conflict()
        await self._audit("org_unit.head", "OrgUnit", unit_id,
                          {"head_employee_id": current, "version": unit.version},
                          {"head_employee_id": employee_id, "version": unit.version + 1})
        return unit_id
