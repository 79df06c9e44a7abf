"""The reference web app's server side (webapp/, edge/webapp.py): its documents pass the real
gate, the demo registers it as a platform app (web, DOCUMENTS_ONLY) enabled in every demo
agency with exactly its documents published, `kinerja documents check` finds none broken, the
app runs its documents by id and is refused anything else, and /app serves its static files
with a strict CSP and nothing from another origin. The browser test is tests/browser/."""

from __future__ import annotations

import re

from kinerja.clients.documents import document_id_of
from kinerja.clients.operator import check
from kinerja.webapp import catalog
from kinerja.webapp.install import install
from tests.conftest import SCHEMA, _document_gate
from tests.support.api import Api
from tests.test_demo_cycle import DemoWorld

APPS = "{ clientApps { id name kind enforcement clientId disabled } }"
DOCS = "query($a: ID!) { trustedDocuments(appId: $a) { documentId operationNames } }"


def _api(client, loaded, settings) -> Api:
    return Api(client, DemoWorld(loaded, settings))


def test_every_webapp_document_passes_the_real_gate_and_is_named_after_its_file(
        request, settings):
    gate = _document_gate(request, settings) or SCHEMA
    documents = catalog.documents()
    assert len(documents) >= 20
    for name, text in documents.items():
        prepared = gate.prepare(text)
        assert list(prepared.operations) == [name], name
    client = catalog.client_documents()
    assert client["clientId"] == catalog.CLIENT_ID == f"kp-{catalog.APP_ID.hex}"
    assert client["documents"] == {n: document_id_of(t) for n, t in documents.items()}
    assert set(client["anonymous"]) == {"Login"}


async def test_the_demo_enables_the_webapp_in_every_agency_with_exactly_its_documents(
        db, demo, client, settings):
    data, loaded = demo
    api = _api(client, loaded, settings)
    manifest = catalog.manifest()
    for tenant in data.tenants:
        admin = next(u.username for u in tenant.users if "admin" in u.roles)
        apps = (await api.gql(APPS, user=admin, tenant=tenant.slug)).data["clientApps"]
        [app] = [a for a in apps if a["clientId"] == catalog.CLIENT_ID]
        assert (app["name"], app["kind"], app["enforcement"], app["disabled"]) == (
            catalog.NAME, "WEB", "DOCUMENTS_ONLY", False)
        published = (await api.gql(DOCS, {"a": app["id"]}, user=admin,
                                   tenant=tenant.slug)).data["trustedDocuments"]
        assert {d["documentId"] for d in published} == set(manifest)
    assert await check(db, SCHEMA._schema) == []  # `kinerja documents check`


async def test_installing_again_changes_nothing(db, demo, request, settings):
    _, loaded = demo
    gate = _document_gate(request, settings)
    done = await install(db, gate.prepare, list(loaded.tenant_ids.values()))
    assert (done.registered, done.published, done.enabled) == (False, 0, [])


async def test_the_app_runs_its_documents_by_id_and_nothing_else(client, demo, settings):
    _, loaded = demo
    api = _api(client, loaded, settings)
    headers = {"x-client-id": catalog.CLIENT_ID}
    ids = catalog.client_documents()["documents"]
    token = api.world.token("staff1.camat")
    by_id = await client.post("/graphql", json={"documentId": ids["Me"]}, headers={
        **headers, "authorization": f"Bearer {token}"})
    assert by_id.json()["data"]["me"]["user"]["id"], by_id.json()
    other = await api.gql("{ me { roles } }", token=token, headers=headers)
    assert [e["extensions"]["code"] for e in other.errors] == ["TRUSTED_DOCUMENT_REQUIRED"]
    # Login is anonymous: sent as text, with the app's id only claimed.
    login = await api.gql(catalog.documents()["Login"], {"username": "staff1.camat",
                                                         "password": "pauh-staff-2026"},
                          headers=headers)
    assert login.data["login"]["token"], login.body


async def test_app_is_served_with_a_strict_csp_and_nothing_from_elsewhere(client):
    redirect = await client.get("/app")
    assert (redirect.status_code, redirect.headers["location"]) == (308, "/app/")
    page = await client.get("/app/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    csp = page.headers["content-security-policy"]
    for rule in ("default-src 'none'", "script-src 'self'", "style-src 'self'",
                 "connect-src 'self'", "frame-ancestors 'none'"):
        assert rule in csp
    assert "unsafe" not in csp
    assert page.headers["x-content-type-options"] == "nosniff"
    again = await client.get("/app/", headers={"if-none-match": page.headers["etag"]})
    assert again.status_code == 304
    script = await client.get("/app/pages/dashboard.js")
    assert script.headers["content-type"].startswith("text/javascript")
    documents = (await client.get("/app/documents.json")).json()
    assert documents["clientId"] == catalog.CLIENT_ID
    for path in ("/app/%2e%2e/catalog.py", "/app/%2E%2E/documents/Me.graphql",
                 "/app/nothing.js", "/app/pages", "/app/..%2finstall.py"):
        assert (await client.get(path)).status_code == 404, path
    for path in catalog.STATIC_DIR.rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            # No URL of another origin (the SVG namespace is a name, never fetched).
            urls = set(re.findall(r"https?://[^\s'\")]+", text)) - {"http://www.w3.org/2000/svg"}
            assert not urls, (path.name, urls)
            # Texts never parsed as markup; no inline styles (the CSP would refuse them).
            assert "innerHTML" not in text and "style=" not in text
