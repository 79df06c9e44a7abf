"""Isolation cases of client apps: clientApps, platformAppOffers, registerClientApp,
updateClientApp, rotateClientAppSecret, deleteClientApp, enablePlatformApp,
assignClientAppRole, revokeClientAppRole, node(ClientApp).

`setup` gives both agencies an app (deterministic IDs; beta's is named "Dinas Beta App",
holding the beta marker) with the role `hr`, and the platform one platform app, so the foreign
variants name beta's app and must find nothing (publishDocuments, trustedDocuments too).
Platform-only fields (platformApps, registerPlatformApp, updatePlatformApp,
rotatePlatformAppSecret, publishPlatformDocuments) are covered by
test_isolation_matrix.test_platform_app_mutations_only_for_platform_admins.
"""

from __future__ import annotations

import hashlib
import uuid

from kinerja.authz.actor import app_subject
from kinerja.clients.rules import set_new_secret
from kinerja.models import ClientApp, PlatformApp
from kinerja.roles.repository import PolicyRepository
from tests.support.api import gid

ADMIN = {"admin"}
READERS = {"admin", "auditor"}
NAMESPACE = uuid.UUID("5d0c52a4-2a43-4a7a-8d4e-7f0a3b1c9e21")
PLATFORM_APP_ID = uuid.UUID("5d0c52a4-2a43-4a7a-8d4e-000000000001")
APP_FIELDS = "id name clientId roles disabled"


def app_id(world, slug: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, str(world.tenant_id(slug)))


async def with_apps(db, services, world) -> None:
    session = db.session(platform=True)
    try:
        platform = PlatformApp(id=PLATFORM_APP_ID, name="Aplikasi Provinsi", kind="service")
        set_new_secret(platform)
        session.add(platform)
        await session.commit()
    finally:
        await session.close()
    for slug in ("alpha", "beta"):
        tenant_id = world.tenant_id(slug)
        session = db.session(tenant_id=tenant_id)
        try:
            app = ClientApp(id=app_id(world, slug), tenant_id=tenant_id,
                            name=f"Dinas {slug.title()} App", kind="service")
            set_new_secret(app)
            session.add(app)
            await session.flush()
            policies = PolicyRepository(session)
            await policies.begin_change()
            await policies.add_grouping(app_subject(app.id), "hr", tenant_id)
            await session.commit()
        finally:
            await session.close()
    services.policies.invalidate()


def _app(world, slug):
    return {"id": gid("ClientApp", app_id(world, slug))}


MANIFEST_TEXT = "query Units { orgUnits { code } }"
MANIFEST = {"sha256:" + hashlib.sha256(MANIFEST_TEXT.encode()).hexdigest(): MANIFEST_TEXT}


CASES = [
    {"field": "clientApps", "operation": "{clientApps{" + APP_FIELDS + "}}",
     "variables": lambda world, slug: {}, "allowed_roles": READERS, "foreign_ok_codes": [],
     "setup": with_apps},
    {"field": "platformAppOffers", "operation": "{platformAppOffers{id name enabledHere}}",
     "variables": lambda world, slug: {}, "allowed_roles": ADMIN, "foreign_ok_codes": [],
     "setup": with_apps},
    {"name": "node-client-app", "field": "node",
     "operation": "query($id:ID!){node(id:$id){id ... on ClientApp{name clientId}}}",
     "variables": _app, "allowed_roles": READERS, "foreign_ok_codes": ["NOT_FOUND"],
     "setup": with_apps},
    {"field": "registerClientApp",
     "operation": "mutation{registerClientApp(input:{name:\"Baru\",kind:WEB}){clientSecret "
                  "app{" + APP_FIELDS + "} errors{field code}}}",
     "variables": lambda world, slug: {}, "allowed_roles": ADMIN, "foreign_ok_codes": ["OK"]},
    {"field": "updateClientApp",
     "operation": "mutation($id:ID!){updateClientApp(input:{id:$id,disabled:true}){app{"
                  + APP_FIELDS + "} errors{field code}}}",
     "variables": _app, "allowed_roles": ADMIN, "foreign_ok_codes": ["NOT_FOUND"],
     "setup": with_apps},
    {"field": "rotateClientAppSecret",
     "operation": "mutation($id:ID!){rotateClientAppSecret(input:{id:$id}){clientSecret app{"
                  + APP_FIELDS + "} errors{field code}}}",
     "variables": _app, "allowed_roles": ADMIN, "foreign_ok_codes": ["NOT_FOUND"],
     "setup": with_apps},
    {"field": "deleteClientApp",
     "operation": "mutation($id:ID!){deleteClientApp(id:$id){deletedId errors{field code}}}",
     "variables": _app, "allowed_roles": ADMIN, "foreign_ok_codes": ["NOT_FOUND"],
     "setup": with_apps},
    {"field": "enablePlatformApp",
     "operation": "mutation($id:ID!){enablePlatformApp(platformAppId:$id){app{"
                  + APP_FIELDS + "} errors{field code}}}",
     "variables": lambda world, slug: {"id": gid("PlatformApp", PLATFORM_APP_ID)},
     "allowed_roles": ADMIN, "foreign_ok_codes": ["OK"], "setup": with_apps},
    {"field": "assignClientAppRole",
     "operation": "mutation($id:ID!){assignClientAppRole(id:$id,role:\"auditor\"){app{"
                  + APP_FIELDS + "} errors{field code}}}",
     "variables": _app, "allowed_roles": ADMIN, "foreign_ok_codes": ["NOT_FOUND"],
     "setup": with_apps},
    {"field": "revokeClientAppRole",
     "operation": "mutation($id:ID!){revokeClientAppRole(id:$id,role:\"hr\"){app{"
                  + APP_FIELDS + "} errors{field code}}}",
     "variables": _app, "allowed_roles": ADMIN, "foreign_ok_codes": ["NOT_FOUND"],
     "setup": with_apps},
    {"field": "publishDocuments",
     "operation": "mutation($id:ID!,$m:JSON!){publishDocuments(appId:$id,manifest:$m){"
                  "published unchanged documentIds errors{field code}}}",
     "variables": lambda world, slug: {**_app(world, slug), "m": MANIFEST},
     "allowed_roles": ADMIN, "foreign_ok_codes": ["NOT_FOUND"], "setup": with_apps},
    {"field": "trustedDocuments",
     "operation": "query($id:ID!){trustedDocuments(appId:$id){documentId body}}",
     "variables": _app, "allowed_roles": READERS, "foreign_ok_codes": ["NOT_FOUND"],
     "setup": with_apps},
]

CASES.append(
    {"field": "usage",
     "operation": "{usage{kind clientId documentId viewKey calls errorCalls p50Ms lastUsedAt}}",
     "variables": lambda world, slug: {}, "allowed_roles": READERS, "foreign_ok_codes": [],
     "setup": with_apps})
