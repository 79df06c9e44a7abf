"""The OAuth 2.0 client-credentials grant (RFC 6749 §4.4): who the client is, in which agency.

Errors are RFC 6749 §5.2 codes. An unknown client, a wrong secret and a disabled app are all
`invalid_client` (nothing tells which); a web or mobile app, or a platform app not enabled in
the agency, is `unauthorized_client`; a platform app must name the agency (`tenant`).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from ..auth.tokens import IssuedToken, issue_app_token
from ..config import Settings
from ..db import switch_tenant
from ..models.base import utcnow
from ..tenants.repository import TenantRepository
from .credentials import ClientId, parse_client_id, secret_matches
from .repository import AppAuth, ClientAppRepository, PlatformAppRepository
from .rules import CONFIDENTIAL_KINDS


class GrantError(Exception):
    def __init__(self, error: str, description: str, status: int = 400):
        super().__init__(error)
        self.error, self.description, self.status = error, description, status


INVALID_CLIENT = ("invalid_client", "client authentication failed")


@dataclass(frozen=True)
class Granted:
    token: IssuedToken
    app_id: uuid.UUID
    tenant_id: uuid.UUID
    client_id: str


async def _tenant(session: AsyncSession, parsed: ClientId, slug: str | None) -> uuid.UUID:
    """The agency: the one in an agency app's id, or the one a platform app names."""
    tenants = TenantRepository(session)
    if parsed.tenant_id is not None:
        tenant = await tenants.get(parsed.tenant_id)
        if tenant is None or not tenant.active:
            raise GrantError(*INVALID_CLIENT, status=401)
        if slug is not None and slug != tenant.slug:
            raise GrantError("invalid_request", "the client belongs to another agency")
        return tenant.id
    if slug is None:
        raise GrantError("invalid_request", "a platform app must name the agency ('tenant')")
    ref = await tenants.ref_by_slug(slug)
    if ref is None or not ref.active:
        raise GrantError("unauthorized_client", "the app is not enabled in that agency")
    return ref.id


async def client_credentials(session: AsyncSession, settings: Settings, client_id: str,
                             secret: str, slug: str | None) -> Granted:
    parsed = parse_client_id(client_id)
    if parsed is None:
        raise GrantError(*INVALID_CLIENT, status=401)
    now = utcnow()
    if parsed.platform:  # the platform row first: its secret, before any agency is read
        platform = await PlatformAppRepository(session).secret(parsed.app_id)
        if platform is None or platform[0] or not secret_matches(platform[1], secret, now):
            raise GrantError(*INVALID_CLIENT, status=401)
    tenant_id = await _tenant(session, parsed, slug)
    await switch_tenant(session, tenant_id)  # the app's row is read under the agency's RLS
    repo = ClientAppRepository(session)
    app: AppAuth | None = (await repo.auth(platform_app_id=parsed.app_id) if parsed.platform
                           else await repo.auth(app_id=parsed.app_id))
    if app is None:
        if parsed.platform:
            raise GrantError("unauthorized_client", "the app is not enabled in that agency")
        raise GrantError(*INVALID_CLIENT, status=401)
    if app.disabled or not secret_matches(app.secret, secret, now):
        raise GrantError(*INVALID_CLIENT, status=401)
    if app.kind not in CONFIDENTIAL_KINDS:
        raise GrantError("unauthorized_client",
                         "web and mobile apps are public clients: sign in a user instead")
    token = issue_app_token(settings, app.id, tenant_id, client_id)
    return Granted(token, app.id, tenant_id, client_id)
