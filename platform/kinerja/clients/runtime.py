"""Wiring between a request context and the client-app services."""

from __future__ import annotations

import uuid
from typing import Any

from ..authz.actor import app_subject
from ..errors import NotFound
from ..graphql.relay import from_global_id
from ..roles.runtime import catalog_for
from .documents import DocumentService
from .platform_service import PlatformAppService
from .repository import ClientAppRepository, PlatformAppRepository
from .rules import default_enforcement
from .service import ClientAppService
from .types import ClientAppType, PlatformApp


def _enforcement(ctx: Any) -> str:
    return default_enforcement(ctx.settings.is_production)


def app_service(ctx: Any) -> ClientAppService:
    return ClientAppService(ctx.actor, catalog_for(ctx), ctx.settings.secret_grace_hours,
                            _enforcement(ctx))


def platform_service(ctx: Any) -> PlatformAppService:
    return PlatformAppService(ctx.actor, ctx.settings.secret_grace_hours, _enforcement(ctx))


def document_service(ctx: Any) -> DocumentService:
    return DocumentService(ctx.actor, ctx.services.documents.prepare)


def app_id_of(raw: str, type_name: str = "ClientApp") -> uuid.UUID:
    return from_global_id(raw, type_name)[1]


async def load_apps(ctx: Any) -> list[ClientAppType]:
    rows = await ClientAppRepository(ctx.session).list()
    roles = await catalog_for(ctx).policies.subject_roles(
        [app_subject(r.id) for r in rows], ctx.tenant_id)
    return [ClientAppType.from_row(r, ctx.tenant_id, roles[app_subject(r.id)]) for r in rows]


async def load_app(ctx: Any, app_id: uuid.UUID, _sel: Any = None) -> ClientAppType:
    row = await ClientAppRepository(ctx.session).row(app_id)
    if row is None:
        raise NotFound()
    subject = app_subject(row.id)
    roles = await catalog_for(ctx).policies.subject_roles([subject], ctx.tenant_id)
    return ClientAppType.from_row(row, ctx.tenant_id, roles[subject])


async def load_platform_app(ctx: Any, app_id: uuid.UUID) -> PlatformApp:
    row = await PlatformAppRepository(ctx.session).row(app_id)
    if row is None:
        raise NotFound()
    return PlatformApp.from_row(row)
