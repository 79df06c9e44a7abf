"""Which app a request comes through: resolving an app token's principal, or the app a
user's request names (X-Client-Id header, or the `azp` claim of an OIDC token).

Both read the app's row under the agency's row-level security. An app named by a user's
request must be enabled in the request's agency (or, with no agency selected, in one the user
belongs to); anything else is CLIENT_UNKNOWN, so a request can never borrow another agency's
app. An `azp` that is not a Kinerja client id (`ka-`/`kp-`) names an identity provider's own
client and is ignored.
"""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from ..authz.actor import ClientRef, TenantRef
from ..db import switch_tenant
from ..errors import KinerjaError, TenantNotAllowed, Unauthenticated
from .credentials import ClientId, parse_client_id
from .repository import ClientAppRepository, PlatformAppRepository


class ClientUnknown(KinerjaError):
    code = "CLIENT_UNKNOWN"


async def _enabled_in(session: AsyncSession, parsed: ClientId,
                      client_id: str) -> ClientRef | None:
    """The app's row in the session's agency, if enabled there."""
    repo = ClientAppRepository(session)
    auth = (await repo.auth(platform_app_id=parsed.app_id) if parsed.platform
            else await repo.auth(app_id=parsed.app_id))
    if auth is None or auth.disabled:
        return None
    return ClientRef(auth.id, client_id, auth.name, auth.kind, auth.platform_app_id,
                     auth.enforcement)


async def app_principal(session: AsyncSession, tenant: TenantRef | None, app_id: uuid.UUID,
                        client_id: str, slug: str | None) -> tuple[TenantRef, ClientRef]:
    """An app token's agency (as the request context read it) and app, both still valid (a
    disabled or deleted app, or an inactive agency, ends its tokens at once)."""
    if tenant is None or not tenant.active:
        raise Unauthenticated("TOKEN_UNKNOWN_APP")
    if slug is not None and slug != tenant.slug:
        raise TenantNotAllowed()
    parsed = parse_client_id(client_id)
    if parsed is None:
        raise Unauthenticated("TOKEN_INVALID")
    await switch_tenant(session, tenant.id)
    client = await _enabled_in(session, parsed, client_id)
    if client is None or client.id != app_id:
        raise Unauthenticated("TOKEN_UNKNOWN_APP")
    return tenant, client


async def attributed_client(session: AsyncSession, client_id: str, tenant: TenantRef | None,
                            member_ids: list[uuid.UUID], *, claimed: bool) -> ClientRef | None:
    """The app a user's request names; `claimed` False for an `azp` claim (ignored when it
    is not one of ours)."""
    parsed = parse_client_id(client_id)
    if parsed is None:
        if claimed:
            raise ClientUnknown()
        return None
    if tenant is not None:
        if parsed.tenant_id is not None and parsed.tenant_id != tenant.id:
            raise ClientUnknown()
        client = await _enabled_in(session, parsed, client_id)
    elif parsed.tenant_id is not None:  # no agency selected: look in the app's own agency
        if parsed.tenant_id not in member_ids:
            raise ClientUnknown()
        await switch_tenant(session, parsed.tenant_id)
        try:
            client = await _enabled_in(session, parsed, client_id)
        finally:
            await switch_tenant(session, None)
    else:  # a platform app at platform level
        row = await PlatformAppRepository(session).row(parsed.app_id)
        client = (ClientRef(row.id, client_id, row.name, row.kind, row.id, row.enforcement)
                  if row is not None and not row.disabled else None)
    if client is None:
        raise ClientUnknown()
    return client
