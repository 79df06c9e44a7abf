"""A per-process cache of finished responses to read-only operations.

Dashboards and lists repeat the same queries. A hit skips GraphQL execution and the data
statements, but never the request's identity statement: the token is verified, the account
must still be enabled and the agency active and joined, exactly as without the cache.

A cached body is valid for one key: who (user), where (agency and its `data_version`), what
they may do (the policy generation), the day, the language, and the operation (the SHA-256 of
the document, never its text; name; variables). `tenant.data_version` is read by that identity
statement and bumped in the same transaction as every committed mutation (edge/endpoint.py), so
a hit is never older than the last change committed through Kinerja, in any server process.
Changes made outside Kinerja (hand-written SQL) are not seen until the next mutation of that
agency: set KINERJA_RESPONSE_CACHE_SIZE=0 where that matters. The cache is bounded in entries
and in bytes (KINERJA_RESPONSE_CACHE_MB).
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

import orjson

MAX_CACHED_BODY = 256 * 1024
ENTRY_OVERHEAD = 512  # key tuple, variables and dictionary slot, roughly


class ResponseCache:
    def __init__(self, size: int, max_bytes: int = 32 * 1024 * 1024):
        self.size = size
        self.max_bytes = max_bytes
        self.bytes = 0
        # body, and what the answer counts as usage (usage/): a hit is a call of those too
        self._entries: OrderedDict[tuple, tuple[bytes, tuple]] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def get(self, key: tuple | None) -> tuple[bytes, tuple] | None:
        """(body, usage subjects) of a cached answer."""
        if key is None:
            return None
        entry = self._entries.get(key)
        if entry is None:
            self.misses += 1
            return None
        self._entries.move_to_end(key)
        self.hits += 1
        return entry

    def put(self, key: tuple | None, body: bytes, usage: tuple = ()) -> None:
        if key is None or len(body) > MAX_CACHED_BODY or key in self._entries:
            return
        self._entries[key] = (body, usage)
        self.bytes += _cost(key, body)
        while len(self._entries) > self.size or self.bytes > self.max_bytes:
            old_key, (old_body, _) = self._entries.popitem(last=False)
            self.bytes -= _cost(old_key, old_body)

    def clear(self) -> None:
        self._entries.clear()
        self.bytes = 0


def _cost(key: tuple, body: bytes) -> int:
    return len(body) + len(key[-1]) + ENTRY_OVERHEAD


def fingerprint(ctx: Any, document_key: str, operation_name: str | None,
                variables: dict | None) -> tuple | None:
    """Everything a read-only answer depends on (see the module); None when it cannot be
    cached (anonymous, no agency, variables that are not plain JSON). Also the HTTP ETag's
    source (edge/trusted.py)."""
    if ctx.principal is None or ctx.tenant is None:
        return None
    try:
        encoded = orjson.dumps(variables, option=orjson.OPT_SORT_KEYS) if variables else b""
    except TypeError:
        return None
    return (ctx.principal.acting_id, ctx.tenant.id, ctx.tenant.data_version,
            ctx.services.policies.generation, ctx.today, ctx.language,
            document_key, operation_name, encoded)
