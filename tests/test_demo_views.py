"""The Pauh demo's custom views (demo/views.py): every demo agency has them once, each
definition passes the rules of `createView` with the real document gate, HR runs every one
(rows where there is a table) and exports it as CSV, the deciding superior sees the objection
waiting for them, and staff are refused the HR views. Both backends."""

from __future__ import annotations

import csv
import io

import sqlalchemy as sa

from kinerja.demo.views import VIEWS, seed_views
from kinerja.graphql.relay import from_global_id
from kinerja.models import AuditEvent, CustomView, CustomViewVersion, Cycle, Period
from tests.support.api import Api
from tests.test_demo_cycle import DemoWorld, _rows

RUN = ("query($k:String!,$v:JSON){runView(key:$k,variables:$v){errors{code message path} "
       "columns{label} rows}}")
VIEW = ("query($k:String!){view(key:$k){number operationName rowsPath roles "
        "variables{name type default required} columns{path labelId labelEn}}}")
CREATE = ("mutation($i:CreateViewInput!){createView(input:$i){view{key} "
          "errors{field code message}}}")
BY_KEY = {v.key: v for v in VIEWS}
DECIDER_VIEW = "keberatan-untuk-diputus"  # the superior's own worklist: empty for HR here


def _api(client, loaded, settings) -> Api:
    return Api(client, DemoWorld(loaded, settings))


def _login(tenant, role: str) -> str:
    return next(u.username for u in tenant.users if role in u.roles)


def _csv(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff"), text[:80]
    return list(csv.reader(io.StringIO(text[1:])))


async def _export(api: Api, key: str, user: str, tenant: str, lang: str = "en", **params):
    headers = {"authorization": f"Bearer {api.world.token(user)}", "x-tenant": tenant,
               "accept-language": lang}
    return await api.client.get(f"/views/{key}.csv", params=params, headers=headers)


async def test_every_demo_agency_has_the_views_once_pointing_at_its_cycle(db, demo):
    data, loaded = demo
    assert len(VIEWS) >= 6 and len(BY_KEY) == len(VIEWS)
    for tenant in data.tenants:
        tenant_id = loaded.tenant_ids[tenant.slug]
        [cycle_id] = [r.id for r in await _rows(db, tenant_id, sa.select(Cycle.id))]
        periods = {r.id: r.number for r in await _rows(db, tenant_id, sa.select(
            Period.id, Period.number).where(Period.kind == "QUARTER"))}
        stored = await _rows(db, tenant_id, sa.select(
            CustomView.key, CustomView.current_number, CustomViewVersion.defaults,
            CustomViewVersion.created_by_user_id)
            .join(CustomViewVersion, CustomViewVersion.view_id == CustomView.id))
        assert sorted(r.key for r in stored) == sorted(BY_KEY), tenant.slug
        admin = loaded.user_ids[_login(tenant, "admin")]
        for row in stored:
            view = BY_KEY[row.key]
            assert row.current_number == 1 and row.created_by_user_id == admin
            if "cycleId" in row.defaults:
                assert from_global_id(row.defaults["cycleId"], "Cycle")[1] == cycle_id
            if view.quarter is not None:
                period = from_global_id(row.defaults["periodId"], "Period")[1]
                assert periods[period] == view.quarter, (tenant.slug, row.key)
        audited = await _rows(db, tenant_id, sa.select(
            AuditEvent.object_id, AuditEvent.actor_user_id).where(
            AuditEvent.action == "view.create"))
        assert sorted(tuple(r) for r in audited) == sorted((k, admin) for k in BY_KEY)
    await seed_views(db, data, loaded)  # existing keys are skipped
    for tenant in data.tenants:
        tenant_id = loaded.tenant_ids[tenant.slug]
        assert len(await _rows(db, tenant_id, sa.select(CustomView.id))) == len(VIEWS)
        assert len(await _rows(db, tenant_id, sa.select(CustomViewVersion.id))) == len(VIEWS)


async def test_demo_definitions_pass_the_rules_of_create_view(db, demo, client, settings):
    """Each stored definition, submitted again through `createView` (the real document gate:
    limits and validation against the schema), is accepted and stored the same way."""
    data, loaded = demo
    api = _api(client, loaded, settings)
    for tenant in data.tenants:
        admin = _login(tenant, "admin")
        versions = await _rows(db, loaded.tenant_ids[tenant.slug], sa.select(
            CustomView.key, CustomViewVersion)
            .join(CustomViewVersion, CustomViewVersion.view_id == CustomView.id))
        for key, version in versions:
            copy = f"{key}-salinan"
            created = (await api.gql(CREATE, {"i": {
                "key": copy, "titleId": version.title_id, "titleEn": version.title_en,
                "descriptionId": version.description_id,
                "descriptionEn": version.description_en, "document": version.document,
                "defaults": version.defaults, "roles": version.roles,
                "rowsPath": version.rows_path,
                "columns": [{"path": c["path"], "labelId": c["label_id"],
                             "labelEn": c["label_en"]} for c in version.columns]}},
                user=admin, tenant=tenant.slug)).ok()["createView"]
            assert created["errors"] == [], (tenant.slug, key, created["errors"])
            original = (await api.gql(VIEW, {"k": key}, user=admin,
                                      tenant=tenant.slug)).ok()["view"]
            again = (await api.gql(VIEW, {"k": copy}, user=admin, tenant=tenant.slug)).ok()
            assert again["view"] == original, (tenant.slug, key)
            assert original["rowsPath"] and original["columns"]
            assert not [v for v in original["variables"] if v["required"]], (key, original)


async def test_hr_runs_every_demo_view_and_exports_it(demo, client, settings):
    data, loaded = demo
    api = _api(client, loaded, settings)
    for tenant in data.tenants:
        hr = _login(tenant, "hr")
        for view in VIEWS:
            where = (tenant.slug, view.key)
            ran = (await api.gql(RUN, {"k": view.key}, user=hr, tenant=tenant.slug)).ok()
            run = ran["runView"]
            assert run["errors"] == [], (where, run["errors"])
            labels = [label for _, _, label in view.columns]
            assert [c["label"] for c in run["columns"]] == labels, where
            if view.key != DECIDER_VIEW:
                assert run["rows"], where
            paged = "$after" in view.document
            response = await _export(api, view.key, hr, tenant.slug,
                                     **({"first": "4"} if paged else {}))
            assert response.status_code == 200, (where, response.text[:300])
            assert response.headers["content-type"].startswith("text/csv")
            rows = _csv(response)
            assert rows[0] == labels, where
            assert len(rows) - 1 == len(run["rows"]), where  # every page, no error row
            assert not [r for r in rows if r and r[0] == "#ERROR"], where
        indonesian = await _export(api, "jp-di-bawah-20", hr, tenant.slug, lang="id")
        assert _csv(indonesian)[0] == [label for _, label, _ in BY_KEY["jp-di-bawah-20"].columns]


async def test_the_deciding_superior_sees_the_open_objection_with_its_deadline(demo, client,
                                                                               settings):
    data, loaded = demo
    api = _api(client, loaded, settings)
    columns = [path for path, _, _ in BY_KEY[DECIDER_VIEW].columns]
    decided_by = {}
    for tenant in data.tenants:
        for user in (u.username for u in tenant.users if "rater" in u.roles):
            run = (await api.gql(RUN, {"k": DECIDER_VIEW}, user=user,
                                 tenant=tenant.slug)).ok()["runView"]
            assert run["errors"] == [], (tenant.slug, user, run["errors"])
            for row in run["rows"]:
                cells = dict(zip(columns, row, strict=True))
                assert cells["result.objectionDeadline"] and cells["filedAt"], cells
                assert cells["result.period.kind"] == "QUARTER"
                assert cells["result.period.number"] == 1
                decided_by[tenant.slug] = user
    assert len(decided_by) >= 3, decided_by


async def test_staff_run_only_the_staff_view_and_see_their_own_skp(demo, client, settings):
    data, loaded = demo
    api = _api(client, loaded, settings)
    hr_only = [v.key for v in VIEWS if "staff" not in v.roles]
    assert hr_only and [v.key for v in VIEWS if "staff" in v.roles] == ["progres-realisasi"]
    for tenant in data.tenants:
        staff = next(u for u in tenant.users if u.roles == ["staff"] and u.employee_key)
        name = next(e.name for e in tenant.employees if e.key == staff.employee_key)
        listed = (await api.gql("{views{key}}", user=staff.username,
                                tenant=tenant.slug)).ok()["views"]
        assert [v["key"] for v in listed] == ["progres-realisasi"]
        for key in hr_only:
            refused = await api.gql(RUN, {"k": key}, user=staff.username, tenant=tenant.slug)
            assert refused.codes == ["FORBIDDEN"], (tenant.slug, key, refused.body)
            response = await _export(api, key, staff.username, tenant.slug)
            assert response.status_code == 403, (tenant.slug, key)
        own = (await api.gql(RUN, {"k": "progres-realisasi"}, user=staff.username,
                             tenant=tenant.slug)).ok()["runView"]
        assert own["errors"] == [] and [r[0] for r in own["rows"]] == [name], tenant.slug
