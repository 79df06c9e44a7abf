"""Competency frameworks and position standards: the national framework in every agency
(read-only), technical framework versions, validation (every error at once), position defaults
by level, HR overrides, isolation and permissions."""

from __future__ import annotations

from tests.support.api import gid

COMPETENCY = "code name group readOnly levels{level description}"
FRAMEWORK = ("{competencyFramework{national{" + COMPETENCY + "} technical{id version saved "
             "competencies{" + COMPETENCY + "}} competencies{code}}}")
VERSIONS = "{competencyFrameworkVersions{id version competencies{code name}}}"
SAVE = ("mutation($i:SaveTechnicalFrameworkInput!){saveTechnicalFramework(input:$i){"
        "framework{id version saved competencies{" + COMPETENCY + "}} errors{field code message}}}")
STANDARD = ("query($p:ID!){positionStandard(positionId:$p){position{code level} "
            "requirements{competency{code group} requiredLevel source}}}")
SET = ("mutation($i:SetPositionStandardInput!){setPositionStandard(input:$i){standard{"
       "position{code} requirements{competency{code} requiredLevel source}} "
       "errors{field code message}}}")
NATIONAL_CODES = ["M.01", "M.02", "M.03", "M.04", "M.05", "M.06", "M.07", "M.08", "SK.01"]


def technical(code: str, name: str = "Pengelolaan Arsip") -> dict:
    return {"code": code, "name": name, "description": f"Kemampuan {name.lower()}.",
            "levels": [f"{name} level {i}" for i in range(1, 6)]}


def position(world, code: str, slug: str = "alpha") -> str:
    return gid("Position", world.position_id(slug, code))


async def save(api, competencies, version=None, user="hr.alpha"):
    variables = {"i": {"competencies": competencies, "version": version}}
    return (await api.gql(SAVE, variables, user=user)).ok()["saveTechnicalFramework"]


def standard_levels(standard) -> dict[str, tuple[int, str]]:
    return {r["competency"]["code"]: (r["requiredLevel"], r["source"])
            for r in standard["requirements"]}


async def test_national_framework_is_served_to_every_agency(api):
    for user, tenant in (("staff.alpha", "alpha"), ("auditor.beta", "beta")):
        data = (await api.gql(FRAMEWORK, user=user, tenant=tenant)).ok()["competencyFramework"]
        national = data["national"]
        assert [c["code"] for c in national] == NATIONAL_CODES
        assert national[4]["name"] == "Pelayanan Publik"
        assert national[-1] == {**national[-1], "name": "Perekat Bangsa",
                                "group": "SOSIAL_KULTURAL", "readOnly": True}
        assert {c["group"] for c in national[:8]} == {"MANAJERIAL"}
        for competency in national:
            assert [lv["level"] for lv in competency["levels"]] == [1, 2, 3, 4, 5]
            assert all(lv["description"] for lv in competency["levels"])
        assert data["technical"] == {"id": None, "version": 0, "saved": False, "competencies": []}
        assert [c["code"] for c in data["competencies"]] == NATIONAL_CODES


async def test_national_codes_cannot_be_redefined(api):
    payload = await save(api, [technical("M.05", "Layanan")])
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [
        ("competencies[0].code", "DUPLICATE")]
    assert payload["framework"] is None


async def test_saving_creates_versions_and_keeps_the_old_ones(api):
    first = await save(api, [technical("T.01")])
    assert first["errors"] == [] and first["framework"]["version"] == 1
    assert first["framework"]["competencies"][0]["group"] == "TEKNIS"
    assert first["framework"]["competencies"][0]["readOnly"] is False
    again = await save(api, [technical("T.01")], version=1)  # unchanged: no new version
    assert (again["framework"]["version"] == 1
            and again["framework"]["id"] == first["framework"]["id"])
    second = await save(api, [technical("t.01", "Arsip Digital"), technical("T.02", "Statistik")],
                        version=1)
    assert second["errors"] == [] and second["framework"]["version"] == 2
    assert [c["code"] for c in second["framework"]["competencies"]] == ["T.01", "T.02"]
    versions = (await api.gql(VERSIONS, user="auditor.alpha")).ok()["competencyFrameworkVersions"]
    assert [(v["version"], [c["name"] for c in v["competencies"]]) for v in versions] == [
        (2, ["Arsip Digital", "Statistik"]), (1, ["Pengelolaan Arsip"])]
    current = (await api.gql(FRAMEWORK, user="staff.alpha")).ok()["competencyFramework"]
    assert current["technical"]["version"] == 2
    assert [c["code"] for c in current["competencies"]] == [*NATIONAL_CODES, "T.01", "T.02"]
    beta = (await api.gql(VERSIONS, user="hr.beta", tenant="beta")).ok()
    assert beta["competencyFrameworkVersions"] == []


async def test_a_stale_version_conflicts_and_changes_nothing(api):
    await save(api, [technical("T.01")])
    result = await api.gql(SAVE, {"i": {"competencies": [technical("T.09")], "version": 0}},
                           user="hr.alpha")
    assert result.codes == ["CONFLICT"]
    versions = (await api.gql(VERSIONS, user="hr.alpha")).ok()["competencyFrameworkVersions"]
    assert [v["version"] for v in versions] == [1]


async def test_every_framework_error_comes_back_at_once(api):
    bad = [technical("T.01"), {"code": " ", "name": "", "description": "x" * 2001,
                               "levels": ["a", "b", " "]}, technical("T.01", "Lain")]
    result = await api.gql(SAVE, {"i": {"competencies": bad}}, user="hr.alpha",
                           headers={"Accept-Language": "en"})
    payload = result.ok()["saveTechnicalFramework"]
    assert payload["framework"] is None
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [
        ("competencies[1].code", "REQUIRED"),
        ("competencies[1].name", "REQUIRED"),
        ("competencies[1].description", "TOO_LONG"),
        ("competencies[1].levels", "LEVEL_COUNT"),
        ("competencies[1].levels[2]", "REQUIRED"),
        ("competencies[2].code", "DUPLICATE"),
    ]
    assert payload["errors"][3]["message"] == "Must list exactly 5 level descriptions."
    versions = (await api.gql(VERSIONS, user="hr.alpha")).ok()["competencyFrameworkVersions"]
    assert versions == []


async def test_position_defaults_follow_the_position_level(api, world):
    head = (await api.gql(STANDARD, {"p": position(world, "HEAD")}, user="staff.alpha")).ok()
    assert head["positionStandard"]["position"] == {"code": "HEAD", "level": "ADMINISTRATOR"}
    assert standard_levels(head["positionStandard"]) == {c: (3, "DEFAULT") for c in NATIONAL_CODES}
    staff = (await api.gql(STANDARD, {"p": position(world, "STAFF")}, user="rater.alpha")).ok()
    assert standard_levels(staff["positionStandard"]) == {
        c: (1, "DEFAULT") for c in NATIONAL_CODES}
    created = (await api.gql(
        "mutation($i:CreatePositionInput!){createPosition(input:$i){position{id} errors{code}}}",
        {"i": {"code": "AM", "name": "Analis Ahli Madya", "level": "AHLI_MADYA"}},
        user="hr.alpha")).ok()["createPosition"]["position"]["id"]
    madya = (await api.gql(STANDARD, {"p": created}, user="hr.alpha")).ok()["positionStandard"]
    assert {lv for lv, _ in standard_levels(madya).values()} == {3}


async def test_overrides_replace_defaults_and_can_be_removed(api, world):
    await save(api, [technical("T.01"), technical("T.02", "Statistik")])
    variables = {"i": {"positionId": position(world, "STAFF"), "requirements": [
        {"competencyCode": "M.05", "level": 3}, {"competencyCode": "t.02", "level": 2}]}}
    payload = (await api.gql(SET, variables, user="hr.alpha")).ok()["setPositionStandard"]
    assert payload["errors"] == []
    levels = standard_levels(payload["standard"])
    assert levels["M.05"] == (3, "OVERRIDE") and levels["M.01"] == (1, "DEFAULT")
    assert levels["T.02"] == (2, "OVERRIDE") and "T.01" not in levels
    assert list(levels)[-1] == "T.02"  # national first, then technical
    reset = {"i": {"positionId": position(world, "STAFF"), "requirements": [
        {"competencyCode": "M.05", "level": None}, {"competencyCode": "T.02", "level": 4}]}}
    payload = (await api.gql(SET, reset, user="admin.alpha")).ok()["setPositionStandard"]
    levels = standard_levels(payload["standard"])
    assert levels["M.05"] == (1, "DEFAULT") and levels["T.02"] == (4, "OVERRIDE")
    other = (await api.gql(STANDARD, {"p": position(world, "HEAD")}, user="hr.alpha")).ok()
    assert set(standard_levels(other["positionStandard"]).values()) == {(3, "DEFAULT")}
    audit = (await api.gql('{auditEvents(first:10,objectType:"Position"){nodes{action after}}}',
                           user="auditor.alpha")).ok()["auditEvents"]["nodes"]
    assert [e["action"] for e in audit] == ["position_standard.set"] * 2
    assert audit[0]["after"] == {"overrides": {"T.02": 4}}


async def test_unknown_codes_and_levels_are_refused_at_once(api, world):
    await save(api, [technical("T.01")])
    variables = {"i": {"positionId": position(world, "STAFF"), "requirements": [
        {"competencyCode": "M.09", "level": 2}, {"competencyCode": "M.01", "level": 6},
        {"competencyCode": "T.01", "level": 0}, {"competencyCode": "M.01", "level": 2}]}}
    payload = (await api.gql(SET, variables, user="hr.alpha")).ok()["setPositionStandard"]
    assert payload["standard"] is None
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [
        ("requirements[0].competencyCode", "UNKNOWN_REFERENCE"),
        ("requirements[1].level", "OUT_OF_RANGE"),
        ("requirements[2].level", "OUT_OF_RANGE"),
        ("requirements[3].competencyCode", "DUPLICATE"),
    ]
    beta_code = {"i": {"positionId": position(world, "STAFF"),
                       "requirements": [{"competencyCode": "T.77", "level": 2}]}}
    await save(api, [technical("T.77")], user="hr.beta")  # another agency's code is unknown here
    refused = (await api.gql(SET, beta_code, user="hr.alpha")).ok()["setPositionStandard"]
    assert [e["code"] for e in refused["errors"]] == ["UNKNOWN_REFERENCE"]
    staff = (await api.gql(STANDARD, {"p": position(world, "STAFF")}, user="hr.alpha")).ok()
    assert {s for _, s in standard_levels(staff["positionStandard"]).values()} == {"DEFAULT"}


async def test_another_agencys_position_is_not_found(api, world):
    foreign = position(world, "STAFF", "beta")
    assert (await api.gql(STANDARD, {"p": foreign}, user="hr.alpha")).codes == ["NOT_FOUND"]
    result = await api.gql(SET, {"i": {"positionId": foreign, "requirements": [
        {"competencyCode": "M.01", "level": 2}]}}, user="hr.alpha")
    assert result.codes == ["NOT_FOUND"]
    beta = (await api.gql(STANDARD, {"p": foreign}, user="hr.beta", tenant="beta")).ok()
    assert {s for _, s in standard_levels(beta["positionStandard"]).values()} == {"DEFAULT"}


async def test_only_hr_and_admin_write_everyone_reads(api, world):
    for user in ("staff.alpha", "rater.alpha", "auditor.alpha"):
        assert (await api.gql(SAVE, {"i": {"competencies": [technical("T.01")]}},
                              user=user)).codes == ["FORBIDDEN"]
        result = await api.gql(SET, {"i": {"positionId": position(world, "STAFF"),
                                           "requirements": []}}, user=user)
        assert result.codes == ["FORBIDDEN"]
        assert (await api.gql(VERSIONS, user=user)).ok()["competencyFrameworkVersions"] == []
    assert (await api.gql(FRAMEWORK)).codes == ["UNAUTHENTICATED"]
    assert (await save(api, [technical("T.01")], user="admin.alpha"))["errors"] == []
