"""An agency's client apps: register, change, rotate, delete, enable a platform app, roles.

Roles are given to an app as to a user (Casbin `g` rows, subject `app:<id>`) with the same
guards: nobody grants a permission they do not hold, and nobody changes, rotates, disables or
deletes an app holding more than they do (rotating would hand them its power).
"""

from __future__ import annotations

import uuid

from ..audit.recorder import record, snapshot
from ..authz.actor import Acting, Actor, app_subject
from ..errors import ErrorCollector, NotFound
from ..kit.fields import check_version
from ..kit.writes import unique_guard
from ..models import ClientApp
from ..models.base import utcnow
from ..roles.assignments import AssignmentService
from ..roles.catalog import RoleCatalog
from ..roles.service import normalise_name
from .credentials import client_id_of
from .repository import ClientAppRepository, PlatformAppRepository
from .rules import (
    AUDITED,
    IssuedSecret,
    apply_changes,
    check_enforcement,
    check_grace,
    check_new_app,
    clean_app_name,
    rotation,
    set_new_secret,
)


class ClientAppService(Acting):
    def __init__(self, actor: Actor, catalog: RoleCatalog, grace_hours: int,
                 enforcement: str = "OPEN"):
        super().__init__(actor)
        self.default_enforcement = enforcement
        self.repo = ClientAppRepository(actor.session)
        self.roles = AssignmentService(catalog, actor)
        self.policies = catalog.policies
        self.grace_hours = grace_hours

    @property
    def agency(self) -> uuid.UUID:
        assert self.tenant_id is not None, "client apps belong to an agency"
        return self.tenant_id

    async def _app(self, app_id: uuid.UUID, version: int | None = None) -> ClientApp:
        app = await self.repo.get(app_id)
        if app is None:
            raise NotFound()
        check_version(app, version)
        return app

    async def roles_of(self, app_id: uuid.UUID) -> list[str]:
        subject = app_subject(app_id)
        return (await self.policies.subject_roles([subject], self.agency))[subject]

    async def _check_outranks(self, app_id: uuid.UUID, errors: ErrorCollector) -> None:
        await self.roles.check_outranks(await self.roles_of(app_id), errors, "id")

    async def _check_name(self, errors: ErrorCollector, name: str | None,
                          except_id: uuid.UUID | None) -> None:
        if name is not None and await self.repo.name_taken(name, except_id):
            errors.add("name", "DUPLICATE", detail=name)

    async def register(self, name: str | None, kind: str | None,
                       enforcement: str | None = None) -> IssuedSecret:
        errors = ErrorCollector()
        clean = check_new_app(errors, name, kind, enforcement)
        await self._check_name(errors, clean, None)
        errors.raise_if_any()
        app = ClientApp(tenant_id=self.agency, name=clean or "", kind=kind or "",
                        enforcement=enforcement or self.default_enforcement)
        secret = set_new_secret(app)
        self.repo.add(app)
        async with unique_guard({"name": "name"}):
            await self.session.flush()
        await self._audit("client_app.create", app.id, None, snapshot(app, AUDITED))
        return IssuedSecret(app.id, client_id_of(self.agency, app.id, app.platform_app_id), secret)

    async def update(self, app_id: uuid.UUID, version: int | None, name: str | None,
                     disabled: bool | None, enforcement: str | None = None) -> uuid.UUID:
        app = await self._app(app_id, version)
        errors = ErrorCollector()
        clean = clean_app_name(errors, name, required=False)
        check_enforcement(errors, enforcement)
        if clean is not None and app.platform_app_id is not None:
            errors.add("name", "INVALID_VALUE", detail="a platform app keeps its platform name")
        await self._check_name(errors, clean, app.id)
        await self._check_outranks(app.id, errors)
        errors.raise_if_any()
        before = snapshot(app, AUDITED)
        apply_changes(app, clean, disabled, enforcement, utcnow())
        async with unique_guard({"name": "name"}):
            await self.session.flush()
        await self._audit("client_app.update", app.id, before, snapshot(app, AUDITED))
        return app.id

    async def rotate(self, app_id: uuid.UUID, version: int | None,
                     grace_hours: int | None) -> IssuedSecret:
        app = await self._app(app_id, version)
        errors = ErrorCollector()
        check_grace(errors, grace_hours)
        if app.platform_app_id is not None:
            errors.add("id", "INVALID_VALUE", detail="a platform app's secret is the platform's")
        await self._check_outranks(app.id, errors)
        errors.raise_if_any()
        secret, rotated = rotation(app, grace_hours, self.grace_hours, utcnow())
        await self.session.flush()
        await self._audit("client_app.rotate_secret", app.id, None, rotated)
        return IssuedSecret(app.id, client_id_of(self.agency, app.id, app.platform_app_id), secret)

    async def delete(self, app_id: uuid.UUID) -> dict:
        await self.policies.begin_change()  # the policy turn first (roles/repository.py)
        app = await self._app(app_id)
        errors = ErrorCollector()
        await self._check_outranks(app.id, errors)
        errors.raise_if_any()
        before = {**snapshot(app, AUDITED), "roles": await self.roles_of(app.id)}
        await self.policies.remove_grouping(app_subject(app.id), None, self.agency)
        await self.repo.delete(app)
        await self._audit("client_app.delete", app.id, before, None)
        return before

    async def enable_platform_app(self, platform_app_id: uuid.UUID) -> uuid.UUID:
        platform = await PlatformAppRepository(self.session).get(platform_app_id)
        if platform is None:
            raise NotFound()
        errors = ErrorCollector()
        if platform_app_id in await self.repo.enabled_platform_ids():
            errors.add("platformAppId", "DUPLICATE", detail=platform.name)
        else:
            await self._check_name(errors, platform.name, None)
        errors.raise_if_any()
        app = ClientApp(tenant_id=self.agency, name=platform.name, kind=platform.kind,
                        platform_app_id=platform.id)
        self.repo.add(app)
        async with unique_guard({"name": "name", "platform_app_id": "platformAppId"}):
            await self.session.flush()
        await self._audit("client_app.enable_platform_app", app.id, None,
                          snapshot(app, AUDITED))
        return app.id

    async def assign_role(self, app_id: uuid.UUID, role: str) -> uuid.UUID:
        await self.policies.begin_change()  # the policy turn first (roles/repository.py)
        app = await self._app(app_id)
        before = await self.roles_of(app.id)
        role = normalise_name(role)
        errors = ErrorCollector()
        if await self.roles.check_assignable(role, errors, "role") and role in before:
            errors.add("role", "DUPLICATE", detail=role)
        errors.raise_if_any()
        await self.policies.add_grouping(app_subject(app.id), role, self.agency)
        await self._audit("client_app.role_assign", app.id, {"roles": before},
                          {"roles": sorted([*before, role]), "role": role})
        return app.id

    async def revoke_role(self, app_id: uuid.UUID, role: str) -> uuid.UUID:
        await self.policies.begin_change()  # the policy turn first (roles/repository.py)
        app = await self._app(app_id)
        before = await self.roles_of(app.id)
        role = normalise_name(role)
        errors = ErrorCollector()
        if role not in before:
            errors.add("role", "NOT_FOUND")
        else:
            await self.roles.check_outranks([role], errors, "role")
        errors.raise_if_any()
        await self.policies.remove_grouping(app_subject(app.id), role, self.agency)
        await self._audit("client_app.role_revoke", app.id, {"roles": before},
                          {"roles": [r for r in before if r != role], "role": role})
        return app.id

    async def _audit(self, action: str, app_id: uuid.UUID, before: dict | None,
                     after: dict | None) -> None:
        await record(self.session, tenant_id=self.agency, actor_user_id=self.user_id,
                     action=action, object_type="ClientApp", object_id=app_id,
                     before=before, after=after)
