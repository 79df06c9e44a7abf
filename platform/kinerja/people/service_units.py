"""Org-unit rules: code unique per tenant, parent in the same tenant without cycles,
deactivation only when no active employee or active sub-unit remains."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from ..audit.recorder import record, snapshot
from ..authz.actor import Acting, Actor
from ..errors import ErrorCollector
from ..kit.fields import clean_code, clean_name, current_or_raise
from ..kit.writes import unique_guard
from ..models import OrgUnit
from .checks import UNIQUE_FIELDS, apply_change
from .write_repository import PeopleWriteRepository

AUDITED = ("code", "name", "parent_id", "active")


@dataclass
class UnitInput:
    code: str | None = None
    name: str | None = None
    parent_id: uuid.UUID | None = None
    clear_parent: bool = False
    active: bool | None = None


class OrgUnitService(Acting):
    def __init__(self, actor: Actor):
        super().__init__(actor)
        self.repo = PeopleWriteRepository(actor.session)

    async def create(self, data: UnitInput) -> uuid.UUID:
        errors = ErrorCollector()
        code = clean_code(errors, "code", data.code)
        name = clean_name(errors, "name", data.name, required=True)
        await self._check_code(errors, code, None)
        await self._check_parent(errors, data.parent_id, None)
        errors.raise_if_any()
        unit = OrgUnit(tenant_id=self.tenant_id, code=code, name=name, parent_id=data.parent_id)
        async with unique_guard(UNIQUE_FIELDS):
            self.repo.add(unit)
            await self.session.flush()
        await record(self.session, tenant_id=self.tenant_id, actor_user_id=self.user_id,
                     action="org_unit.create", object_type="OrgUnit", object_id=unit.id,
                     after=snapshot(unit, AUDITED))
        return unit.id

    async def update(self, unit_id: uuid.UUID, data: UnitInput, version: int | None,
                     action: str = "org_unit.update",
                     in_use_field: str | None = "active") -> uuid.UUID:
        current = current_or_raise(await self.repo.unit_row(unit_id), version)
        errors = ErrorCollector()
        values: dict = {}
        code = clean_code(errors, "code", data.code)
        if code is not None and code != current.code:
            await self._check_code(errors, code, unit_id)
            values["code"] = code
        name = clean_name(errors, "name", data.name, required=False)
        if name is not None:
            values["name"] = name
        if data.clear_parent:
            values["parent_id"] = None
        elif data.parent_id is not None and data.parent_id != current.parent_id:
            await self._check_parent(errors, data.parent_id, unit_id)
            values["parent_id"] = data.parent_id
        if data.active is not None:
            if not data.active and current.active and await self.repo.unit_in_use(unit_id):
                errors.add(in_use_field, "UNIT_IN_USE")
            values["active"] = data.active
        errors.raise_if_any()
        await apply_change(self.repo, OrgUnit, current, values, tenant_id=self.tenant_id,
                           actor=self.user_id, action=action, audited=AUDITED)
        return unit_id

    async def deactivate(self, unit_id: uuid.UUID, version: int | None) -> uuid.UUID:
        return await self.update(unit_id, UnitInput(active=False), version,
                                 action="org_unit.deactivate", in_use_field=None)

    async def _check_code(self, errors: ErrorCollector, code: str | None,
                          except_id: uuid.UUID | None) -> None:
        if code is not None and await self.repo.code_taken(OrgUnit, code, except_id):
            errors.add("code", "DUPLICATE", detail=code)

    async def _check_parent(self, errors: ErrorCollector, parent_id: uuid.UUID | None,
                            unit_id: uuid.UUID | None) -> None:
        if parent_id is None:
            return
        parent = await self.repo.unit_row(parent_id)
        if parent is None:
            errors.add("parentId", "UNKNOWN_REFERENCE")
        elif not parent.active:
            errors.add("parentId", "INACTIVE_REFERENCE")
        elif unit_id is not None and unit_id in await self.repo.unit_ancestors(parent_id):
            errors.add("parentId", "CYCLE")
