"""Who is calling: set by the authentication middleware, read by the GraphQL context."""

from __future__ import annotations

import uuid
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Principal:
    user_id: uuid.UUID
    username: str | None = None
    source: str = "local"  # "local" (our HS256 tokens) or "oidc"
