"""SKP content and workflow through the API: plan save (all field errors at once), cascade
links, behaviour expectations, submit/approve/return with history and idempotency,
re-approval after a change, stale versions, wrong person, closed cycle, other agencies, and the
cascade tree in a constant number of statements."""

from __future__ import annotations

import uuid

import sqlalchemy as sa

from kinerja.graphql.relay import from_global_id
from kinerja.models import Indicator, Skp, WorkResult
from tests.api.test_statement_count import _add_employees
from tests.support.api import gid

SKP = ("id status version workResults{id kind text position parentId indicators{id aspect text "
       "targetValue targetUnit targetText}} behaviourExpectations{value text} "
       "history{fromStatus toStatus comment actorName} cascadeTargets{id text}")
OUT = "skp{" + SKP + "} errors{field code message}"
SAVE = "mutation($i:SaveSkpPlanInput!){saveSkpPlan(input:$i){" + OUT + "}}"
EXPECT = ("mutation($i:SetBehaviourExpectationsInput!){setBehaviourExpectations(input:$i){"
          + OUT + "}}")
SUBMIT = "mutation($i:SkpTransitionInput!){submitSkp(input:$i){" + OUT + "}}"
APPROVE = "mutation($i:SkpTransitionInput!){approveSkp(input:$i){" + OUT + "}}"
RETURN = "mutation($i:ReturnSkpInput!){returnSkp(input:$i){" + OUT + "}}"
READ = "query($id:ID!){skp(id:$id){" + SKP + "}}"
TREE = ("query($c:ID!){skpTree(cycleId:$c){depth parentSkpId skp{id employee{name}} "
        "workResults{workResult{id text indicators{text}} children{id text}}}}")
NUMERIC = {"aspect": "KUANTITAS", "text": "Jumlah laporan", "targetValue": 12,
           "targetUnit": "laporan"}


async def launch(api, year=2027) -> tuple[str, dict[str, str]]:
    created = (await api.gql("mutation($i:CreateCycleInput!){createCycle(input:$i){cycle{id}}}",
                             {"i": {"year": year, "name": f"Kinerja {year}"}},
                             user="hr.alpha")).ok()["createCycle"]["cycle"]
    (await api.gql("mutation($i:AdvanceCycleInput!){advanceCycle(input:$i){errors{code}}}",
                   {"i": {"id": created["id"], "to": "PLANNING"}}, user="hr.alpha")).ok()
    nodes = (await api.gql("query($c:ID!){skps(cycleId:$c,first:100){nodes{id employee{name}}}}",
                           {"c": created["id"]}, user="hr.alpha")).ok()["skps"]["nodes"]
    return created["id"], {n["employee"]["name"].split()[-1].lower(): n["id"] for n in nodes}


async def call(api, doc, field, variables, user):
    result = await api.gql(doc, variables, user=user)
    return result.ok()[field]


async def save(api, skp_id, work_results, user, version=None):
    data = {"skpId": skp_id, "workResults": work_results}
    if version is not None:
        data["version"] = version
    return await call(api, SAVE, "saveSkpPlan", {"i": data}, user)


def fields(payload) -> set[tuple[str, str]]:
    return {(e["field"], e["code"]) for e in payload["errors"]}


async def rater_plan(api, skps) -> dict:
    saved = await save(api, skps["rater"], [
        {"kind": "UTAMA", "text": "Layanan administrasi meningkat", "indicators": [NUMERIC]},
        {"kind": "TAMBAHAN", "text": "Inovasi layanan", "indicators": [
            {"aspect": "KUALITAS", "text": "Kepuasan", "targetText": "Puas"}]}], "rater.alpha")
    assert saved["errors"] == []
    return saved["skp"]


async def test_plan_save_reports_every_field_error_at_once(api):
    _, skps = await launch(api)
    bad = await save(api, skps["staff"], [
        {"kind": "UTAMA", "text": "  ", "indicators": [
            {"aspect": "KUANTITAS", "text": "x", "targetValue": 5},
            {"aspect": "WAKTU", "text": "", "targetValue": 1, "targetUnit": "hari",
             "targetText": "tepat"},
            {"aspect": "BIAYA", "text": "x"},
            {"aspect": "BIAYA", "text": "x", "targetValue": -1, "targetUnit": "rupiah"}]},
        {"kind": "TAMBAHAN", "text": "y" * 2001, "id": gid("WorkResult", "nope"),
         "parentId": "garbage"}], "staff.alpha")
    assert bad["skp"] is None
    assert fields(bad) == {
        ("workResults.0.text", "REQUIRED"),
        ("workResults.0.indicators.0.targetUnit", "REQUIRED"),
        ("workResults.0.indicators.1.text", "REQUIRED"),
        ("workResults.0.indicators.1.targetValue", "TARGET_CHOICE"),
        ("workResults.0.indicators.2.targetValue", "TARGET_CHOICE"),
        ("workResults.0.indicators.3.targetValue", "OUT_OF_RANGE"),
        ("workResults.1.text", "TOO_LONG"),
        ("workResults.1.id", "UNKNOWN_REFERENCE"),
        ("workResults.1.parentId", "INVALID_CASCADE"),
    }
    english = await api.gql(SAVE, {"i": {"skpId": skps["staff"], "workResults": [
        {"kind": "UTAMA", "text": "a", "indicators": [{"aspect": "BIAYA", "text": "x"}]}]}},
                            user="staff.alpha", headers={"Accept-Language": "en"})
    assert "numeric target" in english.ok()["saveSkpPlan"]["errors"][0]["message"]
    skp = (await api.gql(READ, {"id": skps["staff"]}, user="staff.alpha")).ok()["skp"]
    assert skp["workResults"] == [] and skp["version"] == 1


async def test_plan_keeps_ids_updates_and_removes(api):
    _, skps = await launch(api)
    first = (await save(api, skps["staff"], [
        {"kind": "UTAMA", "text": "Dokumen", "indicators": [NUMERIC]},
        {"kind": "TAMBAHAN", "text": "Lain", "indicators": []}], "staff.alpha", 1))["skp"]
    assert first["version"] == 2 and first["status"] == "DRAFT"
    kept = first["workResults"][0]
    second = (await save(api, skps["staff"], [
        {"kind": "TAMBAHAN", "text": "Baru", "indicators": [
            {"aspect": "WAKTU", "text": "Tepat", "targetText": "Sebelum Juni"}]},
        {"id": kept["id"], "kind": "UTAMA", "text": "Dokumen final", "indicators": [
            {**NUMERIC, "id": kept["indicators"][0]["id"], "targetValue": 20}]}],
        "staff.alpha", 2))["skp"]
    assert [(w["text"], w["position"]) for w in second["workResults"]] == [
        ("Baru", 0), ("Dokumen final", 1)]
    assert second["workResults"][1]["id"] == kept["id"]
    assert second["workResults"][1]["indicators"][0]["targetValue"] == 20
    assert second["workResults"][0]["indicators"][0]["targetUnit"] is None
    same = (await save(api, skps["staff"], [
        {"id": w["id"], "kind": w["kind"], "text": w["text"],
         "indicators": [{k: i[k] for k in ("id", "aspect", "text", "targetValue", "targetUnit",
                                           "targetText")} for i in w["indicators"]]}
        for w in second["workResults"]], "staff.alpha"))["skp"]
    assert same["version"] == 3  # an identical plan changes nothing
    stale = await api.gql(SAVE, {"i": {"skpId": skps["staff"], "version": 2, "workResults": []}},
                          user="staff.alpha")
    assert stale.codes == ["CONFLICT"]


async def test_cascade_links_only_into_the_raters_skp_of_the_cycle(api):
    _, skps = await launch(api)
    rater = await rater_plan(api, skps)
    target = rater["workResults"][0]["id"]
    staff2 = (await save(api, skps["staff2"], [{"kind": "UTAMA", "text": "Arsip",
                                                "indicators": [NUMERIC]}], "hr.alpha"))["skp"]
    _, other_cycle = await launch(api, 2028)
    other_rater = await rater_plan(api, other_cycle)
    for wrong in (staff2["workResults"][0]["id"], other_rater["workResults"][0]["id"]):
        refused = await save(api, skps["staff"], [{"kind": "UTAMA", "text": "Dokumen",
                                                   "parentId": wrong}], "staff.alpha")
        assert fields(refused) == {("workResults.0.parentId", "INVALID_CASCADE")}
    # the head has no rater: nothing is a valid target
    head = await save(api, skps["head"], [{"kind": "UTAMA", "text": "Visi",
                                           "parentId": target}], "hr.alpha")
    assert fields(head) == {("workResults.0.parentId", "INVALID_CASCADE")}
    linked = (await save(api, skps["staff"], [{"kind": "UTAMA", "text": "Dokumen",
                                               "parentId": target, "indicators": [NUMERIC]}],
                         "staff.alpha"))["skp"]
    assert linked["workResults"][0]["parentId"] == target
    assert [t["text"] for t in linked["cascadeTargets"]] == [
        "Layanan administrasi meningkat", "Inovasi layanan"]
    in_use = await save(api, skps["rater"], [], "rater.alpha")
    assert fields(in_use) == {("workResults", "WORK_RESULT_IN_USE")}
    assert "Layanan administrasi" in in_use["errors"][0]["message"]


async def test_behaviour_expectations_by_the_rater(api):
    _, skps = await launch(api)
    payload = await call(api, EXPECT, "setBehaviourExpectations", {"i": {
        "skpId": skps["staff"], "version": 1, "expectations": [
            {"value": "AKUNTABEL", "text": " Laporan  tepat waktu "},
            {"value": "ADAPTIF", "text": ""}]}}, "rater.alpha")
    assert payload["errors"] == []
    got = {e["value"]: e["text"] for e in payload["skp"]["behaviourExpectations"]}
    assert len(got) == 7 and got["AKUNTABEL"] == "Laporan tepat waktu"
    assert [v for v, t in got.items() if t] == ["AKUNTABEL"]
    dup = await call(api, EXPECT, "setBehaviourExpectations", {"i": {
        "skpId": skps["staff"], "expectations": [{"value": "LOYAL", "text": "a"},
                                                 {"value": "LOYAL", "text": "b" * 2001}]}},
                     "rater.alpha")
    assert fields(dup) == {("expectations.1.value", "DUPLICATE"),
                           ("expectations.1.text", "TOO_LONG")}
    for user in ("staff.alpha", "auditor.alpha"):
        result = await api.gql(EXPECT, {"i": {"skpId": skps["staff"], "expectations": []}},
                               user=user)
        assert result.codes == ["FORBIDDEN"], user
    # the rater does not rate the head: visible? no -> NOT_FOUND; hr may set any
    result = await api.gql(EXPECT, {"i": {"skpId": skps["head"], "expectations": []}},
                           user="rater.alpha")
    assert result.codes == ["NOT_FOUND"]


async def test_submit_approve_return_with_history_and_idempotency(api):
    _, skps = await launch(api)
    staff = skps["staff"]
    empty = await call(api, SUBMIT, "submitSkp", {"i": {"id": staff}}, "staff.alpha")
    assert fields(empty) == {("workResults", "PLAN_INCOMPLETE")}
    await save(api, staff, [{"kind": "TAMBAHAN", "text": "a", "indicators": [NUMERIC]}],
               "staff.alpha")
    only_extra = await call(api, SUBMIT, "submitSkp", {"i": {"id": staff}}, "staff.alpha")
    assert fields(only_extra) == {("workResults", "PLAN_INCOMPLETE")}
    await save(api, staff, [{"kind": "UTAMA", "text": "a", "indicators": [NUMERIC]}],
               "staff.alpha")
    # approving a draft is not a valid step
    early = await call(api, APPROVE, "approveSkp", {"i": {"id": staff}}, "rater.alpha")
    assert [e["code"] for e in early["errors"]] == ["INVALID_TRANSITION"]
    submitted = (await call(api, SUBMIT, "submitSkp", {"i": {"id": staff, "version": 3}},
                            "staff.alpha"))["skp"]
    assert (submitted["status"], submitted["version"]) == ("SUBMITTED", 4)
    again = (await call(api, SUBMIT, "submitSkp", {"i": {"id": staff, "version": 3}},
                        "staff.alpha"))["skp"]
    assert again["version"] == 4 and len(again["history"]) == 1
    locked = await save(api, staff, [], "staff.alpha")
    assert [e["code"] for e in locked["errors"]] == ["SKP_NOT_EDITABLE"]
    # wrong people: the employee cannot approve; a rater who does not rate it cannot either
    assert (await api.gql(APPROVE, {"i": {"id": staff}}, user="staff.alpha")).codes == [
        "FORBIDDEN"]
    assert (await api.gql(SUBMIT, {"i": {"id": staff}}, user="rater.alpha")).codes == [
        "FORBIDDEN"]
    no_comment = await call(api, RETURN, "returnSkp", {"i": {"id": staff, "comment": " "}},
                            "rater.alpha")
    assert fields(no_comment) == {("comment", "REQUIRED")}
    returned = (await call(api, RETURN, "returnSkp", {"i": {
        "id": staff, "version": 4, "comment": "Tambah indikator kualitas"}}, "rater.alpha"))["skp"]
    assert returned["status"] == "RETURNED"
    repeat = (await call(api, RETURN, "returnSkp", {"i": {"id": staff, "comment": "lagi"}},
                         "rater.alpha"))["skp"]
    assert repeat["version"] == returned["version"]
    wrong = await call(api, APPROVE, "approveSkp", {"i": {"id": staff}}, "rater.alpha")
    assert [e["code"] for e in wrong["errors"]] == ["INVALID_TRANSITION"]
    await call(api, SUBMIT, "submitSkp", {"i": {"id": staff}}, "staff.alpha")
    stale = await api.gql(APPROVE, {"i": {"id": staff, "version": 5}}, user="rater.alpha")
    assert stale.codes == ["CONFLICT"]
    approved = (await call(api, APPROVE, "approveSkp", {"i": {"id": staff}},
                           "rater.alpha"))["skp"]
    assert approved["status"] == "APPROVED"
    assert [(h["fromStatus"], h["toStatus"], h["comment"], h["actorName"])
            for h in approved["history"]] == [
        ("DRAFT", "SUBMITTED", None, "Staff Alpha"),
        ("SUBMITTED", "RETURNED", "Tambah indikator kualitas", "Rater Alpha"),
        ("RETURNED", "SUBMITTED", None, "Staff Alpha"),
        ("SUBMITTED", "APPROVED", None, "Rater Alpha")]
    # a change after approval needs re-approval
    changed = (await save(api, staff, [{"kind": "UTAMA", "text": "b", "indicators": [NUMERIC]}],
                          "staff.alpha"))["skp"]
    assert changed["status"] == "DRAFT"
    assert changed["history"][-1]["fromStatus"] == "APPROVED"
    actions = [n["action"] for n in (await api.gql(
        "query($o:String!){auditEvents(first:30,objectId:$o){nodes{action}}}",
        {"o": staff}, user="auditor.alpha")).ok()["auditEvents"]["nodes"]]
    assert {"skp.plan", "skp.submit", "skp.return", "skp.approve"} <= set(actions)


async def test_hr_approves_a_head_and_nobody_sees_other_agencies(api):
    _, skps = await launch(api)
    await save(api, skps["head"], [{"kind": "UTAMA", "text": "Visi", "indicators": [NUMERIC]}],
               "hr.alpha")
    await call(api, SUBMIT, "submitSkp", {"i": {"id": skps["head"]}}, "hr.alpha")
    approved = await call(api, APPROVE, "approveSkp", {"i": {"id": skps["head"]}}, "hr.alpha")
    assert approved["skp"]["status"] == "APPROVED"
    for doc, variables in ((READ, {"id": skps["staff"]}),
                           (SUBMIT, {"i": {"id": skps["staff"]}}),
                           (SAVE, {"i": {"skpId": skps["staff"], "workResults": []}})):
        result = await api.gql(doc, variables, user="hr.beta", tenant="beta")
        assert result.codes == ["NOT_FOUND"]


async def test_closing_the_cycle_locks_plans(api):
    cycle, skps = await launch(api)
    for state in ("RUNNING", "ASSESSMENT", "CALIBRATION", "CLOSED"):
        (await api.gql("mutation($i:AdvanceCycleInput!){advanceCycle(input:$i){errors{code}}}",
                       {"i": {"id": cycle, "to": state}}, user="hr.alpha")).ok()
    refused = await save(api, skps["staff"], [], "staff.alpha")
    assert [e["code"] for e in refused["errors"]] == ["CYCLE_CLOSED"]
    refused = await call(api, EXPECT, "setBehaviourExpectations", {"i": {
        "skpId": skps["staff"], "expectations": [{"value": "LOYAL", "text": "x"}]}}, "hr.alpha")
    assert [e["code"] for e in refused["errors"]] == ["CYCLE_CLOSED"]
    refused = await call(api, SUBMIT, "submitSkp", {"i": {"id": skps["staff"]}}, "staff.alpha")
    assert "CYCLE_CLOSED" in [e["code"] for e in refused["errors"]]


async def test_tree_from_the_head_down_by_visibility(api):
    cycle, skps = await launch(api)
    rater = await rater_plan(api, skps)
    target = rater["workResults"][0]["id"]
    for key in ("staff", "staff2"):
        await save(api, skps[key], [{"kind": "UTAMA", "text": f"RHK {key}", "parentId": target,
                                     "indicators": [NUMERIC]}], "hr.alpha")
    tree = (await api.gql(TREE, {"c": cycle}, user="hr.alpha")).ok()["skpTree"]
    shape = [(n["depth"], n["skp"]["employee"]["name"]) for n in tree]
    assert shape == [(0, "Alpha Head"), (1, "Alpha Other"), (1, "Alpha Rater"),
                     (2, "Alpha Staff"), (2, "Alpha Staff2")]
    rater_node = tree[2]
    assert rater_node["parentSkpId"] == skps["head"]
    assert [c["text"] for c in rater_node["workResults"][0]["children"]] == [
        "RHK staff", "RHK staff2"]
    assert rater_node["workResults"][0]["workResult"]["indicators"] == [
        {"text": "Jumlah laporan"}]
    mine = (await api.gql(TREE, {"c": cycle}, user="staff.alpha")).ok()["skpTree"]
    assert [(n["depth"], n["skp"]["employee"]["name"]) for n in mine] == [(0, "Alpha Staff")]
    assert mine[0]["workResults"][0]["children"] == []
    rated = (await api.gql(TREE, {"c": cycle}, user="rater.alpha")).ok()["skpTree"]
    assert [n["depth"] for n in rated] == [0, 1, 1]
    assert (await api.gql(TREE, {"c": gid("Cycle", uuid.uuid4())}, user="hr.alpha")).codes == [
        "NOT_FOUND"]


async def _plan_rows(db, world, cycle_gid: str) -> int:
    """An RHK with an indicator on every SKP of the cycle, linked to the rater's RHK."""
    tenant_id = world.tenant_id("alpha")
    cycle_id = from_global_id(cycle_gid, "Cycle")[1]
    async with db.unit_of_work(tenant_id=tenant_id) as session:
        rows = (await session.execute(sa.select(Skp.id, Skp.employee_id, Skp.rater_id)
                                      .where(Skp.cycle_id == cycle_id))).all()
        results = {r.employee_id: WorkResult(tenant_id=tenant_id, skp_id=r.id, position=0,
                                             kind="UTAMA", text=f"RHK {i}")
                   for i, r in enumerate(rows)}
        session.add_all(results.values())
        await session.flush()
        for r in rows:  # links after the inserts: the unit of work does not order self-links
            parent = results.get(r.rater_id)
            results[r.employee_id].parent_id = parent.id if parent else None
        await session.flush()
        session.add_all([Indicator(tenant_id=tenant_id, work_result_id=w.id, position=0,
                                   aspect="KUANTITAS", text="n", target_value=1,
                                   target_unit="x") for w in results.values()])
    return len(rows)


async def test_tree_costs_the_same_statements_for_few_or_many_skps(api, db, world, sql_counter):
    small_cycle, _ = await launch(api, 2027)
    await _add_employees(db, world, 8)
    large_cycle, _ = await launch(api, 2028)
    counts = (await _plan_rows(db, world, small_cycle), await _plan_rows(db, world, large_cycle))
    assert counts == (5, 13)
    await api.gql("{cycles{id}}", user="hr.alpha")  # policies loaded (each tree read once:
    # a repeated identical query would be answered by the response cache)
    used = []
    for cycle in (small_cycle, large_cycle):
        before = sql_counter.count
        tree = (await api.gql(TREE, {"c": cycle}, user="hr.alpha")).ok()["skpTree"]
        used.append(sql_counter.count - before)
        assert all(n["workResults"][0]["workResult"]["indicators"] for n in tree)
    assert used[0] == used[1] and used[0] >= 5, used
    assert max(n["depth"] for n in tree) >= 9  # each extra employee is rated by the previous
