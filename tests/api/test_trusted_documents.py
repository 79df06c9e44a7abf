"""Trusted documents end to end: publishing manifests, `documentId` (POST and GET), Apollo
automatic persisted queries, enforcement modes, HTTP caching of GET queries (ETag, 304),
platform apps' documents, and `documents check` against a changed schema. Both backends."""

from __future__ import annotations

import dataclasses
import hashlib
import json

import httpx
import orjson
import pytest
from graphql import build_schema as sdl_schema

from kinerja.app import Services, create_app
from kinerja.clients.operator import check, push
from kinerja.edge.schema import export_sdl
from tests.conftest import SCHEMA, TEST_SETTINGS

REGISTER = ("mutation($i:RegisterClientAppInput!){registerClientApp(input:$i){clientSecret "
            "app{id clientId enforcement}}}")
PUBLISH = ("mutation($id:ID!,$m:JSON!){publishDocuments(appId:$id,manifest:$m){published "
           "unchanged documentIds errors{field code message}}}")
LISTED = "query($id:ID!){trustedDocuments(appId:$id){documentId readOnly operationNames}}"
SET_MODE = ("mutation($id:ID!,$e:DocumentEnforcement){updateClientApp(input:{id:$id,"
            "enforcement:$e}){app{enforcement} errors{code}}}")
UNITS = "query Units { orgUnits { code name } }"
UNIT_BY_CODE = "query Employees($n: Int!) { employees(first: $n) { totalCount } }"
RENAME = ("mutation Rename($id: ID!) { updateClientApp(input: {id: $id, name: \"Portal Baru\"}) "
          "{ app { name } errors { code } } }")


def doc_id(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()


async def web_app(api, mode: str = "OPEN", name: str = "Portal Web") -> dict:
    result = await api.gql(REGISTER, {"i": {"name": name, "kind": "WEB", "enforcement": mode}},
                           user="admin.alpha")
    return result.ok()["registerClientApp"]["app"]


async def publish(api, app: dict, *texts: str, user: str = "admin.alpha") -> dict:
    manifest = {doc_id(t): t for t in texts}
    return (await api.gql(PUBLISH, {"id": app["id"], "m": manifest}, user=user)).ok()[
        "publishDocuments"]


def as_app(app: dict) -> dict:
    return {"x-client-id": app["clientId"]}


async def post(api, body: dict, user: str = "hr.alpha", headers: dict | None = None):
    hdrs = {"authorization": f"Bearer {api.world.token(user)}", **(headers or {})}
    response = await api.client.post("/graphql", content=orjson.dumps(body),
                                     headers={"content-type": "application/json", **hdrs})
    return response


async def get(api, params: dict, user: str = "hr.alpha", headers: dict | None = None):
    hdrs = {"authorization": f"Bearer {api.world.token(user)}", **(headers or {})}
    return await api.client.get("/graphql", params=params, headers=hdrs)


def codes(response: httpx.Response) -> list[str]:
    return [e["extensions"]["code"] for e in response.json().get("errors") or []]


async def test_publish_is_checked_idempotent_and_listed(api):
    app = await web_app(api)
    bare = {hashlib.sha256(UNITS.encode()).hexdigest(): UNITS}  # codegen's bare-hex keys
    first = (await api.gql(PUBLISH, {"id": app["id"], "m": bare}, user="admin.alpha")).ok()
    assert first["publishDocuments"] == {"published": 1, "unchanged": 0,
                                         "documentIds": [doc_id(UNITS)], "errors": []}
    again = await publish(api, app, UNITS, RENAME)
    assert (again["published"], again["unchanged"]) == (1, 1)
    listed = (await api.gql(LISTED, {"id": app["id"]}, user="auditor.alpha")).ok()
    assert listed["trustedDocuments"] == [
        {"documentId": doc_id(UNITS), "readOnly": True, "operationNames": ["Units"]},
        {"documentId": doc_id(RENAME), "readOnly": False, "operationNames": ["Rename"]}]


@pytest.mark.parametrize(("manifest", "field", "code"), [
    ([], "manifest", "INVALID_VALUE"),
    ({}, "manifest", "INVALID_VALUE"),
    ({"md5:abc": UNITS}, "md5:abc", "INVALID_VALUE"),
    ({doc_id(UNITS): 42}, doc_id(UNITS), "INVALID_VALUE"),
    ({doc_id("query { x }"): UNITS}, doc_id("query { x }"), "HASH_MISMATCH"),
    ({doc_id("query { nope }"): "query { nope }"}, doc_id("query { nope }"), "DOCUMENT_INVALID"),
    ({doc_id("query {"): "query {"}, doc_id("query {"), "DOCUMENT_INVALID"),
    ({doc_id("subscription { a }"): "subscription { a }"}, doc_id("subscription { a }"),
     "DOCUMENT_INVALID"),
    ({doc_id("{" * 40 + "}" * 40): "{" * 40 + "}" * 40}, doc_id("{" * 40 + "}" * 40),
     "DOCUMENT_INVALID"),
])
async def test_bad_manifests_publish_nothing(api, manifest, field, code):
    app = await web_app(api)
    if isinstance(manifest, dict) and manifest:
        manifest = {doc_id(UNITS): UNITS, **manifest}  # one good document: still nothing
    payload = (await api.gql(PUBLISH, {"id": app["id"], "m": manifest},
                             user="admin.alpha")).ok()["publishDocuments"]
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [(field, code)]
    assert payload["published"] == 0
    listed = (await api.gql(LISTED, {"id": app["id"]}, user="admin.alpha")).ok()
    assert listed["trustedDocuments"] == []


async def test_too_many_documents(api):
    app = await web_app(api)
    texts = [f"query Q{i} {{ orgUnits {{ code }} }}" for i in range(1001)]
    payload = (await api.gql(PUBLISH, {"id": app["id"], "m": {doc_id(t): t for t in texts}},
                             user="admin.alpha")).ok()["publishDocuments"]
    assert [e["code"] for e in payload["errors"]] == ["TOO_MANY"]


async def test_document_id_by_post_and_get(api):
    app = await web_app(api)
    await publish(api, app, UNITS, UNIT_BY_CODE, RENAME)
    expected = (await api.gql(UNITS, user="hr.alpha")).ok()
    by_post = await post(api, {"documentId": doc_id(UNITS)}, headers=as_app(app))
    assert by_post.status_code == 200 and by_post.json() == {"data": expected}
    by_get = await get(api, {"documentId": doc_id(UNIT_BY_CODE),
                             "variables": json.dumps({"n": 3})}, headers=as_app(app))
    assert by_get.status_code == 200 and "errors" not in by_get.json()
    mutation_by_get = await get(api, {"documentId": doc_id(RENAME),
                                      "variables": json.dumps({"id": app["id"]})},
                                user="admin.alpha", headers=as_app(app))
    assert mutation_by_get.status_code == 405
    unknown = await post(api, {"documentId": doc_id("query { me { roles } }")},
                         headers=as_app(app))
    assert codes(unknown) == ["DOCUMENT_NOT_FOUND"] and "data" not in unknown.json()
    no_app = await post(api, {"documentId": doc_id(UNITS)})
    assert codes(no_app) == ["DOCUMENT_NOT_FOUND"]
    for bad in ({"documentId": "sha256:xyz"}, {"documentId": doc_id(UNITS), "query": UNITS},
                {"documentId": 7}):
        assert (await post(api, bad, headers=as_app(app))).status_code == 400
    renamed = await post(api, {"documentId": doc_id(RENAME), "variables": {"id": app["id"]}},
                         user="admin.alpha", headers=as_app(app))
    assert renamed.json()["data"]["updateClientApp"]["app"]["name"] == "Portal Baru"


async def test_documents_only_runs_published_documents(api):
    app = await web_app(api, mode="DOCUMENTS_ONLY")
    assert app["enforcement"] == "DOCUMENTS_ONLY"
    refused = await post(api, {"query": UNITS}, headers=as_app(app))
    assert codes(refused) == ["TRUSTED_DOCUMENT_REQUIRED"] and "data" not in refused.json()
    await publish(api, app, UNITS)
    assert "errors" not in (await post(api, {"query": UNITS}, headers=as_app(app))).json()
    assert "errors" not in (await post(api, {"documentId": doc_id(UNITS)},
                                       headers=as_app(app))).json()
    other = await post(api, {"query": UNITS + " "}, headers=as_app(app))
    assert codes(other) == ["TRUSTED_DOCUMENT_REQUIRED"]
    opened = (await api.gql(SET_MODE, {"id": app["id"], "e": "OPEN"}, user="admin.alpha")).ok()
    assert opened["updateClientApp"]["app"]["enforcement"] == "OPEN"
    assert "errors" not in (await post(api, {"query": UNITS + " "}, headers=as_app(app))).json()


async def test_documents_only_binds_app_tokens_too(api):
    created = (await api.gql(REGISTER, {"i": {"name": "Dasbor", "kind": "DASHBOARD",
                                              "enforcement": "DOCUMENTS_ONLY"}},
                             user="admin.alpha")).ok()["registerClientApp"]
    app = created["app"]
    await api.gql("mutation($id:ID!){assignClientAppRole(id:$id,role:\"auditor\"){errors{code}}}",
                  {"id": app["id"]}, user="admin.alpha")
    response = await api.client.post("/oauth/token", data={
        "grant_type": "client_credentials", "client_id": app["clientId"],
        "client_secret": created["clientSecret"]})
    token = response.json()["access_token"]
    headers = {"authorization": f"Bearer {token}", "content-type": "application/json"}
    refused = await api.client.post("/graphql", content=orjson.dumps({"query": UNITS}),
                                    headers=headers)
    assert codes(refused) == ["TRUSTED_DOCUMENT_REQUIRED"]
    await publish(api, app, UNITS)
    ok = await api.client.post("/graphql", content=orjson.dumps({"documentId": doc_id(UNITS)}),
                               headers=headers)
    assert "errors" not in ok.json(), ok.json()


def apq(text: str) -> dict:
    return {"persistedQuery": {"version": 1,
                               "sha256Hash": hashlib.sha256(text.encode()).hexdigest()}}


async def test_automatic_persisted_queries(api):
    text = "query Fresh { positions { code } }"
    unknown = await post(api, {"extensions": apq(text)})
    assert unknown.json()["errors"][0]["message"] == "PersistedQueryNotFound"
    assert codes(unknown) == ["PERSISTED_QUERY_NOT_FOUND"]
    registered = await post(api, {"query": text, "extensions": apq(text)})
    assert "errors" not in registered.json()
    by_hash = await get(api, {"extensions": json.dumps(apq(text))})
    assert by_hash.status_code == 200 and by_hash.json() == registered.json()
    mismatch = await post(api, {"query": UNITS, "extensions": apq(text)})
    assert codes(mismatch) == ["PERSISTED_QUERY_HASH_MISMATCH"]
    bad = await post(api, {"extensions": {"persistedQuery": {"version": 2, "sha256Hash": "ab"}}})
    assert bad.status_code == 400
    strict = await web_app(api, mode="DOCUMENTS_ONLY", name="Ketat")
    refused = await post(api, {"query": text, "extensions": apq(text)}, headers=as_app(strict))
    assert codes(refused) == ["TRUSTED_DOCUMENT_REQUIRED"]
    await publish(api, strict, UNITS)
    published = await post(api, {"extensions": apq(UNITS)}, headers=as_app(strict))
    assert "errors" not in published.json()


async def test_get_queries_are_http_cacheable(api):
    app = await web_app(api)
    await publish(api, app, UNITS)
    params = {"documentId": doc_id(UNITS)}
    first = await get(api, params, headers=as_app(app))
    etag = first.headers["etag"]
    assert etag.startswith('W/"') and first.headers["cache-control"] == "private, no-cache"
    assert "authorization" in first.headers["vary"].lower()
    again = await get(api, params, headers={**as_app(app), "if-none-match": etag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
    other_user = await get(api, params, user="admin.alpha",
                           headers={**as_app(app), "if-none-match": etag})
    assert other_user.status_code == 200 and other_user.headers["etag"] != etag
    other_vars = await get(api, {"query": UNIT_BY_CODE, "variables": json.dumps({"n": 1})})
    other_vars2 = await get(api, {"query": UNIT_BY_CODE, "variables": json.dumps({"n": 2})})
    assert other_vars.headers["etag"] != other_vars2.headers["etag"]
    created = await api.gql("mutation{createOrgUnit(input:{code:\"NEW\",name:\"Baru\"}){"
                            "errors{code}}}", user="hr.alpha")
    assert created.ok()["createOrgUnit"]["errors"] == []
    changed = await get(api, params, headers={**as_app(app), "if-none-match": etag})
    assert changed.status_code == 200 and changed.headers["etag"] != etag
    by_post = await post(api, {"documentId": doc_id(UNITS)}, headers=as_app(app))
    assert "etag" not in by_post.headers
    refused = await get(api, {"query": "{ nope }"})
    assert "etag" not in refused.headers


async def test_platform_app_documents_serve_every_agency_that_enabled_it(api):
    platform = (await api.gql("mutation{registerPlatformApp(input:{name:\"Provinsi\",kind:WEB,"
                              "enforcement:DOCUMENTS_ONLY}){app{id clientId}}}",
                              user="platform.root")).ok()["registerPlatformApp"]["app"]
    manifest = {doc_id(UNITS): UNITS}
    done = (await api.gql("mutation($id:ID!,$m:JSON!){publishPlatformDocuments("
                          "platformAppId:$id,manifest:$m){published errors{code}}}",
                          {"id": platform["id"], "m": manifest}, user="platform.root")).ok()
    assert done["publishPlatformDocuments"] == {"published": 1, "errors": []}
    headers = {"x-client-id": platform["clientId"]}
    not_enabled = await post(api, {"documentId": doc_id(UNITS)}, headers=headers)
    assert codes(not_enabled) == ["CLIENT_UNKNOWN"]
    enabled = (await api.gql("mutation($id:ID!){enablePlatformApp(platformAppId:$id){"
                             "app{id enforcement}}}", {"id": platform["id"]},
                             user="admin.alpha")).ok()["enablePlatformApp"]["app"]
    assert enabled["enforcement"] == "DOCUMENTS_ONLY"
    ran = await post(api, {"documentId": doc_id(UNITS)}, headers=headers)
    assert "errors" not in ran.json(), ran.json()
    assert codes(await post(api, {"query": UNIT_BY_CODE, "variables": {"n": 1}},
                            headers=headers)) == ["TRUSTED_DOCUMENT_REQUIRED"]
    own = await api.gql(PUBLISH, {"id": enabled["id"], "m": manifest}, user="admin.alpha")
    assert [e["code"] for e in own.ok()["publishDocuments"]["errors"]] == ["INVALID_VALUE"]
    listed = (await api.gql(LISTED, {"id": enabled["id"]}, user="admin.alpha")).ok()
    assert [d["documentId"] for d in listed["trustedDocuments"]] == [doc_id(UNITS)]


async def test_documents_stay_in_their_agency(api):
    app = await web_app(api)
    await publish(api, app, UNITS)
    foreign = await api.gql(PUBLISH, {"id": app["id"], "m": {doc_id(UNITS): UNITS}},
                            user="admin.beta")
    assert foreign.codes == ["NOT_FOUND"]
    assert (await api.gql(LISTED, {"id": app["id"]}, user="admin.beta")).codes == ["NOT_FOUND"]
    borrowed = await post(api, {"documentId": doc_id(UNITS)}, user="hr.beta",
                          headers=as_app(app))
    assert borrowed.status_code == 403 and codes(borrowed) == ["CLIENT_UNKNOWN"]
    for user in ("hr.alpha", "auditor.alpha", "staff.alpha"):
        denied = await api.gql(PUBLISH, {"id": app["id"], "m": {doc_id(UNITS): UNITS}},
                               user=user)
        assert denied.codes == ["FORBIDDEN"]


async def test_documents_check_lists_what_a_schema_change_breaks(api, db):
    app = await web_app(api)
    await publish(api, app, UNITS, UNIT_BY_CODE, RENAME)
    assert await check(db, SCHEMA._schema) == []
    sdl = export_sdl()
    # remove a field (orgUnits), and change an argument's type (employees(first: Int -> String))
    changed = sdl.replace("  orgUnits(", "  orgUnitsRenamed(").replace(
        "  employees(\n    first: Int = null", "  employees(\n    first: String = null")
    assert changed != sdl
    broken = await check(db, sdl_schema(changed))
    by_document = {b.broken.document_id: b for b in broken}
    assert set(by_document) == {doc_id(UNITS), doc_id(UNIT_BY_CODE)}
    assert all(b.where == "alpha" and b.client_id == app["clientId"] for b in broken)
    assert "orgUnits" in by_document[doc_id(UNITS)].broken.reason
    # custom views are documents too
    view = ("mutation{createView(input:{key:\"unit\",titleId:\"Unit\",titleEn:\"Units\","
            "document:\"query { orgUnits { name } }\",roles:[\"hr\"]}){errors{code}}}")
    assert (await api.gql(view, user="admin.alpha")).ok()["createView"]["errors"] == []
    assert await check(db, SCHEMA._schema) == []
    views = [b for b in await check(db, sdl_schema(changed)) if b.app == "custom view"]
    assert [b.broken.document_id for b in views] == ["view unit v1"]


async def test_push_from_the_operator(api, db, services):
    app = await web_app(api)
    done = await push(db, services.documents.prepare, app["clientId"], {doc_id(UNITS): UNITS})
    assert (done.published, done.unchanged) == (1, 0)
    listed = (await api.gql(LISTED, {"id": app["id"]}, user="admin.alpha")).ok()
    assert len(listed["trustedDocuments"]) == 1


async def test_every_signed_in_request_names_an_app_when_required(db, world):
    settings = dataclasses.replace(TEST_SETTINGS, require_client_app=True)
    services = Services(settings, db, schema=SCHEMA)
    transport = httpx.ASGITransport(app=create_app(services=services))
    async with httpx.AsyncClient(transport=transport, base_url="http://kinerja.test") as http:
        headers = {"authorization": f"Bearer {world.token('hr.alpha')}"}
        refused = await http.post("/graphql", json={"query": UNITS}, headers=headers)
        assert codes(refused) == ["CLIENT_REQUIRED"]
        anonymous = await http.post("/graphql", json={"query": "{ __typename }"})
        assert "errors" not in anonymous.json()
