"""`login`, and user administration in the selected agency (plus one platform mutation)."""

from __future__ import annotations

import strawberry

from ..errors import FieldError, RateLimited
from ..graphql.context import Info
from ..graphql.payloads import answer, resolved, to_payload_errors
from ..graphql.permissions import Can, PlatformCan, Public
from ..graphql.relay import from_global_id, to_global_id
from ..roles.runtime import assignments_for
from .login import InvalidCredentials, login
from .members import member_view
from .repository import UserRepository
from .service import MemberService, UserInput, platform_set_disabled
from .types import (
    CreateUserError,
    CreateUserInput,
    CreateUserPayload,
    LoginError,
    LoginPayload,
    PlatformSetUserDisabledError,
    PlatformSetUserDisabledPayload,
    RemoveUserFromTenantError,
    RemoveUserFromTenantPayload,
    SetUserDisabledError,
    SetUserDisabledPayload,
    UpdateUserError,
    UpdateUserInput,
    UpdateUserPayload,
    UserType,
)


def _members(ctx) -> MemberService:
    return MemberService(assignments_for(ctx))




def _shown_elsewhere(ctx, user_id) -> None:
    """An account is global: every agency it belongs to shows it, so their caches must go."""
    ctx.changed_tenants.update(ctx.services.policies.tenant_ids_of(user_id))


async def _user_type(ctx, user_id) -> UserType:
    row = (await UserRepository(ctx.session).public_rows([user_id]))[user_id]
    return UserType.from_row(row)


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
        ctx.services.metrics.login_failed(error.code)
        return LoginPayload(errors=to_payload_errors(LoginError, [error], ctx.language))

    @strawberry.mutation(permission_classes=[Can("user", "write")],
                         description="Create a login and make it a member of the selected agency "
                                     "with the given roles.")
    async def create_user(self, info: Info, input: CreateUserInput) -> CreateUserPayload:
        ctx = info.context
        data = UserInput(username=input.username, display_name=input.display_name,
                         email=input.email, password=input.password)
        return await answer(ctx, lambda: _members(ctx).create(data, input.roles),
                            CreateUserPayload, CreateUserError,
                            lambda r: resolved(user=member_view(ctx, r.id)))

    @strawberry.mutation(permission_classes=[Can("user", "write")],
                         description="Change a member's display name, email or password. Accounts "
                                     "that also belong elsewhere give SHARED_ACCOUNT.")
    async def update_user(self, info: Info, input: UpdateUserInput) -> UpdateUserPayload:
        ctx = info.context
        user_id = from_global_id(input.id, "User")[1]
        data = UserInput(display_name=input.display_name, email=input.email,
                         password=input.password)
        _shown_elsewhere(ctx, user_id)
        return await answer(ctx, lambda: _members(ctx).update(user_id, input.version, data),
                            UpdateUserPayload, UpdateUserError,
                            lambda r: resolved(user=member_view(ctx, user_id)))

    @strawberry.mutation(permission_classes=[Can("user", "write")],
                         description="Revoke all of a member's roles in the selected agency. The "
                                     "account itself stays (it is global).")
    async def remove_user_from_tenant(self, info: Info,
                                      id: strawberry.ID) -> RemoveUserFromTenantPayload:
        ctx = info.context
        user_id = from_global_id(id, "User")[1]
        return await answer(ctx, lambda: assignments_for(ctx).remove_member(user_id),
                            RemoveUserFromTenantPayload, RemoveUserFromTenantError,
                            lambda r: resolved(removed_user_id=to_global_id("User", user_id),
                                                 removed_roles=list(r)))

    @strawberry.mutation(permission_classes=[Can("user", "write")],
                         description="Disable (or enable) a member's account: a disabled account "
                                     "cannot sign in and its tokens stop working. Only for "
                                     "accounts that belong to this agency alone (else "
                                     "SHARED_ACCOUNT; a platform administrator can use "
                                     "`platformSetUserDisabled`).")
    async def set_user_disabled(self, info: Info, id: strawberry.ID,
                                disabled: bool) -> SetUserDisabledPayload:
        ctx = info.context
        user_id = from_global_id(id, "User")[1]
        _shown_elsewhere(ctx, user_id)
        return await answer(ctx, lambda: _members(ctx).set_disabled(user_id, disabled),
                            SetUserDisabledPayload, SetUserDisabledError,
                            lambda r: resolved(user=member_view(ctx, user_id)))

    @strawberry.mutation(permission_classes=[PlatformCan("user", "write")],
                         description="Disable (or enable) any account (platform administrators).")
    async def platform_set_user_disabled(self, info: Info, id: strawberry.ID,
                                         disabled: bool) -> PlatformSetUserDisabledPayload:
        ctx = info.context
        user_id = from_global_id(id, "User")[1]
        return await answer(
            ctx, lambda: platform_set_disabled(ctx.actor, user_id, disabled),
            PlatformSetUserDisabledPayload, PlatformSetUserDisabledError,
            lambda r: resolved(user=_user_type(ctx, user_id)))
