"""Small write helpers shared by the services."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy.exc import IntegrityError

from ..errors import Conflict, FieldError, InputErrors


async def insert_or_conflict(session: Any, *rows: Any) -> None:
    """Add and flush new rows. A unique key taken meanwhile by a concurrent writer (the next
    version of a versioned setting, a row that may exist once) answers CONFLICT; the
    mutation's savepoint undoes the rest."""
    try:
        session.add_all(rows)
        await session.flush()
    except IntegrityError as exc:
        raise Conflict() from exc


@asynccontextmanager
async def unique_guard(fields: dict[str, str]) -> AsyncIterator[None]:
    """A unique constraint hit by a concurrent writer (after our own check passed) becomes the
    same DUPLICATE field error; fields maps a column name to the input field to blame."""
    try:
        yield
    except IntegrityError as exc:
        text = str(exc.orig)
        if "unique" in text.lower():
            for column, field in fields.items():
                if column in text:
                    raise InputErrors([FieldError(field, "DUPLICATE", {"detail": field})]) from exc
        raise
