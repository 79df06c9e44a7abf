"""Reporting lines: who rates an employee (and that rater's superior) from which day.

Setting a line closes the employee's open line the day before the new one starts, so the
history stays complete. A new line that starts on the same day as the open one replaces it
in place (a correction; the audit trail keeps the old values). Lines never overlap: a new
start before the open line's start, or on or before a closed line's end, is INVALID_DATES.
An official of the parent agency may rate here (that is why their record exists) but is not
rated here (PARENT_OFFICIAL).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from ..audit.recorder import record, snapshot
from ..authz.actor import Acting, Actor
from ..errors import ErrorCollector, NotFound
from ..models import Employee, ReportingLine
from .service_employees import check_reference
from .write_repository import PeopleWriteRepository

AUDITED = ("employee_id", "rater_id", "rater_superior_id", "valid_from", "valid_to", "acting")


@dataclass
class LineInput:
    employee_id: uuid.UUID | None
    rater_id: uuid.UUID | None
    rater_superior_id: uuid.UUID | None
    valid_from: date
    acting: str = "NONE"


class ReportingLineService(Acting):
    def __init__(self, actor: Actor):
        super().__init__(actor)
        self.repo = PeopleWriteRepository(actor.session)

    async def set(self, data: LineInput) -> uuid.UUID:
        errors = ErrorCollector()
        ids = (data.employee_id, data.rater_id, data.rater_superior_id)
        found = await self.repo.active_flags(Employee, ids)
        check_reference(errors, "employeeId", data.employee_id, found, required=True)
        check_reference(errors, "raterId", data.rater_id, found, required=True)
        check_reference(errors, "raterSuperiorId", data.rater_superior_id, found)
        if data.employee_id in found and await self.repo.is_parent_official(data.employee_id):
            errors.add("employeeId", "PARENT_OFFICIAL")
        if data.rater_id is not None and data.rater_id == data.employee_id:
            errors.add("raterId", "SELF_REFERENCE")
        if data.rater_superior_id is not None:
            if data.rater_superior_id == data.employee_id:
                errors.add("raterSuperiorId", "SELF_REFERENCE")
            elif data.rater_superior_id == data.rater_id:
                errors.add("raterSuperiorId", "RATER_IS_SUPERIOR")
        latest = None
        if data.employee_id in found:
            latest = await self.repo.latest_line(data.employee_id)
        if latest is not None and not _may_follow(latest, data.valid_from):
            errors.add("validFrom", "INVALID_DATES")
        errors.raise_if_any()
        values = {"rater_id": data.rater_id, "rater_superior_id": data.rater_superior_id,
                  "acting": data.acting}
        if latest is not None and latest.valid_to is None and latest.valid_from == data.valid_from:
            await self.repo.update_line(latest.id, values)
            await self._audit("reporting_line.replace", latest, values)
            return latest.id
        if latest is not None and latest.valid_to is None:
            valid_to = data.valid_from - timedelta(days=1)
            await self.repo.close_line(latest.id, valid_to)
            await self._audit("reporting_line.close", latest, {"valid_to": valid_to})
        line = ReportingLine(tenant_id=self.tenant_id, employee_id=data.employee_id,
                             valid_from=data.valid_from, **values)
        self.repo.add(line)
        await self.session.flush()
        await record(self.session, tenant_id=self.tenant_id, actor_user_id=self.user_id,
                     action="reporting_line.create", object_type="ReportingLine",
                     object_id=line.id, after=snapshot(line, AUDITED))
        return line.id

    async def end(self, employee_id: uuid.UUID, valid_to: date) -> uuid.UUID:
        """Close the open line on `valid_to` (the employee then has no rater after that day)."""
        if await self.repo.employee_row(employee_id) is None:
            raise NotFound()
        errors = ErrorCollector()
        latest = await self.repo.latest_line(employee_id)
        if latest is None or latest.valid_to is not None:
            errors.add("employeeId", "NO_CURRENT_LINE")
        elif valid_to < latest.valid_from:
            errors.add("validTo", "INVALID_DATES")
        errors.raise_if_any()
        await self.repo.close_line(latest.id, valid_to)
        await self._audit("reporting_line.end", latest, {"valid_to": valid_to})
        return latest.id

    async def _audit(self, action: str, before_row, changes: dict) -> None:
        before = {name: getattr(before_row, name) for name in AUDITED}
        await record(self.session, tenant_id=self.tenant_id, actor_user_id=self.user_id,
                     action=action, object_type="ReportingLine", object_id=before_row.id,
                     before=before, after={**before, **changes})


def _may_follow(latest, valid_from: date) -> bool:
    if latest.valid_to is None:
        return valid_from >= latest.valid_from
    return valid_from > latest.valid_to
