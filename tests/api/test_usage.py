"""Usage per app, per document and per view: counted in memory per request, flushed into the
per-day rows, readable by agency admins through `usage`. Both backends."""

from __future__ import annotations

import hashlib

import orjson

from tests.api.test_views import create as create_view

REGISTER = ("mutation{registerClientApp(input:{name:\"Portal\",kind:WEB,enforcement:OPEN}){"
            "app{id clientId}}}")
PUBLISH = ("mutation($id:ID!,$m:JSON!){publishDocuments(appId:$id,manifest:$m){published}}")
USAGE = ("query($k:UsageKind,$d:Int){usage(kind:$k,days:$d){kind clientId documentId viewKey "
         "calls errorCalls errors{code calls} p50Ms p95Ms lastUsedAt}}")
UNITS = "query Units { orgUnits { name } }"
AUDIT = "query Audit { auditEvents(first: 1) { totalCount } }"


def doc_id(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()


async def post(api, body: dict, user: str, app: dict) -> dict:
    response = await api.client.post("/graphql", content=orjson.dumps(body), headers={
        "authorization": f"Bearer {api.world.token(user)}", "content-type": "application/json",
        "x-client-id": app["clientId"]})
    return response.json()


async def test_usage_per_app_document_and_view(api, db, services):
    app = (await api.gql(REGISTER, user="admin.alpha")).ok()["registerClientApp"]["app"]
    await api.gql(PUBLISH, {"id": app["id"], "m": {doc_id(UNITS): UNITS, doc_id(AUDIT): AUDIT}},
                  user="admin.alpha")
    for _ in range(3):
        assert "errors" not in await post(api, {"documentId": doc_id(UNITS)}, "hr.alpha", app)
    refused = await post(api, {"documentId": doc_id(AUDIT)}, "hr.alpha", app)
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert "errors" not in await post(api, {"query": "{ orgUnits { code } }"}, "hr.alpha", app)
    await create_view(api)
    for _ in range(2):
        (await api.gql("{runView(key:\"daftar-pegawai\"){rows}}", user="hr.alpha")).ok()
    csv = await api.client.get("/views/daftar-pegawai.csv", headers={
        "authorization": f"Bearer {api.world.token('hr.alpha')}"})
    assert csv.status_code == 200

    stats = (await api.gql(USAGE, user="admin.alpha")).ok()["usage"]
    by_subject = {(s["kind"], s["clientId"], s["documentId"], s["viewKey"]): s for s in stats}
    app_stat = by_subject[("APP", app["clientId"], None, None)]
    assert (app_stat["calls"], app_stat["errorCalls"]) == (5, 1)
    assert app_stat["errors"] == [{"code": "FORBIDDEN", "calls": 1}]
    assert app_stat["p50Ms"] is not None and app_stat["p95Ms"] >= app_stat["p50Ms"]
    assert app_stat["lastUsedAt"]
    units = by_subject[("DOCUMENT", app["clientId"], doc_id(UNITS), None)]
    assert (units["calls"], units["errorCalls"]) == (3, 0)
    audit = by_subject[("DOCUMENT", app["clientId"], doc_id(AUDIT), None)]
    assert audit["errors"] == [{"code": "FORBIDDEN", "calls": 1}]
    view = by_subject[("VIEW", None, None, "daftar-pegawai")]
    assert view["calls"] == 3

    # flushed into the day rows, the report is the same; a second flush adds to them
    assert await services.usage.flush(db) == len(stats)
    flushed = {(s["kind"], s["clientId"], s["documentId"], s["viewKey"]): s["calls"]
               for s in (await api.gql(USAGE, user="admin.alpha")).ok()["usage"]}
    assert flushed[("APP", app["clientId"], None, None)] == 5
    await post(api, {"documentId": doc_id(UNITS)}, "hr.alpha", app)
    await services.usage.flush(db)
    again = (await api.gql(USAGE, {"k": "DOCUMENT"}, user="auditor.alpha")).ok()["usage"]
    assert {s["documentId"]: s["calls"] for s in again} == {doc_id(UNITS): 4, doc_id(AUDIT): 1}


async def test_usage_is_for_admins_of_the_agency(api):
    app = (await api.gql(REGISTER, user="admin.alpha")).ok()["registerClientApp"]["app"]
    await post(api, {"query": UNITS}, "hr.alpha", app)
    assert (await api.gql(USAGE, user="hr.alpha")).codes == ["FORBIDDEN"]
    assert (await api.gql(USAGE, user="admin.beta")).ok()["usage"] == []
    for days in (0, 367):
        assert (await api.gql(USAGE, {"d": days}, user="admin.alpha")).codes == ["INVALID_VALUE"]
    only_views = (await api.gql(USAGE, {"k": "VIEW"}, user="admin.alpha")).ok()["usage"]
    assert only_views == []
