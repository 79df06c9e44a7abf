"""Employee rules: valid NIP / NI PPPK unique in the tenant, rank fitting the employee type,
unit and position of this tenant, and an optional login that belongs to the tenant.

An official of the parent agency (`from_parent_agency`, the Camat who rates a Lurah) gets a
record without unit or position; the agency must have a parent (NO_PARENT_AGENCY).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from ..audit.recorder import record, snapshot
from ..authz.actor import Acting, Actor
from ..errors import ErrorCollector
from ..kit.fields import UNRESOLVABLE, clean_name, current_or_raise
from ..kit.writes import unique_guard
from ..models import Employee, OrgUnit, Position
from ..reference import EMPLOYEE_TYPES
from .checks import UNIQUE_FIELDS, apply_change, check_rank, clean_nip
from .write_repository import PeopleWriteRepository

AUDITED = ("nip", "employee_type", "name", "rank", "position_id", "unit_id", "user_id", "active")


@dataclass
class EmployeeInput:
    nip: str | None = None
    employee_type: str | None = None
    name: str | None = None
    rank: str | None = None
    position_id: uuid.UUID | None = None
    unit_id: uuid.UUID | None = None
    user_id: uuid.UUID | None = None
    clear_user: bool = False
    active: bool | None = None
    from_parent_agency: bool = False


def check_reference(errors: ErrorCollector, field: str, ref: uuid.UUID | None,
                    flags: dict[uuid.UUID, bool], required: bool = False) -> None:
    """flags: id -> active of the rows found in this tenant."""
    if ref is None:
        if required:
            errors.add(field, "REQUIRED")
    elif ref not in flags:
        errors.add(field, "UNKNOWN_REFERENCE")
    elif not flags[ref]:
        errors.add(field, "INACTIVE_REFERENCE")


class EmployeeService(Acting):
    def __init__(self, actor: Actor, is_member: Callable[[uuid.UUID], bool]):
        super().__init__(actor)
        self.repo = PeopleWriteRepository(actor.session)
        self.is_member = is_member

    async def create(self, data: EmployeeInput) -> uuid.UUID:
        errors = ErrorCollector()
        etype = data.employee_type
        if etype not in EMPLOYEE_TYPES:
            errors.add("employeeType", "REQUIRED" if etype is None else "INVALID_VALUE",
                       detail=", ".join(EMPLOYEE_TYPES))
        nip = clean_nip(errors, "nip", data.nip or "", etype, self.today)
        if nip is not None and await self.repo.nip_taken(nip, None):
            errors.add("nip", "DUPLICATE", detail=nip)
        name = clean_name(errors, "name", data.name, required=True)
        if data.rank is None:
            errors.add("rank", "REQUIRED")
        check_rank(errors, "rank", etype, data.rank)
        home = await self._home_agency(errors, data) if data.from_parent_agency else None
        if not data.from_parent_agency:
            await self._check_places(errors, data, required=True)
        await self._check_user(errors, data.user_id, None)
        errors.raise_if_any()
        employee = Employee(tenant_id=self.tenant_id, nip=nip, employee_type=etype, name=name,
                            rank=data.rank, position_id=data.position_id, unit_id=data.unit_id,
                            user_id=data.user_id, home_tenant_id=home)
        async with unique_guard(UNIQUE_FIELDS):
            self.repo.add(employee)
            await self.session.flush()
        await record(self.session, tenant_id=self.tenant_id, actor_user_id=self.user_id,
                     action="employee.create", object_type="Employee", object_id=employee.id,
                     after=snapshot(employee, AUDITED))
        return employee.id

    async def update(self, employee_id: uuid.UUID, data: EmployeeInput, version: int | None,
                     action: str = "employee.update") -> uuid.UUID:
        current = current_or_raise(await self.repo.employee_row(employee_id), version)
        errors = ErrorCollector()
        values: dict = {}
        etype = data.employee_type or current.employee_type
        if etype not in EMPLOYEE_TYPES:
            errors.add("employeeType", "INVALID_VALUE", detail=", ".join(EMPLOYEE_TYPES))
        values["employee_type"] = etype
        type_changed = etype != current.employee_type
        if data.nip is not None or type_changed:  # a new type must still fit the number
            nip = clean_nip(errors, "nip", data.nip if data.nip is not None else current.nip,
                            etype, self.today)
            if nip is not None and nip != current.nip:
                if await self.repo.nip_taken(nip, employee_id):
                    errors.add("nip", "DUPLICATE", detail=nip)
                values["nip"] = nip
        name = clean_name(errors, "name", data.name, required=False)
        if name is not None:
            values["name"] = name
        if data.rank is not None or type_changed:
            rank = data.rank if data.rank is not None else current.rank
            check_rank(errors, "rank", etype, rank)
            values["rank"] = rank
        if current.home_tenant_id is not None:
            for field, given in (("unitId", data.unit_id), ("positionId", data.position_id)):
                if given is not None:
                    errors.add(field, "NO_PLACE_HERE")
        changed_places = EmployeeInput(
            unit_id=data.unit_id if data.unit_id != current.unit_id else None,
            position_id=data.position_id if data.position_id != current.position_id else None)
        await self._check_places(errors, changed_places, required=False)
        values.update({k: getattr(changed_places, k) for k in ("unit_id", "position_id")
                       if getattr(changed_places, k) is not None})
        if data.clear_user:
            values["user_id"] = None
        elif data.user_id is not None and data.user_id != current.user_id:
            await self._check_user(errors, data.user_id, employee_id)
            values["user_id"] = data.user_id
        if data.active is not None:
            values["active"] = data.active
        errors.raise_if_any()
        await apply_change(self.repo, Employee, current, values, tenant_id=self.tenant_id,
                           actor=self.user_id, action=action, audited=AUDITED)
        return employee_id

    async def deactivate(self, employee_id: uuid.UUID, version: int | None) -> uuid.UUID:
        return await self.update(employee_id, EmployeeInput(active=False), version,
                                 action="employee.deactivate")

    async def _home_agency(self, errors: ErrorCollector,
                           data: EmployeeInput) -> uuid.UUID | None:
        """The parent agency an official comes from; such a record has no place here."""
        for field, given in (("unitId", data.unit_id), ("positionId", data.position_id)):
            if given is not None:
                errors.add(field, "NO_PLACE_HERE")
        parent = await self.repo.parent_agency_id(self.tenant_id)
        if parent is None:
            errors.add("fromParentAgency", "NO_PARENT_AGENCY")
        return parent

    async def _check_places(self, errors: ErrorCollector, data: EmployeeInput,
                            required: bool) -> None:
        units = await self.repo.active_flags(OrgUnit, [data.unit_id])
        positions = await self.repo.active_flags(Position, [data.position_id])
        check_reference(errors, "unitId", data.unit_id, units, required)
        check_reference(errors, "positionId", data.position_id, positions, required)

    async def _check_user(self, errors: ErrorCollector, user_id: uuid.UUID | None,
                          employee_id: uuid.UUID | None) -> None:
        if user_id is None:
            return
        if user_id == UNRESOLVABLE:
            errors.add("userId", "UNKNOWN_REFERENCE")
        elif not self.is_member(user_id):  # unknown users and other tenants' look the same
            errors.add("userId", "NOT_A_MEMBER")
        elif self.is_me(user_id):
            # Linking oneself to a record would give one that record's place in reporting
            # lines: e.g. HR becoming the rater's superior who decides an objection.
            errors.add("userId", "SELF_LINK")
        elif await self.repo.user_linked(user_id, employee_id):
            errors.add("userId", "DUPLICATE", detail="userId")
