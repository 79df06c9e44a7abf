"""Platform apps (platform admins): register, change, rotate. There is no delete: agencies
that enabled one keep their rows (and audit trail); `disabled` switches it off everywhere."""

from __future__ import annotations

import uuid

from ..audit.recorder import record_platform, snapshot
from ..authz.actor import Acting, Actor
from ..errors import ErrorCollector, NotFound
from ..kit.fields import check_version
from ..kit.writes import unique_guard
from ..models import PlatformApp
from ..models.base import utcnow
from .credentials import ClientId
from .repository import PlatformAppRepository
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


class PlatformAppService(Acting):
    def __init__(self, actor: Actor, grace_hours: int, enforcement: str = "OPEN"):
        super().__init__(actor)
        self.default_enforcement = enforcement
        self.repo = PlatformAppRepository(actor.session)
        self.grace_hours = grace_hours

    async def _app(self, app_id: uuid.UUID, version: int | None = None) -> PlatformApp:
        app = await self.repo.get(app_id)
        if app is None:
            raise NotFound()
        check_version(app, version)
        return app

    async def register(self, name: str | None, kind: str | None,
                       enforcement: str | None = None,
                       app_id: uuid.UUID | None = None) -> IssuedSecret:
        """`app_id`: a fixed id (the bundled web app's, webapp/catalog.py); else a new one."""
        errors = ErrorCollector()
        clean = check_new_app(errors, name, kind, enforcement)
        if clean is not None and await self.repo.name_taken(clean):
            errors.add("name", "DUPLICATE", detail=clean)
        errors.raise_if_any()
        app = PlatformApp(name=clean or "", kind=kind or "",
                          enforcement=enforcement or self.default_enforcement)
        if app_id is not None:
            app.id = app_id
        secret = set_new_secret(app)
        self.repo.add(app)
        async with unique_guard({"name": "name"}):
            await self.session.flush()
        await self._audit("platform_app.create", app.id, None, snapshot(app, AUDITED[:3]))
        return IssuedSecret(app.id, str(ClientId(app.id, None)), secret)

    async def update(self, app_id: uuid.UUID, version: int | None, name: str | None,
                     disabled: bool | None, enforcement: str | None = None) -> uuid.UUID:
        app = await self._app(app_id, version)
        errors = ErrorCollector()
        clean = clean_app_name(errors, name, required=False)
        check_enforcement(errors, enforcement)
        if clean is not None and await self.repo.name_taken(clean, app.id):
            errors.add("name", "DUPLICATE", detail=clean)
        errors.raise_if_any()
        before = snapshot(app, AUDITED[:3])
        apply_changes(app, clean, disabled, enforcement, utcnow())
        async with unique_guard({"name": "name"}):
            await self.session.flush()
        await self._audit("platform_app.update", app.id, before, snapshot(app, AUDITED[:3]))
        return app.id

    async def rotate(self, app_id: uuid.UUID, version: int | None,
                     grace_hours: int | None) -> IssuedSecret:
        app = await self._app(app_id, version)
        errors = ErrorCollector()
        check_grace(errors, grace_hours)
        errors.raise_if_any()
        secret, rotated = rotation(app, grace_hours, self.grace_hours, utcnow())
        await self.session.flush()
        await self._audit("platform_app.rotate_secret", app.id, None, rotated)
        return IssuedSecret(app.id, str(ClientId(app.id, None)), secret)

    async def _audit(self, action: str, app_id: uuid.UUID, before: dict | None,
                     after: dict | None) -> None:
        await record_platform(self.session, actor_user_id=self.user_id, action=action,
                              object_type="PlatformApp", object_id=app_id, before=before,
                              after=after)
