"""`login`: username and password for a bearer token."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from ..errors import FieldError, RateLimited
from ..graphql.payloads import to_payload_errors
from ..graphql.permissions import Public
from .login import InvalidCredentials, login
from .repository import UserRepository
from .types import LoginError, LoginPayload, UserType


@strawberry.type
class AccountMutations:
    @strawberry.mutation(permission_classes=[Public],
                         description="Sign in; failures are counted and throttled per username.")
    async def login(self, info: Info, username: str, password: str) -> LoginPayload:
        ctx = info.context
        repo = UserRepository(ctx.session)
        try:
            issued = await login(repo, ctx.settings, username, password)
        except InvalidCredentials:
            error = FieldError(None, "INVALID_CREDENTIALS")
        except RateLimited as exc:
            error = FieldError(None, "TOO_MANY_ATTEMPTS", exc.params)
        else:
            user_id = ctx.services.token_verifier.verify(issued.token).user_id
            row = (await repo.public_rows([user_id]))[user_id]
            return LoginPayload(token=issued.token, expires_at=issued.expires_at,
                                user=UserType.from_row(row))
        return LoginPayload(errors=to_payload_errors(LoginError, [error], ctx.language))
