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
class ClientRef:
    """The client app a request comes through (clients/): its own principal with an app
    token, or the attribution of a user's request."""

    id: uuid.UUID  # the app's row in the agency (client_app.id); platform-level: platform_app.id
    client_id: str
    name: str
    kind: str
    platform_app_id: uuid.UUID | None = None
    enforcement: str = "OPEN"  # DOCUMENTS_ONLY: only its published documents run (edge/trusted)

    @property
    def subject(self) -> str:
        """The app's Casbin subject (users are their UUIDs; apps are `app:<uuid>`)."""
        return app_subject(self.id)


def app_subject(app_id: uuid.UUID) -> str:
    return f"app:{app_id}"


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is calling (from a verified token): a user, or an app in its own name
    (client-credentials token: `user_id` None, `app` set)."""

    user_id: uuid.UUID | None
    username: str | None = None
    source: str = "local"  # "local" (our HS256 tokens), "oidc" or "client_credentials"
    app: ClientRef | None = None

    @property
    def acting_id(self) -> uuid.UUID:
        """Who acts: the user, or the app (its row id) when it acts in its own name."""
        if self.user_id is not None:
            return self.user_id
        assert self.app is not None, "a principal is a user or an app"
        return self.app.id


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
    client: ClientRef | None = None  # the client app the request comes through


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

    def is_me(self, user_id: uuid.UUID | None) -> bool:
        """Is this the acting user? Never for an app acting in its own name (no user), so a
        row without a login is nobody's "own" row."""
        return self.actor.user_id is not None and user_id == self.actor.user_id

    @property
    def today(self) -> date:
        return self.actor.today
