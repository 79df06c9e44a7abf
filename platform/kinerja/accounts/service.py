"""User account rules: username and email format and uniqueness, password strength."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

from ..audit.recorder import record_platform, snapshot
from ..auth.passwords import MIN_PASSWORD_LENGTH, hash_password
from ..errors import ErrorCollector
from ..models import User
from .repository import UserRepository

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


async def create_global_user(session, actor: uuid.UUID | None, data: UserInput) -> User:
    """Validate and insert a login; memberships are granted separately."""
    repo = UserRepository(session)
    errors = ErrorCollector()
    await check_user_input(repo, data, errors, None)
    errors.raise_if_any()
    user = User(
        username=data.username.strip().lower(), display_name=data.display_name.strip(),
        email=data.email.strip().lower() if data.email else None,
        password_hash=hash_password(data.password) if data.password else None,
    )
    repo.add(user)
    await session.flush()
    await record_platform(session, actor_user_id=actor, action="user.create", object_type="User",
                          object_id=user.id, after=snapshot(user, AUDITED))
    return user
