"""A per-process cache of finished responses to read-only operations.

Dashboards and lists repeat the same queries. A hit skips GraphQL execution and the data
statements, but never the request's identity statement: the token is verified, the account
must still be enabled and the agency active and joined, exactly as without the cache.

A cached body is valid for one key: who (user), where (agency and its `data_version`), what
they may do (the policy generation), the day, the language, and the operation (document,
name, variables). `tenant.data_version` is read by that identity statement and bumped in the
same transaction as every committed mutation (graphql/view.py), so a hit is never older than
the last change committed through Kinerja, in any server process. Changes made outside
Kinerja (hand-written SQL) are not seen until the next mutation of that agency: set
KINERJA_RESPONSE_CACHE_SIZE=0 where that matters.
"""

from __future__ import annotations

import functools
from collections import OrderedDict
from typing import Any

import orjson
from graphql import GraphQLError, OperationDefinitionNode, parse

MAX_CACHED_BODY = 256 * 1024


@functools.lru_cache(maxsize=1024)
def operation_kind(query: str, operation_name: str | None) -> str | None:
    """'query', 'mutation' or 'subscription'; None when the document does not say clearly."""
    try:
        document = parse(query, no_location=True)
    except GraphQLError:
        return None
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name is None:
        return operations[0].operation.value if len(operations) == 1 else None
    for operation in operations:
        if operation.name is not None and operation.name.value == operation_name:
            return operation.operation.value
    return None


class ResponseCache:
    def __init__(self, size: int):
        self.size = size
        self._entries: OrderedDict[tuple, bytes] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def key(self, ctx: Any, query: str, operation_name: str | None,
            variables: dict | None) -> tuple | None:
        if self.size <= 0 or ctx.principal is None or ctx.tenant is None:
            return None
        try:
            encoded = orjson.dumps(variables, option=orjson.OPT_SORT_KEYS) if variables else b""
        except TypeError:
            return None
        return (ctx.principal.user_id, ctx.tenant.id, ctx.tenant.data_version,
                ctx.services.policies.generation, ctx.today, ctx.language,
                query, operation_name, encoded)

    def get(self, key: tuple | None) -> bytes | None:
        if key is None:
            return None
        body = self._entries.get(key)
        if body is None:
            self.misses += 1
            return None
        self._entries.move_to_end(key)
        self.hits += 1
        return body

    def put(self, key: tuple | None, body: bytes) -> None:
        if key is None or len(body) > MAX_CACHED_BODY:
            return
        self._entries[key] = body
        self._entries.move_to_end(key)
        while len(self._entries) > self.size:
            self._entries.popitem(last=False)

    def clear(self) -> None:
        self._entries.clear()
