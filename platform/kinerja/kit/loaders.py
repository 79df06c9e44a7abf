"""Per-request batch loaders: one statement per kind and batch, cached for the request.

They replace async per-field dataloaders: a root resolver hands a whole level of ids at once,
which keeps the statement count constant in the number of rows (a test counts statements).
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

Fetch = Callable[[list[uuid.UUID]], Awaitable[dict[uuid.UUID, Any]]]


class Loaders:
    def __init__(self) -> None:
        self._cache: dict[str, dict[uuid.UUID, Any]] = {}

    async def load_many(self, kind: str, ids: Iterable[uuid.UUID | None],
                        fetch: Fetch) -> dict[uuid.UUID, Any]:
        cache = self._cache.setdefault(kind, {})
        wanted = {i for i in ids if i is not None}
        missing = [i for i in wanted if i not in cache]
        if missing:
            found = await fetch(sorted(missing))
            for key in missing:
                cache[key] = found.get(key)
        return {i: cache[i] for i in wanted if cache.get(i) is not None}

    def prime(self, kind: str, key: uuid.UUID, value: Any) -> None:
        self._cache.setdefault(kind, {})[key] = value

    def clear(self) -> None:
        self._cache.clear()
