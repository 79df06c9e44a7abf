"""Client apps end to end over HTTP: registration, the client-credentials grant (RFC 6749
§4.4), app principals and their roles, user requests attributed to an app, rotation, disable,
delete, platform apps, and every refusal. Both backends."""

from __future__ import annotations

import base64
import logging
from urllib.parse import quote

import pytest

from tests.support.api import gid

APP_FIELDS = ("id name kind clientId platformApp disabled roles version secretRotatedAt "
              "previousSecretValidUntil")
REGISTER = ("mutation($i:RegisterClientAppInput!){registerClientApp(input:$i){clientSecret app{"
            + APP_FIELDS + "} errors{field code message}}}")
UPDATE = ("mutation($i:UpdateClientAppInput!){updateClientApp(input:$i){app{" + APP_FIELDS
          + "} errors{field code}}}")
ROTATE = ("mutation($i:RotateClientAppSecretInput!){rotateClientAppSecret(input:$i){"
          "clientSecret app{" + APP_FIELDS + "} errors{field code}}}")
DELETE = "mutation($id:ID!){deleteClientApp(id:$id){deletedId errors{field code}}}"
ASSIGN = ("mutation($id:ID!,$r:String!){assignClientAppRole(id:$id,role:$r){app{roles} "
          "errors{field code}}}")
REVOKE = ("mutation($id:ID!,$r:String!){revokeClientAppRole(id:$id,role:$r){app{roles} "
          "errors{field code}}}")
APPS = "{clientApps{" + APP_FIELDS + "}}"
EMPLOYEES = "{employees(first:50){totalCount}}"
ME = "{me{user{username}}}"
NODE = "query($id:ID!){node(id:$id){id ... on ClientApp{name}}}"
PLATFORM_REGISTER = ("mutation($i:RegisterPlatformAppInput!){registerPlatformApp(input:$i){"
                     "clientSecret app{id clientId name disabled version} errors{field code}}}")
PLATFORM_UPDATE = ("mutation($id:ID!,$d:Boolean){updatePlatformApp(id:$id,disabled:$d){"
                   "app{disabled} errors{field code}}}")
OFFERS = "{platformAppOffers{id name clientId enabledHere}}"
ENABLE = ("mutation($id:ID!){enablePlatformApp(platformAppId:$id){app{" + APP_FIELDS
          + "} errors{field code}}}")
AUDIT = "{auditEvents(first:5){nodes{action actorUsername actorClientId objectType}}}"
FORM = {"content-type": "application/x-www-form-urlencoded"}


async def register(api, name="Sistem Kepegawaian Kota", kind="SERVICE", user="admin.alpha"):
    payload = (await api.gql(REGISTER, {"i": {"name": name, "kind": kind}}, user=user)).ok()
    return payload["registerClientApp"]


async def token_request(api, body: str, headers: dict | None = None):
    return await api.client.post("/oauth/token", content=body.encode(),
                                 headers={**FORM, **(headers or {})})


async def app_token(api, client_id: str, secret: str, extra: str = "") -> str:
    response = await token_request(
        api, f"grant_type=client_credentials&client_id={quote(client_id)}"
             f"&client_secret={quote(secret)}{extra}")
    assert response.status_code == 200, response.text
    return response.json()["access_token"]


def basic(client_id: str, secret: str) -> dict:
    raw = f"{quote(client_id, safe='')}:{quote(secret, safe='')}".encode()
    return {"authorization": "Basic " + base64.b64encode(raw).decode()}


async def test_register_returns_the_secret_once_and_lists_no_secret(api):
    created = await register(api)
    app, secret = created["app"], created["clientSecret"]
    assert created["errors"] == [] and secret.startswith("ks_") and len(secret) > 40
    assert app["clientId"].startswith("ka-") and app["kind"] == "SERVICE"
    assert app["roles"] == [] and app["platformApp"] is False and app["disabled"] is False
    listed = (await api.gql(APPS, user="admin.alpha")).ok()["clientApps"]
    assert [a["clientId"] for a in listed] == [app["clientId"]]
    assert secret not in str(listed)
    auditor = (await api.gql(APPS, user="auditor.alpha")).ok()["clientApps"]
    assert auditor == listed
    found = (await api.gql(NODE, {"id": app["id"]}, user="admin.alpha")).ok()["node"]
    assert found["name"] == "Sistem Kepegawaian Kota"


async def test_token_by_body_and_by_basic_and_the_response_shape(api):
    created = await register(api)
    client_id, secret = created["app"]["clientId"], created["clientSecret"]
    response = await token_request(
        api, f"grant_type=client_credentials&client_id={client_id}&client_secret={secret}")
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "Bearer" and body["expires_in"] == 900
    assert set(body) == {"access_token", "token_type", "expires_in"}
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["pragma"] == "no-cache"
    by_basic = await token_request(api, "grant_type=client_credentials",
                                   basic(client_id, secret))
    assert by_basic.status_code == 200 and by_basic.json()["access_token"]


@pytest.mark.parametrize(("body", "headers", "status", "error"), [
    ("grant_type=client_credentials&client_id=ka-x&client_secret=nope", {}, 401,
     "invalid_client"),
    ("client_id=a&client_secret=b", {}, 400, "invalid_request"),
    ("grant_type=password&username=a&password=b", {}, 400, "unsupported_grant_type"),
    ("grant_type=client_credentials&grant_type=client_credentials", {}, 400, "invalid_request"),
    ("grant_type=client_credentials", {}, 401, "invalid_client"),
    ("grant_type=client_credentials", {"authorization": "Basic !!!"}, 401, "invalid_client"),
    ("grant_type=client_credentials", {"authorization": "Bearer abc"}, 401, "invalid_client"),
    ("grant_type=client_credentials&client_id=a&client_secret=b",
     {"authorization": "Basic YTpi"}, 400, "invalid_request"),
    ("grant_type=client_credentials&client_id=%00", {}, 400, "invalid_request"),
    ("%ff%fe=1", {}, 400, "invalid_request"),
    ("grant_type=client_credentials", {"content-type": "application/json"}, 400,
     "invalid_request"),
])
async def test_token_endpoint_refusals_are_rfc_6749_errors(api, body, headers, status, error):
    response = await token_request(api, body, headers)
    assert response.status_code == status, response.text
    assert response.json()["error"] == error and response.json()["error_description"]
    assert response.headers["cache-control"] == "no-store"
    if status == 401:
        assert response.headers["www-authenticate"].startswith("Basic")


async def test_token_endpoint_wrong_method(api):
    response = await api.client.get("/oauth/token")
    assert response.status_code == 405 and response.headers["allow"] == "POST"


async def test_wrong_secret_and_public_clients_are_refused(api):
    service = await register(api)
    wrong = await token_request(api, f"grant_type=client_credentials&client_id="
                                     f"{service['app']['clientId']}&client_secret=ks_wrong")
    assert (wrong.status_code, wrong.json()["error"]) == (401, "invalid_client")
    web = await register(api, name="Portal Web", kind="WEB")
    refused = await token_request(api, f"grant_type=client_credentials&client_id="
                                       f"{web['app']['clientId']}&client_secret="
                                       f"{web['clientSecret']}")
    assert (refused.status_code, refused.json()["error"]) == (400, "unauthorized_client")


async def test_an_app_has_its_roles_at_tenant_scope_and_no_user(api):
    created = await register(api)
    app_id = created["app"]["id"]
    token = await app_token(api, created["app"]["clientId"], created["clientSecret"])
    refused = await api.gql(EMPLOYEES, token=token)
    assert refused.codes == ["FORBIDDEN"]
    staff = (await api.gql(ASSIGN, {"id": app_id, "r": "staff"}, user="admin.alpha")).ok()
    assert staff["assignClientAppRole"]["app"]["roles"] == ["staff"]
    # staff reads its OWN employee record only: an app has none, so it gains nothing
    assert (await api.gql(EMPLOYEES, token=token)).codes == ["FORBIDDEN"]
    (await api.gql(ASSIGN, {"id": app_id, "r": "hr"}, user="admin.alpha")).ok()
    total = (await api.gql(EMPLOYEES, token=token)).ok()["employees"]["totalCount"]
    assert total == (await api.gql(EMPLOYEES, user="hr.alpha")).ok()["employees"]["totalCount"]
    assert (await api.gql(ME, token=token)).codes == ["USER_REQUIRED"]
    other = await api.gql(EMPLOYEES, token=token, tenant="beta")
    assert other.status == 403 and other.codes == ["TENANT_NOT_ALLOWED"]
    revoked = (await api.gql(REVOKE, {"id": app_id, "r": "hr"}, user="admin.alpha")).ok()
    assert revoked["revokeClientAppRole"]["app"]["roles"] == ["staff"]
    assert (await api.gql(EMPLOYEES, token=token)).codes == ["FORBIDDEN"]


async def test_role_guards_for_apps(api):
    app_id = (await register(api))["app"]["id"]
    reserved = (await api.gql(ASSIGN, {"id": app_id, "r": "platform_admin"},
                              user="admin.alpha")).ok()["assignClientAppRole"]
    assert [e["code"] for e in reserved["errors"]] == ["RESERVED_ROLE"]
    unknown = (await api.gql(ASSIGN, {"id": app_id, "r": "no_such_role"},
                             user="admin.alpha")).ok()["assignClientAppRole"]
    assert [e["code"] for e in unknown["errors"]] == ["UNKNOWN_REFERENCE"]
    (await api.gql(ASSIGN, {"id": app_id, "r": "hr"}, user="admin.alpha")).ok()
    twice = (await api.gql(ASSIGN, {"id": app_id, "r": "hr"},
                           user="admin.alpha")).ok()["assignClientAppRole"]
    assert [e["code"] for e in twice["errors"]] == ["DUPLICATE"]
    not_held = (await api.gql(REVOKE, {"id": app_id, "r": "auditor"},
                              user="admin.alpha")).ok()["revokeClientAppRole"]
    assert [e["code"] for e in not_held["errors"]] == ["NOT_FOUND"]
    for user in ("hr.alpha", "staff.alpha", "auditor.alpha"):
        assert (await api.gql(REGISTER, {"i": {"name": "X", "kind": "WEB"}},
                              user=user)).codes == ["FORBIDDEN"]


async def test_disable_rotate_and_delete_end_the_apps_access(api):
    created = await register(api)
    app, secret = created["app"], created["clientSecret"]
    (await api.gql(ASSIGN, {"id": app["id"], "r": "hr"}, user="admin.alpha")).ok()
    token = await app_token(api, app["clientId"], secret)
    disabled = (await api.gql(UPDATE, {"i": {"id": app["id"], "disabled": True,
                                             "version": app["version"]}},
                              user="admin.alpha")).ok()["updateClientApp"]["app"]
    refused = await api.gql(EMPLOYEES, token=token)
    assert refused.status == 401 and refused.errors[0]["extensions"]["reason"] == \
        "TOKEN_UNKNOWN_APP"
    again = await token_request(api, f"grant_type=client_credentials&client_id="
                                     f"{app['clientId']}&client_secret={secret}")
    assert again.json()["error"] == "invalid_client"
    stale = (await api.gql(UPDATE, {"i": {"id": app["id"], "disabled": False,
                                          "version": app["version"]}}, user="admin.alpha"))
    assert stale.codes == ["CONFLICT"]
    (await api.gql(UPDATE, {"i": {"id": app["id"], "disabled": False,
                                  "version": disabled["version"]}}, user="admin.alpha")).ok()
    assert (await api.gql(EMPLOYEES, token=token)).ok()
    rotated = (await api.gql(ROTATE, {"i": {"id": app["id"], "graceHours": 2}},
                             user="admin.alpha")).ok()["rotateClientAppSecret"]
    new_secret = rotated["clientSecret"]
    assert new_secret != secret and rotated["app"]["previousSecretValidUntil"]
    await app_token(api, app["clientId"], secret)  # within the grace period
    await app_token(api, app["clientId"], new_secret)
    now = (await api.gql(ROTATE, {"i": {"id": app["id"], "graceHours": 0}},
                         user="admin.alpha")).ok()["rotateClientAppSecret"]
    assert now["app"]["previousSecretValidUntil"] is None
    for old in (secret, new_secret):
        gone = await token_request(api, f"grant_type=client_credentials&client_id="
                                        f"{app['clientId']}&client_secret={old}")
        assert gone.json()["error"] == "invalid_client"
    deleted = (await api.gql(DELETE, {"id": app["id"]}, user="admin.alpha")).ok()
    assert deleted["deleteClientApp"]["deletedId"] == app["id"]
    assert (await api.gql(EMPLOYEES, token=token)).status == 401
    assert (await api.gql(APPS, user="admin.alpha")).ok()["clientApps"] == []


async def test_bad_input_changes_nothing(api):
    created = await register(api)
    cases = [
        (REGISTER, {"i": {"name": "   ", "kind": "WEB"}}, "registerClientApp", "REQUIRED"),
        (REGISTER, {"i": {"name": "x" * 101, "kind": "WEB"}}, "registerClientApp", "TOO_LONG"),
        (REGISTER, {"i": {"name": "sistem kepegawaian KOTA", "kind": "WEB"}},
         "registerClientApp", "DUPLICATE"),
        (ROTATE, {"i": {"id": created["app"]["id"], "graceHours": 500}},
         "rotateClientAppSecret", "INVALID_VALUE"),
        (ROTATE, {"i": {"id": created["app"]["id"], "graceHours": -1}},
         "rotateClientAppSecret", "INVALID_VALUE"),
    ]
    for query, variables, field, code in cases:
        payload = (await api.gql(query, variables, user="admin.alpha")).ok()[field]
        assert [e["code"] for e in payload["errors"]] == [code], (variables, payload)
    wrong_kind = await api.gql(REGISTER, {"i": {"name": "A", "kind": "DESKTOP"}},
                               user="admin.alpha")
    assert wrong_kind.codes == ["BAD_USER_INPUT"]
    for bad_id, code in (("nope", "INVALID_ID"),
                         (gid("Employee", "00000000-0000-0000-0000-000000000000"), "INVALID_ID"),
                         (gid("ClientApp", "00000000-0000-0000-0000-000000000000"),
                          "NOT_FOUND")):
        assert (await api.gql(DELETE, {"id": bad_id}, user="admin.alpha")).codes == [code]
    listed = (await api.gql(APPS, user="admin.alpha")).ok()["clientApps"]
    assert len(listed) == 1 and listed[0]["version"] == created["app"]["version"]


async def test_apps_are_invisible_to_other_agencies(api):
    created = await register(api)
    app = created["app"]
    assert (await api.gql(APPS, user="admin.beta")).ok()["clientApps"] == []
    assert (await api.gql(NODE, {"id": app["id"]}, user="admin.beta")).codes == ["NOT_FOUND"]
    for query, variables in ((DELETE, {"id": app["id"]}),
                             (UPDATE, {"i": {"id": app["id"], "disabled": True}}),
                             (ASSIGN, {"id": app["id"], "r": "hr"})):
        assert (await api.gql(query, variables, user="admin.beta")).codes == ["NOT_FOUND"]
    borrowed = await api.gql(EMPLOYEES, user="hr.beta", headers={"x-client-id": app["clientId"]})
    assert borrowed.status == 403 and borrowed.codes == ["CLIENT_UNKNOWN"]
    wrong_tenant = await token_request(
        api, f"grant_type=client_credentials&client_id={app['clientId']}"
             f"&client_secret={created['clientSecret']}&tenant=beta")
    assert wrong_tenant.json()["error"] == "invalid_request"


async def test_user_requests_are_attributed_to_the_app(api, caplog):
    web = (await register(api, name="Portal Web", kind="WEB"))["app"]
    caplog.set_level(logging.INFO, logger="kinerja.request")
    headers = {"x-client-id": web["clientId"]}
    created = (await api.gql(REGISTER, {"i": {"name": "Dasbor Kantor", "kind": "DASHBOARD"}},
                             user="admin.alpha", headers=headers)).ok()
    assert created["registerClientApp"]["errors"] == []
    lines = [r.fields for r in caplog.records if getattr(r, "fields", None)]
    assert lines[-1]["app"] == web["clientId"] and lines[-1]["user"]
    events = (await api.gql(AUDIT, user="admin.alpha")).ok()["auditEvents"]["nodes"]
    assert events[0]["action"] == "client_app.create"
    assert events[0]["actorClientId"] == web["clientId"]
    assert events[0]["actorUsername"] == "admin.alpha"
    assert events[1]["actorClientId"] is None
    unknown = await api.gql(ME, user="admin.alpha", headers={"x-client-id": "ka-nonsense"})
    assert unknown.status == 403 and unknown.codes == ["CLIENT_UNKNOWN"]
    (await api.gql(UPDATE, {"i": {"id": web["id"], "disabled": True}}, user="admin.alpha")).ok()
    assert (await api.gql(ME, user="admin.alpha", headers=headers)).codes == ["CLIENT_UNKNOWN"]
    no_tenant = await api.gql(ME, user="platform.root", headers={"x-client-id": web["clientId"]})
    assert no_tenant.codes == ["CLIENT_UNKNOWN"]


async def test_app_tokens_attribute_changes_and_cannot_claim_another_app(api):
    created = await register(api)
    other = (await register(api, name="Lain", kind="SERVICE"))["app"]
    app = created["app"]
    (await api.gql(ASSIGN, {"id": app["id"], "r": "admin"}, user="admin.alpha")).ok()
    token = await app_token(api, app["clientId"], created["clientSecret"])
    made = (await api.gql(REGISTER, {"i": {"name": "Dibuat Aplikasi", "kind": "WEB"}},
                          token=token)).ok()["registerClientApp"]
    assert made["errors"] == []
    event = (await api.gql(AUDIT, user="admin.alpha")).ok()["auditEvents"]["nodes"][0]
    assert event["actorClientId"] == app["clientId"] and event["actorUsername"] is None
    claimed = await api.gql(EMPLOYEES, token=token, headers={"x-client-id": other["clientId"]})
    assert claimed.status == 403 and claimed.codes == ["CLIENT_MISMATCH"]


async def test_platform_apps_enabled_per_agency(api):
    registered = (await api.gql(PLATFORM_REGISTER, {"i": {"name": "Aplikasi Provinsi",
                                                          "kind": "SERVICE"}},
                                user="platform.root")).ok()["registerPlatformApp"]
    platform, secret = registered["app"], registered["clientSecret"]
    assert platform["clientId"].startswith("kp-")
    assert (await api.gql(PLATFORM_REGISTER, {"i": {"name": "X", "kind": "WEB"}},
                          user="admin.alpha")).codes == ["FORBIDDEN"]
    offers = (await api.gql(OFFERS, user="admin.alpha")).ok()["platformAppOffers"]
    assert [(o["name"], o["enabledHere"]) for o in offers] == [("Aplikasi Provinsi", False)]
    body = (f"grant_type=client_credentials&client_id={platform['clientId']}"
            f"&client_secret={secret}")
    not_enabled = await token_request(api, body + "&tenant=alpha")
    assert not_enabled.json()["error"] == "unauthorized_client"
    enabled = (await api.gql(ENABLE, {"id": platform["id"]},
                             user="admin.alpha")).ok()["enablePlatformApp"]["app"]
    assert enabled["platformApp"] and enabled["clientId"] == platform["clientId"]
    twice = (await api.gql(ENABLE, {"id": platform["id"]},
                           user="admin.alpha")).ok()["enablePlatformApp"]
    assert [e["code"] for e in twice["errors"]] == ["DUPLICATE"]
    (await api.gql(ASSIGN, {"id": enabled["id"], "r": "auditor"}, user="admin.alpha")).ok()
    assert (await token_request(api, body)).json()["error"] == "invalid_request"
    assert (await token_request(api, body + "&tenant=beta")).json()["error"] == \
        "unauthorized_client"
    token = await app_token(api, platform["clientId"], secret, "&tenant=alpha")
    assert (await api.gql(EMPLOYEES, token=token)).ok()
    by_header = await token_request(api, body, {"x-tenant": "alpha"})
    assert by_header.status_code == 200
    (await api.gql(PLATFORM_UPDATE, {"id": platform["id"], "d": True},
                   user="platform.root")).ok()
    assert (await api.gql(EMPLOYEES, token=token)).status == 401
    assert (await token_request(api, body + "&tenant=alpha")).json()["error"] == \
        "invalid_client"
