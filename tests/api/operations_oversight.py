"""Cases of tests/api/test_operations.py for the oversight operations."""

from __future__ import annotations

CREATE = "mutation{createOversightGroup(slug:\"kota\",name:\"BKPSDM Kota\"){group{id}}}"


async def _group(api, members=("alpha",), overseers=("staff.alpha",)) -> str:
    group = (await api.gql(CREATE, user="platform.root")).ok()["createOversightGroup"]["group"]
    await api.gql("mutation($g:ID!,$t:[String!]!){setOversightMembers(groupId:$g,"
                  "tenantSlugs:$t){group{slug}}}", {"g": group["id"], "t": list(members)},
                  user="platform.root")
    await api.gql("mutation($g:ID!,$u:[String!]!){setOverseers(groupId:$g,usernames:$u){"
                  "group{slug}}}", {"g": group["id"], "u": list(overseers)}, user="platform.root")
    return group["id"]


async def create(api, world):
    return {"slug": "bkpsdm", "name": "BKPSDM Kota Padang"}


async def members(api, world):
    return {"groupId": await _group(api), "tenantSlugs": ["alpha", "beta"]}


async def overseers(api, world):
    return {"groupId": await _group(api), "usernames": ["hr.alpha"]}


async def groups(api, world):
    await _group(api)
    return {}


async def report(api, world):
    return {"groupId": await _group(api), "year": 2026}


def check_created(data, world):
    assert data["createOversightGroup"]["group"]["slug"] == "bkpsdm"


def check_members(data, world):
    agencies = data["setOversightMembers"]["group"]["agencies"]
    assert sorted(a["slug"] for a in agencies) == ["alpha", "beta"]


def check_overseers(data, world):
    assert data["setOverseers"]["group"]["slug"] == "kota"


def check_groups(data, world):
    assert [g["slug"] for g in data["oversightGroups"]] == ["kota"]


def check_report(data, world):
    agencies = data["oversightReport"]["agencies"]
    assert [(a["slug"], a["employees"]) for a in agencies] == [("alpha", 5)], data


OPERATIONS = {
    "CreateOversightGroup": ("platform.root", create, check_created),
    "SetOversightMembers": ("platform.root", members, check_members),
    "SetOverseers": ("platform.root", overseers, check_overseers),
    "OversightGroups": ("staff.alpha", groups, check_groups),
    "OversightReport": ("staff.alpha", report, check_report),
}
