"""Bad input to the self-assessment and 360 fields: wrong-typed or malformed IDs, unknown enum
values, wrong scalar types, oversized lists and texts. Each gets a typed error (top-level
extensions.code or payload codes), never a server error, and changes no row at all."""

from __future__ import annotations

import pytest

from tests.api.reviews_support import setup_reviews
from tests.isolation import Unchanged
from tests.support.api import gid

SAVE_SELF = ("mutation($i:SaveSelfAssessmentInput!){saveSelfAssessment(input:$i){"
             "selfAssessment{id} errors{field code}}}")
SUBMIT_SELF = ("mutation($i:SubmitSelfAssessmentInput!){submitSelfAssessment(input:$i){"
               "selfAssessment{id} errors{field code}}}")
NOMINATE = ("mutation($i:NominateReviewersInput!){nominateReviewers(input:$i){nominations{id} "
            "errors{field code}}}")
DECIDE = ("mutation($i:DecideReviewProposalInput!){decideReviewProposal(input:$i){"
          "nominations{id} errors{field code}}}")
SAVE_ANSWER = ("mutation($i:SaveReviewResponseInput!){saveReviewResponse(input:$i){request{id} "
               "errors{field code}}}")
DECLINE = ("mutation($i:ReviewRequestActionInput!){declineReviewRequest(input:$i){request{id} "
           "errors{field code}}}")
SUMMARY = "query($s:ID!,$p:ID!){reviewSummary(skpId:$s,periodId:$p){status}}"
IDENTITY = "query($s:ID!,$p:ID!){reviewResponses(skpId:$s,periodId:$p){id}}"
TYPED = {"NOT_FOUND", "INVALID_ID", "BAD_USER_INPUT", "BAD_REQUEST", "FORBIDDEN",
         "CONFLICT"}


def cases(s, peer_gid):
    base = {"skpId": s.skps["staff"], "periodId": s.period}
    return [
        ("self: skp id of another type", "staff.alpha", SAVE_SELF,
         {"i": {**base, "skpId": s.period}}, None),
        ("self: garbage period", "staff.alpha", SAVE_SELF, {"i": {**base, "periodId": "%%%"}},
         None),
        ("self: unknown rating", "staff.alpha", SAVE_SELF,
         {"i": {**base, "values": [{"value": "LOYAL", "rating": "GREAT"}]}}, None),
        ("self: unknown value", "staff.alpha", SAVE_SELF,
         {"i": {**base, "values": [{"value": "LUCKY", "rating": "SESUAI"}]}}, None),
        ("self: version not an int", "staff.alpha", SAVE_SELF, {"i": {**base, "version": "2"}},
         None),
        ("self: overall comment too long", "staff.alpha", SAVE_SELF,
         {"i": {**base, "overallComment": "x" * 4001}}, {("overallComment", "TOO_LONG")}),
        ("self: rhk of another type", "staff.alpha", SAVE_SELF,
         {"i": {**base, "workResults": [{"workResultId": s.skps["staff"]}]}},
         {("workResults.0.workResultId", "UNKNOWN_REFERENCE")}),
        ("self: submit unknown", "staff.alpha", SUBMIT_SELF,
         {"i": {"id": gid("SelfAssessment", "00000000-0000-0000-0000-000000000000")}}, None),
        ("nominate: unknown relation", "hr.alpha", NOMINATE,
         {"i": {**base, "reviewers": [{"employeeId": peer_gid, "relation": "BOSS"}]}}, None),
        ("nominate: too many", "hr.alpha", NOMINATE,
         {"i": {**base, "reviewers": [{"employeeId": peer_gid, "relation": "PEER"}] * 31}},
         {("reviewers", "TOO_MANY_ROWS")}),
        ("nominate: reviewers null", "hr.alpha", NOMINATE, {"i": {**base, "reviewers": None}},
         None),
        ("decide: accept not a bool", "rater.alpha", DECIDE,
         {"i": {"id": gid("ReviewRequest", "x"), "accept": "yes"}}, None),
        ("decide: unknown request", "rater.alpha", DECIDE,
         {"i": {"id": gid("ReviewRequest", "00000000-0000-0000-0000-000000000000"),
                "accept": True}}, None),
        ("answer: score not an int", "staff.alpha", SAVE_ANSWER,
         {"i": {"id": gid("ReviewRequest", "x"), "ratings": [{"value": "LOYAL",
                                                              "score": 3.5}]}}, None),
        ("answer: huge score", "staff.alpha", SAVE_ANSWER,
         {"i": {"id": gid("ReviewRequest", "x"), "ratings": [{"value": "LOYAL",
                                                              "score": 2 ** 40}]}}, None),
        ("decline: id of another type", "staff.alpha", DECLINE, {"i": {"id": s.skps["staff"]}},
         None),
        ("summary: swapped ids", "staff.alpha", SUMMARY,
         {"s": s.period, "p": s.skps["staff"]}, None),
        ("summary: period of another agency", "hr.alpha", SUMMARY,
         {"s": s.skps["staff"], "p": gid("Period", "00000000-0000-0000-0000-000000000001")},
         None),
        ("identity: garbage ids", "hr.alpha", IDENTITY, {"s": "x", "p": "y"}, None),
    ]


async def test_bad_review_input_gets_typed_errors_and_changes_nothing(api, db, services, world):
    s = await setup_reviews(api, db, services, world)
    failures = []
    unchanged = await Unchanged.start(db)
    try:
        for name, user, doc, variables, expected in cases(s, s.peers[0].gid):
            await unchanged.mark()
            result = await api.gql(doc, variables, user=user)
            changed = await unchanged.changes()
            payload = next(iter((result.data or {}).values()), None)
            payload_codes = ({(e["field"], e["code"]) for e in payload["errors"]}
                             if isinstance(payload, dict) and "errors" in payload else set())
            if result.status >= 500 or "INTERNAL_SERVER_ERROR" in result.codes:
                failures.append(f"{name}: server error {result.body}")
            elif expected is not None and payload_codes != expected:
                failures.append(f"{name}: expected {expected}, got {result.body}")
            elif expected is None and not (result.codes and set(result.codes) <= TYPED):
                failures.append(f"{name}: expected a typed top-level error, got {result.body}")
            if changed:
                failures.append(f"{name}: changed {changed}")
    finally:
        unchanged.close()
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("score", [0, -1, 6])
async def test_out_of_range_scores_are_refused_per_field(api, db, services, world, score):
    s = await setup_reviews(api, db, services, world)
    await api.gql(NOMINATE, {"i": {"skpId": s.skps["staff"], "periodId": s.period, "reviewers": [
        {"employeeId": s.peers[0].gid, "relation": "PEER"}]}}, user="hr.alpha")
    [request] = (await api.gql("{myReviewRequests{id}}", token=s.peers[0].token,
                               tenant="alpha")).ok()["myReviewRequests"]
    result = (await api.gql(SAVE_ANSWER, {"i": {"id": request["id"], "ratings": [
        {"value": "KOMPETEN", "score": score}]}}, token=s.peers[0].token, tenant="alpha")).ok()
    assert result["saveReviewResponse"]["errors"] == [{"field": "ratings.0.score",
                                                       "code": "OUT_OF_RANGE"}]
