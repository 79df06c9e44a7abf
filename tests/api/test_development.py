"""Development plans through the API: staff propose, the rater (or HR) approves, completion
needs evidence, idempotent transitions and CONFLICT, 20 JP tracking and the compliance list,
and suggestions from registered signal providers (test providers here; the real ones are
tested in test_suggestion_signals.py)."""

from __future__ import annotations

from datetime import date

import pytest

from kinerja.development import signals
from kinerja.development.suggest import Gap, PerformanceSignal
from tests.support.api import gid

YEAR = 2026
ITEM = ("id title kind competencyCode competencyName plannedJp actualJp status evidenceUrl "
        "version reasons{code competencyCode text textId textEn} activity{id title jp}")
PLAN = ("id year employee{name rater{name}} plannedJp completedJp minimumJp shortfallJp "
        "items{" + ITEM + "}")
RESULT = "item{" + ITEM + "} plan{" + PLAN + "} errors{field code message}"
PROPOSE = ("mutation($i:ProposeDevelopmentItemInput!){proposeDevelopmentItem(input:$i){"
           + RESULT + "}}")
APPROVE = ("mutation($i:ApproveDevelopmentItemInput!){approveDevelopmentItem(input:$i){"
           + RESULT + "}}")
STATUS = ("mutation($i:UpdateDevelopmentItemStatusInput!){updateDevelopmentItemStatus(input:$i){"
          + RESULT + "}}")
ACCEPT = "mutation($i:AcceptSuggestionInput!){acceptSuggestion(input:$i){" + RESULT + "}}"
PLAN_QUERY = "query($e:ID!,$y:Int!){developmentPlan(employeeId:$e,year:$y){" + PLAN + "}}"
SUGGEST = ("query($e:ID!,$y:Int!){developmentSuggestions(employeeId:$e,year:$y){key "
           "competencyCode competencyName jp activity{id title} reasons{code competencyCode "
           "text textId textEn}}}")
COMPLIANCE = ("query($y:Int!,$u:ID,$b:Boolean,$n:Int,$a:String){jpCompliance(year:$y,unitId:$u,"
              "belowOnly:$b,first:$n,after:$a){totalCount belowCount pageInfo{hasNextPage "
              "endCursor} nodes{employee{name employeeType unit{code}} completedJp minimumJp "
              "shortfallJp}}}")
CREATE_ACTIVITY = ("mutation($i:TrainingActivityInput!){createTrainingActivity(input:$i){"
                   "activity{id jp} errors{code}}}")
LINE = ("mutation($i:SetReportingLineInput!){setReportingLine(input:$i){errors{code}}}")


def emp(world, key, slug="alpha"):
    return gid("Employee", world.employee_id(slug, key))


async def activity(api, title="Pelatihan Pelayanan Prima", codes=("M.05",), **extra):
    data = {"title": title, "form": "KLASIKAL", "kind": "PELATIHAN_TEKNIS",
            "competencyCodes": list(codes), "jp": 24, **extra}
    created = (await api.gql(CREATE_ACTIVITY, {"i": data}, user="hr.alpha",
                             tenant="alpha")).ok()["createTrainingActivity"]
    assert created["errors"] == [], created
    return created["activity"]["id"]


async def call(api, operation, variables, user):
    data = (await api.gql(operation, {"i": variables}, user=user, tenant="alpha")).ok()
    return next(iter(data.values()))


async def propose(api, world, user="staff.alpha", key="staff", **fields):
    return await call(api, PROPOSE, {"employeeId": emp(world, key), "year": YEAR, **fields}, user)


def codes(payload):
    return {(e["field"], e["code"]) for e in payload["errors"]}


async def test_staff_proposes_rater_approves_staff_completes_with_evidence(api, world):
    act = await activity(api)
    proposed = await propose(api, world, activityId=act)
    assert proposed["errors"] == []
    item = proposed["item"]
    assert (item["status"], item["plannedJp"], item["competencyCode"]) == ("PROPOSED", 24, "M.05")
    assert item["competencyName"] == "Pelayanan Publik" and item["activity"]["id"] == act
    assert proposed["plan"]["employee"]["name"] == "Alpha Staff"
    own = await api.gql(APPROVE, {"i": {"id": item["id"]}}, user="staff.alpha", tenant="alpha")
    assert own.codes == ["FORBIDDEN"]  # staff cannot approve, not even their own
    approved = await call(api, APPROVE, {"id": item["id"], "version": 1}, "rater.alpha")
    assert approved["item"]["status"] == "APPROVED" and approved["item"]["version"] == 2
    started = await call(api, STATUS, {"id": item["id"], "status": "IN_PROGRESS", "version": 2},
                         "staff.alpha")
    assert started["item"]["status"] == "IN_PROGRESS"
    missing = await call(api, STATUS, {"id": item["id"], "status": "COMPLETED"}, "staff.alpha")
    assert codes(missing) == {("evidenceUrl", "EVIDENCE_REQUIRED")} and missing["item"] is None
    for bad in ("ftp://files.example/cert.pdf", "sertifikat.pdf", "https://", "javascript:x"):
        wrong = await call(api, STATUS, {"id": item["id"], "status": "COMPLETED",
                                         "evidenceUrl": bad}, "staff.alpha")
        assert codes(wrong) == {("evidenceUrl", "INVALID_URL")}, bad
    done = await call(api, STATUS, {"id": item["id"], "status": "COMPLETED", "version": 3,
                                    "actualJp": 20, "evidenceUrl": "https://lms.example/c/1"},
                      "staff.alpha")
    assert done["errors"] == []
    assert (done["item"]["status"], done["item"]["actualJp"]) == ("COMPLETED", 20)
    plan = done["plan"]
    assert (plan["completedJp"], plan["minimumJp"], plan["shortfallJp"]) == (20, 20, 0)
    events = (await api.gql('{auditEvents(objectType:"DevelopmentItem"){nodes{action}}}',
                            user="auditor.alpha", tenant="alpha")).ok()
    assert sorted(e["action"] for e in events["auditEvents"]["nodes"]) == [
        "development_item.approved", "development_item.completed",
        "development_item.in_progress", "development_item.propose"]


async def test_transitions_are_idempotent_versioned_and_follow_the_workflow(api, world):
    item = (await propose(api, world, title="Belajar mandiri SPBE", kind="BELAJAR_MANDIRI",
                          competencyCode="M.07", durationHours=9))["item"]
    assert (item["plannedJp"], item["activity"]) == (12, None)
    early = await call(api, STATUS, {"id": item["id"], "status": "COMPLETED",
                                     "evidenceUrl": "https://x.example/c"}, "staff.alpha")
    assert codes(early) == {("status", "INVALID_TRANSITION")}
    via_status = await call(api, STATUS, {"id": item["id"], "status": "APPROVED"}, "hr.alpha")
    assert codes(via_status) == {("status", "INVALID_TRANSITION")}
    first = await call(api, APPROVE, {"id": item["id"], "version": 1}, "hr.alpha")
    again = await call(api, APPROVE, {"id": item["id"], "version": 1}, "hr.alpha")
    assert first["item"]["version"] == again["item"]["version"] == 2 and again["errors"] == []
    stale = await api.gql(STATUS, {"i": {"id": item["id"], "status": "CANCELLED", "version": 1}},
                          user="staff.alpha", tenant="alpha")
    assert stale.codes == ["CONFLICT"]
    extra = await call(api, STATUS, {"id": item["id"], "status": "IN_PROGRESS",
                                     "evidenceUrl": "https://x.example"}, "staff.alpha")
    assert codes(extra) == {("evidenceUrl", "INVALID_VALUE")}
    cancelled = await call(api, STATUS, {"id": item["id"], "status": "CANCELLED", "version": 2},
                           "staff.alpha")
    assert cancelled["item"]["status"] == "CANCELLED" and cancelled["plan"]["plannedJp"] == 0
    reopened = await call(api, STATUS, {"id": item["id"], "status": "IN_PROGRESS"}, "hr.alpha")
    assert codes(reopened) == {("status", "INVALID_TRANSITION")}
    foreign = await api.gql(APPROVE, {"i": {"id": item["id"]}}, user="hr.beta", tenant="beta")
    assert foreign.codes == ["NOT_FOUND"]


async def test_who_may_approve_follows_the_current_reporting_line(api, world):
    rater_item = (await propose(api, world, user="rater.alpha", key="rater", title="Mentoring",
                                kind="MENTORING", competencyCode="M.06", jp=10))["item"]
    own = await api.gql(APPROVE, {"i": {"id": rater_item["id"]}}, user="rater.alpha",
                        tenant="alpha")
    assert own.codes == ["FORBIDDEN"]  # nobody approves their own plan
    other = (await propose(api, world, user="hr.alpha", key="other", title="Magang",
                           kind="MAGANG", competencyCode="M.02", jp=16))["item"]
    unseen = await api.gql(APPROVE, {"i": {"id": other["id"]}}, user="rater.alpha",
                           tenant="alpha")
    assert unseen.codes == ["NOT_FOUND"]  # the rater of someone else does not even see it
    staff_item = (await propose(api, world, title="Coaching", kind="COACHING",
                                competencyCode="M.05", durationHours=3))["item"]
    # From today staff is rated by head, and the rater only supervises that rater.
    line = {"employeeId": emp(world, "staff"), "raterId": emp(world, "head"),
            "raterSuperiorId": emp(world, "rater"),
            "validFrom": max(date.today(), date(2026, 1, 2)).isoformat()}
    assert (await call(api, LINE, line, "hr.alpha"))["errors"] == []
    readable = await api.gql(PLAN_QUERY, {"e": emp(world, "staff"), "y": YEAR},
                             user="rater.alpha", tenant="alpha")
    assert len(readable.ok()["developmentPlan"]["items"]) == 1
    not_rater = await api.gql(APPROVE, {"i": {"id": staff_item["id"]}}, user="rater.alpha",
                              tenant="alpha")
    assert not_rater.codes == ["FORBIDDEN"]
    assert (await call(api, APPROVE, {"id": staff_item["id"]}, "hr.alpha"))["errors"] == []
    proposes_for_other = await api.gql(PROPOSE, {"i": {
        "employeeId": emp(world, "staff2"), "year": YEAR, "title": "x", "competencyCode": "M.01",
        "jp": 2}}, user="staff.alpha", tenant="alpha")
    assert proposes_for_other.codes == ["NOT_FOUND"]
    auditor = await api.gql(PROPOSE, {"i": {"employeeId": emp(world, "staff"), "year": YEAR}},
                            user="auditor.alpha", tenant="alpha")
    assert auditor.codes == ["FORBIDDEN"]


async def test_proposals_are_validated_and_change_nothing(api, world):
    act = await activity(api)
    inactive = await activity(api, title="Pelatihan Lama")
    (await api.gql("mutation($i:DeactivateTrainingActivityInput!){deactivateTrainingActivity("
                   "input:$i){errors{code}}}", {"i": {"id": inactive}}, user="hr.alpha",
                   tenant="alpha")).ok()
    assert (await propose(api, world, activityId=act))["errors"] == []
    cases = [
        ({"activityId": act}, {("activityId", "DUPLICATE")}),
        ({"activityId": inactive}, {("activityId", "INACTIVE_REFERENCE")}),
        ({"activityId": act, "competencyCode": "M.01", "jp": 3},
         {("activityId", "DUPLICATE"), ("competencyCode", "NOT_ADDRESSED"),
          ("jp", "INVALID_VALUE")}),
        ({"activityId": gid("TrainingActivity", "0" * 32)}, {("activityId", "UNKNOWN_REFERENCE")}),
        ({"activityId": "not-an-id"}, {("activityId", "UNKNOWN_REFERENCE")}),
        ({"title": "", "competencyCode": "X.1", "jp": 2, "durationHours": 1},
         {("title", "REQUIRED"), ("competencyCode", "UNKNOWN_REFERENCE"), ("jp", "JP_CHOICE")}),
        ({"title": "Coaching", "kind": "COACHING", "competencyCode": "M.05", "durationDays": 1},
         {("durationDays", "NO_CONVERSION_RULE")}),
        ({"title": "Seminar", "competencyCode": "M.05", "jp": -4}, {("jp", "OUT_OF_RANGE")}),
        ({"title": "Seminar", "jp": 4}, {("competencyCode", "REQUIRED")}),
    ]
    for fields, expected in cases:
        refused = await propose(api, world, **fields)
        assert codes(refused) == expected, fields
        assert refused["item"] is None and refused["plan"] is None
    bad_year = await api.gql(PROPOSE, {"i": {"employeeId": emp(world, "staff"), "year": 1900,
                                             "title": "x", "competencyCode": "M.01", "jp": 1}},
                             user="staff.alpha", tenant="alpha")
    assert codes(bad_year.ok()["proposeDevelopmentItem"]) == {("year", "OUT_OF_RANGE")}
    seminar = await propose(api, world, title="Seminar Nasional", kind="SEMINAR",
                            competencyCode="M.03", durationDays=1, international=True)
    assert seminar["item"]["plannedJp"] == 6
    plan = (await api.gql(PLAN_QUERY, {"e": emp(world, "staff"), "y": YEAR}, user="staff.alpha",
                          tenant="alpha")).ok()["developmentPlan"]
    assert [i["title"] for i in plan["items"]] == ["Pelatihan Pelayanan Prima", "Seminar Nasional"]
    assert plan["plannedJp"] == 30
    empty = (await api.gql(PLAN_QUERY, {"e": emp(world, "staff"), "y": 2025}, user="staff.alpha",
                           tenant="alpha")).ok()["developmentPlan"]
    assert (empty["id"], empty["items"], empty["shortfallJp"]) == (None, [], 20)
    bad = await api.gql(PLAN_QUERY, {"e": emp(world, "staff"), "y": 99999}, user="staff.alpha",
                        tenant="alpha")
    assert bad.codes == ["BAD_REQUEST"]


async def complete(api, world, key, jp, user="hr.alpha"):
    item = (await propose(api, world, user=user, key=key, title=f"Kursus {key}",
                          competencyCode="M.04", jp=jp))["item"]
    await call(api, APPROVE, {"id": item["id"]}, "hr.alpha")
    await call(api, STATUS, {"id": item["id"], "status": "IN_PROGRESS"}, "hr.alpha")
    done = await call(api, STATUS, {"id": item["id"], "status": "COMPLETED",
                                    "evidenceUrl": "https://sertifikat.example/1"}, "hr.alpha")
    assert done["errors"] == []


async def test_jp_compliance_lists_who_is_below_and_by_how_much(api, world, sql_counter):
    await complete(api, world, "staff", 24)
    await complete(api, world, "staff2", 8)
    await complete(api, world, "staff2", 4)
    await propose(api, world, user="hr.alpha", key="rater", title="Belum selesai",
                  competencyCode="M.04", jp=30)  # proposed only: does not count
    everyone = (await api.gql(COMPLIANCE, {"y": YEAR}, user="hr.alpha", tenant="alpha")).ok()[
        "jpCompliance"]
    rows = {n["employee"]["name"]: (n["completedJp"], n["minimumJp"], n["shortfallJp"])
            for n in everyone["nodes"]}
    assert rows == {"Alpha Head": (0, 20, 20), "Alpha Rater": (0, 20, 20),
                    "Alpha Staff": (24, 20, 0), "Alpha Staff2": (12, 20, 8),
                    "Alpha Other": (0, 20, 20)}
    assert (everyone["totalCount"], everyone["belowCount"]) == (5, 4)
    below = (await api.gql(COMPLIANCE, {"y": YEAR, "b": True, "u": gid(
        "OrgUnit", world.unit_id("alpha", "SEC"))}, user="hr.alpha", tenant="alpha")).ok()
    assert [(n["employee"]["name"], n["shortfallJp"]) for n in below["jpCompliance"]["nodes"]] \
        == [("Alpha Rater", 20), ("Alpha Staff2", 8)]
    assert below["jpCompliance"]["belowCount"] == 2
    mine = (await api.gql(COMPLIANCE, {"y": YEAR}, user="rater.alpha", tenant="alpha")).ok()
    assert sorted(n["employee"]["name"] for n in mine["jpCompliance"]["nodes"]) == [
        "Alpha Rater", "Alpha Staff", "Alpha Staff2"]
    own = (await api.gql(COMPLIANCE, {"y": YEAR}, user="staff.alpha", tenant="alpha")).ok()
    assert [n["employee"]["name"] for n in own["jpCompliance"]["nodes"]] == ["Alpha Staff"]
    other_year = (await api.gql(COMPLIANCE, {"y": 2025, "b": True}, user="hr.alpha",
                                tenant="alpha")).ok()
    assert other_year["jpCompliance"]["belowCount"] == 5
    page = (await api.gql(COMPLIANCE, {"y": YEAR, "n": 2}, user="hr.alpha", tenant="alpha")).ok()
    cursor = page["jpCompliance"]["pageInfo"]["endCursor"]
    rest = (await api.gql(COMPLIANCE, {"y": YEAR, "n": 10, "a": cursor}, user="hr.alpha",
                          tenant="alpha")).ok()
    assert len(page["jpCompliance"]["nodes"]) + len(rest["jpCompliance"]["nodes"]) == 5
    # PPPK minimum is configurable per employee type; the statement count does not grow
    before = sql_counter.count
    await api.gql(COMPLIANCE, {"y": YEAR, "n": 1}, user="hr.alpha", tenant="alpha")
    one = sql_counter.count - before
    before = sql_counter.count
    await api.gql(COMPLIANCE, {"y": YEAR, "n": 5}, user="hr.alpha", tenant="alpha")
    assert sql_counter.count - before == one


@pytest.fixture
def providers():
    """Test signal providers next to the real ones (which find nothing for this staff member:
    no assessment, result or 360 answer); removed again after the test."""
    state: dict = {"gaps": {}, "signal": {}}

    async def gaps(request):
        return state["gaps"].get(request.employee_id, [])

    async def performance(request):
        return state["signal"].get(request.employee_id)

    signals.register_gaps(gaps)
    signals.register_performance(performance)
    yield state
    signals.unregister(gaps)
    signals.unregister(performance)


async def test_suggestions_come_from_the_providers_and_can_be_accepted(api, world, providers):
    pelayanan = await activity(api)
    integritas = await activity(api, title="Seminar Antikorupsi", codes=("M.01",),
                                kind="SEMINAR", jp=None, durationDays=1)
    staff = world.employee_id("alpha", "staff")
    providers["gaps"][staff] = [Gap("M.05", "Pelayanan Publik", 3, 1),
                                Gap("M.04", "Orientasi pada Hasil", 1, 1)]
    providers["signal"][staff] = PerformanceSignal(YEAR, "KURANG_MISCONDUCT",
                                                   {"BERORIENTASI_PELAYANAN": 2.1})
    found = (await api.gql(SUGGEST, {"e": emp(world, "staff"), "y": YEAR}, user="staff.alpha",
                           tenant="alpha", lang="en")).ok()["developmentSuggestions"]
    assert [s["activity"]["id"] if s["activity"] else None for s in found] == [pelayanan,
                                                                               integritas]
    assert [(r["code"], r["text"]) for r in found[0]["reasons"]] == [
        ("GAP", "M.05 Pelayanan Publik level 1 of 3 required"),
        ("LOW_VALUE", "Berorientasi Pelayanan rated 2.1/5 by colleagues")]
    assert found[1]["reasons"][0]["textId"] == "Predikat Kurang/Misconduct 2026"
    assert (found[1]["jp"], found[1]["competencyName"]) == (4, "Integritas")
    accepted = await call(api, ACCEPT, {"employeeId": emp(world, "staff"), "year": YEAR,
                                        "key": found[0]["key"]}, "staff.alpha")
    assert accepted["errors"] == []
    item = accepted["item"]
    assert (item["status"], item["activity"]["id"]) == ("PROPOSED", pelayanan)
    assert [r["code"] for r in item["reasons"]] == ["GAP", "LOW_VALUE"]
    again = (await api.gql(SUGGEST, {"e": emp(world, "staff"), "y": YEAR}, user="staff.alpha",
                           tenant="alpha")).ok()["developmentSuggestions"]
    assert [s["key"] for s in again] == [found[1]["key"]]
    gone = await call(api, ACCEPT, {"employeeId": emp(world, "staff"), "year": YEAR,
                                    "key": found[0]["key"]}, "staff.alpha")
    assert codes(gone) == {("key", "UNKNOWN_REFERENCE")}
    # A competency no activity addresses: a free-form suggestion that needs the planned JP.
    providers["gaps"][staff] = [Gap("M.08", "Pengambilan Keputusan", 2, 1)]
    free = (await api.gql(SUGGEST, {"e": emp(world, "staff"), "y": YEAR}, user="rater.alpha",
                          tenant="alpha")).ok()["developmentSuggestions"][0]
    assert (free["key"], free["activity"], free["jp"]) == ("free:M.08", None, None)
    needs_jp = await call(api, ACCEPT, {"employeeId": emp(world, "staff"), "year": YEAR,
                                        "key": "free:M.08"}, "rater.alpha")
    assert codes(needs_jp) == {("jp", "JP_CHOICE")}
    taken = await call(api, ACCEPT, {"employeeId": emp(world, "staff"), "year": YEAR,
                                     "key": "free:M.08", "jp": 6}, "rater.alpha")
    assert taken["item"]["title"] == "Pengembangan Pengambilan Keputusan"
    assert taken["item"]["plannedJp"] == 6
    unseen = await api.gql(SUGGEST, {"e": emp(world, "other"), "y": YEAR}, user="staff.alpha",
                           tenant="alpha")
    assert unseen.codes == ["NOT_FOUND"]


async def test_without_any_signal_there_is_nothing_to_suggest(api, world):
    await activity(api)
    found = (await api.gql(SUGGEST, {"e": emp(world, "staff"), "y": YEAR}, user="hr.alpha",
                           tenant="alpha")).ok()
    assert found["developmentSuggestions"] == []
