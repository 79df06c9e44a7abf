"""One rule for text: what PostgreSQL `text` cannot hold is refused, on every backend.

PostgreSQL rejects NUL (U+0000) in text and cannot encode lone UTF-16 surrogates
(U+D800-U+DFFF); SQLite would store both, so the backends would disagree. Every way text enters
(GraphQL arguments and variables, cursors and IDs, headers, CSV cells, multipart fields) calls
this module, and the client gets INVALID_TEXT naming the field before anything is written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..errors import KinerjaError

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


class InvalidText(KinerjaError):
    """A text value holds a character no backend may store. `field` names where it was."""

    code = "INVALID_TEXT"

    def __init__(self, field: str, position: int, line: int | None = None):
        params: dict[str, Any] = {"field": field, "position": position}
        if line is not None:
            params["line"] = line
        super().__init__(**params)
        self.field = field


def unstorable_position(value: str) -> int | None:
    """Index of the first character PostgreSQL text cannot hold, or None."""
    match = _UNSTORABLE.search(value)
    return match.start() if match else None


def check_text(value: str, field: str) -> None:
    position = unstorable_position(value)
    if position is not None:
        # Multi-line text (a CSV file, a long note): the line too, so a client can point at it.
        line = value.count("\n", 0, position) + 1 if "\n" in value else None
        raise InvalidText(field, position, line)


def check_tree(value: Any, field: str) -> None:
    """Checks every string (and every object key) inside decoded JSON."""
    for path, text in _strings(value, field):
        check_text(text, path)


def _strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    stack = [(path, value)]
    while stack:
        where, item = stack.pop()
        if isinstance(item, str):
            yield where, item
        elif isinstance(item, dict):
            for key, child in item.items():
                key_text = str(key)
                yield f"{where}.<key>", key_text
                stack.append((f"{where}.{key_text}", child))
        elif isinstance(item, list):
            stack.extend((f"{where}[{index}]", child) for index, child in enumerate(item))
