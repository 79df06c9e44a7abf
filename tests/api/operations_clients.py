"""Cases of tests/api/test_operations.py for the client-app operations."""

from __future__ import annotations

import hashlib

DOCUMENT = "query Units { orgUnits { code } }"
MANIFEST = {"sha256:" + hashlib.sha256(DOCUMENT.encode()).hexdigest(): DOCUMENT}
REGISTER = ("mutation($i:RegisterClientAppInput!){registerClientApp(input:$i){app{id version "
            "clientId}}}")
PLATFORM = ("mutation{registerPlatformApp(input:{name:\"Aplikasi Provinsi\",kind:SERVICE}){"
            "app{id version}}}")


async def _app(api, name: str = "Sistem Kota") -> dict:
    result = await api.gql(REGISTER, {"i": {"name": name, "kind": "SERVICE"}}, user="admin.alpha")
    return result.ok()["registerClientApp"]["app"]


async def _platform_app(api) -> dict:
    return (await api.gql(PLATFORM, user="platform.root")).ok()["registerPlatformApp"]["app"]


async def register_platform(api, world):
    return {"input": {"name": "Aplikasi Kota", "kind": "DASHBOARD"}}


async def register(api, world):
    return {"input": {"name": "Portal Kinerja", "kind": "WEB"}}


async def update(api, world):
    app = await _app(api)
    return {"input": {"id": app["id"], "version": app["version"], "disabled": True}}


async def rotate(api, world):
    return {"input": {"id": (await _app(api))["id"], "graceHours": 1}}


async def by_id(api, world):
    return {"id": (await _app(api))["id"]}


async def with_role(api, world):
    return {"id": (await _app(api))["id"], "role": "hr"}


async def with_held_role(api, world):
    app = await _app(api)
    await api.gql("mutation($id:ID!){assignClientAppRole(id:$id,role:\"hr\"){app{id}}}",
                  {"id": app["id"]}, user="admin.alpha")
    return {"id": app["id"], "role": "hr"}


async def listed(api, world):
    await _app(api)
    return {}


async def offered(api, world):
    await _platform_app(api)
    return {}


async def enable(api, world):
    return {"platformAppId": (await _platform_app(api))["id"]}


async def platform_id(api, world):
    return {"id": (await _platform_app(api))["id"], "graceHours": 0}


async def platform_update(api, world):
    app = await _platform_app(api)
    return {"id": app["id"], "version": app["version"], "disabled": True}


async def publish(api, world):
    return {"appId": (await _app(api))["id"], "manifest": MANIFEST}


async def publish_platform(api, world):
    return {"platformAppId": (await _platform_app(api))["id"], "manifest": MANIFEST}


async def published(api, world):
    app = await _app(api)
    await api.gql("mutation($id:ID!,$m:JSON!){publishDocuments(appId:$id,manifest:$m){"
                  "published}}", {"id": app["id"], "m": MANIFEST}, user="admin.alpha")
    return {"appId": app["id"]}


def check_published(field: str):
    def check(data, world):
        assert data[field]["published"] == 1 and data[field]["documentIds"] == list(MANIFEST)

    return check


def check_listed_documents(data, world):
    assert [d["body"] for d in data["trustedDocuments"]] == [DOCUMENT]


def check_secret(field: str):
    def check(data, world):
        assert data[field]["clientSecret"].startswith("ks_"), data

    return check


def check_listed(data, world):
    assert [a["name"] for a in data["clientApps"]] == ["Sistem Kota"]


def check_offers(data, world):
    assert [(o["name"], o["enabledHere"]) for o in data["platformAppOffers"]] == [
        ("Aplikasi Provinsi", False)]


def check_roles(expected: list[str], field: str):
    def check(data, world):
        assert data[field]["app"]["roles"] == expected

    return check


def check_app(field: str, key: str, expected):
    def check(data, world):
        assert data[field]["app"][key] == expected, data

    return check


def check_deleted(data, world):
    assert data["deleteClientApp"]["deletedId"], data


def check_platform_apps(data, world):
    assert [a["name"] for a in data["platformApps"]] == ["Aplikasi Provinsi"], data


async def used(api, world):
    app = await _app(api)
    await api.gql("{ orgUnits { code } }", user="hr.alpha",
                  headers={"x-client-id": _client_id(app)})
    return {"kind": "APP", "days": 7}


def _client_id(app: dict) -> str:
    return app["clientId"]


def check_usage(data, world):
    assert [(s["kind"], s["calls"]) for s in data["usage"]] == [("APP", 1)], data


OPERATIONS = {
    "Usage": ("admin.alpha", used, check_usage),
    "PublishDocuments": ("admin.alpha", publish, check_published("publishDocuments")),
    "PublishPlatformDocuments": ("platform.root", publish_platform,
                                 check_published("publishPlatformDocuments")),
    "TrustedDocuments": ("auditor.alpha", published, check_listed_documents),
    "ClientApps": ("admin.alpha", listed, check_listed),
    "RegisterClientApp": ("admin.alpha", register, check_secret("registerClientApp")),
    "UpdateClientApp": ("admin.alpha", update,
                        check_app("updateClientApp", "disabled", True)),
    "RotateClientAppSecret": ("admin.alpha", rotate, check_secret("rotateClientAppSecret")),
    "DeleteClientApp": ("admin.alpha", by_id,
                        check_deleted),
    "AssignClientAppRole": ("admin.alpha", with_role,
                            check_roles(["hr"], "assignClientAppRole")),
    "RevokeClientAppRole": ("admin.alpha", with_held_role,
                            check_roles([], "revokeClientAppRole")),
    "PlatformAppOffers": ("admin.alpha", offered, check_offers),
    "EnablePlatformApp": ("admin.alpha", enable,
                          check_app("enablePlatformApp", "platformApp", True)),
    "PlatformApps": ("platform.root", offered,
                     check_platform_apps),
    "RegisterPlatformApp": ("platform.root", register_platform,
                            check_secret("registerPlatformApp")),
    "UpdatePlatformApp": ("platform.root", platform_update,
                          check_app("updatePlatformApp", "disabled", True)),
    "RotatePlatformAppSecret": ("platform.root", platform_id,
                                check_secret("rotatePlatformAppSecret")),
}
