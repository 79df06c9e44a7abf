"""Training settings and the catalog through the API: defaults, versioned edits, validation
(every problem at once, nothing changed), JP computed server-side, filters, permissions."""

from __future__ import annotations

from tests.support.api import gid

SETTINGS = ("version saved jpRules{kind form jpPerDay jpPerDayInternational "
            "internationalUpliftPercent} minutesPerJp minimumJp{employeeType jp} "
            "valueCompetencies{value competencyCodes} lowValueThreshold "
            "developmentPredikat{predikat competencyCodes}")
UPDATE_SETTINGS = ("mutation($i:UpdateTrainingSettingsInput!){updateTrainingSettings(input:$i){"
                   "settings{" + SETTINGS + "} errors{field code message}}}")
ACTIVITY = ("id title form kind jp givenJp durationDays durationHours provider international "
            "active version competencyCodes")
CREATE = ("mutation($i:TrainingActivityInput!){createTrainingActivity(input:$i){activity{"
          + ACTIVITY + "} errors{field code message}}}")
UPDATE = ("mutation($i:UpdateTrainingActivityInput!){updateTrainingActivity(input:$i){activity{"
          + ACTIVITY + "} errors{field code}}}")
DEACTIVATE = ("mutation($i:DeactivateTrainingActivityInput!){deactivateTrainingActivity("
              "input:$i){activity{" + ACTIVITY + "} errors{field code}}}")
LIST = ("query($c:String,$f:ActivityForm,$a:Boolean,$n:Int,$after:String){trainingActivities("
        "competencyCode:$c,form:$f,active:$a,first:$n,after:$after){totalCount "
        "pageInfo{hasNextPage endCursor} nodes{" + ACTIVITY + "}}}")


def seminar(**overrides):
    return {"title": "Seminar Pelayanan Publik", "form": "KLASIKAL", "kind": "SEMINAR",
            "competencyCodes": ["M.05"], "durationDays": 2, "provider": "BPSDM Sumbar",
            **overrides}


async def create(api, data, user="hr.alpha"):
    return (await api.gql(CREATE, {"i": data}, user=user, tenant="alpha")).ok()[
        "createTrainingActivity"]


async def test_settings_start_as_the_domain_defaults(api):
    data = (await api.gql("{trainingSettings{" + SETTINGS + "}}", user="staff.alpha",
                          tenant="alpha")).ok()["trainingSettings"]
    assert (data["version"], data["saved"], data["minutesPerJp"]) == (0, False, 45)
    rules = {r["kind"]: r for r in data["jpRules"]}
    assert (rules["SEMINAR"]["jpPerDay"], rules["SEMINAR"]["jpPerDayInternational"]) == (4, 6)
    assert (rules["WORKSHOP"]["jpPerDay"], rules["WORKSHOP"]["jpPerDayInternational"]) == (5, 7)
    assert rules["KURSUS"]["internationalUpliftPercent"] == 20
    assert {(m["employeeType"], m["jp"]) for m in data["minimumJp"]} == {("PNS", 20),
                                                                         ("PPPK", 20)}
    values = {v["value"]: v["competencyCodes"] for v in data["valueCompetencies"]}
    assert values["BERORIENTASI_PELAYANAN"] == ["M.05"] and values["HARMONIS"] == ["M.02", "SK.01"]
    assert data["lowValueThreshold"] == 2.5
    assert {p["predikat"] for p in data["developmentPredikat"]} == {
        "BUTUH_PERBAIKAN", "KURANG_MISCONDUCT", "SANGAT_KURANG"}


async def test_hr_saves_settings_versions_and_stale_versions_conflict(api):
    change = {"version": 0, "minimumJp": [{"employeeType": "PPPK", "jp": 24}],
              "jpRules": [{"kind": "BIMBINGAN_TEKNIS", "jpPerDay": 6}]}
    saved = (await api.gql(UPDATE_SETTINGS, {"i": change}, user="hr.alpha",
                           tenant="alpha")).ok()["updateTrainingSettings"]
    assert saved["errors"] == [] and saved["settings"]["version"] == 1
    assert {"employeeType": "PPPK", "jp": 24} in saved["settings"]["minimumJp"]
    stale = await api.gql(UPDATE_SETTINGS, {"i": change}, user="hr.alpha", tenant="alpha")
    assert stale.codes == ["CONFLICT"]
    versions = (await api.gql("{trainingSettingsVersions{version}}", user="auditor.alpha",
                              tenant="alpha")).ok()["trainingSettingsVersions"]
    assert [v["version"] for v in versions] == [1]
    events = (await api.gql('{auditEvents(objectType:"TrainingSettings"){nodes{action}}}',
                            user="auditor.alpha", tenant="alpha")).ok()
    assert [e["action"] for e in events["auditEvents"]["nodes"]] == ["training_settings.update"]
    denied = await api.gql(UPDATE_SETTINGS, {"i": {"lowValueThreshold": 3}}, user="rater.alpha",
                           tenant="alpha")
    assert denied.codes == ["FORBIDDEN"]


async def test_invalid_settings_report_every_problem_and_change_nothing(api):
    change = {"lowValueThreshold": 9, "minimumJp": [{"employeeType": "PNS", "jp": -1}],
              "valueCompetencies": [{"value": "ADAPTIF", "competencyCodes": ["T.99"]}],
              "jpRules": [{"kind": "SEMINAR", "jpPerDay": 0}]}
    refused = (await api.gql(UPDATE_SETTINGS, {"i": change}, user="hr.alpha",
                             tenant="alpha")).ok()["updateTrainingSettings"]
    assert refused["settings"] is None
    assert {(e["field"], e["code"]) for e in refused["errors"]} == {
        ("lowValueThreshold", "OUT_OF_RANGE"), ("minimumJp[0].jp", "OUT_OF_RANGE"),
        ("valueCompetencies[0].competencyCodes[0]", "UNKNOWN_REFERENCE"),
        ("jpRules[0].jpPerDay", "OUT_OF_RANGE")}
    current = (await api.gql("{trainingSettings{version}}", user="hr.alpha",
                             tenant="alpha")).ok()
    assert current["trainingSettings"]["version"] == 0


async def test_catalog_activity_gets_its_jp_computed_on_the_server(api):
    created = await create(api, seminar())
    assert created["errors"] == []
    activity = created["activity"]
    assert (activity["jp"], activity["durationDays"], activity["version"]) == (8.0, 2.0, 1)
    international = await create(api, seminar(title="International Seminar",
                                              international=True))
    assert international["activity"]["jp"] == 12.0
    course = await create(api, {"title": "Kursus Bahasa Inggris", "form": "KLASIKAL",
                                "kind": "KURSUS", "competencyCodes": ["M.03"], "jp": 40,
                                "international": True})
    assert (course["activity"]["jp"], course["activity"]["givenJp"]) == (48.0, 40.0)
    coaching = await create(api, {"title": "Coaching Pelayanan", "form": "NONKLASIKAL",
                                  "kind": "COACHING", "competencyCodes": ["m.05", "SK.01"],
                                  "durationHours": 6})
    assert coaching["activity"]["jp"] == 8.0
    assert coaching["activity"]["competencyCodes"] == ["M.05", "SK.01"]


async def test_catalog_validation_reports_every_problem_and_writes_nothing(api):
    refused = await create(api, {"title": " ", "form": "NONKLASIKAL", "kind": "SEMINAR",
                                  "competencyCodes": ["M.05", "X.01", "M.05"], "jp": 4,
                                  "durationDays": 1})
    assert refused["activity"] is None
    assert {(e["field"], e["code"]) for e in refused["errors"]} == {
        ("title", "REQUIRED"), ("kind", "KIND_FORM_MISMATCH"),
        ("competencyCodes[1]", "UNKNOWN_REFERENCE"), ("competencyCodes[2]", "DUPLICATE"),
        ("jp", "JP_CHOICE")}
    no_rule = await create(api, {"title": "Coaching", "form": "NONKLASIKAL", "kind": "COACHING",
                                 "competencyCodes": ["M.06"], "durationDays": 1})
    assert [(e["field"], e["code"]) for e in no_rule["errors"]] == [
        ("durationDays", "NO_CONVERSION_RULE")]
    none_given = await create(api, seminar(durationDays=None, competencyCodes=[]))
    assert {(e["field"], e["code"]) for e in none_given["errors"]} == {
        ("jp", "JP_CHOICE"), ("competencyCodes", "REQUIRED")}
    negative = await create(api, seminar(durationDays=-2, title="x" * 301))
    assert {(e["field"], e["code"]) for e in negative["errors"]} == {
        ("durationDays", "OUT_OF_RANGE"), ("title", "TOO_LONG")}
    listed = (await api.gql(LIST, {}, user="hr.alpha", tenant="alpha")).ok()
    assert listed["trainingActivities"]["totalCount"] == 0


async def test_technical_competency_codes_of_the_agency_are_accepted(api):
    framework = {"version": 0, "competencies": [{
        "code": "T.01", "name": "Pengelolaan Arsip", "description": "Arsip.",
        "levels": [f"Level {i}" for i in range(1, 6)]}]}
    (await api.gql("mutation($i:SaveTechnicalFrameworkInput!){saveTechnicalFramework(input:$i)"
                   "{errors{code}}}", {"i": framework}, user="hr.alpha", tenant="alpha")).ok()
    created = await create(api, seminar(competencyCodes=["T.01"]))
    assert created["errors"] == [] and created["activity"]["competencyCodes"] == ["T.01"]
    beta = (await api.gql(CREATE, {"i": seminar(competencyCodes=["T.01"])}, user="hr.beta",
                          tenant="beta")).ok()["createTrainingActivity"]
    assert [(e["field"], e["code"]) for e in beta["errors"]] == [
        ("competencyCodes[0]", "UNKNOWN_REFERENCE")]  # alpha's technical codes are not beta's


async def test_update_recomputes_jp_and_deactivate_is_idempotent(api):
    activity = (await create(api, seminar()))["activity"]
    changed = (await api.gql(UPDATE, {"i": {"id": activity["id"], "version": 1, "activity": seminar(
        kind="WORKSHOP", durationDays=3, competencyCodes=["M.05", "M.03"])}}, user="hr.alpha",
        tenant="alpha")).ok()["updateTrainingActivity"]
    assert changed["errors"] == []
    assert (changed["activity"]["jp"], changed["activity"]["version"]) == (15.0, 2)
    assert changed["activity"]["competencyCodes"] == ["M.05", "M.03"]
    stale = await api.gql(UPDATE, {"i": {"id": activity["id"], "version": 1,
                                         "activity": seminar()}}, user="hr.alpha", tenant="alpha")
    assert stale.codes == ["CONFLICT"]
    for _ in range(2):
        off = (await api.gql(DEACTIVATE, {"i": {"id": activity["id"]}}, user="hr.alpha",
                             tenant="alpha")).ok()["deactivateTrainingActivity"]
        assert off["activity"]["active"] is False and off["activity"]["version"] == 3
    missing = await api.gql(DEACTIVATE, {"i": {"id": gid("TrainingActivity", "0" * 32)}},
                            user="hr.alpha", tenant="alpha")
    assert missing.codes == ["NOT_FOUND"]
    events = (await api.gql('{auditEvents(objectType:"TrainingActivity"){nodes{action}}}',
                            user="auditor.alpha", tenant="alpha")).ok()
    assert sorted(e["action"] for e in events["auditEvents"]["nodes"]) == [
        "training_activity.create", "training_activity.deactivate", "training_activity.update"]


async def test_catalog_filters_and_pages_by_title(api, sql_counter):
    await create(api, seminar(title="C Seminar"))
    await create(api, seminar(title="A Workshop", kind="WORKSHOP", competencyCodes=["M.03"]))
    await create(api, {"title": "B Coaching", "form": "NONKLASIKAL", "kind": "COACHING",
                       "competencyCodes": ["M.05"], "durationHours": 2})
    first = (await api.gql(LIST, {"n": 2}, user="staff.alpha", tenant="alpha")).ok()[
        "trainingActivities"]
    assert [n["title"] for n in first["nodes"]] == ["A Workshop", "B Coaching"]
    assert first["totalCount"] == 3 and first["pageInfo"]["hasNextPage"] is True
    rest = (await api.gql(LIST, {"n": 2, "after": first["pageInfo"]["endCursor"]},
                          user="staff.alpha", tenant="alpha")).ok()["trainingActivities"]
    assert [n["title"] for n in rest["nodes"]] == ["C Seminar"]
    by_code = (await api.gql(LIST, {"c": "m.05"}, user="staff.alpha", tenant="alpha")).ok()
    assert [n["title"] for n in by_code["trainingActivities"]["nodes"]] == ["B Coaching",
                                                                            "C Seminar"]
    by_form = (await api.gql(LIST, {"f": "NONKLASIKAL"}, user="staff.alpha",
                             tenant="alpha")).ok()
    assert [n["title"] for n in by_form["trainingActivities"]["nodes"]] == ["B Coaching"]
    before = sql_counter.count
    await api.gql(LIST, {"n": 3}, user="staff.alpha", tenant="alpha")
    small = sql_counter.count - before
    for i in range(6):
        await create(api, seminar(title=f"D Seminar {i}"))
    before = sql_counter.count
    many = (await api.gql(LIST, {"n": 9}, user="staff.alpha", tenant="alpha")).ok()
    assert len(many["trainingActivities"]["nodes"]) == 9
    assert sql_counter.count - before == small
    bad = await api.gql(LIST, {"after": "nonsense"}, user="staff.alpha", tenant="alpha")
    assert bad.codes == ["INVALID_CURSOR"]
    denied = await api.gql(CREATE, {"i": seminar()}, user="staff.alpha", tenant="alpha")
    assert denied.codes == ["FORBIDDEN"]
