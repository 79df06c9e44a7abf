"""Regressions for defects an adversarial review found in the merged features: 360 anonymity
(nomination errors, audit trail), result visibility through the distribution check, and
Unicode digits in the assessment-centre CSV."""

from __future__ import annotations

from tests.api.reviews_support import setup_reviews
from tests.api.test_competency_import import IMPORT, nip
from tests.api.test_result_distribution import QUERY, unit_with_results
from tests.api.test_reviews import DECLINE, MINE, NOMINATE, NOMINATIONS, answer, as_peer, codes

AUDIT = ("query($t:String){auditEvents(first:100,objectType:$t){nodes{action actorUserId "
         "objectId}}}")


def _propose_all(s, peers) -> dict:
    return {"i": {"skpId": s.skps["staff"], "periodId": s.period,
                  "reviewers": [{"employeeId": r.gid, "relation": "PEER"} for r in peers]}}


async def test_proposing_someone_already_nominated_does_not_say_so(api, db, services, world):
    s = await setup_reviews(api, db, services, world)
    p = s.peers
    hr = (await api.gql(NOMINATE, {"i": {"skpId": s.skps["staff"], "periodId": s.period,
                                         "reviewers": [{"employeeId": p[1].gid,
                                                        "relation": "PEER"}]}},
                        user="hr.alpha")).ok()["nominateReviewers"]
    assert hr["errors"] == []
    for user in ("staff.alpha", "rater.alpha"):
        probe = (await api.gql(NOMINATE, _propose_all(s, p), user=user)).ok()
        assert codes(probe["nominateReviewers"]) == set(), user
    again = (await api.gql(NOMINATE, _propose_all(s, p[1:2]), user="hr.alpha")).ok()
    assert codes(again["nominateReviewers"]) == {("reviewers.0.employeeId", "DUPLICATE")}


async def test_auditors_do_not_see_who_answered_or_declined(api, db, services, world):
    s = await setup_reviews(api, db, services, world)
    p = s.peers
    (await api.gql(NOMINATE, {"i": {"skpId": s.skps["staff"], "periodId": s.period,
                                    "reviewers": [{"employeeId": r.gid, "relation": "PEER"}
                                                  for r in p[:2]]}}, user="hr.alpha")).ok()
    await answer(api, p[0])
    [mine] = (await as_peer(api, p[1], MINE)).ok()["myReviewRequests"]
    (await as_peer(api, p[1], DECLINE, {"i": {"id": mine["id"]}})).ok()
    nominees = (await api.gql(NOMINATIONS, {"s": s.skps["staff"], "p": s.period},
                              user="auditor.alpha")).ok()["reviewNominations"]
    assert {n["status"] for n in nominees} == {"NOMINATED"}
    for user in ("auditor.alpha", "admin.alpha"):
        events = (await api.gql(AUDIT, {"t": "ReviewRequest"}, user=user)).ok()
        actions = {e["action"] for e in events["auditEvents"]["nodes"]}
        if user == "auditor.alpha":
            assert actions == set()  # hidden from readers without `review identity`
        else:
            assert {"review.submit", "review.decline"} <= actions  # still recorded
    everything = (await api.gql(AUDIT, {"t": None}, user="auditor.alpha")).ok()
    assert not {e["action"] for e in everything["auditEvents"]["nodes"]} & {
        "review.submit", "review.decline"}


async def test_distribution_counts_only_results_the_reader_may_see(api, db, world):
    period, unit = await unit_with_results(api, db, world, {"SANGAT_KURANG": 1})
    rater = (await api.gql(QUERY, {"p": period, "u": unit}, user="rater.alpha")).ok()
    assert rater["resultDistribution"]["unitSize"] == 0
    assert all(g["count"] == 0 for g in rater["resultDistribution"]["groups"])
    hr = (await api.gql(QUERY, {"p": period, "u": unit}, user="hr.alpha")).ok()
    groups = {g["predikat"]: g["count"] for g in hr["resultDistribution"]["groups"]}
    assert groups["SANGAT_KURANG"] == 1


async def test_unicode_digits_in_a_csv_level_are_a_row_error(api, world):
    staff = await nip(api, world, "staff")
    for level in ("²", "٣"):
        text = ("nip,competency_code,level,assessed_on,assessor\n"
                f"{staff},M.01,{level},2026-05-02,BKD\n")
        found = (await api.gql(IMPORT, {"csv": text, "dry": True}, user="hr.alpha")).ok()
        errors = found["importCompetencyAssessments"]["rowErrors"]
        assert [e["code"] for e in errors] == ["OUT_OF_RANGE"], level
