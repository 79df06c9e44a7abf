"""Cycles: creation with periods, transitions (invalid, idempotent, stale, closed), launching
(one SKP draft per active employee, with the reporting line at that moment), SKP visibility."""

from __future__ import annotations

from tests.support.api import gid

CYCLE = ("id year name state version ruleSetVersion launchedAt closedAt "
         "periods{id kind number startsOn endsOn}")
CREATE = ("mutation($i:CreateCycleInput!){createCycle(input:$i){cycle{" + CYCLE
          + "} errors{field code message}}}")
ADVANCE = ("mutation($i:AdvanceCycleInput!){advanceCycle(input:$i){cycle{id state version} "
           "errors{field code message}}}")
SKPS = ("query($c:ID!,$first:Int,$after:String){skps(cycleId:$c,first:$first,after:$after){"
        "totalCount pageInfo{hasNextPage endCursor} nodes{id status version "
        "employee{name} rater{name} raterSuperior{name} cycle{year}}}}")
SKP = "query($id:ID!){skp(id:$id){id status employee{name} rater{name}}}"
UPDATE_RULES = "mutation($i:UpdateRuleSetInput!){updateRuleSet(input:$i){errors{code}}}"
STATES = ("PLANNING", "RUNNING", "ASSESSMENT", "CALIBRATION", "CLOSED")


async def create(api, year=2027, user="hr.alpha") -> dict:
    payload = (await api.gql(CREATE, {"i": {"year": year, "name": f"Kinerja {year}"}},
                             user=user)).ok()["createCycle"]
    assert payload["errors"] == [], payload
    return payload["cycle"]


async def advance(api, cycle_id, to, version=None, user="hr.alpha"):
    variables = {"i": {"id": cycle_id, "to": to}}
    if version is not None:
        variables["i"]["version"] = version
    return await api.gql(ADVANCE, variables, user=user)


async def skps(api, cycle_id, user="hr.alpha") -> dict:
    return (await api.gql(SKPS, {"c": cycle_id, "first": 50}, user=user)).ok()["skps"]


async def test_quarterly_cycle_by_default_with_the_annual_period(api):
    cycle = await create(api)
    assert (cycle["state"], cycle["version"], cycle["ruleSetVersion"]) == ("DRAFT", 1, 1)
    periods = [(p["kind"], p["number"], p["startsOn"], p["endsOn"]) for p in cycle["periods"]]
    assert periods == [("QUARTER", 1, "2027-01-01", "2027-03-31"),
                       ("QUARTER", 2, "2027-04-01", "2027-06-30"),
                       ("QUARTER", 3, "2027-07-01", "2027-09-30"),
                       ("QUARTER", 4, "2027-10-01", "2027-12-31"),
                       ("YEAR", 1, "2027-01-01", "2027-12-31")]
    node = (await api.gql("query($id:ID!){node(id:$id){... on Period{kind number}}}",
                          {"id": cycle["periods"][0]["id"]}, user="staff.alpha")).ok()
    assert node["node"] == {"kind": "QUARTER", "number": 1}


async def test_monthly_granularity_gives_twelve_months(api):
    await api.gql(UPDATE_RULES, {"i": {"periodGranularity": "MONTHLY"}}, user="hr.alpha")
    cycle = await create(api, 2028)
    kinds = [(p["kind"], p["number"]) for p in cycle["periods"]]
    assert kinds == [("MONTH", n) for n in range(1, 13)] + [("YEAR", 1)]
    assert cycle["periods"][1]["endsOn"] == "2028-02-29"
    assert cycle["ruleSetVersion"] == 1


async def test_create_refuses_bad_input_and_a_second_cycle_for_the_year(api):
    await create(api)
    dup = (await api.gql(CREATE, {"i": {"year": 2027, "name": "Lagi"}},
                         user="hr.alpha")).ok()["createCycle"]
    assert [(e["field"], e["code"]) for e in dup["errors"]] == [("year", "DUPLICATE")]
    bad = (await api.gql(CREATE, {"i": {"year": 1999, "name": "  "}},
                         user="hr.alpha")).ok()["createCycle"]
    assert {(e["field"], e["code"]) for e in bad["errors"]} == {
        ("name", "REQUIRED"), ("year", "OUT_OF_RANGE")}
    # the same year in another agency is fine
    assert (await create(api, 2027, user="hr.beta"))["year"] == 2027
    listed = (await api.gql("{cycles{year}}", user="staff.alpha")).ok()["cycles"]
    assert listed == [{"year": 2027}]
    for user in ("staff.alpha", "rater.alpha", "auditor.alpha"):
        result = await api.gql(CREATE, {"i": {"year": 2030, "name": "x"}}, user=user)
        assert result.codes == ["FORBIDDEN"], user


async def test_full_walk_through_the_states_and_closing_locks(api):
    cycle = await create(api)
    version = cycle["version"]
    for state in STATES:
        moved = (await advance(api, cycle["id"], state, version)).ok()["advanceCycle"]
        assert moved["errors"] == [] and moved["cycle"]["state"] == state
        assert moved["cycle"]["version"] == version + 1
        version += 1
    closed = (await api.gql("query($id:ID!){cycle(id:$id){state closedAt launchedAt}}",
                            {"id": cycle["id"]}, user="hr.alpha")).ok()["cycle"]
    assert closed["state"] == "CLOSED" and closed["closedAt"] and closed["launchedAt"]
    for state in ("DRAFT", "PLANNING", "RUNNING"):
        refused = (await advance(api, cycle["id"], state)).ok()["advanceCycle"]
        assert [(e["field"], e["code"]) for e in refused["errors"]] == [("to", "CYCLE_CLOSED")]
    again = (await advance(api, cycle["id"], "CLOSED")).ok()["advanceCycle"]
    assert again["errors"] == [] and again["cycle"]["version"] == version
    actions = [n["action"] for n in (await api.gql(
        "query($o:String!){auditEvents(first:20,objectId:$o){nodes{action}}}",
        {"o": cycle["id"]}, user="auditor.alpha")).ok()["auditEvents"]["nodes"]]
    assert actions == ["cycle.closed", "cycle.calibration", "cycle.assessment", "cycle.running",
                       "cycle.planning", "cycle.create"]


async def test_invalid_transitions_are_refused(api):
    cycle = await create(api)
    for target in ("RUNNING", "CLOSED", "ASSESSMENT"):
        refused = (await advance(api, cycle["id"], target)).ok()["advanceCycle"]
        assert refused["cycle"] is None
        assert [(e["field"], e["code"]) for e in refused["errors"]] == [
            ("to", "INVALID_TRANSITION")]
        assert "DRAFT" in refused["errors"][0]["message"]
    await advance(api, cycle["id"], "PLANNING")
    back = (await advance(api, cycle["id"], "DRAFT")).ok()["advanceCycle"]
    assert [e["code"] for e in back["errors"]] == ["INVALID_TRANSITION"]


async def test_stale_version_is_a_conflict_and_changes_nothing(api):
    cycle = await create(api)
    await advance(api, cycle["id"], "PLANNING", 1)
    stale = await advance(api, cycle["id"], "RUNNING", 1)
    assert stale.codes == ["CONFLICT"]
    state = (await api.gql("query($id:ID!){cycle(id:$id){state version}}", {"id": cycle["id"]},
                           user="hr.alpha")).ok()["cycle"]
    assert state == {"state": "PLANNING", "version": 2}


async def test_launch_creates_one_draft_per_active_employee_with_the_line(api, world):
    deactivate = ("mutation($id:ID!){deactivateEmployee(id:$id){errors{code}}}")
    (await api.gql(deactivate, {"id": gid("Employee", world.employee_id("alpha", "other"))},
                   user="hr.alpha")).ok()
    cycle = await create(api)
    assert (await skps(api, cycle["id"]))["totalCount"] == 0
    launched = (await advance(api, cycle["id"], "PLANNING", 1)).ok()["advanceCycle"]
    assert launched["cycle"]["state"] == "PLANNING"
    page = await skps(api, cycle["id"])
    got = {n["employee"]["name"]: ((n["rater"] or {}).get("name"),
                                   (n["raterSuperior"] or {}).get("name"), n["status"])
           for n in page["nodes"]}
    assert got == {
        "Alpha Head": (None, None, "DRAFT"),
        "Alpha Rater": ("Alpha Head", None, "DRAFT"),
        "Alpha Staff": ("Alpha Rater", "Alpha Head", "DRAFT"),
        "Alpha Staff2": ("Alpha Rater", "Alpha Head", "DRAFT"),
    }
    assert page["totalCount"] == 4 and all(n["cycle"]["year"] == 2027 for n in page["nodes"])
    # repeating the launch creates nothing new, whatever version the client sends
    again = (await advance(api, cycle["id"], "PLANNING", 1)).ok()["advanceCycle"]
    assert again["errors"] == [] and again["cycle"]["version"] == 2
    assert {n["id"] for n in (await skps(api, cycle["id"]))["nodes"]} == {
        n["id"] for n in page["nodes"]}
    # beta got nothing
    beta_cycles = (await api.gql("{cycles{id}}", user="hr.beta")).ok()["cycles"]
    assert beta_cycles == []


async def test_repeated_launch_adds_only_newcomers(api, world):
    reactivate = ("mutation($i:UpdateEmployeeInput!){updateEmployee(input:$i){errors{code}}}")
    deactivate = ("mutation($id:ID!){deactivateEmployee(id:$id){errors{code}}}")
    other = gid("Employee", world.employee_id("alpha", "other"))
    (await api.gql(deactivate, {"id": other}, user="hr.alpha")).ok()
    cycle = await create(api)
    await advance(api, cycle["id"], "PLANNING")
    assert (await skps(api, cycle["id"]))["totalCount"] == 4
    (await api.gql(reactivate, {"i": {"id": other, "active": True}}, user="hr.alpha")).ok()
    await advance(api, cycle["id"], "PLANNING")
    names = sorted(n["employee"]["name"] for n in (await skps(api, cycle["id"]))["nodes"])
    assert names == ["Alpha Head", "Alpha Other", "Alpha Rater", "Alpha Staff", "Alpha Staff2"]


async def test_skp_visibility_follows_role_and_relationship(api):
    cycle = await create(api)
    await advance(api, cycle["id"], "PLANNING")
    seen = {user: sorted(n["employee"]["name"]
                         for n in (await skps(api, cycle["id"], user))["nodes"])
            for user in ("staff.alpha", "rater.alpha", "hr.alpha", "auditor.alpha", "admin.alpha")}
    assert seen["staff.alpha"] == ["Alpha Staff"]
    assert seen["rater.alpha"] == ["Alpha Rater", "Alpha Staff", "Alpha Staff2"]
    everyone = ["Alpha Head", "Alpha Other", "Alpha Rater", "Alpha Staff", "Alpha Staff2"]
    assert seen["hr.alpha"] == seen["auditor.alpha"] == seen["admin.alpha"] == everyone
    all_skps = {n["employee"]["name"]: n["id"] for n in (await skps(api, cycle["id"]))["nodes"]}
    mine = (await api.gql(SKP, {"id": all_skps["Alpha Staff"]}, user="staff.alpha")).ok()["skp"]
    assert mine["employee"]["name"] == "Alpha Staff" and mine["rater"]["name"] == "Alpha Rater"
    hidden = await api.gql(SKP, {"id": all_skps["Alpha Staff2"]}, user="staff.alpha")
    assert hidden.codes == ["NOT_FOUND"]
    node = await api.gql("query($id:ID!){node(id:$id){... on Skp{status}}}",
                         {"id": all_skps["Alpha Head"]}, user="rater.alpha")
    assert node.codes == ["NOT_FOUND"]


async def test_pagination_by_employee_name(api):
    cycle = await create(api)
    await advance(api, cycle["id"], "PLANNING")
    names, after = [], None
    while True:
        page = (await api.gql(SKPS, {"c": cycle["id"], "first": 2, "after": after},
                              user="hr.alpha")).ok()["skps"]
        names += [n["employee"]["name"] for n in page["nodes"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert names == ["Alpha Head", "Alpha Other", "Alpha Rater", "Alpha Staff", "Alpha Staff2"]
    bad = await api.gql(SKPS, {"c": cycle["id"], "after": "bm9wZQ=="}, user="hr.alpha")
    assert bad.codes == ["INVALID_CURSOR"]


async def test_other_agencies_ids_are_not_found(api):
    beta = await create(api, user="hr.beta")
    await advance(api, beta["id"], "PLANNING", user="hr.beta")
    beta_skp = (await skps(api, beta["id"], user="hr.beta"))["nodes"][0]["id"]
    assert (await api.gql("query($id:ID!){cycle(id:$id){id}}", {"id": beta["id"]},
                          user="hr.alpha")).codes == ["NOT_FOUND"]
    assert (await api.gql(SKPS, {"c": beta["id"]}, user="hr.alpha")).codes == ["NOT_FOUND"]
    assert (await api.gql(SKP, {"id": beta_skp}, user="hr.alpha")).codes == ["NOT_FOUND"]
    assert (await advance(api, beta["id"], "RUNNING")).codes == ["NOT_FOUND"]
    assert (await api.gql("query($id:ID!){node(id:$id){id}}", {"id": beta["periods"][0]["id"]},
                          user="hr.alpha")).codes == ["NOT_FOUND"]
    state = (await api.gql("query($id:ID!){cycle(id:$id){state}}", {"id": beta["id"]},
                           user="hr.beta")).ok()["cycle"]["state"]
    assert state == "PLANNING"
