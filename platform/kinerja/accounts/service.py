"""User account rules (format, uniqueness, password strength) and user administration."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

from ..audit.recorder import record, record_platform, snapshot
from ..auth.passwords import MIN_PASSWORD_LENGTH, hash_password
from ..authz.actor import Actor
from ..errors import ErrorCollector, NotFound
from ..kit.fields import check_version
from ..kit.writes import unique_guard
from ..models import User
from ..models.base import utcnow
from ..roles.assignments import ADMIN_ROLE, AssignmentService
from ..roles.repository import PolicyRepository
from ..roles.service import normalise_name
from .repository import UserRepository

UNIQUE_FIELDS = {"username": "username", "email": "email"}  # column -> input field

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,99}$")
EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$")
AUDITED = ("username", "email", "display_name", "disabled")


@dataclass
class UserInput:
    username: str | None = None
    display_name: str | None = None
    email: str | None = None
    password: str | None = None


async def check_user_input(repo: UserRepository, data: UserInput, errors: ErrorCollector,
                           current: User | None) -> None:
    except_id = current.id if current else None
    if data.username is not None:
        name = data.username.strip().lower()
        if not USERNAME.match(name):
            errors.add("username", "INVALID_VALUE", detail="2-100 of a-z 0-9 . _ -")
        elif await repo.username_taken(name, except_id):
            errors.add("username", "DUPLICATE", detail=name)
    elif current is None:
        errors.add("username", "REQUIRED")
    if data.display_name is not None:
        if not data.display_name.strip():
            errors.add("displayName", "REQUIRED")
        elif len(data.display_name) > 200:
            errors.add("displayName", "TOO_LONG", max=200)
    elif current is None:
        errors.add("displayName", "REQUIRED")
    if data.email:
        email = data.email.strip().lower()
        if len(email) > 254 or not EMAIL.match(email):
            errors.add("email", "INVALID_VALUE", detail="name@domain")
        elif await repo.email_taken(email, except_id):
            errors.add("email", "DUPLICATE", detail=email)
    if data.password is not None and len(data.password) < MIN_PASSWORD_LENGTH:
        errors.add("password", "WEAK_PASSWORD", min=MIN_PASSWORD_LENGTH)
    elif data.password is not None and len(data.password) > 1024:
        errors.add("password", "TOO_LONG", max=1024)


async def create_global_user(actor: Actor, data: UserInput,
                             errors: ErrorCollector | None = None) -> User:
    """Validate and insert a login; memberships are granted separately.

    `errors` may already hold the caller's own field errors: all are reported together.
    """
    session = actor.session
    repo = UserRepository(session)
    errors = errors if errors is not None else ErrorCollector()
    await check_user_input(repo, data, errors, None)
    errors.raise_if_any()
    user = User(
        username=data.username.strip().lower(), display_name=data.display_name.strip(),
        email=data.email.strip().lower() if data.email else None,
        password_hash=hash_password(data.password) if data.password else None,
    )
    repo.add(user)
    async with unique_guard(UNIQUE_FIELDS):  # taken meanwhile by a concurrent writer
        await session.flush()
    await record_platform(session, actor_user_id=actor.user_id, action="user.create",
                          object_type="User",
                          object_id=user.id, after=snapshot(user, AUDITED))
    return user


class MemberService:
    """User administration inside one tenant, on behalf of a tenant administrator.

    The account is global; the tenant owns only its membership (roles). So a tenant admin
    may change or disable an account only when it belongs to no other tenant and holds no
    platform role (else SHARED_ACCOUNT), and only if they hold every permission the member
    holds here (PERMISSION_NOT_HELD): no taking over someone who holds more.
    """

    def __init__(self, assignments: AssignmentService):
        self.assignments = assignments
        self.actor = assignments.actor
        self.session = self.actor.session
        self.repo = UserRepository(self.session)

    async def create(self, data: UserInput, roles: list[str]) -> User:
        await self.assignments.begin_change()  # the new member's roles are a policy change
        errors = ErrorCollector()
        wanted: list[str] = []
        for index, role in enumerate(normalise_name(r) for r in roles):
            if role not in wanted:  # a repeated role is granted once
                wanted.append(role)
                await self.assignments.check_assignable(role, errors, f"roles[{index}]")
        if not wanted:
            errors.add("roles", "REQUIRED")
        user = await create_global_user(self.actor, data, errors)
        await self.assignments.grant(user.id, wanted)
        await self._audit("user.create", user.id, None,
                          {**snapshot(user, AUDITED), "roles": sorted(wanted)})
        return user

    async def _target(self, user_id: uuid.UUID, version: int | None,
                      errors: ErrorCollector) -> tuple[User, list[str]]:
        """A member of this tenant the actor may administer (guards added to `errors`)."""
        roles = await self.assignments.member_roles(user_id)
        user = await self.repo.get(user_id)
        if user is None:
            raise NotFound()
        check_version(user, version)
        if user_id != self.actor.user_id:  # (an app, with no user, is never the account)
            policies = self.assignments.policies
            if await policies.other_domains(user_id, self.actor.tenant_id):
                errors.add("id", "SHARED_ACCOUNT")
            await self.assignments.check_outranks(roles, errors, "id")
        return user, roles

    async def update(self, user_id: uuid.UUID, version: int | None, data: UserInput) -> User:
        errors = ErrorCollector()
        user, _roles = await self._target(user_id, version, errors)
        await check_user_input(self.repo, data, errors, user)
        errors.raise_if_any()
        before = snapshot(user, AUDITED)
        if data.display_name is not None:
            user.display_name = data.display_name.strip()
        if data.email is not None:
            user.email = data.email.strip().lower() or None
        if data.password is not None:
            user.password_hash = hash_password(data.password)
        user.version += 1
        user.updated_at = utcnow()
        async with unique_guard(UNIQUE_FIELDS):
            await self.session.flush()
        after = {**snapshot(user, AUDITED), "password_changed": data.password is not None}
        await self._audit("user.update", user.id, before, after)
        return user

    async def set_disabled(self, user_id: uuid.UUID, disabled: bool) -> User:
        errors = ErrorCollector()
        user, roles = await self._target(user_id, None, errors)
        if disabled and ADMIN_ROLE in roles:
            await self.assignments.check_not_last_admin(user_id, errors, "id")
        errors.raise_if_any()
        if user.disabled != disabled:
            await _apply_disabled(self.session, user, disabled)
            await self._audit("user.disable" if disabled else "user.enable", user.id,
                              {"disabled": not disabled}, {"disabled": disabled})
        return user

    async def _audit(self, action: str, user_id: uuid.UUID, before, after) -> None:
        await record(self.session, tenant_id=self.actor.tenant_id, actor_user_id=self.actor.user_id,
                     action=action, object_type="User", object_id=user_id,
                     before=before, after=after)


async def _apply_disabled(session, user: User, disabled: bool) -> None:
    user.disabled = disabled
    user.version += 1
    user.updated_at = utcnow()
    await session.flush()


async def platform_set_disabled(actor: Actor, user_id: uuid.UUID, disabled: bool) -> User:
    """A platform administrator (dis)ables any account; the last enabled one stays enabled."""
    session = actor.session
    repo = UserRepository(session)
    user = await repo.get(user_id)
    if user is None:
        raise NotFound()
    errors = ErrorCollector()
    if disabled:
        admins = await repo.enabled_ids(await PolicyRepository(session).platform_admin_ids())
        if user_id in admins and len(admins) == 1:
            errors.add("id", "LAST_ADMIN")
    errors.raise_if_any()
    if user.disabled != disabled:
        await _apply_disabled(session, user, disabled)
        await record_platform(session, actor_user_id=actor.user_id,
                              action="user.disable" if disabled else "user.enable",
                              object_type="User", object_id=user.id,
                              before={"disabled": not disabled}, after={"disabled": disabled})
    return user
