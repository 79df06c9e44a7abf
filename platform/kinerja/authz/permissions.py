"""A principal's effective permissions in one tenant: a plain set, checked in O(1)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .vocabulary import Scope


@dataclass(frozen=True)
class PermissionSet:
    grants: dict[tuple[str, str], int] = field(default_factory=dict)
    roles: tuple[str, ...] = ()

    def allows(self, resource: str, action: str) -> bool:
        return (resource, action) in self.grants

    def scope(self, resource: str, action: str) -> Scope | None:
        value = self.grants.get((resource, action))
        return Scope(value) if value is not None else None

    def covers(self, resource: str, action: str, scope: Scope) -> bool:
        held = self.grants.get((resource, action))
        return held is not None and held >= scope

    def items(self) -> list[tuple[str, str, Scope]]:
        return sorted((r, a, Scope(s)) for (r, a), s in self.grants.items())


ANONYMOUS = PermissionSet()
