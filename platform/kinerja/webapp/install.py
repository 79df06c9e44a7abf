"""Register the web app as a platform app, publish its documents, enable it in agencies.

Idempotent: an existing app, a document already published and an agency that has enabled the
app already are left as they are, so `serve --demo` (demo/load.py) and `kinerja webapp install`
may run it every time. Everything goes through the client-app services (audited as system work,
no user); the agency rows are written in per-agency sessions (RLS on PostgreSQL).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date

from ..authz.actor import Actor
from ..authz.store import PolicyStore
from ..clients.documents import DocumentService, Prepare
from ..clients.platform_service import PlatformAppService
from ..clients.repository import ClientAppRepository, PlatformAppRepository
from ..clients.service import ClientAppService
from ..db import Database
from ..roles.catalog import RoleCatalog
from ..tenants.repository import TenantRepository
from . import catalog

GRACE_HOURS = 24  # a web app's secret grants nothing (clients/rules.py); rotation never needed


@dataclass
class Installed:
    registered: bool = False
    published: int = 0
    enabled: list[uuid.UUID] = field(default_factory=list)


async def install(db: Database, prepare: Prepare, tenant_ids: list[uuid.UUID]) -> Installed:
    """The app, its current documents, and its row in each of `tenant_ids` (missing ones)."""
    done = Installed()
    async with db.unit_of_work(platform=True) as session:
        actor = Actor(session, None, None, today=date.today())
        if await PlatformAppRepository(session).get(catalog.APP_ID) is None:
            await PlatformAppService(actor, GRACE_HOURS).register(
                catalog.NAME, catalog.KIND, catalog.ENFORCEMENT, app_id=catalog.APP_ID)
            done.registered = True
        published = await DocumentService(actor, prepare).publish_platform(
            catalog.APP_ID, catalog.manifest())
        done.published = published.published
    store = PolicyStore()
    for tenant_id in tenant_ids:
        async with db.unit_of_work(tenant_id=tenant_id) as session:
            if catalog.APP_ID in await ClientAppRepository(session).enabled_platform_ids():
                continue
            actor = Actor(session, tenant_id, None, today=date.today())
            service = ClientAppService(actor, RoleCatalog(session, store, tenant_id),
                                       GRACE_HOURS)
            await service.enable_platform_app(catalog.APP_ID)
            done.enabled.append(tenant_id)
    return done


async def agency_ids(db: Database, slugs: list[str] | None) -> list[uuid.UUID]:
    """The active agencies named by `slugs` (every active one when None); an unknown slug is a
    LookupError naming it."""
    async with db.unit_of_work(platform=True, write=False) as session:
        by_slug = {t.slug: t.id for t in await TenantRepository(session).list(None, False)}
    if slugs is None:
        return list(by_slug.values())
    unknown = [s for s in slugs if s not in by_slug]
    if unknown:
        raise LookupError(", ".join(unknown))
    return [by_slug[s] for s in slugs]
