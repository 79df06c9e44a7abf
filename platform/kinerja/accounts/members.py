"""A member of the selected agency as a `User`: the account with its roles there."""

from __future__ import annotations

import uuid

from ..errors import NotFound
from ..roles.repository import PolicyRepository
from .repository import UserRepository
from .types import UserType


async def member_view(ctx, user_id: uuid.UUID, require_member: bool = True) -> UserType:
    """A member of the selected tenant with their roles there (read from the database).

    `require_member=False` only right after this request revoked the user's last role.
    """
    roles = (await PolicyRepository(ctx.session).roles_of([user_id], ctx.tenant_id))[user_id]
    row = (await UserRepository(ctx.session).public_rows([user_id])).get(user_id)
    if row is None or (require_member and not roles):
        raise NotFound()
    return UserType.from_row(row, roles)
