"""Client-app mutations. Thin: unpack the input, run the service in a savepoint, publish.
Role changes of an app are policy changes (announced to every process, like users' roles)."""

from __future__ import annotations

import strawberry
from strawberry.scalars import JSON

from ..graphql.context import Info
from ..graphql.enums import value_of
from ..graphql.payloads import answer, resolved
from ..graphql.permissions import Can, PlatformCan
from .runtime import (
    app_id_of,
    app_service,
    document_service,
    load_app,
    load_platform_app,
    platform_service,
)
from .types import (
    ClientAppRoleError,
    ClientAppRolePayload,
    DeleteClientAppError,
    DeleteClientAppPayload,
    DocumentEnforcement,
    EnablePlatformAppError,
    EnablePlatformAppPayload,
    PublishDocumentsError,
    PublishDocumentsPayload,
    RegisterClientAppError,
    RegisterClientAppInput,
    RegisterClientAppPayload,
    RegisterPlatformAppError,
    RegisterPlatformAppInput,
    RegisterPlatformAppPayload,
    RotateClientAppSecretError,
    RotateClientAppSecretInput,
    RotateClientAppSecretPayload,
    RotatePlatformAppSecretError,
    RotatePlatformAppSecretPayload,
    UpdateClientAppError,
    UpdateClientAppInput,
    UpdateClientAppPayload,
    UpdatePlatformAppError,
    UpdatePlatformAppPayload,
    kind_of,
)

WRITE = [Can("client_app", "write")]
PLATFORM_WRITE = [PlatformCan("client_app", "write")]


@strawberry.type
class ClientAppMutations:
    @strawberry.mutation(permission_classes=WRITE, description=(
        "Register an app of the selected agency; answers its client id and secret (once)."))
    async def register_client_app(self, info: Info,
                                  input: RegisterClientAppInput) -> RegisterClientAppPayload:
        ctx = info.context

        async def build(issued):
            return {"app": await load_app(ctx, issued.app_id), "client_secret": issued.secret}

        return await answer(ctx, lambda: app_service(ctx).register(
            input.name, kind_of(input.kind), value_of(input.enforcement)),
                            RegisterClientAppPayload, RegisterClientAppError, build)

    @strawberry.mutation(permission_classes=WRITE,
                         description="Rename, disable or enable an app.")
    async def update_client_app(self, info: Info,
                                input: UpdateClientAppInput) -> UpdateClientAppPayload:
        ctx = info.context
        app_id = app_id_of(input.id)

        async def build(changed):
            return {"app": await load_app(ctx, changed)}

        return await answer(ctx, lambda: app_service(ctx).update(
            app_id, input.version, input.name, input.disabled, value_of(input.enforcement)),
            UpdateClientAppPayload, UpdateClientAppError, build)

    @strawberry.mutation(permission_classes=WRITE, description=(
        "A new secret for an app (shown once); the old one keeps working for `graceHours`."))
    async def rotate_client_app_secret(
            self, info: Info, input: RotateClientAppSecretInput) -> RotateClientAppSecretPayload:
        ctx = info.context
        app_id = app_id_of(input.id)

        async def build(issued):
            return {"app": await load_app(ctx, issued.app_id), "client_secret": issued.secret}

        return await answer(ctx, lambda: app_service(ctx).rotate(
            app_id, input.version, input.grace_hours),
            RotateClientAppSecretPayload, RotateClientAppSecretError, build)

    @strawberry.mutation(permission_classes=WRITE, description=(
        "Delete an app (or stop using a platform app here): its roles go, its tokens end."))
    async def delete_client_app(self, info: Info, id: strawberry.ID) -> DeleteClientAppPayload:
        ctx = info.context
        app_id = app_id_of(id)

        async def build(_before):
            return {"deleted_id": id}

        return await answer(ctx, lambda: app_service(ctx).delete(app_id),
                            DeleteClientAppPayload, DeleteClientAppError, build)

    @strawberry.mutation(permission_classes=WRITE,
                         description="Enable a platform app in the selected agency.")
    async def enable_platform_app(self, info: Info,
                                  platform_app_id: strawberry.ID) -> EnablePlatformAppPayload:
        ctx = info.context
        raw = app_id_of(platform_app_id, "PlatformApp")

        async def build(app_id):
            return {"app": await load_app(ctx, app_id)}

        return await answer(ctx, lambda: app_service(ctx).enable_platform_app(raw),
                            EnablePlatformAppPayload, EnablePlatformAppError, build)

    @strawberry.mutation(permission_classes=[Can("role", "assign"), *WRITE], description=(
        "Give an app a role of this agency (only permissions you hold yourself)."))
    async def assign_client_app_role(self, info: Info, id: strawberry.ID,
                                     role: str) -> ClientAppRolePayload:
        ctx = info.context
        app_id = app_id_of(id)

        async def build(changed):
            return await resolved(app=load_app(ctx, changed))

        return await answer(ctx, lambda: app_service(ctx).assign_role(app_id, role),
                            ClientAppRolePayload, ClientAppRoleError, build)

    @strawberry.mutation(permission_classes=[Can("role", "assign"), *WRITE],
                         description="Take a role away from an app.")
    async def revoke_client_app_role(self, info: Info, id: strawberry.ID,
                                     role: str) -> ClientAppRolePayload:
        ctx = info.context
        app_id = app_id_of(id)

        async def build(changed):
            return await resolved(app=load_app(ctx, changed))

        return await answer(ctx, lambda: app_service(ctx).revoke_role(app_id, role),
                            ClientAppRolePayload, ClientAppRoleError, build)

    @strawberry.mutation(permission_classes=PLATFORM_WRITE, description=(
        "Register a platform-wide app (platform admins); its secret is shown once."))
    async def register_platform_app(self, info: Info,
                                    input: RegisterPlatformAppInput) -> RegisterPlatformAppPayload:
        ctx = info.context

        async def build(issued):
            return {"app": await load_platform_app(ctx, issued.app_id),
                    "client_secret": issued.secret}

        return await answer(ctx, lambda: platform_service(ctx).register(
            input.name, kind_of(input.kind), value_of(input.enforcement)),
            RegisterPlatformAppPayload, RegisterPlatformAppError, build)

    @strawberry.mutation(permission_classes=PLATFORM_WRITE,
                         description="Rename a platform app, or switch it off everywhere.")
    async def update_platform_app(
            self, info: Info, id: strawberry.ID, version: int | None = None,
            name: str | None = None, disabled: bool | None = None,
            enforcement: DocumentEnforcement | None = None,  # type: ignore[valid-type]
    ) -> UpdatePlatformAppPayload:
        ctx = info.context
        app_id = app_id_of(id, "PlatformApp")

        async def build(changed):
            return {"app": await load_platform_app(ctx, changed)}

        return await answer(ctx, lambda: platform_service(ctx).update(
            app_id, version, name, disabled, value_of(enforcement)),
            UpdatePlatformAppPayload, UpdatePlatformAppError, build)

    @strawberry.mutation(permission_classes=PLATFORM_WRITE,
                         description="A new secret for a platform app (shown once).")
    async def rotate_platform_app_secret(
            self, info: Info, id: strawberry.ID, version: int | None = None,
            grace_hours: int | None = None) -> RotatePlatformAppSecretPayload:
        ctx = info.context
        app_id = app_id_of(id, "PlatformApp")

        async def build(issued):
            return {"app": await load_platform_app(ctx, issued.app_id),
                    "client_secret": issued.secret}

        return await answer(ctx, lambda: platform_service(ctx).rotate(
            app_id, version, grace_hours),
            RotatePlatformAppSecretPayload, RotatePlatformAppSecretError, build)

    @strawberry.mutation(permission_classes=WRITE, description=(
        "Publish documents of an app of this agency: a manifest {\"sha256:<hex>\": \"<document>\"} "
        "as GraphQL codegen and Relay emit it; each is checked against the schema and limits."))
    async def publish_documents(self, info: Info, app_id: strawberry.ID,
                                manifest: JSON) -> PublishDocumentsPayload:
        ctx = info.context
        raw = app_id_of(app_id)
        return await answer(ctx, lambda: document_service(ctx).publish(raw, manifest),
                            PublishDocumentsPayload, PublishDocumentsError, _published)

    @strawberry.mutation(permission_classes=PLATFORM_WRITE, description=(
        "Publish documents of a platform app (platform admins); valid in every agency that "
        "enabled it."))
    async def publish_platform_documents(self, info: Info, platform_app_id: strawberry.ID,
                                         manifest: JSON) -> PublishDocumentsPayload:
        ctx = info.context
        raw = app_id_of(platform_app_id, "PlatformApp")
        return await answer(ctx, lambda: document_service(ctx).publish_platform(raw, manifest),
                            PublishDocumentsPayload, PublishDocumentsError, _published)


def _published(result) -> dict:
    return {"published": result.published, "unchanged": result.unchanged,
            "document_ids": result.document_ids}
