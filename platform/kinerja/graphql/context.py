"""The request context: the one place that opens the session and resolves who and where.

Order: verify the token -> load the user (refuse disabled) -> refresh policies if changed ->
choose the tenant (X-Tenant slug, or the only membership) -> compute effective permissions.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request

from ..auth.principal import Principal
from ..auth.tokens import TokenError
from ..authz.permissions import ANONYMOUS, PermissionSet
from ..db import switch_tenant
from ..errors import TenantNotAllowed, Unauthenticated
from ..kit.loaders import Loaders
from ..tenants.repository import TenantRef, TenantRepository
from ..accounts.repository import UserRepository

TENANT_HEADER = "x-tenant"


@dataclass
class Context:
    request: Request
    services: Any  # kinerja.app.Services
    session: AsyncSession
    language: str
    request_id: str
    principal: Principal | None = None
    tenant: TenantRef | None = None
    permissions: PermissionSet = ANONYMOUS
    platform_permissions: PermissionSet = ANONYMOUS
    member_tenant_ids: list[uuid.UUID] = field(default_factory=list)
    loaders: Loaders = field(default_factory=Loaders)
    after_commit: list[Callable[[], Any]] = field(default_factory=list)
    today: date = field(default_factory=date.today)  # set from settings.timezone

    @property
    def settings(self):
        return self.services.settings

    @property
    def user_id(self) -> uuid.UUID:
        if self.principal is None:
            raise Unauthenticated()
        return self.principal.user_id

    @property
    def tenant_id(self) -> uuid.UUID:
        from ..errors import TenantRequired

        if self.tenant is None:
            raise TenantRequired()
        return self.tenant.id


async def authenticate(services: Any, session: AsyncSession, authorization: str | None) -> Principal | None:
    """Bearer token -> Principal; raises Unauthenticated with the precise reason."""
    if not authorization:
        return None
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthenticated("TOKEN_INVALID")
    token = token.strip()
    verifier = services.token_verifier
    try:
        if token.count(".") == 2 and _is_rs256(token):
            claims = await asyncio.to_thread(verifier.verify, token)
        else:
            claims = verifier.verify(token)
    except TokenError as exc:
        raise Unauthenticated(exc.reason) from exc
    users = UserRepository(session)
    if claims.user_id is not None:
        user = await users.auth_row_by_id(claims.user_id)
    else:
        user = await users.auth_row_by_username(claims.external_username or "")
    if user is None or user.disabled:
        raise Unauthenticated("TOKEN_UNKNOWN_USER")
    return Principal(user_id=user.id, username=user.username, source=claims.source)


def _is_rs256(token: str) -> bool:
    import jwt

    try:
        return jwt.get_unverified_header(token).get("alg") == "RS256"
    except jwt.PyJWTError:
        return False


async def resolve_tenant(
    services: Any, session: AsyncSession, principal: Principal | None, slug: str | None
) -> tuple[TenantRef | None, list[uuid.UUID]]:
    """The tenant this request acts in. Unknown, inactive and foreign tenants look the same."""
    if principal is None:
        if slug:
            raise Unauthenticated()
        return None, []
    member_ids = services.policies.tenant_ids_of(principal.user_id)
    repo = TenantRepository(session)
    if slug:
        tenant = await repo.ref_by_slug(slug.strip().lower())
        if tenant is None or not tenant.active or tenant.id not in member_ids:
            raise TenantNotAllowed()
        return tenant, member_ids
    if len(member_ids) == 1:
        tenant = await repo.ref_by_id(member_ids[0])
        if tenant is not None and tenant.active:
            return tenant, member_ids
    return None, member_ids


async def build_context(request: Request, services: Any, session: AsyncSession,
                        language: str, request_id: str) -> Context:
    ctx = Context(request=request, services=services, session=session,
                  language=language, request_id=request_id, today=services.settings.today())
    await services.policies.ensure_fresh(session)
    ctx.principal = await authenticate(services, session, request.headers.get("authorization"))
    ctx.tenant, ctx.member_tenant_ids = await resolve_tenant(
        services, session, ctx.principal, request.headers.get(TENANT_HEADER)
    )
    if ctx.principal is not None:
        policies = services.policies
        ctx.platform_permissions = policies.permissions_for(ctx.principal.user_id, None)
        if ctx.tenant is not None:
            ctx.permissions = policies.permissions_for(ctx.principal.user_id, ctx.tenant.id)
    await switch_tenant(session, ctx.tenant.id if ctx.tenant else None)
    return ctx
