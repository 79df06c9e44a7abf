"""Self-assessment and 360 feedback through the API: the self-assessment flow, nominations by
HR and the rater, proposals by the employee, reviewers answering and declining, publication
in batches of the anonymity threshold, and that the employee and the rater never receive a
reviewer's identity in any field, error or order; identity reads are HR-only and audited."""

from __future__ import annotations

import orjson
import sqlalchemy as sa

from kinerja.graphql.relay import from_global_id
from kinerja.models import AuditEvent
from kinerja.reviews.aggregates import value_means
from tests.api.reviews_support import SCORES, setup_reviews
from tests.support.api import gid

SELF = ("id status version overallComment workResults{workResultId text rating comment} "
        "values{value rating comment}")
SAVE_SELF = ("mutation($i:SaveSelfAssessmentInput!){saveSelfAssessment(input:$i){selfAssessment{"
             + SELF + "} errors{field code message}}}")
SUBMIT_SELF = ("mutation($i:SubmitSelfAssessmentInput!){submitSelfAssessment(input:$i){"
               "selfAssessment{" + SELF + "} errors{field code}}}")
READ_SELF = "query($s:ID!,$p:ID!){selfAssessment(skpId:$s,periodId:$p){" + SELF + "}}"
NOMINATION = "id reviewerName reviewerId relation status"
NOMINATE = ("mutation($i:NominateReviewersInput!){nominateReviewers(input:$i){nominations{"
            + NOMINATION + "} errors{field code message}}}")
DECIDE = ("mutation($i:DecideReviewProposalInput!){decideReviewProposal(input:$i){nominations{"
          + NOMINATION + "} errors{field code}}}")
NOMINATIONS = ("query($s:ID!,$p:ID!){reviewNominations(skpId:$s,periodId:$p){" + NOMINATION
               + "}}")
REQUEST = ("id employeeName periodKind periodNumber year relation status version "
           "ratings{value score} comment")
MINE = "{myReviewRequests{" + REQUEST + "}}"
SAVE_ANSWER = ("mutation($i:SaveReviewResponseInput!){saveReviewResponse(input:$i){request{"
               + REQUEST + "} errors{field code}}}")
SUBMIT_ANSWER = ("mutation($i:ReviewRequestActionInput!){submitReviewResponse(input:$i){"
                 "request{" + REQUEST + "} errors{field code}}}")
DECLINE = ("mutation($i:ReviewRequestActionInput!){declineReviewRequest(input:$i){request{"
           + REQUEST + "} errors{field code}}}")
AGG = "responseCount values{value count mean distribution}"
SUMMARY = ("query($s:ID!,$p:ID!){reviewSummary(skpId:$s,periodId:$p){skpId periodId threshold "
           "status nominatedCount publishedCount combined{" + AGG + "} peer{" + AGG + "} "
           "subordinate{" + AGG + "} comments}}")
IDENTITY = ("query($s:ID!,$p:ID!){reviewResponses(skpId:$s,periodId:$p){id reviewerId "
            "reviewerName relation status ratings{value score} comment submittedAt}}")
ALL_VALUES = list(SCORES)


def codes(payload) -> set[tuple[str | None, str]]:
    return {(e["field"], e["code"]) for e in payload["errors"]}


async def as_peer(api, peer, doc, variables=None):
    return await api.gql(doc, variables, token=peer.token, tenant="alpha")


async def nominate(api, s, user, reviewers, skp="staff", period=None):
    result = await api.gql(NOMINATE, {"i": {"skpId": s.skps[skp], "periodId": period or s.period,
                                            "reviewers": reviewers}}, user=user)
    return result.ok()["nominateReviewers"]


async def answer(api, peer, scores=SCORES, comment="Sangat membantu"):
    [request] = [r for r in (await as_peer(api, peer, MINE)).ok()["myReviewRequests"]
                 if r["status"] == "PENDING"]
    ratings = [{"value": v, "score": n} for v, n in scores.items()]
    saved = (await as_peer(api, peer, SAVE_ANSWER, {"i": {"id": request["id"], "ratings": ratings,
                                                          "comment": comment}})).ok()
    assert saved["saveReviewResponse"]["errors"] == []
    version = saved["saveReviewResponse"]["request"]["version"]
    done = (await as_peer(api, peer, SUBMIT_ANSWER, {"i": {"id": request["id"],
                                                           "version": version}})).ok()
    assert done["submitReviewResponse"]["errors"] == []
    return done["submitReviewResponse"]["request"]


async def summary(api, s, user="staff.alpha"):
    return (await api.gql(SUMMARY, {"s": s.skps["staff"], "p": s.period}, user=user)).ok()[
        "reviewSummary"]


# --- self-assessment ----------------------------------------------------------------------------

async def test_self_assessment_save_edit_submit_and_read(api, db, services, world):
    s = await setup_reviews(api, db, services, world)
    base = {"skpId": s.skps["staff"], "periodId": s.period}
    bad = (await api.gql(SAVE_SELF, {"i": {**base, "workResults": [
        {"workResultId": gid("WorkResult", "x"), "rating": "SESUAI"},
        {"workResultId": s.rhk, "rating": "SESUAI", "comment": "x" * 2001}],
        "values": [{"value": "LOYAL"}, {"value": "LOYAL"}]}}, user="staff.alpha")).ok()
    assert codes(bad["saveSelfAssessment"]) == {
        ("workResults.0.workResultId", "UNKNOWN_REFERENCE"),
        ("workResults.1.comment", "TOO_LONG"), ("values.1.value", "DUPLICATE")}
    assert (await api.gql(READ_SELF, {"s": base["skpId"], "p": s.period},
                          user="staff.alpha")).ok()["selfAssessment"] is None
    draft = (await api.gql(SAVE_SELF, {"i": {**base, "workResults": [
        {"workResultId": s.rhk, "rating": "DI_ATAS", "comment": "Semua surat selesai"}],
        "values": [{"value": "AKUNTABEL", "rating": "SESUAI"}],
        "overallComment": "  Triwulan   baik "}}, user="staff.alpha")).ok()["saveSelfAssessment"]
    sa_ = draft["selfAssessment"]
    assert draft["errors"] == [] and sa_["status"] == "DRAFT" and sa_["version"] == 1
    assert sa_["overallComment"] == "Triwulan baik" and len(sa_["values"]) == 7
    assert sa_["workResults"][0]["rating"] == "DI_ATAS"
    incomplete = (await api.gql(SUBMIT_SELF, {"i": {"id": sa_["id"], "version": 1}},
                                user="staff.alpha")).ok()["submitSelfAssessment"]
    assert codes(incomplete) == {(None, "ASSESSMENT_INCOMPLETE")}
    stale = await api.gql(SAVE_SELF, {"i": {**base, "version": 7}}, user="staff.alpha")
    assert stale.codes == ["CONFLICT"]
    values = [{"value": v, "rating": "SESUAI"} for v in ALL_VALUES]
    full = (await api.gql(SAVE_SELF, {"i": {**base, "version": 1, "values": values,
                                            "workResults": [{"workResultId": s.rhk,
                                                             "rating": "SESUAI"}]}},
                          user="staff.alpha")).ok()["saveSelfAssessment"]["selfAssessment"]
    assert full["version"] == 2
    for _ in range(2):  # idempotent
        done = (await api.gql(SUBMIT_SELF, {"i": {"id": full["id"], "version": 2}},
                              user="staff.alpha")).ok()["submitSelfAssessment"]
        assert done["errors"] == [] and done["selfAssessment"]["status"] == "SUBMITTED"
    late = (await api.gql(SAVE_SELF, {"i": base}, user="staff.alpha")).ok()
    assert codes(late["saveSelfAssessment"]) == {(None, "ALREADY_SUBMITTED")}
    for reader in ("rater.alpha", "hr.alpha", "auditor.alpha"):
        read = (await api.gql(READ_SELF, {"s": base["skpId"], "p": s.period}, user=reader)).ok()
        assert read["selfAssessment"]["status"] == "SUBMITTED"
    for writer in ("rater.alpha", "hr.alpha"):  # only the SKP's own employee
        assert (await api.gql(SAVE_SELF, {"i": base}, user=writer)).codes == ["FORBIDDEN"]
    other_period = {**base, "periodId": gid("Period", from_global_id(s.skps["rater"], "Skp")[1])}
    assert (await api.gql(SAVE_SELF, {"i": other_period}, user="staff.alpha")).codes == [
        "NOT_FOUND"]
    actions = await _audit_actions(db, world)
    assert actions.count("self_assessment.save") == 2
    assert actions.count("self_assessment.submit") == 1


async def test_self_assessment_needs_a_running_cycle(api, db, services, world):
    created = (await api.gql(
        "mutation($i:CreateCycleInput!){createCycle(input:$i){cycle{id periods{id}}}}",
        {"i": {"year": 2028, "name": "K"}}, user="hr.alpha")).ok()["createCycle"]["cycle"]
    await api.gql("mutation($i:AdvanceCycleInput!){advanceCycle(input:$i){errors{code}}}",
                  {"i": {"id": created["id"], "to": "PLANNING"}}, user="hr.alpha")
    skps = (await api.gql("query($c:ID!){skps(cycleId:$c){nodes{id employee{name}}}}",
                          {"c": created["id"]}, user="staff.alpha")).ok()["skps"]["nodes"]
    result = (await api.gql(SAVE_SELF, {"i": {"skpId": skps[0]["id"],
                                              "periodId": created["periods"][0]["id"]}},
                            user="staff.alpha")).ok()["saveSelfAssessment"]
    assert codes(result) == {(None, "ASSESSMENT_NOT_OPEN")} and result["selfAssessment"] is None


# --- nominations --------------------------------------------------------------------------------

async def test_nominations_by_rater_and_hr_and_a_proposal_accepted(api, db, services, world):
    s = await setup_reviews(api, db, services, world)
    p = s.peers
    by_rater = await nominate(api, s, "rater.alpha", [{"employeeId": p[0].gid,
                                                        "relation": "PEER"}])
    assert by_rater["errors"] == [] and by_rater["nominations"] == []  # rater: proposals only
    assert (await nominate(api, s, "hr.alpha", [{"employeeId": p[1].gid,
                                                 "relation": "PEER"}]))["errors"] == []
    proposed = await nominate(api, s, "staff.alpha", [{"employeeId": p[2].gid,
                                                       "relation": "PEER"}])
    assert [(n["reviewerName"], n["status"]) for n in proposed["nominations"]] == [
        ("Peer Tiga", "PROPOSED")]
    bad = await nominate(api, s, "hr.alpha", [
        {"employeeId": p[0].gid, "relation": "PEER"},
        {"employeeId": gid("Employee", world.employee_id("alpha", "staff")), "relation": "PEER"},
        {"employeeId": gid("Employee", world.employee_id("alpha", "rater")), "relation": "PEER"},
        {"employeeId": gid("Employee", world.employee_id("beta", "staff")), "relation": "PEER"},
        {"employeeId": "garbage", "relation": "SUBORDINATE"},
        {"employeeId": p[3].gid, "relation": "PEER"}, {"employeeId": p[3].gid, "relation": "PEER"}])
    assert codes(bad) == {("reviewers.0.employeeId", "DUPLICATE"),
                          ("reviewers.1.employeeId", "INVALID_REVIEWER"),
                          ("reviewers.2.employeeId", "INVALID_REVIEWER"),
                          ("reviewers.3.employeeId", "UNKNOWN_REFERENCE"),
                          ("reviewers.4.employeeId", "UNKNOWN_REFERENCE"),
                          ("reviewers.6.employeeId", "DUPLICATE")}
    empty = await nominate(api, s, "hr.alpha", [])
    assert codes(empty) == {("reviewers", "REQUIRED")}
    proposal = proposed["nominations"][0]["id"]
    own = await api.gql(DECIDE, {"i": {"id": proposal, "accept": True}}, user="staff.alpha")
    assert own.codes == ["FORBIDDEN"]  # the employee cannot accept their own proposal
    rater_list = (await api.gql(NOMINATIONS, {"s": s.skps["staff"], "p": s.period},
                                user="rater.alpha")).ok()["reviewNominations"]
    assert [n["status"] for n in rater_list] == ["PROPOSED"]
    rejected = (await api.gql(DECIDE, {"i": {"id": proposal, "accept": False}},
                              user="rater.alpha")).ok()["decideReviewProposal"]
    assert [n["status"] for n in rejected["nominations"]] == ["REJECTED"]
    for _ in range(2):  # accepting is idempotent; accepted rows leave the rater's view
        accepted = (await api.gql(DECIDE, {"i": {"id": proposal, "accept": True}},
                                  user="rater.alpha")).ok()["decideReviewProposal"]
        assert accepted["errors"] == [] and accepted["nominations"] == []
    again = (await api.gql(DECIDE, {"i": {"id": proposal, "accept": False}},
                           user="rater.alpha")).ok()["decideReviewProposal"]
    assert codes(again) == {(None, "INVALID_TRANSITION")}
    hr_list = (await api.gql(NOMINATIONS, {"s": s.skps["staff"], "p": s.period},
                             user="hr.alpha")).ok()["reviewNominations"]
    assert [(n["reviewerName"], n["status"]) for n in hr_list] == [
        ("Peer Dua", "NOMINATED"), ("Peer Satu", "NOMINATED"), ("Peer Tiga", "NOMINATED")]
    assert (await summary(api, s))["nominatedCount"] == 3
    # the rater cannot nominate for an SKP they do not rate (their own rater's SKP: not visible)
    head = await api.gql(NOMINATE, {"i": {"skpId": s.skps["head"], "periodId": s.period,
                                          "reviewers": [{"employeeId": p[0].gid,
                                                         "relation": "PEER"}]}},
                         user="rater.alpha")
    assert head.codes == ["NOT_FOUND"]


# --- answering ----------------------------------------------------------------------------------

async def test_reviewer_answers_submits_and_declines(api, db, services, world):
    s = await setup_reviews(api, db, services, world)
    p = s.peers
    await nominate(api, s, "hr.alpha", [{"employeeId": p[0].gid, "relation": "PEER"},
                                        {"employeeId": p[1].gid, "relation": "SUBORDINATE"}])
    await nominate(api, s, "staff.alpha", [{"employeeId": p[2].gid, "relation": "PEER"}])
    assert (await as_peer(api, p[2], MINE)).ok()["myReviewRequests"] == []  # only a proposal
    [mine] = (await as_peer(api, p[0], MINE)).ok()["myReviewRequests"]
    assert (mine["employeeName"], mine["status"], mine["year"]) == ("Alpha Staff", "PENDING", 2027)
    bad = (await as_peer(api, p[0], SAVE_ANSWER, {"i": {"id": mine["id"], "ratings": [
        {"value": "LOYAL", "score": 0}, {"value": "LOYAL", "score": 6}]}})).ok()
    assert codes(bad["saveReviewResponse"]) == {("ratings.0.score", "OUT_OF_RANGE"),
                                                ("ratings.1.value", "DUPLICATE"),
                                                ("ratings.1.score", "OUT_OF_RANGE")}
    partial = (await as_peer(api, p[0], SAVE_ANSWER, {"i": {"id": mine["id"], "ratings": [
        {"value": "LOYAL", "score": 3}]}})).ok()["saveReviewResponse"]["request"]
    early = (await as_peer(api, p[0], SUBMIT_ANSWER, {"i": {"id": mine["id"]}})).ok()
    assert codes(early["submitReviewResponse"]) == {("ratings", "RATINGS_INCOMPLETE")}
    stale = await as_peer(api, p[0], SAVE_ANSWER, {"i": {"id": mine["id"], "ratings": [],
                                                         "version": partial["version"] - 1}})
    assert stale.codes == ["CONFLICT"]
    # someone else's request, a proposal, a missing one: all the same NOT_FOUND
    for peer, request_id in ((p[1], mine["id"]), (p[2], mine["id"]),
                             (p[0], gid("ReviewRequest", "0" * 32))):
        for doc in (SAVE_ANSWER, SUBMIT_ANSWER, DECLINE):
            variables = {"i": {"id": request_id, **({"ratings": []} if doc is SAVE_ANSWER
                                                     else {})}}
            assert (await as_peer(api, peer, doc, variables)).codes == ["NOT_FOUND"]
    submitted = await answer(api, p[0])
    assert submitted["status"] == "SUBMITTED" and len(submitted["ratings"]) == 7
    again = (await as_peer(api, p[0], SUBMIT_ANSWER, {"i": {"id": mine["id"]}})).ok()
    assert again["submitReviewResponse"]["errors"] == []
    closed = (await as_peer(api, p[0], SAVE_ANSWER, {"i": {"id": mine["id"], "ratings": []}})).ok()
    assert codes(closed["saveReviewResponse"]) == {(None, "REQUEST_CLOSED")}
    no_decline = (await as_peer(api, p[0], DECLINE, {"i": {"id": mine["id"]}})).ok()
    assert codes(no_decline["declineReviewRequest"]) == {(None, "REQUEST_CLOSED")}
    [theirs] = (await as_peer(api, p[1], MINE)).ok()["myReviewRequests"]
    for _ in range(2):
        declined = (await as_peer(api, p[1], DECLINE, {"i": {"id": theirs["id"]}})).ok()
        assert declined["declineReviewRequest"]["request"]["status"] == "DECLINED"
    actions = await _audit_actions(db, world)
    assert actions.count("review.submit") == 1 and actions.count("review.decline") == 1
    answers = [e for e in await _audit_events(db, world) if e.action.startswith("review.")
               and e.object_type == "ReviewRequest"]
    assert all("ratings" not in orjson.dumps([e.before, e.after]).decode() for e in answers)


# --- anonymity ----------------------------------------------------------------------------------

async def test_below_threshold_nothing_then_whole_batches_only(api, db, services, world):
    s = await setup_reviews(api, db, services, world)
    p = s.peers
    await nominate(api, s, "hr.alpha", [{"employeeId": r.gid, "relation": "PEER"} for r in p])
    for peer in p[:2]:
        await answer(api, peer, comment=f"Komentar {peer.name}")
    for user in ("staff.alpha", "rater.alpha", "hr.alpha", "auditor.alpha"):
        below = await summary(api, s, user)
        assert below["status"] == "INSUFFICIENT_RESPONSES" and below["threshold"] == 3
        assert (below["combined"], below["peer"], below["subordinate"], below["comments"],
                below["publishedCount"]) == (None, None, None, [], 0)
    await answer(api, p[2], scores={**SCORES, "ADAPTIF": 5}, comment="Komentar Peer Tiga")
    at = await summary(api, s)
    assert at["status"] == "AVAILABLE" and at["publishedCount"] == 3
    assert at["peer"] == at["combined"] and at["subordinate"] is None
    adaptif = next(v for v in at["combined"]["values"] if v["value"] == "ADAPTIF")
    assert adaptif == {"value": "ADAPTIF", "count": 3, "mean": 3.0, "distribution": [0, 2, 0, 0, 1]}
    assert at["comments"] == ["Komentar Peer Dua", "Komentar Peer Satu", "Komentar Peer Tiga"]
    await answer(api, p[3], comment="Komentar Peer Empat")  # a 4th answer: no new batch yet
    assert await summary(api, s) == at
    means = await _value_means(db, world, s, 3)
    assert means == {from_global_id(s.skps["staff"], "Skp")[1]: {
        v["value"]: v["mean"] for v in at["combined"]["values"]}}
    assert await _value_means(db, world, s, 5) == {}


async def test_employee_and_rater_never_receive_a_reviewer_identity(api, db, services, world):
    s = await setup_reviews(api, db, services, world)
    p = s.peers
    await nominate(api, s, "hr.alpha", [{"employeeId": r.gid, "relation": "PEER"} for r in p[:3]])
    await nominate(api, s, "staff.alpha", [{"employeeId": p[3].gid, "relation": "SUBORDINATE"}])
    hr_view = (await api.gql(NOMINATIONS, {"s": s.skps["staff"], "p": s.period},
                             user="hr.alpha")).ok()["reviewNominations"]
    proposal = next(n["id"] for n in hr_view if n["status"] == "PROPOSED")
    await api.gql(DECIDE, {"i": {"id": proposal, "accept": True}}, user="rater.alpha")
    requests = []
    for number, peer in enumerate(p):
        requests.append(await answer(api, peer, comment=f"Catatan nomor {number}"))
    markers = set()
    for peer, request in zip(p, requests, strict=True):
        markers |= {peer.name, peer.username, str(peer.user_id), str(peer.employee_id),
                    peer.gid, gid("User", peer.user_id), request["id"],
                    str(from_global_id(request["id"])[1])}
    for user in ("staff.alpha", "rater.alpha"):
        bodies = [await api.gql(SUMMARY, {"s": s.skps["staff"], "p": s.period}, user=user),
                  await api.gql(NOMINATIONS, {"s": s.skps["staff"], "p": s.period}, user=user),
                  await api.gql(READ_SELF, {"s": s.skps["staff"], "p": s.period}, user=user),
                  await api.gql(IDENTITY, {"s": s.skps["staff"], "p": s.period}, user=user),
                  await api.gql(DECIDE, {"i": {"id": requests[0]["id"], "accept": False}},
                                user=user),
                  await api.gql(SAVE_ANSWER, {"i": {"id": requests[0]["id"], "ratings": []}},
                                user=user),
                  await api.gql("query($s:ID!){skp(id:$s){id history{actorName}}}",
                                {"s": s.skps["staff"]}, user=user),
                  await api.gql("query($s:ID!){node(id:$s){id}}", {"s": requests[0]["id"]},
                                user=user)]
        text = orjson.dumps([b.body for b in bodies]).decode()
        leaked = sorted(m for m in markers if m in text)
        assert not leaked, (user, leaked)
        view = bodies[0].data["reviewSummary"]
        assert view["status"] == "AVAILABLE" and view["combined"]["responseCount"] == 3
        assert view["subordinate"] is None  # a single subordinate answer is never shown
        assert view["comments"] == ["Catatan nomor 0", "Catatan nomor 1", "Catatan nomor 2"]
        assert bodies[3].codes == ["FORBIDDEN"]
        assert bodies[5].codes == ["NOT_FOUND"]  # same answer as a missing request
        assert bodies[6].data["skp"]["id"] == s.skps["staff"]
        assert bodies[7].codes == ["INVALID_ID"]  # review requests are no `node` (any ID)


async def test_identity_read_is_hr_only_and_every_read_is_audited(api, db, services, world):
    s = await setup_reviews(api, db, services, world)
    await nominate(api, s, "hr.alpha", [{"employeeId": s.peers[0].gid, "relation": "PEER"}])
    await answer(api, s.peers[0], comment="Rapi")
    variables = {"s": s.skps["staff"], "p": s.period}
    for _ in range(2):  # the same read twice: two events (never answered from a cache)
        [row] = (await api.gql(IDENTITY, variables, user="hr.alpha")).ok()["reviewResponses"]
        assert (row["reviewerName"], row["status"], row["comment"]) == ("Peer Satu", "SUBMITTED",
                                                                         "Rapi")
    nothing = {"s": s.skps["staff"], "p": s.year_period}
    assert (await api.gql(IDENTITY, nothing, user="admin.alpha")).ok()["reviewResponses"] == []
    foreign = {"s": gid("Skp", world.tenant_id("beta")), "p": s.period}
    assert (await api.gql(IDENTITY, foreign, user="hr.alpha")).ok()["reviewResponses"] == []
    reads = [e for e in await _audit_events(db, world) if e.action == "review.identity_read"]
    assert [e.after["returned"] for e in reads] == [1, 1, 0, 0]
    # another field of the same request fails: the names were read, so the read stays audited
    failing = IDENTITY.replace("{", "{ selfAssessment(skpId: \"bad\", periodId: $p) { id } ", 1)
    body = await api.gql(failing, variables, user="hr.alpha")
    assert body.codes == ["INVALID_ID"] and body.data["reviewResponses"]
    reads = [e for e in await _audit_events(db, world) if e.action == "review.identity_read"]
    assert len(reads) == 5
    for user in ("staff.alpha", "rater.alpha", "auditor.alpha"):
        assert (await api.gql(IDENTITY, variables, user=user)).codes == ["FORBIDDEN"]
    assert (await as_peer(api, s.peers[0], IDENTITY, variables)).codes == ["FORBIDDEN"]


async def test_my_review_requests_costs_the_same_statements_for_one_or_four(
        api, db, services, world, sql_counter):
    s = await setup_reviews(api, db, services, world)
    peer = s.peers[0]
    await nominate(api, s, "hr.alpha", [{"employeeId": peer.gid, "relation": "PEER"}])
    await as_peer(api, peer, MINE)
    before = sql_counter.count
    one = (await as_peer(api, peer, MINE + " ")).ok()["myReviewRequests"]
    small = sql_counter.count - before
    for skp in ("staff2", "rater"):
        await nominate(api, s, "hr.alpha", [{"employeeId": peer.gid, "relation": "PEER"}], skp=skp)
    await nominate(api, s, "hr.alpha", [{"employeeId": peer.gid, "relation": "PEER"}],
                   period=s.year_period)
    before = sql_counter.count
    four = (await as_peer(api, peer, MINE + "  ")).ok()["myReviewRequests"]
    assert (len(one), len(four)) == (1, 4) and sql_counter.count - before == small


async def _audit_events(db, world) -> list:
    async with db.unit_of_work(tenant_id=world.tenant_id("alpha")) as session:
        return list((await session.execute(sa.select(AuditEvent).order_by(
            AuditEvent.at, AuditEvent.id))).scalars())


async def _audit_actions(db, world) -> list[str]:
    return [e.action for e in await _audit_events(db, world)]


async def _value_means(db, world, s, threshold):
    async with db.unit_of_work(tenant_id=world.tenant_id("alpha")) as session:
        return await value_means(session, [from_global_id(s.skps["staff"], "Skp")[1]],
                                 from_global_id(s.period, "Period")[1], threshold)
