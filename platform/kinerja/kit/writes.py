"""Small write helpers shared by the services."""

from __future__ import annotations

from typing import Any

from sqlalchemy.exc import IntegrityError

from ..errors import Conflict


async def insert_or_conflict(session: Any, *rows: Any) -> None:
    """Add and flush new rows. A unique key taken meanwhile by a concurrent writer (the next
    version of a versioned setting, a row that may exist once) answers CONFLICT; the
    mutation's savepoint undoes the rest."""
    try:
        session.add_all(rows)
        await session.flush()
    except IntegrityError as exc:
        raise Conflict() from exc
