"""Position (jabatan) rules: code unique per tenant; the type follows from the level."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from ..audit.recorder import record, snapshot
from ..authz.actor import Acting, Actor
from ..errors import ErrorCollector
from ..kit.fields import clean_code, clean_name, current_or_raise
from ..kit.writes import unique_guard
from ..models import Position
from ..reference import POSITION_LEVELS, position_type_of
from .checks import UNIQUE_FIELDS, apply_change
from .write_repository import PeopleWriteRepository

AUDITED = ("code", "name", "position_type", "level", "active")


@dataclass
class PositionInput:
    code: str | None = None
    name: str | None = None
    level: str | None = None
    active: bool | None = None


class PositionService(Acting):
    def __init__(self, actor: Actor):
        super().__init__(actor)
        self.repo = PeopleWriteRepository(actor.session)

    async def create(self, data: PositionInput) -> uuid.UUID:
        errors = ErrorCollector()
        code = clean_code(errors, "code", data.code)
        name = clean_name(errors, "name", data.name, required=True)
        level = self._level(errors, data.level, required=True)
        await self._check_code(errors, code, None)
        errors.raise_if_any()
        position = Position(tenant_id=self.tenant_id, code=code, name=name, level=level,
                            position_type=position_type_of(level))
        async with unique_guard(UNIQUE_FIELDS):
            self.repo.add(position)
            await self.session.flush()
        await record(self.session, tenant_id=self.tenant_id, actor_user_id=self.user_id,
                     action="position.create", object_type="Position", object_id=position.id,
                     after=snapshot(position, AUDITED))
        return position.id

    async def update(self, position_id: uuid.UUID, data: PositionInput, version: int | None,
                     action: str = "position.update",
                     in_use_field: str | None = "active") -> uuid.UUID:
        current = current_or_raise(await self.repo.position_row(position_id), version)
        errors = ErrorCollector()
        values: dict = {}
        code = clean_code(errors, "code", data.code)
        if code is not None and code != current.code:
            await self._check_code(errors, code, position_id)
            values["code"] = code
        name = clean_name(errors, "name", data.name, required=False)
        if name is not None:
            values["name"] = name
        level = self._level(errors, data.level, required=False)
        if level is not None:
            values["level"] = level
            values["position_type"] = position_type_of(level)
        if data.active is not None:
            if not data.active and current.active and await self.repo.position_in_use(position_id):
                errors.add(in_use_field, "POSITION_IN_USE")
            values["active"] = data.active
        errors.raise_if_any()
        await apply_change(self.repo, Position, current, values, tenant_id=self.tenant_id,
                           actor=self.user_id, action=action, audited=AUDITED)
        return position_id

    async def deactivate(self, position_id: uuid.UUID, version: int | None) -> uuid.UUID:
        return await self.update(position_id, PositionInput(active=False), version,
                                 action="position.deactivate", in_use_field=None)

    @staticmethod
    def _level(errors: ErrorCollector, level: str | None, required: bool) -> str | None:
        if level is None:
            if required:
                errors.add("level", "REQUIRED")
            return None
        if level not in POSITION_LEVELS:
            errors.add("level", "INVALID_VALUE", detail=level)
            return None
        return level

    async def _check_code(self, errors: ErrorCollector, code: str | None,
                          except_id: uuid.UUID | None) -> None:
        if code is not None and await self.repo.code_taken(Position, code, except_id):
            errors.add("code", "DUPLICATE", detail=code)
