"""Custom roles of a tenant: create, update, delete, each guarded and audited.

Guards (field errors, nothing written): names are lowercase identifiers that cannot shadow a
built-in role (BUILTIN_ROLE); permissions must be in the vocabulary with a scope the resource
allows (INVALID_PERMISSION: no wildcard, no platform scope); the actor must hold each one at an
equal or wider scope (PERMISSION_NOT_HELD). The domain is always the actor's tenant.

Concurrency: each change first takes the policy turn (`begin_change`), then reads the role,
so two updates of one version are one winner and CONFLICT (the loser reads the winner's
version), updates without a version apply one after the other, and a deletion cannot race an
assignment. The audit "after" is read back from what was written, in the same transaction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError

from ..audit.recorder import record
from ..authz.actor import Actor
from ..errors import ErrorCollector, FieldError, InputErrors, NotFound
from ..kit.fields import check_version
from ..models import Role
from ..models.base import utcnow
from .catalog import RoleCatalog, RoleInfo, holds, in_vocabulary, unheld
from .repository import Grant

ROLE_NAME = re.compile(r"^[a-z][a-z0-9_]{1,59}$")
MAX_PERMISSIONS = 200


@dataclass
class RoleData:
    name: str | None = None
    description: str | None = None
    permissions: list[Grant] | None = None


def normalise_name(name: str | None) -> str:
    return (name or "").strip().lower()


def _snapshot(description: str, grants: list[Grant]) -> dict:
    return {"description": description, "permissions": sorted(g.label for g in grants)}


class RoleService:
    def __init__(self, catalog: RoleCatalog, actor: Actor):
        self.catalog = catalog
        self.actor = actor
        self.session = catalog.session

    def check_permissions(self, grants: list[Grant] | None, errors: ErrorCollector,
                          required: bool) -> None:
        if grants is None:
            if required:
                errors.add("permissions", "REQUIRED")
            return
        if not grants:
            errors.add("permissions", "REQUIRED")
        if len(grants) > MAX_PERMISSIONS:
            errors.add("permissions", "TOO_LONG", max=MAX_PERMISSIONS)
            return
        seen: set[tuple[str, str]] = set()
        for index, grant in enumerate(grants):
            where = f"permissions[{index}]"
            if not in_vocabulary(grant):
                errors.add(where, "INVALID_PERMISSION", detail=grant.label)
            elif (grant.resource, grant.action) in seen:
                errors.add(where, "DUPLICATE", detail=f"{grant.resource}:{grant.action}")
            elif not holds(self.actor.permissions, grant):
                errors.add(where, "PERMISSION_NOT_HELD", detail=grant.label)
            seen.add((grant.resource, grant.action))

    @staticmethod
    def check_description(description: str | None, errors: ErrorCollector) -> None:
        if description is not None and len(description.strip()) > 500:
            errors.add("description", "TOO_LONG", max=500)

    async def create(self, data: RoleData) -> RoleInfo:
        await self.catalog.policies.begin_change()
        name = normalise_name(data.name)
        errors = ErrorCollector()
        if not name:
            errors.add("name", "REQUIRED")
        elif self.catalog.is_reserved_name(name):
            errors.add("name", "BUILTIN_ROLE")
        elif not ROLE_NAME.match(name):
            errors.add("name", "INVALID_VALUE", detail="a-z, 0-9 and _, 2-60 characters")
        elif await self.catalog.roles.row_by_name(name) is not None:
            errors.add("name", "DUPLICATE", detail=name)
        self.check_description(data.description, errors)
        self.check_permissions(data.permissions, errors, required=True)
        errors.raise_if_any()
        description = (data.description or "").strip()
        role = Role(tenant_id=self.actor.tenant_id, name=name, description=description)
        self.catalog.roles.add(role)
        try:
            await self.session.flush()
        except IntegrityError as exc:  # a concurrent request created the same name
            raise InputErrors([FieldError("name", "DUPLICATE", {"detail": name})]) from exc
        await self.catalog.policies.replace_grants(name, self.actor.tenant_id, data.permissions)
        await self._audit("role.create", name, None, _snapshot(description, data.permissions))
        return await self.catalog.get(name)

    async def _custom_role(self, name: str) -> Role:
        """The custom role to change; built-in ones give BUILTIN_ROLE, unknown ones NOT_FOUND."""
        if self.catalog.is_reserved_name(name):
            errors = ErrorCollector()
            errors.add("name", "BUILTIN_ROLE")
            errors.raise_if_any()
        role = await self.catalog.roles.get_by_name(name)
        if role is None:
            raise NotFound()
        return role

    async def update(self, data: RoleData, version: int | None) -> RoleInfo:
        await self.catalog.policies.begin_change()
        name = normalise_name(data.name)
        role = await self._custom_role(name)
        check_version(role, version)
        current = await self.catalog.grants_of(name) or []
        errors = ErrorCollector()
        self.check_description(data.description, errors)
        self.check_permissions(data.permissions, errors, required=False)
        if data.permissions is not None:
            # cannot strip what you do not hold
            for grant in unheld(self.actor.permissions, current):
                errors.add("permissions", "PERMISSION_NOT_HELD", detail=grant.label)
        errors.raise_if_any()
        before = _snapshot(role.description, current)
        if data.description is not None:
            role.description = data.description.strip()
        if data.permissions is not None:
            await self.catalog.policies.replace_grants(name, self.actor.tenant_id, data.permissions)
        role.version += 1  # the UPDATE is conditioned on the version read (CHECKED_VERSION)
        role.updated_at = utcnow()
        await self.session.flush()
        info = await self.catalog.get(name)  # what was written, read back
        await self._audit("role.update", name, before, _snapshot(info.description, info.grants))
        return info

    async def delete(self, name: str) -> RoleInfo:
        await self.catalog.policies.begin_change()
        name = normalise_name(name)
        role = await self._custom_role(name)
        info = await self.catalog.get(name)
        if await self.catalog.policies.role_in_use(name, self.actor.tenant_id):
            errors = ErrorCollector()
            errors.add("name", "ROLE_IN_USE")
            errors.raise_if_any()
        await self.catalog.policies.delete_grants(name, self.actor.tenant_id)
        await self.catalog.roles.delete(role)
        await self._audit("role.delete", name, _snapshot(info.description, info.grants), None)
        return info

    async def _audit(self, action: str, name: str, before: dict | None, after: dict | None) -> None:
        await record(self.session, tenant_id=self.actor.tenant_id, actor_user_id=self.actor.user_id,
                     action=action, object_type="Role", object_id=name, before=before, after=after)
