"""Typed errors. Top-level errors carry extensions.code; form errors go into payloads."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class KinerjaError(Exception):
    """An error a client may see: a stable code plus parameters for the message."""

    code = "BAD_REQUEST"
    http_status = 200

    def __init__(self, code: str | None = None, **params: Any):
        self.code = code or type(self).code
        self.params = params
        super().__init__(self.code)


class Unauthenticated(KinerjaError):
    code = "UNAUTHENTICATED"
    http_status = 401


class UserRequired(KinerjaError):
    """A field that acts for a person (me, my queue, my SKP) asked by an app token."""

    code = "USER_REQUIRED"


class Forbidden(KinerjaError):
    code = "FORBIDDEN"


class TenantRequired(KinerjaError):
    code = "TENANT_REQUIRED"


class TenantNotAllowed(KinerjaError):
    code = "TENANT_NOT_ALLOWED"


class NotFound(KinerjaError):
    """Also what objects of another tenant answer: existence must not leak."""

    code = "NOT_FOUND"


class BadRequest(KinerjaError):
    code = "BAD_REQUEST"


class Conflict(KinerjaError):
    code = "CONFLICT"


class RateLimited(KinerjaError):
    code = "TOO_MANY_ATTEMPTS"


@dataclass
class FieldError:
    field: str | None
    code: str
    params: dict[str, Any] = field(default_factory=dict)


class InputErrors(Exception):
    """A service refused its input; the mutation returns these in its payload, writes nothing."""

    def __init__(self, errors: list[FieldError]):
        super().__init__(", ".join(f"{e.field}:{e.code}" for e in errors))
        self.errors = errors


class ErrorCollector:
    """Gathers every field error of a form before raising, so clients see them all at once."""

    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def add(self, field_name: str | None, code: str, **params: Any) -> None:
        self.errors.append(FieldError(field_name, code, params))

    def __bool__(self) -> bool:
        return bool(self.errors)

    def raise_if_any(self) -> None:
        if self.errors:
            raise InputErrors(self.errors)
