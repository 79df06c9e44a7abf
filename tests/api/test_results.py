"""Results through the API: all nine matrix cells, justifications, when rating is allowed,
the head-of-unit rule, organisation results, calibration (original kept), release visibility,
acknowledgement, stale versions, reopening, and a results page in constant statements."""

from __future__ import annotations

from datetime import date

from kinerja.cycles.rules import DEFAULT_CONTENT, RATINGS
from kinerja.results import queries as result_queries
from tests.support.api import EMPLOYEE_WHOLE, gid, project
from tests.support.results import (
    ACK,
    CALIBRATE,
    HEAD,
    LIST,
    ORG,
    RATE,
    READ,
    REOPEN,
    advance,
    call,
    codes,
    rate,
    release,
    running_cycle,
    set_today,
)

APRIL = date(2027, 4, 5)


async def test_all_nine_matrix_cells_through_the_api(api, db, world, monkeypatch):
    set_today(monkeypatch, APRIL)
    cycle = await running_cycle(api, db, world)
    for hasil in RATINGS:
        for perilaku in RATINGS:
            payload = await rate(api, cycle, "staff", "Q1", hasil, perilaku)
            assert payload["errors"] == [], payload
            result = payload["result"]
            expected = DEFAULT_CONTENT["matrix"][hasil][perilaku]
            assert result["predikat"] == expected, (hasil, perilaku)
            assert result["explanation"]["matrixCell"] == {
                "hasilKerja": hasil, "perilaku": perilaku, "predikat": expected}
            assert result["status"] == "RATED" and result["ruleSetVersion"] == 1
    assert result["version"] == 9  # one row, re-rated eight times


async def test_justification_is_required_when_not_sesuai(api, db, world, monkeypatch):
    set_today(monkeypatch, APRIL)
    cycle = await running_cycle(api, db, world)
    base = {"skpId": cycle.skps["staff"], "periodId": cycle.periods["Q1"]}
    refused = await call(api, RATE, "rateResult", {"i": {
        **base, "ratingHasil": "DI_ATAS", "ratingPerilaku": "DI_BAWAH",
        "justificationHasil": "   "}}, "rater.alpha")
    assert codes(refused) == {("justificationHasil", "JUSTIFICATION_REQUIRED"),
                              ("justificationPerilaku", "JUSTIFICATION_REQUIRED")}
    assert "justification" in refused["errors"][0]["message"]
    too_long = await call(api, RATE, "rateResult", {"i": {
        **base, "ratingHasil": "SESUAI", "ratingPerilaku": "SESUAI",
        "justificationHasil": "x" * 2001}}, "rater.alpha")
    assert codes(too_long) == {("justificationHasil", "TOO_LONG")}
    missing = await call(api, RATE, "rateResult", {"i": {**base, "ratingPerilaku": "SESUAI"}},
                         "rater.alpha")
    assert codes(missing) == {("ratingHasil", "REQUIRED")}
    ok = await call(api, RATE, "rateResult", {"i": {
        **base, "ratingHasil": "SESUAI", "ratingPerilaku": "SESUAI"}}, "rater.alpha")
    assert ok["errors"] == [] and ok["result"]["predikat"] == "BAIK"
    listed = (await api.gql(LIST, {"c": cycle.id, "p": cycle.periods["Q1"]},
                            user="hr.alpha")).ok()["results"]
    assert listed["totalCount"] == 1


async def test_when_and_by_whom_rating_is_allowed(api, db, world, monkeypatch):
    set_today(monkeypatch, date(2027, 3, 30))
    cycle = await running_cycle(api, db, world)
    early = await rate(api, cycle, "staff", "Q1", "SESUAI", "SESUAI")
    assert codes(early) == {("periodId", "PERIOD_NOT_ENDED")}
    annual = await rate(api, cycle, "staff", "YEAR", "SESUAI", "SESUAI")
    assert codes(annual) == {("periodId", "WRONG_CYCLE_STATE")}
    set_today(monkeypatch, APRIL)
    # the rater rates the SKPs naming them as rater, not their own or the head's
    own = await api.gql(RATE, {"i": {"skpId": cycle.skps["rater"], "periodId": cycle.periods["Q1"],
                                     "ratingHasil": "SESUAI", "ratingPerilaku": "SESUAI"}},
                        user="rater.alpha")
    assert own.codes == ["FORBIDDEN"]
    head = await api.gql(RATE, {"i": {"skpId": cycle.skps["head"], "periodId": cycle.periods["Q1"],
                                      "ratingHasil": "SESUAI", "ratingPerilaku": "SESUAI"}},
                         user="rater.alpha")
    assert head.codes == ["NOT_FOUND"]  # not theirs to read either
    staff = await api.gql(RATE, {"i": {"skpId": cycle.skps["staff2"],
                                       "periodId": cycle.periods["Q1"],
                                       "ratingHasil": "SESUAI", "ratingPerilaku": "SESUAI"}},
                          user="staff.alpha")
    assert staff.codes == ["FORBIDDEN"]
    wrong_period = await call(api, RATE, "rateResult", {"i": {
        "skpId": cycle.skps["staff"], "periodId": gid("Period", world.tenant_id("alpha")),
        "ratingHasil": "SESUAI", "ratingPerilaku": "SESUAI"}}, "rater.alpha")
    assert codes(wrong_period) == {("periodId", "UNKNOWN_REFERENCE")}
    assert (await rate(api, cycle, "staff2", "Q1", "SESUAI", "SESUAI",
                       user="hr.alpha"))["errors"] == []
    await advance(api, cycle, "ASSESSMENT")
    assert (await rate(api, cycle, "staff", "YEAR", "DI_ATAS", "DI_ATAS"))["errors"] == []


async def test_only_approved_skps_are_rated(api, db, world, monkeypatch):
    set_today(monkeypatch, APRIL)
    cycle = await running_cycle(api, db, world, approve=False)
    refused = await rate(api, cycle, "staff", "Q1", "SESUAI", "SESUAI")
    assert codes(refused) == {("skpId", "SKP_NOT_APPROVED")}


async def test_head_of_unit_rating_follows_the_organisation_result(api, db, world, monkeypatch):
    set_today(monkeypatch, APRIL)
    cycle = await running_cycle(api, db, world)
    sec = gid("OrgUnit", world.unit_id("alpha", "SEC"))
    not_member = await call(api, HEAD, "setUnitHead", {"i": {
        "unitId": sec, "employeeId": gid("Employee", world.employee_id("alpha", "head"))}},
        "hr.alpha")
    assert codes(not_member) == {("employeeId", "HEAD_NOT_IN_UNIT")}
    named = await call(api, HEAD, "setUnitHead", {"i": {
        "unitId": sec, "employeeId": gid("Employee", world.employee_id("alpha", "rater")),
        "version": 1}}, "hr.alpha")
    assert named["errors"] == [] and named["head"]["name"] == "Alpha Rater"
    assert named["orgUnit"]["version"] == 2
    stale = await api.gql(HEAD, {"i": {"unitId": sec, "version": 1}}, user="hr.alpha")
    assert stale.codes == ["CONFLICT"]
    # no organisation result yet: the rater's own rating counts
    before = await rate(api, cycle, "rater", "Q1", "DI_BAWAH", "SESUAI", user="hr.alpha")
    assert before["result"]["hasilSource"] == "RATER"
    org = await call(api, ORG, "setOrganisationResult", {"i": {
        "unitId": sec, "periodId": cycle.periods["Q1"], "result": "ISTIMEWA"}}, "hr.alpha")
    assert org["errors"] == []
    refused = await rate(api, cycle, "rater", "Q1", "SESUAI", "SESUAI", user="hr.alpha")
    assert codes(refused) == {("ratingHasil", "HASIL_FROM_ORGANISATION")}
    derived = await rate(api, cycle, "rater", "Q1", None, "DI_ATAS", user="hr.alpha",
                         justificationPerilaku="Kolaboratif")
    assert derived["errors"] == [], derived
    result = derived["result"]
    assert (result["ratingHasil"], result["predikat"], result["hasilSource"]) == (
        "DI_ATAS", "SANGAT_BAIK", "ORGANISATION")
    assert result["explanation"]["organisationResult"] == "ISTIMEWA"
    assert result["justificationHasil"] is None  # not needed: the unit's result explains it
    same = await rate(api, cycle, "rater", "Q1", "DI_ATAS", "DI_ATAS", user="hr.alpha",
                      justificationHasil=None, justificationPerilaku="Kolaboratif")
    assert same["errors"] == [] and same["result"]["version"] == result["version"]


async def test_organisation_results_versions_and_list(api, db, world, monkeypatch):
    set_today(monkeypatch, APRIL)
    cycle = await running_cycle(api, db, world)
    sec = gid("OrgUnit", world.unit_id("alpha", "SEC"))
    data = {"unitId": sec, "periodId": cycle.periods["Q1"], "result": "BAIK", "note": "Baik"}
    first = await call(api, ORG, "setOrganisationResult", {"i": data}, "hr.alpha")
    assert first["organisationResult"]["version"] == 1
    again = await call(api, ORG, "setOrganisationResult", {"i": data}, "hr.alpha")
    assert again["organisationResult"]["version"] == 1  # unchanged: no write
    changed = await call(api, ORG, "setOrganisationResult", {"i": {
        **data, "result": "KURANG", "version": 1}}, "hr.alpha")
    assert changed["organisationResult"] == {**first["organisationResult"], "result": "KURANG",
                                             "version": 2}
    stale = await api.gql(ORG, {"i": {**data, "version": 1}}, user="hr.alpha")
    assert stale.codes == ["CONFLICT"]
    assert (await api.gql(ORG, {"i": data}, user="rater.alpha")).codes == ["FORBIDDEN"]
    listed = (await api.gql("query($c:ID!){organisationResults(cycleId:$c){result unitName}}",
                            {"c": cycle.id}, user="staff.alpha")).ok()
    assert listed["organisationResults"] == [{"result": "KURANG", "unitName": "Alpha Section"}]


async def test_calibration_keeps_the_original(api, db, world, monkeypatch):
    set_today(monkeypatch, APRIL)
    cycle = await running_cycle(api, db, world)
    rated = (await rate(api, cycle, "staff", "Q1", "DI_ATAS", "DI_ATAS"))["result"]
    early = await call(api, CALIBRATE, "calibrateResult", {"i": {
        "resultId": rated["id"], "ratingHasil": "SESUAI", "reason": "Kalibrasi"}}, "hr.alpha")
    assert codes(early) == {(None, "WRONG_CYCLE_STATE")}
    await advance(api, cycle, "ASSESSMENT", "CALIBRATION")
    locked = await rate(api, cycle, "staff", "Q1", "SESUAI", "SESUAI")
    assert codes(locked) == {("periodId", "WRONG_CYCLE_STATE")}
    no_reason = await call(api, CALIBRATE, "calibrateResult", {"i": {
        "resultId": rated["id"], "ratingHasil": "SESUAI", "reason": " "}}, "hr.alpha")
    assert codes(no_reason) == {("reason", "REQUIRED")}
    assert (await api.gql(CALIBRATE, {"i": {"resultId": rated["id"], "reason": "x",
                                            "ratingHasil": "SESUAI"}},
                          user="rater.alpha")).codes == ["FORBIDDEN"]
    done = await call(api, CALIBRATE, "calibrateResult", {"i": {
        "resultId": rated["id"], "ratingHasil": "SESUAI", "reason": "Sebaran unit",
        "version": rated["version"]}}, "hr.alpha")
    assert done["errors"] == []
    result = done["result"]
    assert (result["ratingHasil"], result["predikat"], result["calibrated"]) == (
        "SESUAI", "BAIK", True)
    explanation = result["explanation"]
    assert explanation["original"] == {"ratingHasil": "DI_ATAS", "ratingPerilaku": "DI_ATAS",
                                       "predikat": "SANGAT_BAIK"}
    assert explanation["changes"] == [{"kind": "CALIBRATION", "reason": "Sebaran unit",
                                       "actorName": "Hr Alpha",
                                       "before": {"predikat": "SANGAT_BAIK"},
                                       "after": {"predikat": "BAIK"}}]
    stale = await api.gql(CALIBRATE, {"i": {"resultId": rated["id"], "reason": "x",
                                            "ratingPerilaku": "SESUAI",
                                            "version": rated["version"]}}, user="hr.alpha")
    assert stale.codes == ["CONFLICT"]


async def test_release_visibility_acknowledgement_and_idempotency(api, db, world, monkeypatch):
    set_today(monkeypatch, APRIL)
    cycle = await running_cycle(api, db, world)
    rated = (await rate(api, cycle, "staff", "Q1", "SESUAI", "SESUAI"))["result"]
    await rate(api, cycle, "staff2", "Q1", "DI_BAWAH", "SESUAI")
    hidden = await api.gql(READ, {"id": rated["id"]}, user="staff.alpha")
    assert hidden.codes == ["NOT_FOUND"]
    page = (await api.gql(LIST, {"c": cycle.id, "p": cycle.periods["Q1"]},
                          user="staff.alpha")).ok()["results"]
    assert page == {"totalCount": 0, "nodes": []}
    early_ack = await api.gql(ACK, {"i": {"resultId": rated["id"]}}, user="staff.alpha")
    assert early_ack.codes == ["NOT_FOUND"]
    assert await release(api, cycle, "Q1", gid("OrgUnit", world.unit_id("alpha", "ROOT"))) == 0
    assert await release(api, cycle, "Q1") == 2
    assert await release(api, cycle, "Q1") == 0  # idempotent
    seen = (await api.gql(READ, {"id": rated["id"]}, user="staff.alpha")).ok()["result"]
    assert (seen["status"], seen["releasedOn"], seen["objectionDeadline"]) == (
        "RELEASED", "2027-04-05", "2027-04-19")
    page = (await api.gql(LIST, {"c": cycle.id, "p": cycle.periods["Q1"]},
                          user="staff.alpha")).ok()["results"]
    assert [n["employee"]["name"] for n in page["nodes"]] == ["Alpha Staff"]
    relocked = await rate(api, cycle, "staff", "Q1", "DI_ATAS", "SESUAI")
    assert codes(relocked) == {(None, "RESULT_LOCKED")}
    other = await api.gql(ACK, {"i": {"resultId": rated["id"]}}, user="rater.alpha")
    assert other.codes == ["FORBIDDEN"]
    stale = await api.gql(ACK, {"i": {"resultId": rated["id"], "version": 1}},
                          user="staff.alpha")
    assert stale.codes == ["CONFLICT"]
    done = await call(api, ACK, "acknowledgeResult", {"i": {"resultId": rated["id"]}},
                      "staff.alpha")
    assert done["errors"] == [] and done["result"]["status"] == "ACKNOWLEDGED"
    again = await call(api, ACK, "acknowledgeResult", {"i": {"resultId": rated["id"],
                                                             "version": 1}}, "staff.alpha")
    assert again["result"]["version"] == done["result"]["version"]
    set_today(monkeypatch, date(2027, 4, 20))
    final = (await api.gql(READ, {"id": rated["id"]}, user="staff.alpha")).ok()["result"]
    assert final["status"] == "FINAL"


async def test_reopening_puts_a_final_result_back_to_rated(api, db, world, monkeypatch):
    set_today(monkeypatch, APRIL)
    cycle = await running_cycle(api, db, world)
    rated = (await rate(api, cycle, "staff", "Q1", "SESUAI", "SESUAI"))["result"]
    await release(api, cycle, "Q1")
    set_today(monkeypatch, date(2027, 5, 1))  # the window closed: FINAL
    no_reason = await call(api, REOPEN, "reopenResult", {"i": {"resultId": rated["id"],
                                                               "reason": ""}}, "hr.alpha")
    assert codes(no_reason) == {("reason", "REQUIRED")}
    assert (await api.gql(REOPEN, {"i": {"resultId": rated["id"], "reason": "x"}},
                          user="rater.alpha")).codes == ["FORBIDDEN"]
    reopened = await call(api, REOPEN, "reopenResult", {"i": {
        "resultId": rated["id"], "reason": "Bukti baru"}}, "hr.alpha")
    result = reopened["result"]
    assert (result["status"], result["releasedOn"]) == ("RATED", None)
    assert result["explanation"]["changes"][0]["kind"] == "REOPEN"
    again = await call(api, REOPEN, "reopenResult", {"i": {
        "resultId": rated["id"], "reason": "Bukti baru"}}, "hr.alpha")
    assert again["result"]["version"] == result["version"]
    rerated = await rate(api, cycle, "staff", "Q1", "DI_ATAS", "SESUAI")
    assert rerated["errors"] == [] and rerated["result"]["predikat"] == "BAIK"
    assert (await api.gql(READ, {"id": rated["id"]}, user="staff.alpha")).codes == ["NOT_FOUND"]
    assert await release(api, cycle, "Q1") == 1


async def test_result_page_costs_the_same_statements_for_2_or_20_results(
        api, db, world, monkeypatch, sql_counter):
    from tests.api.test_statement_count import _add_employees

    set_today(monkeypatch, APRIL)
    await _add_employees(db, world, 20)
    cycle = await running_cycle(api, db, world)
    query = ("query($c:ID!,$p:ID!,$n:Int){results(cycleId:$c,periodId:$p,first:$n){nodes{"
             "id predikat employee{name unit{name}} period{kind} calibrated " + "explanation{"
             "matrixCell{predikat} changes{kind} objections{status explanations{party}}}}}}")
    for key in cycle.skps:
        if key.isdigit():
            await rate(api, cycle, key, "Q1", "SESUAI", "SESUAI", user="hr.alpha")
    costs = []
    for size in (2, 20):
        before = sql_counter.count
        nodes = (await api.gql(query, {"c": cycle.id, "p": cycle.periods["Q1"], "n": size},
                               user="hr.alpha")).ok()["results"]["nodes"]
        costs.append(sql_counter.count - before)
        assert len(nodes) == size
    assert costs[0] == costs[1], costs


async def test_the_result_page_brings_its_employees_itself(api, db, world, monkeypatch,
                                                           sql_counter):
    """Issue 12: `employee { name }` costs no statement of its own (joined into the page);
    `employee { acting }` needs the person's own line and loads them in one batch; both name
    the same people, and one's own unreleased result stays hidden either way."""
    set_today(monkeypatch, APRIL)
    cycle = await running_cycle(api, db, world)
    for key in ("staff", "staff2"):
        await rate(api, cycle, key, "Q1", "SESUAI", "SESUAI")

    async def count(employee: str, user: str = "hr.alpha") -> tuple[int, list[dict]]:
        before = sql_counter.count
        query = ("query($c:ID!,$p:ID!){results(cycleId:$c,periodId:$p,first:20){nodes{id "
                 + employee + "}}}")
        nodes = (await api.gql(query, {"c": cycle.id, "p": cycle.periods["Q1"]},
                               user=user)).ok()["results"]["nodes"]
        return sql_counter.count - before, nodes

    bare, _ = await count("predikat")
    with monkeypatch.context() as whole_reads:  # the reference reads every column
        whole_reads.setattr(result_queries, "people_columns", lambda *_: None)
        whole = (await count("predikat employee{" + EMPLOYEE_WHOLE + "}"))[1]
    for fields in ("employee{nipFormatted}", "employee{rank unit{code}}", "employee{id}"):
        pruned = (await count(fields))[1]
        assert pruned == project(whole, pruned) and len(pruned) == 2, fields
    folded, named = await count("predikat employee{name nip}")
    loaded, with_lines = await count("predikat employee{name nip acting}")
    assert folded == bare and loaded == bare + 1, (bare, folded, loaded)
    names = [n["employee"]["name"] for n in named]
    assert names == [n["employee"]["name"] for n in with_lines]
    assert names == ["Alpha Staff", "Alpha Staff2"]
    assert [n["employee"]["name"] for n in (await count("employee{name}", "rater.alpha"))[1]
            ] == names
    assert (await count("employee{name}", "staff.alpha"))[1] == []  # not released yet
    await release(api, cycle, "Q1")
    assert [n["employee"]["name"] for n in (await count("employee{name}", "staff.alpha"))[1]
            ] == ["Alpha Staff"]
