"""Realisations and continuous feedback through the API: record with link evidence (visible to
the rater, HR and the auditor at once), versions and CONFLICT, every validation error at once,
cycle-state and SKP-status refusals, who may write, the plan keeping realised indicators,
feedback threads with replies in order, and a constant statement count for SKP lists."""

from __future__ import annotations

import sqlalchemy as sa

from kinerja.graphql.relay import from_global_id
from kinerja.models import AuditEvent, Employee, Realisation
from kinerja.skp import queries as skp_queries
from tests.api.test_skp_plan import NUMERIC, launch, save
from tests.api.test_statement_count import _add_employees
from tests.support.api import EMPLOYEE_WHOLE, gid, project

REALISATION = ("id indicatorId periodId value narrative version recordedByName "
               "evidence{kind url title file{id filename}}")
SAVE = ("mutation($i:SaveRealisationInput!){saveRealisation(input:$i){realisation{"
        + REALISATION + "} errors{field code message}}}")
THREAD = ("id about realisationId value text authorName byEmployee createdAt "
          "replies{id text authorName byEmployee createdAt}")
GIVE = ("mutation($i:GiveFeedbackInput!){giveFeedback(input:$i){thread{" + THREAD
        + "} errors{field code}}}")
REPLY = ("mutation($i:ReplyToFeedbackInput!){replyToFeedback(input:$i){thread{" + THREAD
         + "} errors{field code}}}")
READ = ("query($id:ID!,$p:ID){skp(id:$id){id realisations(periodId:$p){" + REALISATION
        + "} feedback{" + THREAD + "}}}")
ADVANCE = "mutation($i:AdvanceCycleInput!){advanceCycle(input:$i){errors{code}}}"
QUALITATIVE = {"aspect": "KUALITAS", "text": "Kepuasan warga", "targetText": "Meningkat"}
MISSING = "00000000-0000-4000-8000-000000000001"
LINK = {"url": "https://pauh.example/survei-ikm", "title": "Hasil survei IKM"}


async def advance(api, cycle_id, *states):
    for state in states:
        (await api.gql(ADVANCE, {"i": {"id": cycle_id, "to": state}}, user="hr.alpha")).ok()


async def approved(api, skp_id, owner="staff.alpha", approver="rater.alpha") -> dict:
    """Plan (a numeric and a qualitative indicator), submit, approve."""
    skp = (await save(api, skp_id, [{"kind": "UTAMA", "text": "Layanan publik meningkat",
                                     "indicators": [NUMERIC, QUALITATIVE]}], owner))["skp"]
    (await api.gql("mutation($i:SkpTransitionInput!){submitSkp(input:$i){errors{code}}}",
                   {"i": {"id": skp_id}}, user=owner)).ok()
    (await api.gql("mutation($i:SkpTransitionInput!){approveSkp(input:$i){errors{code}}}",
                   {"i": {"id": skp_id}}, user=approver)).ok()
    return {i["text"]: i["id"] for i in skp["workResults"][0]["indicators"]}


async def running(api, year=2027) -> dict:
    """A RUNNING cycle where the staff SKP is approved: ids of cycle, skps, indicators,
    periods (Q1..Q4, YEAR)."""
    cycle_id, skps = await launch(api, year)
    indicators = await approved(api, skps["staff"])
    await advance(api, cycle_id, "RUNNING")
    cycle = (await api.gql("query($id:ID!){cycle(id:$id){periods{id kind number}}}",
                           {"id": cycle_id}, user="hr.alpha")).ok()["cycle"]
    periods = {f"{p['kind'][0]}{p['number']}": p["id"] for p in cycle["periods"]}
    return {"cycle": cycle_id, "skps": skps, "numeric": indicators[NUMERIC["text"]],
            "qualitative": indicators[QUALITATIVE["text"]], "periods": periods}


async def record(api, env, user="staff.alpha", **fields) -> dict:
    data = {"indicatorId": env["numeric"], "periodId": env["periods"]["Q1"], **fields}
    return (await api.gql(SAVE, {"i": data}, user=user)).ok()["saveRealisation"]


def codes(payload) -> set[tuple[str | None, str]]:
    return {(e["field"], e["code"]) for e in payload["errors"]}


async def test_recorded_realisation_is_visible_to_rater_hr_and_auditor_at_once(api, db, world):
    env = await running(api)
    saved = await record(api, env, value=9, narrative="Inovasi antrian daring: kepuasan naik",
                         evidence=[LINK], version=0)
    realisation = saved["realisation"]
    assert saved["errors"] == [] and realisation["version"] == 1
    assert realisation["evidence"] == [{"kind": "LINK", **LINK, "file": None}]
    assert realisation["recordedByName"] == "Staff Alpha"
    for user in ("rater.alpha", "hr.alpha", "auditor.alpha", "staff.alpha"):
        skp = (await api.gql(READ, {"id": env["skps"]["staff"], "p": env["periods"]["Q1"]},
                             user=user)).ok()["skp"]
        assert [r["id"] for r in skp["realisations"]] == [realisation["id"]], user
    other = (await api.gql(READ, {"id": env["skps"]["staff"], "p": env["periods"]["Q2"]},
                           user="rater.alpha")).ok()["skp"]
    assert other["realisations"] == []
    hidden = await api.gql(READ, {"id": env["skps"]["staff"]}, user="staff.beta", tenant="beta")
    assert hidden.codes == ["NOT_FOUND"]
    async with db.session(tenant_id=world.tenant_id("alpha")) as session:
        actions = (await session.execute(sa.select(AuditEvent.action).where(
            AuditEvent.object_type == "Realisation"))).scalars().all()
    assert actions == ["realisation.create"]


async def test_versions_conflicts_and_identical_saves(api, db, world):
    env = await running(api)
    first = (await record(api, env, value=3))["realisation"]
    second = (await record(api, env, value=4, evidence=[LINK], version=1))["realisation"]
    assert (second["id"], second["version"], second["value"]) == (first["id"], 2, 4)
    same = (await record(api, env, value=4, evidence=[LINK]))["realisation"]
    assert same["version"] == 2  # identical content changes nothing
    for stale in (1, 0, 7):
        result = await api.gql(SAVE, {"i": {"indicatorId": env["numeric"], "value": 1,
                                            "periodId": env["periods"]["Q1"], "version": stale}},
                               user="staff.alpha")
        assert result.codes == ["CONFLICT"], stale
    new = await api.gql(SAVE, {"i": {"indicatorId": env["numeric"], "value": 1,
                                     "periodId": env["periods"]["Q2"], "version": 5}},
                        user="staff.alpha")
    assert new.codes == ["CONFLICT"]
    hr = (await record(api, env, user="hr.alpha", value=5, version=2))["realisation"]
    assert (hr["version"], hr["recordedByName"], hr["evidence"]) == (3, "Hr Alpha", [])
    async with db.session(tenant_id=world.tenant_id("alpha")) as session:
        events = (await session.execute(sa.select(AuditEvent.action, AuditEvent.before,
                                                  AuditEvent.after)
                                        .where(AuditEvent.object_type == "Realisation")
                                        .order_by(AuditEvent.at))).all()
    assert [e.action for e in events] == ["realisation.create", "realisation.update",
                                          "realisation.update"]
    assert events[-1].before["value"] == 4 and events[-1].after["value"] == 5


async def test_every_realisation_error_is_reported_at_once_and_nothing_changes(api, db, world):
    env = await running(api)
    _, _other = await launch(api, 2028)
    foreign_period = (await api.gql("query{cycles{year periods{id}}}", user="hr.alpha")).ok()
    period_2028 = next(c for c in foreign_period["cycles"] if c["year"] == 2028)["periods"][0]
    bad = (await api.gql(SAVE, {"i": {
        "indicatorId": env["numeric"], "periodId": period_2028["id"], "value": -1,
        "narrative": "x" * 4001,
        "evidence": [{"url": "ftp://pauh.example/a", "title": "FTP"},
                     {"url": "pauh.example", "title": "no scheme"},
                     {"url": "https://", "title": "no host"},
                     {"url": "https://pauh.example/x"},
                     {"url": "https://pauh.example/y", "title": "both",
                      "fileId": gid("StoredFile", "nope")},
                     {"title": "neither"},
                     {"fileId": gid("StoredFile", MISSING)},
                     {"fileId": "garbage"}]}}, user="staff.alpha")).ok()["saveRealisation"]
    assert bad["realisation"] is None
    assert codes(bad) == {
        ("periodId", "UNKNOWN_REFERENCE"), ("value", "OUT_OF_RANGE"), ("narrative", "TOO_LONG"),
        ("evidence.0.url", "INVALID_URL"), ("evidence.1.url", "INVALID_URL"),
        ("evidence.2.url", "INVALID_URL"), ("evidence.3.title", "REQUIRED"),
        ("evidence.4.url", "EVIDENCE_CHOICE"), ("evidence.5.url", "EVIDENCE_CHOICE"),
        ("evidence.6.fileId", "UNKNOWN_REFERENCE"), ("evidence.7.fileId", "UNKNOWN_REFERENCE")}
    qualitative = (await api.gql(SAVE, {"i": {"indicatorId": env["qualitative"], "value": 3,
                                              "periodId": env["periods"]["Q1"]}},
                                 user="staff.alpha")).ok()["saveRealisation"]
    assert codes(qualitative) == {("value", "VALUE_NOT_ALLOWED")}
    empty = (await api.gql(SAVE, {"i": {"indicatorId": env["qualitative"], "narrative": "  ",
                                        "periodId": env["periods"]["Q1"]}},
                           user="staff.alpha")).ok()["saveRealisation"]
    assert codes(empty) == {("narrative", "REALISATION_EMPTY")}
    many = (await record(api, env, value=1, evidence=[LINK] * 21))
    assert codes(many) == {("evidence", "TOO_MANY_ROWS")}
    english = (await record(api, env, value=1,
                            evidence=[{"url": "javascript:alert(1)", "title": "x"}]))
    assert "http" in english["errors"][0]["message"]
    for wrong, code in (("garbage", "INVALID_ID"), (env["skps"]["staff"], "INVALID_ID"),
                        (gid("Indicator", MISSING), "NOT_FOUND")):
        result = await api.gql(SAVE, {"i": {"periodId": env["periods"]["Q1"], "value": 1,
                                            "indicatorId": wrong}}, user="staff.alpha")
        assert result.codes == [code], wrong
    async with db.session(tenant_id=world.tenant_id("alpha")) as session:
        assert (await session.execute(sa.select(sa.func.count(Realisation.id)))).scalar() == 0


async def test_realisations_need_an_approved_skp_in_a_running_or_assessment_cycle(api):
    cycle_id, skps = await launch(api)
    indicators = await approved(api, skps["staff"])
    periods = (await api.gql("query($id:ID!){cycle(id:$id){periods{id}}}", {"id": cycle_id},
                             user="hr.alpha")).ok()["cycle"]["periods"]
    data = {"indicatorId": indicators[NUMERIC["text"]], "periodId": periods[0]["id"], "value": 1}

    async def attempt(user="staff.alpha", **extra):
        return (await api.gql(SAVE, {"i": {**data, **extra}}, user=user)).ok()["saveRealisation"]

    assert codes(await attempt()) == {(None, "WRONG_STATE")}  # PLANNING
    await advance(api, cycle_id, "RUNNING")
    assert (await attempt())["errors"] == []
    draft = await save(api, skps["rater"], [{"kind": "UTAMA", "text": "Rencana",
                                             "indicators": [NUMERIC]}], "rater.alpha")
    refused = (await api.gql(SAVE, {"i": {
        "indicatorId": draft["skp"]["workResults"][0]["indicators"][0]["id"],
        "periodId": periods[0]["id"], "value": 1}}, user="rater.alpha")).ok()["saveRealisation"]
    assert codes(refused) == {(None, "SKP_NOT_APPROVED")}
    await advance(api, cycle_id, "ASSESSMENT")
    assert (await attempt(value=2))["errors"] == []
    await advance(api, cycle_id, "CALIBRATION")
    assert codes(await attempt(value=3)) == {(None, "WRONG_STATE")}
    await advance(api, cycle_id, "CLOSED")
    assert codes(await attempt(value=3)) == {(None, "CYCLE_CLOSED")}


async def test_only_the_employee_or_hr_records_realisations(api):
    env = await running(api)
    for user, code in (("rater.alpha", "FORBIDDEN"), ("auditor.alpha", "FORBIDDEN")):
        result = await api.gql(SAVE, {"i": {"indicatorId": env["numeric"], "value": 1,
                                            "periodId": env["periods"]["Q1"]}}, user=user)
        assert result.codes == [code], user
    assert (await record(api, env, user="admin.alpha", value=1))["errors"] == []


async def test_the_plan_keeps_indicators_that_have_realisations(api):
    env = await running(api)
    await record(api, env, value=2)
    skp = (await api.gql("query($id:ID!){skp(id:$id){workResults{id kind text indicators{id "
                         "aspect text targetValue targetUnit targetText}}}}",
                         {"id": env["skps"]["staff"]}, user="staff.alpha")).ok()["skp"]
    work = skp["workResults"][0]
    keep_qualitative = [i for i in work["indicators"] if i["id"] == env["qualitative"]]
    refused = await save(api, env["skps"]["staff"], [
        {"id": work["id"], "kind": "UTAMA", "text": work["text"],
         "indicators": keep_qualitative}], "staff.alpha")
    assert {(e["field"], e["code"]) for e in refused["errors"]} == {
        ("workResults", "INDICATOR_IN_USE")}
    gone = await save(api, env["skps"]["staff"], [], "staff.alpha")
    assert {e["code"] for e in gone["errors"]} == {"INDICATOR_IN_USE"}


async def test_feedback_threads_with_replies_in_order(api, db, world):
    env = await running(api)
    realisation = (await record(api, env, value=9, evidence=[LINK]))["realisation"]
    staff_skp = env["skps"]["staff"]
    on_result = (await api.gql(GIVE, {"i": {"skpId": staff_skp, "realisationId":
                                            realisation["id"], "text": "Inovasi yang bagus."}},
                               user="rater.alpha")).ok()["giveFeedback"]
    thread = on_result["thread"]
    assert on_result["errors"] == [] and thread["about"] == "REALISATION"
    assert (thread["authorName"], thread["byEmployee"]) == ("Rater Alpha", False)
    on_value = (await api.gql(GIVE, {"i": {"skpId": staff_skp, "value": "BERORIENTASI_PELAYANAN",
                                           "text": "Ramah kepada warga.\nPertahankan."}},
                              user="hr.alpha")).ok()["giveFeedback"]["thread"]
    assert on_value["about"] == "BEHAVIOUR" and on_value["text"].count("\n") == 1
    general = (await api.gql(GIVE, {"i": {"skpId": staff_skp, "text": "Semangat!"}},
                             user="admin.alpha")).ok()["giveFeedback"]["thread"]
    assert general["about"] == "GENERAL" and general["value"] is None
    replies = [("staff.alpha", "Terima kasih, Pak."), ("rater.alpha", "Sama-sama."),
               ("staff.alpha", "Akan saya lanjutkan.")]
    for user, text in replies:
        answered = (await api.gql(REPLY, {"i": {"threadId": thread["id"], "text": text}},
                                  user=user)).ok()["replyToFeedback"]
        assert answered["errors"] == []
    replied = answered["thread"]
    assert [(r["text"], r["byEmployee"]) for r in replied["replies"]] == [
        ("Terima kasih, Pak.", True), ("Sama-sama.", False), ("Akan saya lanjutkan.", True)]
    stamps = [r["createdAt"] for r in replied["replies"]]
    assert stamps == sorted(stamps) and thread["createdAt"] <= stamps[0]
    for user in ("staff.alpha", "rater.alpha", "auditor.alpha", "hr.alpha"):
        feedback = (await api.gql(READ, {"id": staff_skp}, user=user)).ok()["skp"]["feedback"]
        assert [t["id"] for t in feedback] == [thread["id"], on_value["id"], general["id"]]
        assert len(feedback[0]["replies"]) == 3
    async with db.session(tenant_id=world.tenant_id("alpha")) as session:
        actions = (await session.execute(sa.select(AuditEvent.action).where(
            AuditEvent.object_type == "FeedbackEntry"))).scalars().all()
    assert sorted(actions) == ["feedback.give"] * 3 + ["feedback.reply"] * 3


async def test_feedback_refusals(api):
    env = await running(api)
    staff_skp, rater_skp = env["skps"]["staff"], env["skps"]["rater"]
    give = {"skpId": staff_skp, "text": "Catatan"}
    assert (await api.gql(GIVE, {"i": give}, user="staff.alpha")).codes == ["FORBIDDEN"]
    assert (await api.gql(GIVE, {"i": give}, user="auditor.alpha")).codes == ["FORBIDDEN"]
    own = await api.gql(GIVE, {"i": {**give, "skpId": rater_skp}}, user="rater.alpha")
    assert own.codes == ["FORBIDDEN"]  # never on your own SKP
    foreign = await api.gql(GIVE, {"i": give}, user="hr.beta", tenant="beta")
    assert foreign.codes == ["NOT_FOUND"]
    await approved(api, rater_skp, owner="rater.alpha", approver="hr.alpha")
    rater_indicator = (await api.gql("query($id:ID!){skp(id:$id){workResults{indicators{id}}}}",
                                     {"id": rater_skp}, user="hr.alpha")).ok()
    other_realisation = (await api.gql(SAVE, {"i": {
        "indicatorId": rater_indicator["skp"]["workResults"][0]["indicators"][0]["id"],
        "periodId": env["periods"]["Q1"], "value": 1}}, user="rater.alpha")).ok()
    other_id = other_realisation["saveRealisation"]["realisation"]["id"]
    bad = (await api.gql(GIVE, {"i": {**give, "realisationId": other_id, "text": " "}},
                         user="rater.alpha")).ok()["giveFeedback"]
    assert {(e["field"], e["code"]) for e in bad["errors"]} == {
        ("realisationId", "UNKNOWN_REFERENCE"), ("text", "REQUIRED")}
    both = (await api.gql(GIVE, {"i": {**give, "realisationId": other_id, "value": "LOYAL",
                                       "text": "x" * 4001}}, user="rater.alpha")).ok()
    assert {(e["field"], e["code"]) for e in both["giveFeedback"]["errors"]} == {
        ("value", "SUBJECT_CHOICE"), ("text", "TOO_LONG")}
    thread = (await api.gql(GIVE, {"i": give}, user="rater.alpha")).ok()["giveFeedback"]
    thread_id = thread["thread"]["id"]
    assert (await api.gql(REPLY, {"i": {"threadId": thread_id, "text": "Saya"}},
                          user="auditor.alpha")).codes == ["FORBIDDEN"]
    for wrong, code in (("garbage", "INVALID_ID"), (gid("FeedbackReply", MISSING), "INVALID_ID"),
                        (staff_skp, "INVALID_ID"), (gid("FeedbackThread", MISSING), "NOT_FOUND")):
        result = await api.gql(REPLY, {"i": {"threadId": wrong, "text": "x"}}, user="hr.alpha")
        assert result.codes == [code], wrong
    reply = (await api.gql(REPLY, {"i": {"threadId": thread_id, "text": "Baik"}},
                           user="staff.alpha")).ok()["replyToFeedback"]["thread"]["replies"][0]
    reply_as_thread = gid("FeedbackThread", from_global_id(reply["id"])[1])
    as_thread = await api.gql(REPLY, {"i": {"threadId": reply_as_thread, "text": "x"}},
                              user="hr.alpha")
    assert as_thread.codes == ["NOT_FOUND"]
    await advance(api, env["cycle"], "ASSESSMENT", "CALIBRATION")
    assert (await api.gql(GIVE, {"i": give}, user="rater.alpha")).ok()["giveFeedback"][
        "errors"] == []  # any time while not CLOSED
    await advance(api, env["cycle"], "CLOSED")
    closed = (await api.gql(GIVE, {"i": give}, user="rater.alpha")).ok()["giveFeedback"]
    assert [e["code"] for e in closed["errors"]] == ["CYCLE_CLOSED"]
    closed = (await api.gql(REPLY, {"i": {"threadId": thread_id, "text": "x"}},
                            user="staff.alpha")).ok()["replyToFeedback"]
    assert [e["code"] for e in closed["errors"]] == ["CYCLE_CLOSED"]


LIST = ("query($c:ID!,$n:Int){skps(cycleId:$c,first:$n){nodes{id realisations{id value "
        "evidence{kind url title file{id filename}}} feedback{id text replies{id text}}}}}")


async def test_listing_skps_with_realisations_and_feedback_costs_fixed_statements(
        api, db, world, sql_counter):
    await _add_employees(db, world, 20)
    async with db.unit_of_work(tenant_id=world.tenant_id("alpha")) as session:
        await session.execute(sa.update(Employee).where(Employee.name.like("Alpha Extra%"))
                              .values(name=sa.func.replace(Employee.name, "Extra", "Zeta")))
    env = await running(api)
    await approved(api, env["skps"]["rater"], owner="rater.alpha", approver="hr.alpha")
    rater_indicator = (await api.gql("query($id:ID!){skp(id:$id){workResults{indicators{id}}}}",
                                     {"id": env["skps"]["rater"]}, user="hr.alpha")).ok()
    ind = rater_indicator["skp"]["workResults"][0]["indicators"][0]["id"]
    for period in ("Q1", "Q2", "Q3"):
        await record(api, env, value=1, periodId=env["periods"][period], evidence=[LINK])
        (await api.gql(SAVE, {"i": {"indicatorId": ind, "periodId": env["periods"][period],
                                    "value": 2, "evidence": [LINK, LINK]}},
                       user="rater.alpha")).ok()
    for skp in (env["skps"]["staff"], env["skps"]["rater"]):
        thread = (await api.gql(GIVE, {"i": {"skpId": skp, "text": "Bagus"}},
                                user="hr.alpha")).ok()["giveFeedback"]["thread"]
        (await api.gql(REPLY, {"i": {"threadId": thread["id"], "text": "Ok"}},
                       user="hr.alpha")).ok()
    await api.gql(LIST, {"c": env["cycle"], "n": 1}, user="hr.alpha")  # warm caches
    counts = []
    for size in (5, 25):  # both pages hold the rater and staff SKPs (Zeta sorts last)
        before = sql_counter.count
        nodes = (await api.gql(LIST, {"c": env["cycle"], "n": size},
                               user="hr.alpha")).ok()["skps"]["nodes"]
        counts.append(sql_counter.count - before)
        assert len(nodes) == size
    assert counts[0] == counts[1], counts
    assert sum(len(n["realisations"]) for n in nodes) == 6
    assert sum(len(r["evidence"]) for n in nodes for r in n["realisations"]) == 9
    assert [len(t["replies"]) for n in nodes for t in n["feedback"]] == [1, 1]


async def test_the_skp_page_brings_its_people_itself(api, db, world, sql_counter):
    """Issue 12: an SKP's employee, rater and rater's superior come joined into the page (no
    statement of their own); a person field that needs that person's own line (`acting`)
    loads them in one batch as before; both paths name the same people, for every scope."""
    await _add_employees(db, world, 12)
    cycle_id, _ = await launch(api)

    async def count(people: str, user: str = "hr.alpha") -> tuple[int, list[dict]]:
        before = sql_counter.count
        query = ("query($c:ID!){skps(cycleId:$c,first:20){nodes{id status " + people + "}}}")
        nodes = (await api.gql(query, {"c": cycle_id}, user=user)).ok()["skps"]["nodes"]
        return sql_counter.count - before, nodes

    await count("", user="staff.alpha")  # policies loaded
    bare, _ = await count("")
    folded, with_people = await count("employee{name nip} rater{name} raterSuperior{name}")
    loaded, with_lines = await count(
        "employee{name nip acting} rater{name acting} raterSuperior{name}")
    assert folded == bare and loaded == bare + 1, (bare, folded, loaded)
    pick = [(n["employee"]["name"], n["employee"]["nip"], n["rater"] and n["rater"]["name"],
             n["raterSuperior"] and n["raterSuperior"]["name"]) for n in with_people]
    assert pick == [(n["employee"]["name"], n["employee"]["nip"],
                     n["rater"] and n["rater"]["name"],
                     n["raterSuperior"] and n["raterSuperior"]["name"]) for n in with_lines]
    assert len(pick) > 12 and sum(1 for p in pick if p[2]) > 10
    expected = {"staff.alpha": [("Alpha Staff", "Alpha Rater")],  # own only
                "rater.alpha": [("Alpha Extra 000", "Alpha Rater"),  # own and rated
                                ("Alpha Rater", "Alpha Head"), ("Alpha Staff", "Alpha Rater"),
                                ("Alpha Staff2", "Alpha Rater")]}
    for user, rows in expected.items():
        _, mine = await count("employee{name} rater{name}", user=user)
        assert [(n["employee"]["name"], n["rater"]["name"]) for n in mine] == rows, user


async def test_one_period_of_realisations_is_read_alone(api, monkeypatch):
    """A list asking `realisations(periodId:)` for one period reads only that period's rows;
    aliases asking for two periods read all and each field filters its own."""
    from kinerja.skp.monitoring import repository as monitoring

    env = await running(api)
    await record(api, env, value=3)
    await record(api, env, value=5, periodId=env["periods"]["Q2"])
    asked = []
    for name in ("REALISATIONS_OF_SKPS", "REALISATIONS_OF_SKPS_IN_PERIOD"):
        read = getattr(monitoring, name)
        monkeypatch.setattr(monitoring, name, type("Spy", (), {
            "rows": lambda self, session, _n=name, _r=read, **kw: asked.append(_n)
            or _r.rows(session, **kw), "statement": read.statement})())
    one = ("query($c:ID!,$p:ID){skps(cycleId:$c,first:5){nodes{a:realisations(periodId:$p)"
           "{value} ...on Skp{realisations(periodId:$p){value}}}}}")
    nodes = (await api.gql(one, {"c": env["cycle"], "p": env["periods"]["Q2"]},
                           user="hr.alpha")).ok()["skps"]["nodes"]
    assert asked == ["REALISATIONS_OF_SKPS_IN_PERIOD"]
    assert sorted(r["value"] for n in nodes for r in n["a"]) == [5.0]
    two = ("query($c:ID!,$p:ID,$q:ID){skps(cycleId:$c,first:5){nodes{"
           "a:realisations(periodId:$p){value} b:realisations(periodId:$q){value}}}}")
    nodes = (await api.gql(two, {"c": env["cycle"], "p": env["periods"]["Q1"],
                                 "q": env["periods"]["Q2"]}, user="hr.alpha")).ok()["skps"]
    assert asked[1:] == ["REALISATIONS_OF_SKPS"]
    assert sorted(r["value"] for n in nodes["nodes"] for r in n["a"] + n["b"]) == [3.0, 5.0]


async def test_the_skp_page_reads_only_the_selected_columns_of_its_people(
        api, db, world, sql_counter, monkeypatch):
    """Issue 12: the folded people read the columns selected (NULL for the rest) and only the
    selected people are joined; the answers are those of a page reading them whole."""
    await _add_employees(db, world, 6)
    cycle_id, _ = await launch(api)

    async def nodes(people: str) -> list[dict]:
        query = "query($c:ID!){skps(cycleId:$c,first:20){nodes{id " + people + "}}}"
        return (await api.gql(query, {"c": cycle_id}, user="hr.alpha")).ok()["skps"]["nodes"]

    with monkeypatch.context() as whole_reads:  # the reference reads every column
        whole_reads.setattr(skp_queries, "people_columns", lambda *_: None)
        whole = await nodes(f"employee{{{EMPLOYEE_WHOLE}}} rater{{{EMPLOYEE_WHOLE}}} "
                            f"raterSuperior{{{EMPLOYEE_WHOLE}}}")
    assert sum(1 for n in whole if n["raterSuperior"]) > 3
    for people in ("employee{name}", "rater{nip} raterSuperior{name rank}",
                   "employee{nipFormatted unit{code}} rater{id createdAt}",
                   "raterSuperior{hasAccount fromParentAgency employeeType}"):
        before = len(sql_counter.statements)
        pruned = await nodes(people)
        assert pruned == project(whole, pruned), people
        page = next(s for s in sql_counter.statements[before:] if "LIMIT" in s)
        assert ("skp_rater" in page) == ("rater{" in people), people
        assert ("skp_superior" in page) == ("raterSuperior{" in people), people
