"""User rows (global table) and the shared failed-login counter."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from ..kit.repository import Repository
from ..models import LoginThrottle, User

PUBLIC_COLUMNS = (User.id, User.username, User.email, User.display_name, User.disabled,
                  User.version, User.created_at)


@dataclass(frozen=True, slots=True)
class AuthRow:
    id: uuid.UUID
    username: str
    disabled: bool


class UserRepository(Repository):
    async def auth_row_by_id(self, user_id: uuid.UUID) -> AuthRow | None:
        row = await self.first(sa.select(User.id, User.username, User.disabled).where(User.id == user_id))
        return AuthRow(*row) if row else None

    async def auth_row_by_username(self, username: str) -> AuthRow | None:
        row = await self.first(
            sa.select(User.id, User.username, User.disabled).where(User.username == username.lower())
        )
        return AuthRow(*row) if row else None

    async def credentials(self, username: str) -> sa.Row | None:
        return await self.first(
            sa.select(User.id, User.password_hash, User.disabled).where(User.username == username)
        )

    async def public_rows(self, ids: list[uuid.UUID]) -> dict[uuid.UUID, sa.Row]:
        if not ids:
            return {}
        rows = await self.all(sa.select(*PUBLIC_COLUMNS).where(User.id.in_(ids)))
        return {r.id: r for r in rows}

    async def get(self, user_id: uuid.UUID) -> User | None:
        return await self.session.get(User, user_id)

    async def username_taken(self, username: str, except_id: uuid.UUID | None = None) -> bool:
        stmt = sa.select(User.id).where(User.username == username)
        if except_id is not None:
            stmt = stmt.where(User.id != except_id)
        return await self.first(stmt) is not None

    async def email_taken(self, email: str, except_id: uuid.UUID | None = None) -> bool:
        stmt = sa.select(User.id).where(User.email == email)
        if except_id is not None:
            stmt = stmt.where(User.id != except_id)
        return await self.first(stmt) is not None

    def add(self, user: User) -> None:
        self.session.add(user)

    # --- throttling -------------------------------------------------------------------
    async def throttle(self, username: str) -> LoginThrottle | None:
        return await self.session.get(LoginThrottle, username, with_for_update=True)

    async def record_failure(self, username: str, now: datetime, window_seconds: int) -> None:
        row = await self.throttle(username)
        if row is None:
            self.session.add(LoginThrottle(username=username, failures=1, window_started_at=now))
        elif (now - row.window_started_at).total_seconds() > window_seconds:
            row.failures, row.window_started_at = 1, now
        else:
            row.failures += 1
        await self.session.flush()

    async def clear_failures(self, username: str) -> None:
        await self.session.execute(sa.delete(LoginThrottle).where(LoginThrottle.username == username))
