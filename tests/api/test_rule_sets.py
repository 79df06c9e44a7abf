"""Rule sets: defaults, validation (every error at once), immutable versions, permissions."""

from __future__ import annotations

RULE_SET = ("id version saved matrix{hasilKerja perilaku predikat} "
            "patterns{organisationResult largestGroup bounds{predikat minShare maxShare minCount}} "
            "smallUnitMaxSize smallUnitRounding objectionWindowDays objectionDayKind "
            "periodGranularity peerAnonymityThreshold scoreWeights{source weight}")
READ = "{ruleSet{" + RULE_SET + "}}"
VERSIONS = "{ruleSetVersions{version objectionWindowDays}}"
UPDATE = ("mutation($i:UpdateRuleSetInput!){updateRuleSet(input:$i){ruleSet{" + RULE_SET
          + "} errors{field code message}}}")
CREATE_CYCLE = ("mutation($i:CreateCycleInput!){createCycle(input:$i){cycle{id ruleSetVersion "
                "ruleSet{version objectionWindowDays}} errors{field code}}}")

EXPECTED_MATRIX = {
    ("DI_ATAS", "DI_BAWAH"): "KURANG_MISCONDUCT", ("DI_ATAS", "SESUAI"): "BAIK",
    ("DI_ATAS", "DI_ATAS"): "SANGAT_BAIK", ("SESUAI", "DI_BAWAH"): "KURANG_MISCONDUCT",
    ("SESUAI", "SESUAI"): "BAIK", ("SESUAI", "DI_ATAS"): "BAIK",
    ("DI_BAWAH", "DI_BAWAH"): "SANGAT_KURANG", ("DI_BAWAH", "SESUAI"): "BUTUH_PERBAIKAN",
    ("DI_BAWAH", "DI_ATAS"): "BUTUH_PERBAIKAN",
}


def full_matrix(**overrides: str) -> list[dict]:
    cells = []
    for (hasil, perilaku), predikat in EXPECTED_MATRIX.items():
        cells.append({"hasilKerja": hasil, "perilaku": perilaku,
                      "predikat": overrides.get(f"{hasil}_{perilaku}", predikat)})
    return cells


async def test_defaults_come_from_the_domain_guide_unsaved(api):
    rule_set = (await api.gql(READ, user="staff.alpha")).ok()["ruleSet"]
    assert (rule_set["id"], rule_set["version"], rule_set["saved"]) == (None, 0, False)
    assert {(c["hasilKerja"], c["perilaku"]): c["predikat"]
            for c in rule_set["matrix"]} == EXPECTED_MATRIX
    assert (rule_set["objectionWindowDays"], rule_set["objectionDayKind"]) == (14, "CALENDAR")
    assert rule_set["peerAnonymityThreshold"] == 3
    assert rule_set["periodGranularity"] == "QUARTERLY"
    assert (rule_set["smallUnitMaxSize"], rule_set["smallUnitRounding"]) == (6, "LENIENT")
    assert rule_set["scoreWeights"] == []
    patterns = {p["organisationResult"]: p for p in rule_set["patterns"]}
    assert list(patterns) == ["ISTIMEWA", "BAIK", "BUTUH_PERBAIKAN", "KURANG", "SANGAT_KURANG"]
    assert patterns["ISTIMEWA"]["largestGroup"] == "SANGAT_BAIK"
    assert patterns["ISTIMEWA"]["bounds"] == [
        {"predikat": ["SANGAT_BAIK"], "minShare": None, "maxShare": 0.7, "minCount": None}]
    assert {"predikat": ["BUTUH_PERBAIKAN", "KURANG_MISCONDUCT"], "minShare": None,
            "maxShare": None, "minCount": 1} in patterns["BAIK"]["bounds"]
    assert {"predikat": ["SANGAT_BAIK"], "minShare": None, "maxShare": 0.0,
            "minCount": None} in patterns["SANGAT_KURANG"]["bounds"]
    assert (await api.gql(VERSIONS, user="auditor.alpha")).ok()["ruleSetVersions"] == []


async def test_update_creates_versions_and_cycles_keep_theirs(api):
    first = (await api.gql(UPDATE, {"i": {"version": 0, "objectionWindowDays": 10,
                                          "matrix": full_matrix(SESUAI_DI_ATAS="SANGAT_BAIK")}},
                           user="hr.alpha")).ok()["updateRuleSet"]
    assert first["errors"] == [] and first["ruleSet"]["version"] == 1
    assert first["ruleSet"]["saved"] is True and first["ruleSet"]["id"]
    cells = {(c["hasilKerja"], c["perilaku"]): c["predikat"] for c in first["ruleSet"]["matrix"]}
    assert cells[("SESUAI", "DI_ATAS")] == "SANGAT_BAIK"
    cycle = (await api.gql(CREATE_CYCLE, {"i": {"year": 2027, "name": "Kinerja 2027"}},
                           user="hr.alpha")).ok()["createCycle"]["cycle"]
    assert cycle["ruleSetVersion"] == 1
    second = (await api.gql(UPDATE, {"i": {"version": 1, "objectionWindowDays": 21,
                                           "scoreWeights": [{"source": "RATER", "weight": 0.6},
                                                            {"source": "PEER", "weight": 0.4}]}},
                            user="admin.alpha")).ok()["updateRuleSet"]["ruleSet"]
    assert second["version"] == 2 and second["objectionWindowDays"] == 21
    assert second["scoreWeights"] == [{"source": "RATER", "weight": 0.6},
                                      {"source": "PEER", "weight": 0.4}]
    versions = (await api.gql(VERSIONS, user="rater.alpha")).ok()["ruleSetVersions"]
    assert versions == [{"version": 2, "objectionWindowDays": 21},
                        {"version": 1, "objectionWindowDays": 10}]
    kept = (await api.gql("query($id:ID!){cycle(id:$id){ruleSetVersion ruleSet{version "
                          "objectionWindowDays}}}", {"id": cycle["id"]}, user="staff.alpha")).ok()
    assert kept["cycle"] == {"ruleSetVersion": 1,
                             "ruleSet": {"version": 1, "objectionWindowDays": 10}}
    # beta is untouched: still the defaults
    beta = (await api.gql(READ, user="hr.beta")).ok()["ruleSet"]
    assert (beta["version"], beta["objectionWindowDays"]) == (0, 14)


async def test_unchanged_content_writes_no_version(api):
    await api.gql(UPDATE, {"i": {"peerAnonymityThreshold": 5}}, user="hr.alpha")
    same = (await api.gql(UPDATE, {"i": {"peerAnonymityThreshold": 5}},
                          user="hr.alpha")).ok()["updateRuleSet"]
    assert same["errors"] == [] and same["ruleSet"]["version"] == 1


async def test_every_invalid_part_is_reported_at_once(api):
    matrix = [*full_matrix()[:7], full_matrix()[0]]  # two cells missing, one duplicated
    result = (await api.gql(UPDATE, {"i": {
        "matrix": matrix, "objectionWindowDays": 0, "peerAnonymityThreshold": 0,
        "smallUnitMaxSize": -1,
        "patterns": [{"organisationResult": "BAIK", "bounds": [
            {"predikat": ["BAIK"], "minShare": 0.8, "maxShare": 0.5},
            {"predikat": ["SANGAT_BAIK"], "maxShare": 1.5},
            {"predikat": [], "minCount": 1},
            {"predikat": ["KURANG_MISCONDUCT"]}]},
            {"organisationResult": "BAIK", "bounds": [{"predikat": ["BAIK"], "minShare": -0.1}]}],
        "scoreWeights": [{"source": "PEER", "weight": -1}, {"source": "PEER", "weight": 1}]}},
        user="hr.alpha")).ok()["updateRuleSet"]
    assert result["ruleSet"] is None
    got = {(e["field"], e["code"]) for e in result["errors"]}
    assert got == {
        ("matrix[7]", "DUPLICATE"), ("matrix", "MATRIX_INCOMPLETE"),
        ("objectionWindowDays", "OUT_OF_RANGE"), ("peerAnonymityThreshold", "OUT_OF_RANGE"),
        ("smallUnitMaxSize", "OUT_OF_RANGE"),
        ("patterns[0].bounds[0]", "MIN_ABOVE_MAX"),
        ("patterns[0].bounds[1].maxShare", "OUT_OF_RANGE"),
        ("patterns[0].bounds[2].predikat", "REQUIRED"),
        ("patterns[0].bounds[3]", "REQUIRED"),
        ("patterns[1].organisationResult", "DUPLICATE"),
        ("patterns[1].bounds[0].minShare", "OUT_OF_RANGE"),
        ("scoreWeights[0].weight", "OUT_OF_RANGE"), ("scoreWeights[1].source", "DUPLICATE"),
    }
    incomplete = next(e for e in result["errors"] if e["code"] == "MATRIX_INCOMPLETE")
    assert "DI_BAWAH/SESUAI" in incomplete["message"]
    assert (await api.gql(VERSIONS, user="hr.alpha")).ok()["ruleSetVersions"] == []


async def test_all_zero_weights_are_refused(api):
    result = (await api.gql(UPDATE, {"i": {"scoreWeights": [{"source": "SELF", "weight": 0}]}},
                            user="hr.alpha")).ok()["updateRuleSet"]
    assert [(e["field"], e["code"]) for e in result["errors"]] == [
        ("scoreWeights", "NO_POSITIVE_WEIGHT")]


async def test_clearing_weights(api):
    await api.gql(UPDATE, {"i": {"scoreWeights": [{"source": "SELF", "weight": 1}]}},
                  user="hr.alpha")
    cleared = (await api.gql(UPDATE, {"i": {"clearScoreWeights": True}},
                             user="hr.alpha")).ok()["updateRuleSet"]["ruleSet"]
    assert cleared["version"] == 2 and cleared["scoreWeights"] == []


async def test_stale_version_is_a_conflict_and_changes_nothing(api):
    await api.gql(UPDATE, {"i": {"objectionWindowDays": 7}}, user="hr.alpha")
    stale = await api.gql(UPDATE, {"i": {"version": 0, "objectionWindowDays": 30}},
                          user="hr.alpha")
    assert stale.codes == ["CONFLICT"]
    current = (await api.gql(READ, user="hr.alpha")).ok()["ruleSet"]
    assert (current["version"], current["objectionWindowDays"]) == (1, 7)


async def test_only_hr_and_admin_write_and_changes_are_audited(api):
    for user in ("staff.alpha", "rater.alpha", "auditor.alpha"):
        result = await api.gql(UPDATE, {"i": {"objectionWindowDays": 9}}, user=user)
        assert result.codes == ["FORBIDDEN"], user
    await api.gql(UPDATE, {"i": {"objectionWindowDays": 9}}, user="hr.alpha")
    events = (await api.gql("{auditEvents(first:5){nodes{action objectType after}}}",
                            user="auditor.alpha")).ok()["auditEvents"]["nodes"]
    assert events[0]["action"] == "rule_set.update" and events[0]["objectType"] == "RuleSet"
