"""The explanation's inputs through the API: realisations against targets (the period's; all
periods for the YEAR result), the self-assessment and the anonymous 360 aggregate, hidden from
the employee before release, never naming a reviewer; a page of N explained results costs the
same statements for 3 and 12 results."""

from __future__ import annotations

from datetime import UTC, date, datetime

import orjson

from kinerja.graphql.relay import from_global_id
from kinerja.models import (
    Evidence,
    Indicator,
    Realisation,
    ReviewRequest,
    SelfAssessment,
    WorkResult,
)
from kinerja.reviews.codes import BERAKHLAK
from tests.api.reviews_support import SCORES, add_peers
from tests.api.test_monitoring import LINK, record, running
from tests.api.test_reviews import answer, nominate
from tests.support.results import Cycle, advance, rate, release, running_cycle, set_today

APRIL = date(2027, 4, 5)
AGG = "status threshold publishedCount combined{values{value count mean}} comments"
INPUTS = ("realisations{text kind indicators{text targetValue targetUnit targetText "
          "realisations{periodId value narrative evidence{kind url title}}}} "
          "selfAssessment{status overallComment workResults{text rating} values{value rating}} "
          "feedback360{" + AGG + "}")
READ = "query($id:ID!){result(id:$id){status explanation{matrixCell{predikat} " + INPUTS + "}}}"
SELF = ("mutation($i:SaveSelfAssessmentInput!){saveSelfAssessment(input:$i){selfAssessment{id "
        "version} errors{code}}}")
SUBMIT = ("mutation($i:SubmitSelfAssessmentInput!){submitSelfAssessment(input:$i){"
          "selfAssessment{status} errors{code}}}")


async def _self_assess(api, env, rhk: str) -> None:
    base = {"skpId": env["skps"]["staff"], "periodId": env["periods"]["Q1"]}
    saved = (await api.gql(SELF, {"i": {
        **base, "overallComment": "Triwulan pertama sesuai rencana",
        "workResults": [{"workResultId": rhk, "rating": "DI_ATAS"}],
        "values": [{"value": v, "rating": "SESUAI"} for v in BERAKHLAK]}},
        user="staff.alpha")).ok()["saveSelfAssessment"]
    assert saved["errors"] == [], saved
    done = (await api.gql(SUBMIT, {"i": {"id": saved["selfAssessment"]["id"], "version": 1}},
                          user="staff.alpha")).ok()["submitSelfAssessment"]
    assert done["errors"] == [], done


async def test_explanation_shows_realisations_self_assessment_and_360(
        api, db, services, world, monkeypatch):
    set_today(monkeypatch, APRIL)
    env = await running(api)
    peers = await add_peers(db, services, world)
    first = await record(api, env, value=4, evidence=[LINK])
    assert first["errors"] == [], first
    later = await record(api, env, periodId=env["periods"]["Q2"], value=7)
    assert later["errors"] == [], later
    rhk = (await api.gql("query($id:ID!){skp(id:$id){workResults{id}}}",
                         {"id": env["skps"]["staff"]}, user="hr.alpha")).ok()
    await _self_assess(api, env, rhk["skp"]["workResults"][0]["id"])
    review = type("S", (), {"skps": env["skps"], "period": env["periods"]["Q1"]})
    await nominate(api, review, "hr.alpha",
                   [{"employeeId": p.gid, "relation": "PEER"} for p in peers[:3]])
    for peer, score in zip(peers[:3], (2, 1, 2), strict=True):
        await answer(api, peer, scores={**SCORES, "BERORIENTASI_PELAYANAN": score},
                     comment=f"Catatan {score}")
    cycle = Cycle(env["cycle"], {"Q1": env["periods"]["Q1"], "YEAR": env["periods"]["Y1"]},
                  env["skps"])
    rated = (await rate(api, cycle, "staff", "Q1", "DI_ATAS", "SESUAI"))["result"]
    assert (await api.gql(READ, {"id": rated["id"]}, user="staff.alpha")).codes == ["NOT_FOUND"]
    seen = {}
    for user in ("rater.alpha", "hr.alpha", "auditor.alpha"):
        seen[user] = (await api.gql(READ, {"id": rated["id"]}, user=user)).ok()["result"]
    assert seen["rater.alpha"] == seen["hr.alpha"] == seen["auditor.alpha"]
    assert await release(api, cycle, "Q1") == 1
    own = (await api.gql(READ, {"id": rated["id"]}, user="staff.alpha")).ok()["result"]
    assert own["explanation"] == seen["hr.alpha"]["explanation"]
    explained = own["explanation"]
    [work_result] = explained["realisations"]
    by_text = {i["text"]: i for i in work_result["indicators"]}
    numeric = by_text["Jumlah laporan"]
    assert (numeric["targetValue"], numeric["targetUnit"]) == (12, "laporan")
    assert [(r["periodId"], r["value"]) for r in numeric["realisations"]] == [
        (env["periods"]["Q1"], 4)]  # Q2 is not this result's period
    assert numeric["realisations"][0]["evidence"] == [{"kind": "LINK", **LINK}]
    assert by_text["Kepuasan warga"]["realisations"] == []
    self_ = explained["selfAssessment"]
    assert (self_["status"], self_["overallComment"]) == ("SUBMITTED",
                                                          "Triwulan pertama sesuai rencana")
    assert self_["workResults"][0]["rating"] == "DI_ATAS"
    feedback = explained["feedback360"]
    assert (feedback["status"], feedback["publishedCount"], feedback["threshold"]) == (
        "AVAILABLE", 3, 3)
    service = next(v for v in feedback["combined"]["values"]
                   if v["value"] == "BERORIENTASI_PELAYANAN")
    assert service == {"value": "BERORIENTASI_PELAYANAN", "count": 3, "mean": 1.67}
    text = orjson.dumps(own).decode()
    assert not any(p.name in text or p.username in text for p in peers)  # never an identity
    # The YEAR result weighs every period's realisations, in period order.
    set_today(monkeypatch, date(2028, 1, 5))
    await advance(api, cycle, "ASSESSMENT")
    yearly = (await rate(api, cycle, "staff", "YEAR", "SESUAI", "SESUAI"))["result"]
    year = (await api.gql(READ, {"id": yearly["id"]}, user="hr.alpha")).ok()["result"]
    numeric = next(i for i in year["explanation"]["realisations"][0]["indicators"]
                   if i["text"] == "Jumlah laporan")
    assert [r["value"] for r in numeric["realisations"]] == [4, 7]
    assert year["explanation"]["selfAssessment"] is None
    assert year["explanation"]["feedback360"]["status"] == "INSUFFICIENT_RESPONSES"
    assert year["explanation"]["feedback360"]["combined"] is None


async def _content(db, world, cycle: Cycle) -> None:
    """For every SKP: an RHK with an indicator, a Q1 realisation with evidence, a submitted
    self-assessment and three submitted 360 answers (so every batch query has rows)."""
    tenant_id = world.tenant_id("alpha")
    period = from_global_id(cycle.periods["Q1"])[1]
    reviewers = [world.employee_id("alpha", k) for k in ("head", "staff2", "other")]
    now = datetime(2027, 4, 1, tzinfo=UTC)
    async with db.unit_of_work(tenant_id=tenant_id) as session:
        for skp_gid in cycle.skps.values():
            skp = from_global_id(skp_gid)[1]
            work_result = WorkResult(tenant_id=tenant_id, skp_id=skp, position=0, kind="UTAMA",
                                     text="Layanan")
            session.add(work_result)
            await session.flush()
            indicator = Indicator(tenant_id=tenant_id, work_result_id=work_result.id, position=0,
                                  aspect="KUANTITAS", text="Surat", target_value=10,
                                  target_unit="surat")
            session.add(indicator)
            await session.flush()
            realisation = Realisation(tenant_id=tenant_id, skp_id=skp, indicator_id=indicator.id,
                                      period_id=period, value=9)
            session.add(realisation)
            await session.flush()
            session.add(Evidence(tenant_id=tenant_id, realisation_id=realisation.id, position=0,
                                 url="https://alpha.example/bukti", title="Bukti"))
            session.add(SelfAssessment(
                tenant_id=tenant_id, skp_id=skp, period_id=period, status="SUBMITTED",
                work_results=[{"work_result_id": str(work_result.id), "rating": "SESUAI"}],
                values=[{"value": v, "rating": "SESUAI"} for v in BERAKHLAK]))
            session.add_all([ReviewRequest(
                tenant_id=tenant_id, skp_id=skp, period_id=period, reviewer_id=reviewer,
                relation="PEER", status="SUBMITTED", ratings=dict(SCORES), submitted_at=now)
                for reviewer in reviewers])


async def test_explained_results_page_costs_the_same_statements_for_3_or_12(
        api, db, world, monkeypatch, sql_counter):
    from tests.api.test_statement_count import _add_employees

    set_today(monkeypatch, APRIL)
    await _add_employees(db, world, 12)
    cycle = await running_cycle(api, db, world)
    await _content(db, world, cycle)
    for key in cycle.skps:
        if key.isdigit():
            await rate(api, cycle, key, "Q1", "SESUAI", "SESUAI", user="hr.alpha")
    query = ("query($c:ID!,$p:ID!,$n:Int){results(cycleId:$c,periodId:$p,first:$n){nodes{id "
             "explanation{" + INPUTS + "}}}}")
    costs = []
    for size in (3, 12):
        before = sql_counter.count
        nodes = (await api.gql(query, {"c": cycle.id, "p": cycle.periods["Q1"], "n": size},
                               user="hr.alpha")).ok()["results"]["nodes"]
        costs.append(sql_counter.count - before)
        assert len(nodes) == size
        for node in nodes:
            explained = node["explanation"]
            [indicator] = explained["realisations"][0]["indicators"]
            assert indicator["realisations"][0]["evidence"][0]["title"] == "Bukti"
            assert explained["selfAssessment"]["status"] == "SUBMITTED"
            assert explained["feedback360"]["publishedCount"] == 3
    assert costs[0] == costs[1], costs
