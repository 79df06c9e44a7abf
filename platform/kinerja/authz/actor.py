"""Who acts, where, with what, on which day: the one value every service and access class takes.

Built once per request by edge/context.py (and directly by the CLI and the demo loaders), so
no service reaches into the GraphQL context and every caller hands over the same shape.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from .permissions import ANONYMOUS, PermissionSet


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is calling (from a verified token)."""

    user_id: uuid.UUID
    username: str | None = None
    source: str = "local"  # "local" (our HS256 tokens) or "oidc"


@dataclass(frozen=True, slots=True)
class TenantRef:
    """What a request needs of its agency (tenants/repository.py reads it by slug)."""

    id: uuid.UUID
    slug: str
    name: str
    active: bool
    data_version: int = 0


@dataclass(frozen=True)
class Actor:
    session: AsyncSession  # the request's unit of work
    tenant_id: uuid.UUID | None  # the selected agency; None for platform-level work
    user_id: uuid.UUID | None  # the signed-in user; None for system work (CLI, demo set-up)
    permissions: PermissionSet = ANONYMOUS  # effective permissions in `tenant_id`
    today: date = field(default_factory=date.today)  # requests: settings.today() (time zone)
    client: None = None  # the calling client application: a later issue fills this slot


class Acting:
    """Base of the services and access classes: keeps the Actor, reads its parts."""

    def __init__(self, actor: Actor):
        self.actor = actor

    @property
    def session(self) -> AsyncSession:
        return self.actor.session

    @property
    def tenant_id(self) -> uuid.UUID | None:
        return self.actor.tenant_id

    @property
    def user_id(self) -> uuid.UUID | None:
        return self.actor.user_id

    @property
    def permissions(self) -> PermissionSet:
        return self.actor.permissions

    @property
    def today(self) -> date:
        return self.actor.today
