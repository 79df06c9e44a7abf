"""The request context type: what resolvers receive as `info.context` (built by edge/context.py).

It lives in the GraphQL kit because every domain's resolvers read it; only its builder, which
verifies tokens and resolves who and where, belongs to the HTTP edge.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request

from ..authz.actor import Actor, ClientRef, Principal, TenantRef
from ..authz.permissions import ANONYMOUS, PermissionSet
from ..errors import Unauthenticated, UserRequired
from ..kit.loaders import Loaders

if TYPE_CHECKING:
    from ..config import Settings


@dataclass
class Context:
    request: Request
    services: Any  # the app's Services (app.py): the kit does not depend on the app
    session: AsyncSession
    language: str
    request_id: str
    actor: Actor  # who, where, with what, today: what services take (set by build_context)
    principal: Principal | None = None
    tenant: TenantRef | None = None
    permissions: PermissionSet = ANONYMOUS
    platform_permissions: PermissionSet = ANONYMOUS
    member_tenant_ids: list[uuid.UUID] = field(default_factory=list)
    loaders: Loaders = field(default_factory=Loaders)
    after_commit: list[Callable[[], Any]] = field(default_factory=list)
    today: date = field(default_factory=date.today)  # set from settings.timezone
    data_changed: bool = False  # a mutation changed data: cached responses must go
    changed_tenants: set[uuid.UUID] = field(default_factory=set)  # ... also shown there
    uncacheable: bool = False  # the answer must not come from the response cache next time
    data_views: set[Any] = field(default_factory=set)  # sensitive reads to record (audit/)
    read_events: list[dict[str, Any]] = field(default_factory=list)  # audit events of reads
    document: Any = None  # the gate's Prepared document (edge/documents.py)
    usage: list[tuple[str, str]] = field(default_factory=list)  # (kind, subject): usage/

    def release(self) -> None:
        """Drop the objects the request built once its answer is made. graphql-core's
        execution context, which holds this one, is a reference cycle, so without this every
        node the loaders hold would wait for the cyclic collector (measured: ~500 objects a
        cold employee page, 9 % of its CPU in collections at 16 clients); released, they go
        by reference counting."""
        self.loaders.clear()

    @property
    def settings(self) -> Settings:
        settings: Settings = self.services.settings
        return settings

    @property
    def user_id(self) -> uuid.UUID:
        """The signed-in user; an app acting in its own name has none (USER_REQUIRED)."""
        if self.principal is None:
            raise Unauthenticated()
        if self.principal.user_id is None:
            raise UserRequired()
        return self.principal.user_id

    @property
    def client(self) -> ClientRef | None:
        return self.actor.client

    @property
    def tenant_id(self) -> uuid.UUID:
        from ..errors import TenantRequired

        if self.tenant is None:
            raise TenantRequired()
        return self.tenant.id


Info = strawberry.Info[Context, None]  # what resolvers receive: `info.context` is a Context
