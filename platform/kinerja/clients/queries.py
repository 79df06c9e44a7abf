"""Client-app queries: the agency's apps, the platform apps it may enable, and (platform
admins) every platform app."""

from __future__ import annotations

import strawberry

from ..errors import NotFound
from ..graphql.context import Info
from ..graphql.permissions import Can, PlatformCan
from ..graphql.relay import to_global_id
from .credentials import ClientId
from .document_repository import PlatformDocumentRepository, TrustedDocumentRepository
from .repository import ClientAppRepository, PlatformAppRepository
from .runtime import app_id_of, load_apps
from .types import ClientAppKind, ClientAppType, PlatformApp, PlatformAppOffer, TrustedDocument


@strawberry.type
class ClientAppQueries:
    @strawberry.field(permission_classes=[Can("client_app", "read")],
                      description="The selected agency's apps, by name, with their roles.")
    async def client_apps(self, info: Info) -> list[ClientAppType]:
        return await load_apps(info.context)

    @strawberry.field(permission_classes=[Can("client_app", "write")],
                      description="Platform apps this agency may enable (not disabled ones).")
    async def platform_app_offers(self, info: Info) -> list[PlatformAppOffer]:
        ctx = info.context
        enabled = await ClientAppRepository(ctx.session).enabled_platform_ids()
        return [PlatformAppOffer(id=to_global_id("PlatformApp", r.id), name=r.name,
                                 kind=ClientAppKind[r.kind.upper()],
                                 client_id=str(ClientId(r.id, None)), enabled_here=r.id in enabled)
                for r in await PlatformAppRepository(ctx.session).list() if not r.disabled]

    @strawberry.field(permission_classes=[Can("client_app", "read")],
                      description="Documents an app of this agency may run (for a platform "
                                  "app: the platform's), in publication order.")
    async def trusted_documents(self, info: Info, app_id: strawberry.ID) -> list[TrustedDocument]:
        ctx = info.context
        row = await ClientAppRepository(ctx.session).row(app_id_of(app_id))
        if row is None:
            raise NotFound()
        if row.platform_app_id is not None:
            rows = await PlatformDocumentRepository(ctx.session).listing(row.platform_app_id)
        else:
            rows = await TrustedDocumentRepository(ctx.session).listing(row.id)
        return [TrustedDocument(document_id=r.document_id, read_only=r.read_only,
                                operation_names=r.operation_names, published_at=r.published_at,
                                body=r.body) for r in rows]

    @strawberry.field(permission_classes=[PlatformCan("client_app", "read")],
                      description="Every platform app (platform admins).")
    async def platform_apps(self, info: Info) -> list[PlatformApp]:
        return [PlatformApp.from_row(r)
                for r in await PlatformAppRepository(info.context.session).list()]
