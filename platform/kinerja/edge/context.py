"""The request context: the one place that opens the session and resolves who and where.

Order: verify the token -> one statement loads the user (refuse disabled), the chosen tenant
(and sets the RLS tenant) and the committed policy generation -> if this process's policies
are older, reload them and run that statement once more (its tenant choice and RLS setting
depend on the memberships) -> effective permissions from memory.
The outcome is also one frozen `Actor` (authz/actor.py): what every service takes.
"""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request

from ..accounts.repository import UserRepository
from ..audit.recorder import attribute_to_client
from ..auth.identity_repository import Identity, IdentityRepository
from ..auth.tokens import TokenClaims, TokenError
from ..authz.actor import Actor, ClientRef, Principal
from ..authz.permissions import ANONYMOUS
from ..clients.attribution import ClientUnknown, app_principal, attributed_client
from ..db import adopt_tenant
from ..errors import TenantNotAllowed, Unauthenticated
from ..graphql.context import Context

TENANT_HEADER = "x-tenant"
CLIENT_HEADER = "x-client-id"


def verify_bearer(services: Any, authorization: str | None) -> TokenClaims | None:
    """Checks the bearer token's signature and claims (no database)."""
    if not authorization:
        return None
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthenticated("TOKEN_INVALID")
    try:
        claims: TokenClaims = services.token_verifier.verify(token.strip())
    except TokenError as exc:
        raise Unauthenticated(exc.reason) from exc
    return claims


async def _user_id_of(services: Any, session: AsyncSession,
                      claims: TokenClaims) -> uuid.UUID:
    if claims.user_id is not None:
        return claims.user_id
    user = await UserRepository(session).auth_row_by_username(claims.external_username or "")
    if user is None:  # an OIDC identity with no local account
        raise Unauthenticated("TOKEN_UNKNOWN_USER")
    found: uuid.UUID = user.id
    return found


def loggable_client(request: Request) -> str | None:
    """The X-Client-Id a request claims, for the log line (bounded, printable)."""
    value = (request.headers.get(CLIENT_HEADER) or "").strip()[:80]
    return value if value.isascii() and value.isprintable() and value else None


async def build_context(request: Request, services: Any, session: AsyncSession,
                        language: str, request_id: str) -> Context:
    """Who (token -> enabled user), where (tenant), what (permissions), in one statement.

    Tenant choice: the X-Tenant slug, or the only membership when there is exactly one.
    Unknown, inactive and foreign tenants are all refused alike (TENANT_NOT_ALLOWED).
    """
    today = services.settings.today()
    ctx = Context(request=request, services=services, session=session, language=language,
                  request_id=request_id, actor=Actor(session, None, None, ANONYMOUS, today),
                  today=today)
    headers = request.headers
    slug = (headers.get(TENANT_HEADER) or "").strip().lower() or None
    named_client = (headers.get(CLIENT_HEADER) or "").strip() or None
    claims = await _verify(services, headers.get("authorization"))
    if claims is None:
        if slug:
            raise Unauthenticated()
        return ctx  # anonymous (login): an X-Client-Id is only logged, as claimed
    policies = services.policies
    if claims.app_id is not None:
        return await _app_context(ctx, services, session, claims, slug, named_client)
    user_id = await _user_id_of(services, session, claims)
    used = policies.generation  # the loaded state the memberships below come from
    identity, members = await _identify(policies, session, user_id, slug)
    if identity.user is not None and (not policies.is_current(identity.policy_generation)
                                      or policies.generation != used):
        # stale, or reloaded by another request while the statement ran: decide on the new
        await policies.ensure_fresh(session, identity.policy_generation)
        identity, members = await _identify(policies, session, user_id, slug)
    user, tenant = identity.user, identity.tenant
    if user is None or user.disabled:
        raise Unauthenticated("TOKEN_UNKNOWN_USER")
    if tenant is not None and (not tenant.active or tenant.id not in members):
        tenant = None
    if slug is not None and tenant is None:
        raise TenantNotAllowed()
    ctx.principal = Principal(user_id=user.id, username=user.username, source=claims.source)
    ctx.member_tenant_ids = members
    ctx.tenant = tenant
    ctx.platform_permissions = policies.permissions_for(user.id, None)
    if tenant is not None:
        ctx.permissions = policies.permissions_for(user.id, tenant.id)
        adopt_tenant(session, tenant.id)  # app.tenant_id was set by the identity statement
    client: ClientRef | None = None
    if named_client or claims.client_id:
        client = await attributed_client(session, named_client or claims.client_id or "",
                                         tenant, members, claimed=named_client is not None)
        attribute_to_client(session, client.client_id if client else None)
    ctx.actor = Actor(session, tenant.id if tenant else None, user.id, ctx.permissions, today,
                      client=client)
    return ctx


async def _identify(policies: Any, session: AsyncSession, user_id: uuid.UUID,
                    slug: str | None) -> tuple[Identity, list[uuid.UUID]]:
    """The identity statement, given the memberships this process's policies know."""
    members = policies.tenant_ids_of(user_id)
    only = members[0] if slug is None and len(members) == 1 else None
    identity = await IdentityRepository(session).resolve(
        user_id, slug=slug, tenant_id=only, member_ids=members)
    return identity, members


async def _app_context(ctx: Context, services: Any, session: AsyncSession, claims: TokenClaims,
                       slug: str | None, named_client: str | None) -> Context:
    """An app acting in its own name (client-credentials token): one agency, the app's
    roles at TENANT scope (authz/store.py app_permissions), no user."""
    assert claims.app_id is not None and claims.app_tenant_id is not None
    client_id = claims.client_id or ""
    if named_client is not None and named_client != client_id:
        raise ClientUnknown("CLIENT_MISMATCH")
    tenant, committed = await IdentityRepository(session).app_tenant(claims.app_tenant_id)
    await services.policies.ensure_fresh(session, committed)
    tenant, client = await app_principal(session, tenant, claims.app_id, client_id, slug)
    ctx.principal = Principal(user_id=None, source=claims.source, app=client)
    ctx.member_tenant_ids = [tenant.id]
    ctx.tenant = tenant
    ctx.permissions = services.policies.app_permissions(client.subject, tenant.id)
    attribute_to_client(session, client.client_id)
    ctx.actor = Actor(session, tenant.id, None, ctx.permissions, ctx.today, client=client)
    return ctx


async def _verify(services: Any, authorization: str | None) -> TokenClaims | None:
    """RS256 (OIDC) verification may fetch the provider's keys: keep it off the event loop."""
    if authorization and _is_rs256(authorization.partition(" ")[2].strip()):
        return await asyncio.to_thread(verify_bearer, services, authorization)
    return verify_bearer(services, authorization)


def _is_rs256(token: str) -> bool:
    import jwt

    if token.count(".") != 2:
        return False
    try:
        return jwt.get_unverified_header(token).get("alg") == "RS256"
    except jwt.PyJWTError:
        return False
