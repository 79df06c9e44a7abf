"""Root-field permissions. Every root field declares one (a test walks the schema).

They run once per root field, never on nested fields: nested objects are already limited
by what the repositories let the principal see.
"""

from __future__ import annotations

from typing import Any

from strawberry.permission import BasePermission

from ..errors import Forbidden, TenantRequired, Unauthenticated
from .context import Info


class Public(BasePermission):
    """Anyone, signed in or not (login, enumLabels)."""

    message = "public"
    requirement = "public"

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        return True


class Authenticated(BasePermission):
    """Any signed-in user, with or without a tenant selected (me, tenants)."""

    requirement = "authenticated"

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        if info.context.principal is None:
            raise Unauthenticated()
        return True


class Member(BasePermission):
    """A signed-in principal acting in a selected agency; what it then sees is narrowed by
    the resolver (e.g. the views its roles may run)."""

    requirement = "member"

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        ctx = info.context
        if ctx.principal is None:
            raise Unauthenticated()
        if ctx.tenant is None:
            raise TenantRequired()
        return True


def Can(resource: str, action: str) -> type[BasePermission]:
    """The principal holds (resource, action) in the selected tenant (at some scope)."""

    class _Can(BasePermission):
        requirement = f"{resource}:{action}"

        def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
            ctx = info.context
            if ctx.principal is None:
                raise Unauthenticated()
            if ctx.tenant is None:
                raise TenantRequired()
            if not ctx.permissions.allows(resource, action):
                raise Forbidden()
            return True

    _Can.__name__ = f"Can_{resource}_{action}"
    return _Can


def PlatformCan(resource: str, action: str) -> type[BasePermission]:
    """Platform-level permission (platform_admin); needs no tenant."""

    class _PlatformCan(BasePermission):
        requirement = f"platform:{resource}:{action}"

        def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
            ctx = info.context
            if ctx.principal is None:
                raise Unauthenticated()
            if not ctx.platform_permissions.allows(resource, action):
                raise Forbidden()
            return True

    _PlatformCan.__name__ = f"PlatformCan_{resource}_{action}"
    return _PlatformCan
