"""Who is calling: set by the authentication middleware, read by the GraphQL context."""

from __future__ import annotations

import uuid
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Principal:
    user_id: uuid.UUID
    username: str | None = None
    source: str = "local"  # "local" (our HS256 tokens) or "oidc"


@dataclass(frozen=True, slots=True)
class AuthFailure:
    """A token was presented but is not acceptable; the request is refused with this reason."""

    reason: str  # TOKEN_EXPIRED, TOKEN_INVALID, TOKEN_UNKNOWN_USER
