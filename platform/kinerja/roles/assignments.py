"""Who holds which role in a tenant: assign, revoke, remove a member; the guards they share.

- A user outside the tenant is NOT_FOUND (their existence in other tenants must not leak).
- platform_admin is never granted or revoked here (RESERVED_ROLE): only the command line does.
- The actor must hold every permission of a role to assign or revoke it, and every permission of
  all of a member's roles to change that member's account (PERMISSION_NOT_HELD): nobody can
  grant more than they hold, nor demote or take over someone who holds more.
- The last enabled `admin` of a tenant cannot be revoked, removed or disabled (LAST_ADMIN).

Each change first takes the policy turn (`begin_change`), then reads the member's roles: so
concurrent changes of one member apply one after the other, a role given twice at once is
given once (the other gets DUPLICATE, as it would a moment later), revoked twice, revoked
once (NOT_FOUND), and the audit trail chains: "before" is what the change read under its
turn, "after" is read back from what it wrote.
"""

from __future__ import annotations

import uuid

from ..audit.recorder import record
from ..authz.actor import Actor
from ..authz.vocabulary import PLATFORM_ROLE
from ..errors import ErrorCollector, NotFound
from .catalog import RoleCatalog, unheld
from .repository import Grant
from .service import normalise_name

ADMIN_ROLE = "admin"


class AssignmentService:
    def __init__(self, catalog: RoleCatalog, actor: Actor):
        self.catalog = catalog
        self.actor = actor
        self.session = catalog.session
        self.policies = catalog.policies

    @property
    def tenant_id(self) -> uuid.UUID:
        return self.actor.tenant_id

    async def member_roles(self, user_id: uuid.UUID) -> list[str]:
        """The user's roles here; NOT_FOUND when they hold none (not a member)."""
        roles = (await self.policies.roles_of([user_id], self.tenant_id))[user_id]
        if not roles:
            raise NotFound()
        return roles

    async def check_assignable(self, role: str, errors: ErrorCollector, field: str) -> bool:
        """A role the actor may grant here; adds the reason to `errors` when not."""
        if role == PLATFORM_ROLE:
            errors.add(field, "RESERVED_ROLE")
            return False
        grants = await self.catalog.grants_of(role)
        if grants is None:
            errors.add(field, "UNKNOWN_REFERENCE")
            return False
        for grant in unheld(self.actor.permissions, grants):
            errors.add(field, "PERMISSION_NOT_HELD", detail=grant.label)
        return not unheld(self.actor.permissions, grants)

    async def check_outranks(self, roles: list[str], errors: ErrorCollector, field: str) -> None:
        """The actor holds every permission of these roles (else they may not touch them)."""
        missing: set[Grant] = set()
        for role in roles:
            if role == PLATFORM_ROLE:
                errors.add(field, "RESERVED_ROLE")
                continue
            missing.update(unheld(self.actor.permissions, await self.catalog.grants_of(role) or []))
        for grant in sorted(missing):
            errors.add(field, "PERMISSION_NOT_HELD", detail=grant.label)

    async def check_not_last_admin(self, user_id: uuid.UUID, errors: ErrorCollector,
                                   field: str) -> None:
        """Would removing this user's admin role (or account) leave no enabled admin here?"""
        enabled = await self.policies.enabled_holders_of(ADMIN_ROLE, self.tenant_id, lock=True)
        if user_id in enabled and len(enabled) == 1:
            errors.add(field, "LAST_ADMIN")

    async def begin_change(self) -> None:
        await self.policies.begin_change()

    async def roles_now(self, user_id: uuid.UUID) -> list[str]:
        return (await self.policies.roles_of([user_id], self.tenant_id))[user_id]

    async def grant(self, user_id: uuid.UUID, roles: list[str]) -> None:
        """Insert `g` rows (already checked by the caller, who began the change)."""
        for role in roles:
            await self.policies.add_grouping(user_id, role, self.tenant_id)

    # assign/revoke/remove_member return tuples: `in_savepoint` reports errors as a list
    async def assign(self, user_id: uuid.UUID, role: str) -> tuple[str, ...]:
        await self.begin_change()
        before = await self.member_roles(user_id)
        role = normalise_name(role)
        errors = ErrorCollector()
        if await self.check_assignable(role, errors, "role") and role in before:
            errors.add("role", "DUPLICATE", detail=role)
        errors.raise_if_any()
        await self.grant(user_id, [role])
        after = await self.roles_now(user_id)
        await self.audit("role.assign", user_id, before, after, role)
        return tuple(after)

    async def revoke(self, user_id: uuid.UUID, role: str) -> tuple[str, ...]:
        await self.begin_change()
        before = await self.member_roles(user_id)
        role = normalise_name(role)
        errors = ErrorCollector()
        if role == PLATFORM_ROLE:
            errors.add("role", "RESERVED_ROLE")
        elif role not in before:
            errors.add("role", "NOT_FOUND")
        else:
            await self.check_outranks([role], errors, "role")
            if role == ADMIN_ROLE:
                await self.check_not_last_admin(user_id, errors, "role")
        errors.raise_if_any()
        await self.policies.remove_grouping(user_id, role, self.tenant_id)
        after = await self.roles_now(user_id)
        await self.audit("role.revoke", user_id, before, after, role)
        return tuple(after)

    async def remove_member(self, user_id: uuid.UUID) -> tuple[str, ...]:
        """Revoke every role of the user here: they are no longer a member."""
        await self.begin_change()
        before = await self.member_roles(user_id)
        errors = ErrorCollector()
        await self.check_outranks(before, errors, "id")
        if ADMIN_ROLE in before:
            await self.check_not_last_admin(user_id, errors, "id")
        errors.raise_if_any()
        await self.policies.remove_grouping(user_id, None, self.tenant_id)
        await self.audit("user.remove_from_tenant", user_id, before, [], None)
        return tuple(before)

    async def audit(self, action: str, user_id: uuid.UUID, before: list[str], after: list[str],
                    role: str | None) -> None:
        extra = {"role": role} if role else {}
        await record(self.session, tenant_id=self.tenant_id, actor_user_id=self.actor.user_id,
                     action=action, object_type="User", object_id=user_id,
                     before={"roles": before}, after={"roles": after, **extra})
