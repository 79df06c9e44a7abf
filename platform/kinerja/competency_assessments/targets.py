"""The target position an employee aims for, chosen by HR or by the employee (audited)."""

from __future__ import annotations

import uuid

from ..audit.recorder import record
from ..competencies.repository import StandardRepository
from ..errors import Conflict, ErrorCollector, Forbidden
from ..kit.writes import insert_or_conflict
from ..models import EmployeeTargetPosition
from ..models.base import utcnow
from .access import AssessmentAccess
from .repository import TargetRepository


async def set_target(access: AssessmentAccess, employee_id: uuid.UUID,
                     position_id: uuid.UUID | None, expected: int | None) -> uuid.UUID:
    """Set (or with None clear) the target; `expected` is the target's version (0: none)."""
    session, tenant_id = access.session, access.tenant_id
    employee = await access.readable_employee(employee_id)
    if not access.can_choose_target(employee):
        raise Forbidden()
    repo = TargetRepository(session)
    current = await repo.of(employee_id)
    if expected is not None and expected != (current.version if current else 0):
        raise Conflict()
    errors = ErrorCollector()
    if position_id is not None:
        position = await StandardRepository(session).position(position_id)
        if position is None:
            errors.add("positionId", "UNKNOWN_REFERENCE")
        elif not position.active:
            errors.add("positionId", "INACTIVE_REFERENCE")
    errors.raise_if_any()
    before = current.position_id if current else None
    if before == position_id:
        return employee_id
    if position_id is None:
        await repo.remove(current.id)
    elif current is None:
        await insert_or_conflict(session, EmployeeTargetPosition(
            tenant_id=tenant_id, employee_id=employee_id, position_id=position_id,
            chosen_by=access.user_id))
    elif not await repo.bump_version(EmployeeTargetPosition, current.id, current.version,
                                     {"position_id": position_id, "chosen_by": access.user_id,
                                      "updated_at": utcnow()}):
        raise Conflict()
    await record(session, tenant_id=tenant_id, actor_user_id=access.user_id,
                 action="target_position.set", object_type="Employee", object_id=employee_id,
                 before={"position_id": str(before) if before else None},
                 after={"position_id": str(position_id) if position_id else None})
    return employee_id
