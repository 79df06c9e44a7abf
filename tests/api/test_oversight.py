"""Oversight across agencies on the Pauh demo: a group's overseer sees per-agency aggregates
only (no row, name or NIP), small cells suppressed, other agencies and groups do not exist
for them; only platform admins define groups. Both backends."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from kinerja.auth.tokens import issue_token
from kinerja.models import Employee
from kinerja.oversight.suppression import suppress

CREATE = ("mutation($s:String!,$n:String!){createOversightGroup(slug:$s,name:$n){group{id slug "
          "agencies{slug}} errors{field code}}}")
MEMBERS = ("mutation($g:ID!,$t:[String!]!){setOversightMembers(groupId:$g,tenantSlugs:$t){"
           "group{agencies{slug}} errors{field code}}}")
OVERSEERS = ("mutation($g:ID!,$u:[String!]!){setOverseers(groupId:$g,usernames:$u){group{slug} "
             "errors{field code}}}")
GROUPS = "{oversightGroups{id slug name agencies{slug name}}}"
REPORT = ("query($g:ID!,$y:Int!){oversightReport(groupId:$g,year:$y){k year group{slug} "
          "agencies{slug name employees skpsByStatus{key count} predikatPeriod predikat{key "
          "count} jpEmployees jpBelow gapBands{key count}}}}")


def test_small_cells_and_the_one_that_would_give_them_away_are_suppressed():
    assert suppress({"a": 5, "b": 0, "c": 7}, 3) == {"a": 5, "b": 0, "c": 7}
    assert suppress({"a": 5, "b": 2, "c": 7}, 3) == {"a": None, "b": None, "c": 7}
    assert suppress({"a": 1, "b": 2, "c": 7}, 3) == {"a": None, "b": None, "c": 7}
    assert suppress({"a": 2}, 3) == {"a": None}


async def test_an_overseer_sees_aggregates_of_the_group_only(db, demo, client, settings):
    data, loaded = demo
    root = data.platform_users[0].username
    members = ["camat-pauh", "puskesmas-pauh"]
    outsider = next(t for t in data.tenants if t.slug not in members)
    overseer = next(u for u in outsider.users if "staff" in u.roles)

    async def ask(user, query, variables=None, tenant=None):
        headers = {"authorization": f"Bearer {issue_token(settings, loaded.user_ids[user]).token}"}
        if tenant:
            headers["x-tenant"] = tenant
        response = await client.post("/graphql", json={"query": query,
                                                       "variables": variables or {}},
                                     headers=headers)
        return response.json()

    created = (await ask(root, CREATE, {"s": "kota-uji", "n": "Pengawas Uji"}))
    group = created["data"]["createOversightGroup"]["group"]
    set_members = await ask(root, MEMBERS, {"g": group["id"], "t": members})
    assert [a["slug"] for a in set_members["data"]["setOversightMembers"]["group"][
        "agencies"]] == sorted(members, key=lambda s: next(
            t.name for t in data.tenants if t.slug == s))
    bad = await ask(root, MEMBERS, {"g": group["id"], "t": ["nowhere"]})
    assert [e["code"] for e in bad["data"]["setOversightMembers"]["errors"]] == [
        "UNKNOWN_REFERENCE"]
    await ask(root, OVERSEERS, {"g": group["id"], "u": [overseer.username]})
    hr = next(u for u in data.tenants[0].users if "hr" in u.roles)
    assert (await ask(hr.username, CREATE, {"s": "x", "n": "X"}, data.tenants[0].slug))[
        "errors"][0]["extensions"]["code"] == "FORBIDDEN"

    listed = (await ask(overseer.username, GROUPS))["data"]["oversightGroups"]
    assert [g["slug"] for g in listed] == ["kota-uji"]
    report = (await ask(overseer.username, REPORT, {"g": group["id"], "y": 2026}))["data"][
        "oversightReport"]
    assert report["k"] == 3 and {a["slug"] for a in report["agencies"]} == set(members)
    assert report["group"]["slug"] == "kota-uji"
    for agency in report["agencies"]:
        tenant_id = loaded.tenant_ids[agency["slug"]]
        async with db.session(tenant_id=tenant_id) as session:
            count = (await session.execute(sa.select(sa.func.count(Employee.id)).where(
                Employee.active.is_(True)))).scalar()
            names = (await session.execute(sa.select(Employee.name, Employee.nip))).all()
        assert agency["employees"] == (count if count >= 3 else None)
        for cell in [*agency["skpsByStatus"], *agency["predikat"], *agency["gapBands"]]:
            assert cell["count"] is None or cell["count"] == 0 or cell["count"] >= 3
        text = str(report)
        assert not any(n in text or nip in text for n, nip in names)  # no rows, names, NIPs
    assert all(a["predikatPeriod"] for a in report["agencies"])

    # someone who does not oversee the group: it does not exist
    stranger = next(u for u in data.tenants[0].users if "admin" in u.roles)
    refused = await ask(stranger.username, REPORT, {"g": group["id"], "y": 2026})
    assert refused["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert (await ask(stranger.username, GROUPS))["data"]["oversightGroups"] == []
    bad_year = await ask(overseer.username, REPORT, {"g": group["id"], "y": 1800})
    assert bad_year["errors"][0]["extensions"]["code"] == "INVALID_VALUE"


@pytest.mark.postgres_only
async def test_each_agency_is_read_under_its_own_row_level_security(db, world, services):
    """The report's unit of work for one agency sees that agency's rows only, even for a
    statement without the ORM's tenant criteria: RLS binds it (no cross-agency role)."""
    from kinerja.oversight.aggregates_repository import AgencyAggregateRepository

    for slug in ("alpha", "beta"):
        async with db.unit_of_work(tenant_id=world.tenant_id(slug), write=False) as session:
            raw = (await session.execute(sa.text("SELECT count(*), count(DISTINCT tenant_id) "
                                                 "FROM employee"))).one()
            counted = await AgencyAggregateRepository(session).employees()
        assert raw == (5, 1) and counted == 5, slug
    async with db.unit_of_work(platform=True, write=False) as session:  # no agency: nothing
        assert (await session.execute(sa.text("SELECT count(*) FROM employee"))).scalar() == 0


async def test_the_demo_ships_the_bkpsdm_group(db, demo, client, settings):
    data, loaded = demo
    overseer = data.oversight.overseers[0].username
    token = issue_token(settings, loaded.user_ids[overseer]).token
    headers = {"authorization": f"Bearer {token}"}
    groups = (await client.post("/graphql", json={"query": GROUPS}, headers=headers)).json()
    (group,) = groups["data"]["oversightGroups"]
    assert group["slug"] == "bkpsdm-padang"
    assert {a["slug"] for a in group["agencies"]} == {t.slug for t in data.tenants}
    report = (await client.post("/graphql", json={"query": REPORT, "variables": {
        "g": group["id"], "y": 2026}}, headers=headers)).json()["data"]["oversightReport"]
    assert len(report["agencies"]) == len(data.tenants)
    assert any(a["employees"] for a in report["agencies"])
