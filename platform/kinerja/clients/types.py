"""GraphQL types of client apps (plain objects built from rows)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import strawberry

from ..graphql.enums import code_enum
from ..graphql.payloads import mutation_error_type
from ..graphql.relay import Node, to_global_id
from .credentials import ClientId, client_id_of
from .rules import ENFORCEMENTS, KINDS

ClientAppKind = code_enum(
    "ClientAppKind", [k.upper() for k in KINDS],
    "What kind of app: WEB and MOBILE run on the user's device (public clients: they send the "
    "user's token and their client id); SERVICE and DASHBOARD may also sign in as themselves "
    "with the client-credentials grant.")


DocumentEnforcement = code_enum(
    "DocumentEnforcement", ENFORCEMENTS,
    "Which documents an app's requests may run: DOCUMENTS_ONLY (only those it published; "
    "new apps in production) or OPEN (any document, e.g. while developing).")


def kind_of(member: Any) -> str | None:
    return member.value.lower() if member is not None else None


@strawberry.type(name="ClientApp", description="An app of the selected agency: its own, or a "
                 "platform app enabled here.")
class ClientAppType(Node):
    name: str
    kind: ClientAppKind  # type: ignore[valid-type]
    client_id: str = strawberry.field(
        description="Send it as X-Client-Id with a user's token, or use it (with the secret) "
                    "at POST /oauth/token.")
    platform_app: bool = strawberry.field(
        description="A platform app enabled here: its secret is the platform's.")
    disabled: bool
    enforcement: DocumentEnforcement = strawberry.field(  # type: ignore[valid-type]
        description="For a platform app: the platform's setting.")
    roles: list[str] = strawberry.field(description="What the app may do in its own name "
                                                    "(TENANT-scope permissions only).")
    secret_rotated_at: datetime | None
    previous_secret_valid_until: datetime | None = strawberry.field(
        description="Until then the secret before the last rotation still works.")
    version: int
    created_at: datetime
    updated_at: datetime

    @classmethod
    def from_row(cls, row: Any, tenant_id: uuid.UUID, roles: list[str]) -> ClientAppType:
        client_id = client_id_of(tenant_id, row.id, row.platform_app_id)
        return cls(id=to_global_id("ClientApp", row.id), name=row.name,
                   kind=ClientAppKind[row.kind.upper()], client_id=str(client_id),
                   platform_app=row.platform_app_id is not None, disabled=row.disabled,
                   enforcement=DocumentEnforcement[row.effective_enforcement], roles=roles,
                   secret_rotated_at=row.secret_rotated_at,
                   previous_secret_valid_until=row.previous_secret_expires_at,
                   version=row.version, created_at=row.created_at, updated_at=row.updated_at)


@strawberry.type(description="An app registered for the whole platform; agencies enable it.")
class PlatformApp:
    id: strawberry.ID = strawberry.field(description="Pass it to `enablePlatformApp`.")
    name: str
    kind: ClientAppKind  # type: ignore[valid-type]
    client_id: str
    disabled: bool = strawberry.field(description="Switched off in every agency.")
    enforcement: DocumentEnforcement  # type: ignore[valid-type]
    secret_rotated_at: datetime | None
    previous_secret_valid_until: datetime | None
    version: int
    created_at: datetime
    updated_at: datetime

    @classmethod
    def from_row(cls, row: Any) -> PlatformApp:
        return cls(id=to_global_id("PlatformApp", row.id), name=row.name,
                   kind=ClientAppKind[row.kind.upper()], client_id=str(ClientId(row.id, None)),
                   disabled=row.disabled, enforcement=DocumentEnforcement[row.enforcement],
                   secret_rotated_at=row.secret_rotated_at,
                   previous_secret_valid_until=row.previous_secret_expires_at,
                   version=row.version, created_at=row.created_at, updated_at=row.updated_at)


@strawberry.type(description="A platform app as an agency admin sees it.")
class PlatformAppOffer:
    id: strawberry.ID
    name: str
    kind: ClientAppKind  # type: ignore[valid-type]
    client_id: str
    enabled_here: bool = strawberry.field(description="This agency has enabled it.")


@strawberry.input(description="A new app of the selected agency.")
class RegisterClientAppInput:
    name: str = strawberry.field(description="Unique in the agency, up to 100 characters.")
    kind: ClientAppKind  # type: ignore[valid-type]
    enforcement: DocumentEnforcement | None = strawberry.field(  # type: ignore[valid-type]
        default=None, description="Default: DOCUMENTS_ONLY in production, else OPEN.")


@strawberry.input(description="Changes to an app; omitted fields stay as they are.")
class UpdateClientAppInput:
    id: strawberry.ID
    version: int | None = strawberry.field(
        default=None, description="The version you read; a stale one gives CONFLICT.")
    name: str | None = None
    disabled: bool | None = strawberry.field(
        default=None, description="A disabled app's tokens and requests are refused at once.")
    enforcement: DocumentEnforcement | None = None  # type: ignore[valid-type]


@strawberry.input(description="A new secret for an app.")
class RotateClientAppSecretInput:
    id: strawberry.ID
    version: int | None = None
    grace_hours: int | None = strawberry.field(
        default=None, description="How long the current secret keeps working (0 to 168; "
                                  "default KINERJA_SECRET_GRACE_HOURS, 24).")


@strawberry.input(description="A new platform app.")
class RegisterPlatformAppInput:
    name: str
    kind: ClientAppKind  # type: ignore[valid-type]
    enforcement: DocumentEnforcement | None = None  # type: ignore[valid-type]


APP_CODES = ("PERMISSION_NOT_HELD", "RESERVED_ROLE")
RegisterClientAppError = mutation_error_type("RegisterClientApp")
UpdateClientAppError = mutation_error_type("UpdateClientApp", APP_CODES)
RotateClientAppSecretError = mutation_error_type("RotateClientAppSecret", APP_CODES)
DeleteClientAppError = mutation_error_type("DeleteClientApp", APP_CODES)
EnablePlatformAppError = mutation_error_type("EnablePlatformApp")
ClientAppRoleError = mutation_error_type("ClientAppRole", APP_CODES)
RegisterPlatformAppError = mutation_error_type("RegisterPlatformApp")
UpdatePlatformAppError = mutation_error_type("UpdatePlatformApp")
RotatePlatformAppSecretError = mutation_error_type("RotatePlatformAppSecret")
DOCUMENT_CODES = ("TOO_MANY", "HASH_MISMATCH", "DOCUMENT_INVALID")
PublishDocumentsError = mutation_error_type("PublishDocuments", DOCUMENT_CODES)


@strawberry.type(description="A document an app published (immutable; its id is its hash).")
class TrustedDocument:
    document_id: str = strawberry.field(description="sha256:<hex>: send it as `documentId`.")
    read_only: bool = strawberry.field(description="Only queries: may be sent with GET.")
    operation_names: list[str]
    published_at: datetime
    body: str | None = strawberry.field(description="The document's text.")


@strawberry.type(description="Result of `publishDocuments` / `publishPlatformDocuments`: all "
                 "or nothing; `errors[].field` is the manifest key that was refused.")
class PublishDocumentsPayload:
    published: int = 0
    unchanged: int = strawberry.field(default=0, description="Published before: kept as is.")
    document_ids: list[str] = strawberry.field(default_factory=list)
    errors: list[PublishDocumentsError] = strawberry.field(default_factory=list)


@strawberry.type(description="Result of `registerClientApp`: the "
                 "secret is shown here once and never again.")
class RegisterClientAppPayload:
    app: ClientAppType | None = None
    client_secret: str | None = strawberry.field(
        default=None, description="Store it now: only its digest is kept.")
    errors: list[RegisterClientAppError] = strawberry.field(default_factory=list)


@strawberry.type(description="Result of `updateClientApp`.")
class UpdateClientAppPayload:
    app: ClientAppType | None = None
    errors: list[UpdateClientAppError] = strawberry.field(default_factory=list)


@strawberry.type(description="Result of `rotateClientAppSecret`.")
class RotateClientAppSecretPayload:
    app: ClientAppType | None = None
    client_secret: str | None = None
    errors: list[RotateClientAppSecretError] = strawberry.field(default_factory=list)


@strawberry.type(description="Result of `deleteClientApp`.")
class DeleteClientAppPayload:
    deleted_id: strawberry.ID | None = None
    errors: list[DeleteClientAppError] = strawberry.field(default_factory=list)


@strawberry.type(description="Result of `enablePlatformApp`.")
class EnablePlatformAppPayload:
    app: ClientAppType | None = None
    errors: list[EnablePlatformAppError] = strawberry.field(default_factory=list)


@strawberry.type(description="Result of `assignClientAppRole` and `revokeClientAppRole`.")
class ClientAppRolePayload:
    app: ClientAppType | None = None
    errors: list[ClientAppRoleError] = strawberry.field(default_factory=list)


@strawberry.type(description="Result of `registerPlatformApp` (the secret is shown once).")
class RegisterPlatformAppPayload:
    app: PlatformApp | None = None
    client_secret: str | None = None
    errors: list[RegisterPlatformAppError] = strawberry.field(default_factory=list)


@strawberry.type(description="Result of `updatePlatformApp`.")
class UpdatePlatformAppPayload:
    app: PlatformApp | None = None
    errors: list[UpdatePlatformAppError] = strawberry.field(default_factory=list)


@strawberry.type(description="Result of `rotatePlatformAppSecret` (the secret is shown once).")
class RotatePlatformAppSecretPayload:
    app: PlatformApp | None = None
    client_secret: str | None = None
    errors: list[RotatePlatformAppSecretError] = strawberry.field(default_factory=list)
