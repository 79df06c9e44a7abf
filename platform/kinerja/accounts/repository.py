"""User rows (global table) and the shared failed-login counter."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as postgres_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from ..auth.identity_repository import AuthRow
from ..kit.repository import Repository, escape_like
from ..models import LoginThrottle, User

PUBLIC_COLUMNS = (User.id, User.username, User.email, User.display_name, User.disabled,
                  User.version, User.created_at)


class UserRepository(Repository):
    async def auth_row_by_username(self, username: str) -> AuthRow | None:
        row = await self.first(
            sa.select(User.id, User.username, User.disabled)
            .where(User.username == username.lower())
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

    async def enabled_ids(self, ids: list[uuid.UUID]) -> set[uuid.UUID]:
        if not ids:
            return set()
        rows = await self.all(sa.select(User.id).where(User.id.in_(ids), User.disabled.is_(False)))
        return {r.id for r in rows}

    # --- members of a tenant (ids come from casbin_rule, see roles/repository.py) -------
    @staticmethod
    def _members(stmt: sa.Select, ids: list[uuid.UUID], search: str | None) -> sa.Select:
        stmt = stmt.where(User.id.in_(ids))
        if search:
            pattern = f"%{escape_like(search.strip().lower())}%"
            stmt = stmt.where(sa.or_(
                sa.func.lower(User.username).like(pattern, escape="\\"),
                sa.func.lower(User.display_name).like(pattern, escape="\\"),
                sa.func.lower(User.email).like(pattern, escape="\\"),
            ))
        return stmt

    async def page(self, ids: list[uuid.UUID], search: str | None, first: int,
                   after: list[Any] | None) -> list[sa.Row]:
        """Users among `ids`, by username; keyset pagination on (username, id)."""
        if not ids:
            return []
        stmt = self._members(sa.select(*PUBLIC_COLUMNS), ids, search)
        if after is not None:
            name, last_id = str(after[0]), uuid.UUID(str(after[1]))
            stmt = stmt.where(sa.or_(User.username > name,
                                     sa.and_(User.username == name, User.id > last_id)))
        return await self.all(stmt.order_by(User.username, User.id).limit(first + 1))

    async def count(self, ids: list[uuid.UUID], search: str | None) -> int:
        if not ids:
            return 0
        stmt = self._members(sa.select(sa.func.count(User.id)), ids, search)
        return int(await self.scalar(stmt) or 0)

    # --- throttling -------------------------------------------------------------------
    async def throttle(self, username: str, now: datetime) -> LoginThrottle:
        """The username's counter, locked until the transaction ends: concurrent attempts for
        one username take turns, so none is missed and none slips past the limit. A missing
        row is created first (failures 0, window from now): there is nothing to lock before,
        and concurrent first attempts would all pass the check and then collide on insert."""
        insert = (postgres_insert if self.session.bind.dialect.name == "postgresql"
                  else sqlite_insert)(LoginThrottle)
        for _ in range(3):  # a concurrent successful login may delete it between the two
            await self.session.execute(
                insert.values(username=username, failures=0, window_started_at=now)
                .on_conflict_do_nothing(index_elements=[LoginThrottle.username]))
            row = await self.session.get(LoginThrottle, username, with_for_update=True,
                                         populate_existing=True)
            if row is not None:
                return row
        raise RuntimeError("the login throttle row keeps disappearing")

    async def record_failure(self, username: str, now: datetime, window_seconds: int) -> None:
        row = await self.throttle(username, now)
        if (now - row.window_started_at).total_seconds() > window_seconds:
            row.failures, row.window_started_at = 1, now
        else:
            row.failures += 1
        await self.session.flush()

    async def clear_failures(self, username: str) -> None:
        await self.session.execute(
            sa.delete(LoginThrottle).where(LoginThrottle.username == username))
