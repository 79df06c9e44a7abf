"""Structured JSON logs, one object per line. Tokens, passwords and input values are never
logged.

Input values reach exceptions in two ways, and both are kept out of the logs:
- SQLAlchemy appends a statement's parameters to its error message: every engine is created
  with `hide_parameters=True` (db.create_engine, migrations/env.py).
- The database driver's own message may quote a value (asyncpg: `invalid input for query
  argument $1: 'alice'`; PostgreSQL's DETAIL `Key (username)=(alice) already exists` is an
  attribute of the exception). So a traceback is written with the message of every database
  error replaced by what identifies the failure without data: the error class, SQLSTATE,
  constraint, table and column names, and the SQL statement (its placeholders, not values).
Other exceptions keep their messages: Kinerja's own errors carry codes, never values.
"""

from __future__ import annotations

import logging
import re
import sys
import traceback
from datetime import UTC, datetime

import orjson

HIDDEN = "[message hidden: database errors may quote input values]"
MAX_STATEMENT = 1000
_DRIVER_MODULES = ("asyncpg", "sqlite3", "_sqlite3", "aiosqlite", "sqlalchemy.dialects",
                   "sqlalchemy.connectors")
_SAFE_ATTRIBUTES = ("sqlstate", "pgcode", "sqlite_errorname", "constraint_name", "table_name",
                    "column_name")
_CAUSE = "\nThe above exception was the direct cause of the following exception:\n\n"
_CONTEXT = "\nDuring handling of the above exception, another exception occurred:\n\n"
_NAME = re.compile(r"[_A-Za-z][_0-9A-Za-z]{0,99}")


def is_database_error(exc: BaseException) -> bool:
    """SQLAlchemy's statement errors and the DBAPI drivers' exceptions."""
    import sqlalchemy.exc

    if isinstance(exc, sqlalchemy.exc.StatementError):
        return True
    return type(exc).__module__.startswith(_DRIVER_MODULES)


def _describe(exc: BaseException) -> str:
    """The last line of a traceback entry: `module.Type: message`."""
    kind = type(exc)
    name = kind.__qualname__ if kind.__module__ == "builtins" else \
        f"{kind.__module__}.{kind.__qualname__}"
    if not is_database_error(exc):
        return "".join(traceback.format_exception_only(exc)).rstrip("\n")
    parts = [HIDDEN]
    for attribute in _SAFE_ATTRIBUTES:
        value = getattr(exc, attribute, None)
        if isinstance(value, str | int) and value != "":
            parts.append(f"{attribute}={value}")
    statement = getattr(exc, "statement", None)
    if isinstance(statement, str):
        text = " ".join(statement.split())
        parts.append("[SQL: " + (text if len(text) <= MAX_STATEMENT
                                 else text[:MAX_STATEMENT] + " ...") + "]")
    return f"{name}: {' '.join(parts)}"


def format_exception_safely(exc: BaseException) -> str:
    """Like `traceback.format_exception`, oldest cause first, database messages hidden."""
    chain: list[tuple[BaseException, str]] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    link = ""
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append((current, link))
        if current.__cause__ is not None:
            current, link = current.__cause__, _CAUSE
        elif current.__context__ is not None and not current.__suppress_context__:
            current, link = current.__context__, _CONTEXT
        else:
            current = None
    out: list[str] = []
    for item, link in reversed(chain):
        if item.__traceback__ is not None:
            out.append("Traceback (most recent call last):\n")
            out.extend(traceback.format_tb(item.__traceback__))
        out.append(_describe(item) + "\n")
        out.append(link)
    return "".join(out).rstrip("\n")


def _exception_of(exc_info) -> BaseException | None:
    if isinstance(exc_info, BaseException):
        return exc_info
    if isinstance(exc_info, tuple) and len(exc_info) == 3:
        return exc_info[1]
    return None


class HideInputValues(logging.Filter):
    """For loggers Kinerja does not format (uvicorn's "Exception in ASGI application"): the
    traceback text is prepared here, so any formatter writes the safe one."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = _exception_of(record.exc_info)
        if exc is not None:
            record.exc_text = format_exception_safely(exc)
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        fields = getattr(record, "fields", None)
        if isinstance(fields, dict):
            entry.update(fields)
        for key in ("request_id", "path"):
            value = getattr(record, key, None)
            if value is not None:
                entry[key] = value
        if record.exc_info:
            exc = _exception_of(record.exc_info)
            if exc is not None:
                entry["exception_type"] = type(exc).__qualname__
            entry["exception"] = self.formatException(record.exc_info)
        return orjson.dumps(entry, default=str).decode()

    def formatException(self, ei) -> str:
        exc = _exception_of(ei)
        return format_exception_safely(exc) if exc is not None else ""


def loggable_name(value: object) -> str | None:
    """A client-chosen name (the operation name) as logged: a GraphQL name, else nothing.
    Anything else cannot name an operation anyway and could be arbitrary text."""
    return value if isinstance(value, str) and _NAME.fullmatch(value) else None


def configure_logging(level: str = "INFO") -> None:
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger("kinerja")
    root.handlers[:] = [handler]
    root.setLevel(level)
    root.propagate = False
    for name in ("uvicorn.error", "asyncio"):  # tracebacks Kinerja does not format itself
        other = logging.getLogger(name)
        if not any(isinstance(f, HideInputValues) for f in other.filters):
            other.addFilter(HideInputValues())
