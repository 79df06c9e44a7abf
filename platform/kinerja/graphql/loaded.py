"""Fields computed from data the root resolver has already loaded (edge/fastexec.py)."""

from __future__ import annotations

from typing import Any

import strawberry

LOADED = "kinerja.loaded"  # field metadata: compiled although it has a resolver and arguments


def loaded_field(**kwargs: Any) -> Any:
    """`strawberry.field` for a resolver that only computes from data already on the object
    (no `info`, no I/O, no side effects, scalar arguments): the compiled executor calls it
    directly instead of falling back to graphql-core for the whole object."""
    return strawberry.field(metadata={LOADED: True}, **kwargs)
