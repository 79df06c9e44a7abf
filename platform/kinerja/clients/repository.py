"""SQL of client apps: `client_app` (tenant rows, criteria and RLS as everywhere) and the global
`platform_app` (read in platform scope)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlmodel import col

from ..db import platform_scope
from ..kit.repository import Repository
from ..models import ClientApp, PlatformApp
from .credentials import StoredSecret

APP_COLUMNS = (ClientApp.id, ClientApp.name, ClientApp.kind, ClientApp.platform_app_id,
               ClientApp.disabled, ClientApp.enforcement, ClientApp.secret_rotated_at,
               ClientApp.previous_secret_expires_at, ClientApp.version, ClientApp.created_at,
               ClientApp.updated_at)
PLATFORM_COLUMNS = (PlatformApp.id, PlatformApp.name, PlatformApp.kind, PlatformApp.disabled,
                    PlatformApp.enforcement,
                    PlatformApp.secret_rotated_at, PlatformApp.previous_secret_expires_at,
                    PlatformApp.version, PlatformApp.created_at, PlatformApp.updated_at)


@dataclass(frozen=True, slots=True)
class AppAuth:
    """What authentication needs of an app in its agency (its own row, and for a platform
    app enabled here the platform row's state and secret)."""

    id: uuid.UUID
    name: str
    kind: str
    disabled: bool  # here, or (platform app) platform-wide
    platform_app_id: uuid.UUID | None
    secret: StoredSecret
    enforcement: str  # its own, or (platform app) the platform's


def _secret(current: Any, previous: Any, expires: Any) -> StoredSecret:
    return StoredSecret(current, previous, expires)


class ClientAppRepository(Repository):
    """Apps of the session's agency."""

    @staticmethod
    def _listed() -> sa.Select:
        """The app's columns; `effective_enforcement` is the platform's for a platform app."""
        effective = sa.func.coalesce(col(PlatformApp.enforcement), ClientApp.enforcement)
        return (sa.select(*APP_COLUMNS, effective.label("effective_enforcement"))
                .outerjoin(PlatformApp, col(PlatformApp.id) == ClientApp.platform_app_id))

    async def list(self) -> list[sa.Row]:
        return await self.all(self._listed().order_by(ClientApp.name, ClientApp.id))

    async def row(self, app_id: uuid.UUID) -> sa.Row | None:
        return await self.first(self._listed().where(ClientApp.id == app_id))

    async def get(self, app_id: uuid.UUID) -> ClientApp | None:
        result = await self.session.execute(sa.select(ClientApp).where(ClientApp.id == app_id))
        return result.scalar_one_or_none()

    async def name_taken(self, name: str, except_id: uuid.UUID | None = None) -> bool:
        stmt = sa.select(ClientApp.id).where(sa.func.lower(ClientApp.name) == name.lower())
        if except_id is not None:
            stmt = stmt.where(ClientApp.id != except_id)
        return await self.first(stmt.limit(1)) is not None

    async def enabled_platform_ids(self) -> set[uuid.UUID]:
        rows = await self.all(sa.select(ClientApp.platform_app_id)
                              .where(col(ClientApp.platform_app_id).is_not(None)))
        return {r.platform_app_id for r in rows}

    def add(self, app: ClientApp) -> None:
        self.session.add(app)

    async def delete(self, app: ClientApp) -> None:
        await self.session.delete(app)
        await self.session.flush()

    async def auth(self, *, app_id: uuid.UUID | None = None,
                   platform_app_id: uuid.UUID | None = None) -> AppAuth | None:
        """One statement: the agency's own app by id, or the row enabling a platform app
        (joined to the platform row, whose state and secret then count)."""
        P = PlatformApp
        stmt = (sa.select(ClientApp.id, ClientApp.name, ClientApp.kind, ClientApp.disabled,
                          ClientApp.platform_app_id, ClientApp.secret_hash, ClientApp.enforcement,
                          col(P.enforcement).label("p_enforcement"),
                          ClientApp.previous_secret_hash, ClientApp.previous_secret_expires_at,
                          col(P.disabled).label("p_disabled"), col(P.secret_hash).label("p_hash"),
                          col(P.previous_secret_hash).label("p_previous"),
                          col(P.previous_secret_expires_at).label("p_expires"))
                .select_from(ClientApp)
                .outerjoin(P, col(P.id) == ClientApp.platform_app_id))
        if platform_app_id is not None:
            stmt = stmt.where(ClientApp.platform_app_id == platform_app_id)
        else:
            stmt = stmt.where(ClientApp.id == app_id, col(ClientApp.platform_app_id).is_(None))
        row = await self.first(stmt)
        if row is None:
            return None
        platform = row.platform_app_id is not None
        secret = (_secret(row.p_hash, row.p_previous, row.p_expires) if platform
                  else _secret(row.secret_hash, row.previous_secret_hash,
                               row.previous_secret_expires_at))
        disabled = bool(row.disabled or (platform and row.p_disabled))
        enforcement = row.p_enforcement if platform else row.enforcement
        return AppAuth(row.id, row.name, row.kind, disabled, row.platform_app_id, secret,
                       enforcement)


class PlatformAppRepository(Repository):
    """Platform apps: a global table."""

    async def list(self) -> list[sa.Row]:
        with platform_scope(self.session):
            return await self.all(sa.select(*PLATFORM_COLUMNS)
                                  .order_by(PlatformApp.name, PlatformApp.id))

    async def row(self, app_id: uuid.UUID) -> sa.Row | None:
        with platform_scope(self.session):
            return await self.first(sa.select(*PLATFORM_COLUMNS).where(PlatformApp.id == app_id))

    async def get(self, app_id: uuid.UUID) -> PlatformApp | None:
        with platform_scope(self.session):
            return await self.session.get(PlatformApp, app_id)

    async def name_taken(self, name: str, except_id: uuid.UUID | None = None) -> bool:
        stmt = sa.select(PlatformApp.id).where(sa.func.lower(PlatformApp.name) == name.lower())
        if except_id is not None:
            stmt = stmt.where(PlatformApp.id != except_id)
        with platform_scope(self.session):
            return await self.first(stmt.limit(1)) is not None

    async def secret(self, app_id: uuid.UUID) -> tuple[bool, StoredSecret] | None:
        """(disabled, secret) of a platform app, for the token endpoint's first check."""
        stmt = sa.select(PlatformApp.disabled, PlatformApp.secret_hash,
                         PlatformApp.previous_secret_hash,
                         PlatformApp.previous_secret_expires_at).where(PlatformApp.id == app_id)
        with platform_scope(self.session):
            row = await self.first(stmt)
        if row is None:
            return None
        return row.disabled, _secret(row.secret_hash, row.previous_secret_hash,
                                     row.previous_secret_expires_at)

    def add(self, app: PlatformApp) -> None:
        self.session.add(app)
