"""The rule set's optional weighted score in the explanation: SELF, PEER (published batches only)
and RATER on 1-5, missing sources renormalised, null without weights; analysis only."""

from __future__ import annotations

from datetime import date

import pytest

from kinerja.results.score import weighted_score
from tests.api.reviews_support import SCORES, add_peers
from tests.api.test_monitoring import running
from tests.api.test_result_explanation_inputs import APRIL, _self_assess
from tests.api.test_reviews import answer, nominate
from tests.support.results import Cycle, rate, set_today

WEIGHTS = ("mutation($i:UpdateRuleSetInput!){updateRuleSet(input:$i){ruleSet{version} "
           "errors{code}}}")
READ = ("query($id:ID!){result(id:$id){predikat explanation{score{value components{source "
        "weight value}}}}}")


async def _weights(api, weights: list[dict]) -> None:
    done = (await api.gql(WEIGHTS, {"i": {"scoreWeights": weights}}, user="hr.alpha")).ok()
    assert done["updateRuleSet"]["errors"] == []


async def _rated(api, env) -> str:
    cycle = Cycle(env["cycle"], {"Q1": env["periods"]["Q1"]}, env["skps"])
    return (await rate(api, cycle, "staff", "Q1", "DI_ATAS", "SESUAI"))["result"]["id"]


async def test_score_weighs_self_peers_and_rater(api, db, services, world, monkeypatch):
    set_today(monkeypatch, APRIL)
    await _weights(api, [{"source": "SELF", "weight": 1}, {"source": "PEER", "weight": 1},
                         {"source": "SUBORDINATE", "weight": 1}, {"source": "RATER", "weight": 2}])
    env = await running(api)
    peers = await add_peers(db, services, world)
    rhk = (await api.gql("query($id:ID!){skp(id:$id){workResults{id}}}",
                         {"id": env["skps"]["staff"]}, user="hr.alpha")).ok()
    await _self_assess(api, env, rhk["skp"]["workResults"][0]["id"])  # 1 x 5, 7 x 3
    review = type("S", (), {"skps": env["skps"], "period": env["periods"]["Q1"]})
    await nominate(api, review, "hr.alpha",
                   [{"employeeId": p.gid, "relation": "PEER"} for p in peers[:3]])
    for peer in peers[:2]:
        await answer(api, peer, scores={**SCORES, "BERORIENTASI_PELAYANAN": 1})
    result = await _rated(api, env)
    score = (await api.gql(READ, {"id": result}, user="hr.alpha")).ok()["result"]
    parts = {c["source"]: c["value"] for c in score["explanation"]["score"]["components"]}
    assert parts["SELF"] == pytest.approx(3.25) and parts["RATER"] == pytest.approx(4.0)
    assert parts["PEER"] is None and parts["SUBORDINATE"] is None  # 2 answers: unpublished
    before = score["explanation"]["score"]["value"]
    assert before == pytest.approx((3.25 + 2 * 4.0) / 3, abs=1e-4)
    await answer(api, peers[2], scores={**SCORES, "BERORIENTASI_PELAYANAN": 1})
    after = (await api.gql(READ, {"id": result}, user="hr.alpha")).ok()["result"]
    peer = next(c["value"] for c in after["explanation"]["score"]["components"]
                if c["source"] == "PEER")
    expected_peer = (sum(SCORES.values()) - SCORES["BERORIENTASI_PELAYANAN"] + 1) / 7
    assert peer == pytest.approx(expected_peer, abs=1e-2)
    assert after["explanation"]["score"]["value"] == pytest.approx(
        (3.25 + peer + 2 * 4.0) / 4, abs=1e-3)
    assert after["predikat"] == score["predikat"] == "BAIK"  # the score decides nothing


async def test_no_weights_no_score(api, monkeypatch):
    set_today(monkeypatch, date(2027, 4, 5))
    env = await running(api)
    result = await _rated(api, env)
    found = (await api.gql(READ, {"id": result}, user="hr.alpha")).ok()["result"]
    assert found["explanation"]["score"] is None


def test_weighted_score_arithmetic():
    assert weighted_score(None, {"RATER": 3.0}) is None
    assert weighted_score({"SELF": 1.0}, {"SELF": None, "RATER": 5.0}) is None
    score = weighted_score({"SELF": 1.0, "RATER": 3.0}, {"SELF": 1.0, "RATER": 5.0})
    assert score.value == 4.0 and [c.source.name for c in score.components] == ["SELF", "RATER"]
    assert weighted_score({"SELF": 0.0, "RATER": 1.0}, {"SELF": 5.0, "RATER": 1.0}).value == 1.0
