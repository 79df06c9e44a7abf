"""Relay conventions: global IDs, the Node interface, page info and cursor pagination."""

from __future__ import annotations

import base64
import binascii
import functools
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import orjson
import strawberry

from ..errors import BadRequest, NotFound
from ..kit.fields import UNRESOLVABLE
from ..kit.text import unstorable_position


@functools.lru_cache(maxsize=1 << 16)
def to_global_id(type_name: str, raw_id: uuid.UUID | str) -> str:
    """base64("Type:id"). An SKP list builds ~2,000 of these a request, mostly of the same
    objects as the request before: the answers are kept (a hit costs a tenth of encoding)."""
    return binascii.b2a_base64(f"{type_name}:{raw_id}".encode(), newline=False).decode()


def from_global_id(global_id: str,
                   expected: str | tuple[str, ...] | None = None) -> tuple[str, uuid.UUID]:
    """Decode and check a global ID; a malformed or wrong-typed ID is simply not found."""
    try:
        decoded = base64.b64decode(global_id.encode(), validate=True).decode()
        type_name, _, raw = decoded.partition(":")
        value = uuid.UUID(raw)
    except (binascii.Error, UnicodeError, ValueError) as exc:
        raise NotFound("INVALID_ID") from exc
    allowed = (expected,) if isinstance(expected, str) else expected
    if allowed and type_name not in allowed:
        raise NotFound("INVALID_ID")
    return type_name, value


def ref_id(raw: str | None, type_name: str) -> uuid.UUID | None:
    """Decode a reference's global ID in an input; None when omitted, UNRESOLVABLE when not
    usable (the service then reports UNKNOWN_REFERENCE with every other field error)."""
    if raw is None:
        return None
    try:
        return from_global_id(raw, type_name)[1]
    except NotFound:
        return UNRESOLVABLE


@strawberry.interface(description="An object with a globally unique ID (Relay).")
class Node:
    id: strawberry.ID = strawberry.field(description="Global ID; pass it to `node(id:)`.")


@strawberry.type(description="Relay page information for cursor pagination.")
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


def encode_cursor(values: list[Any]) -> str:
    return base64.urlsafe_b64encode(orjson.dumps(values)).decode()


def decode_cursor(cursor: str, length: int) -> list[Any]:
    try:
        values = orjson.loads(base64.urlsafe_b64decode(cursor.encode()))
    except (binascii.Error, ValueError, orjson.JSONDecodeError) as exc:
        raise BadRequest("INVALID_CURSOR") from exc
    if not isinstance(values, list) or len(values) != length:
        raise BadRequest("INVALID_CURSOR")
    if not all(_cursor_value(v) for v in values):
        raise BadRequest("INVALID_CURSOR")
    return values


def _cursor_value(value: Any) -> bool:
    """What encode_cursor can have written: storable text, or a 64-bit integer (anything else
    would only fail later, in SQL)."""
    if isinstance(value, str):
        return unstorable_position(value) is None
    return isinstance(value, int) and not isinstance(value, bool) and -2**63 <= value < 2**63


def name_id_cursor(values: list[Any] | None) -> list[Any] | None:
    """A decoded [name, id] keyset cursor; anything else is INVALID_CURSOR, never a 5xx."""
    if values is None:
        return None
    name, raw_id = values
    if not isinstance(name, str) or not isinstance(raw_id, str):
        raise BadRequest("INVALID_CURSOR")
    try:
        return [name, uuid.UUID(raw_id)]
    except ValueError as exc:
        raise BadRequest("INVALID_CURSOR") from exc


@dataclass(frozen=True)
class PageRequest:
    first: int
    after: list[Any] | None


def page_request(first: int | None, after: str | None, *, default: int, maximum: int,
                 cursor_length: int) -> PageRequest:
    size = default if first is None else first
    if size < 1 or size > maximum:
        raise BadRequest("PAGE_SIZE", max=maximum)
    return PageRequest(size, decode_cursor(after, cursor_length) if after else None)


def page_cursors(sel: Any, keys: Iterable[list[Any]]) -> list[str] | None:
    """The cursors of a page's rows (their keyset values, e.g. [name, id]), encoded only
    when the connection's client selected edges or pageInfo (None otherwise)."""
    if "edges" in sel or "pageInfo" in sel:
        return [encode_cursor(k) for k in keys]
    return None


def connection(connection_type: type, edge_type: type, nodes: list[Any],
               cursors: list[str] | None, has_next: bool, has_previous: bool,
               total: int | None) -> Any:
    """A Relay connection object from one page of nodes and their cursors (None: neither
    edges nor pageInfo were selected, see page_cursors)."""
    if cursors is None:
        cursors = []
        edges: list[Any] = []
    else:
        edges = [edge_type(cursor=c, node=n) for c, n in zip(cursors, nodes, strict=True)]
    return connection_type(
        edges=edges,
        nodes=nodes,
        page_info=PageInfo(has_next_page=has_next, has_previous_page=has_previous,
                           start_cursor=cursors[0] if cursors else None,
                           end_cursor=cursors[-1] if cursors else None),
        total_count=total,
    )
