"""Repository base: all SQL lives in repositories; they return plain rows or dataclasses."""

from __future__ import annotations

from typing import Any, cast

import sqlalchemy as sa
from sqlalchemy.engine import CursorResult
from sqlalchemy.ext.asyncio import AsyncSession


def is_user(column: Any, user_id: Any) -> Any:
    """`column = :user_id`, but FALSE for no user (an app in its own name): never the
    `IS NULL` that SQLAlchemy makes of `== None`, which would match every row without a login."""
    return sa.false() if user_id is None else column == user_id


def escape_like(text: str) -> str:
    """`text` as a literal inside a LIKE pattern (with `escape="\\"`)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class Repository:
    def __init__(self, session: AsyncSession):
        self.session = session

    async def all(self, statement: sa.Executable,
                  params: dict[str, Any] | None = None) -> list[Any]:
        return list((await self.session.execute(statement, params)).all())

    async def first(self, statement: sa.Executable) -> Any | None:
        return (await self.session.execute(statement)).first()

    async def scalar(self, statement: sa.Executable) -> Any:
        return (await self.session.execute(statement)).scalar()

    async def bump_version(self, model: type[Any], object_id: Any, expected: int | None,
                           values: dict[str, Any]) -> int:
        """Optimistic update: `UPDATE ... WHERE id = :id [AND version = :expected]`.

        Returns the rows changed (0 means stale or missing: the service decides which).
        """
        stmt = sa.update(model).where(model.id == object_id)
        if expected is not None:
            stmt = stmt.where(model.version == expected)
        stmt = stmt.values(**values, version=model.version + 1)
        # An UPDATE answers a CursorResult (rowcount); AsyncSession.execute is typed as Result.
        result = cast("CursorResult[Any]", await self.session.execute(
            stmt, execution_options={"synchronize_session": False}))
        return result.rowcount
