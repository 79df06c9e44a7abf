"""Field checks every service shares: one rule for free text, names, codes and versions.

Each check adds every problem to an ErrorCollector and returns the cleaned value, so a form
(or a CSV row) reports all its errors at once; a service raises once, after all its checks.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

from ..errors import Conflict, ErrorCollector, NotFound

CODE = re.compile(r"^[A-Z0-9][A-Z0-9._-]{0,39}$")
NAME_MAX = 200
# A reference ID that is malformed or of the wrong type: it can never match a row, so the
# service reports UNKNOWN_REFERENCE for it together with every other field error.
UNRESOLVABLE = uuid.UUID(int=0)


def trimmed(value: str | None) -> str | None:
    """Trimmed text (inner line breaks kept), None when blank: how stored text compares."""
    return (value or "").strip() or None


def clean_text(errors: ErrorCollector, field: str | None, value: str | None, limit: int, *,
               required: bool = False, fold: bool = True) -> str | None:
    """Trimmed text, None when blank (REQUIRED if `required`), TOO_LONG past `limit`.

    `fold` folds inner white space to one space (names, titles); without it inner line breaks
    stay (comments, reasons, notes).
    """
    text = (" ".join(value.split()) if fold else value.strip()) if value else ""
    if not text:
        if required:
            errors.add(field, "REQUIRED")
        return None
    if len(text) > limit:
        errors.add(field, "TOO_LONG", max=limit)
    return text


def clean_name(errors: ErrorCollector, field: str, value: str | None, required: bool) -> str | None:
    """Trimmed name; None when omitted on an update (but given, it must not be blank)."""
    if value is None:
        if required:
            errors.add(field, "REQUIRED")
        return None
    text = clean_text(errors, field, value, NAME_MAX, required=True)
    return text if text is not None and len(text) <= NAME_MAX else None


def clean_code(errors: ErrorCollector, field: str, value: str | None) -> str | None:
    """Upper-case code (A-Z 0-9 . _ -, at most 40); None when omitted."""
    if value is None:
        return None
    code = value.strip().upper()
    if not code:
        errors.add(field, "REQUIRED")
    elif len(code) > 40:
        errors.add(field, "TOO_LONG", max=40)
    elif not CODE.match(code):
        errors.add(field, "INVALID_VALUE", detail="A-Z, 0-9, '.', '_', '-'")
    else:
        return code
    return None


def check_version(row: Any, version: int | None) -> None:
    """CONFLICT when the client's version (if it sent one) is not the row's."""
    if version is not None and version != row.version:
        raise Conflict()


def current_or_raise(row: Any, version: int | None) -> Any:
    """The row to change: NOT_FOUND when absent (or another tenant's), CONFLICT when stale."""
    if row is None:
        raise NotFound()
    check_version(row, version)
    return row
