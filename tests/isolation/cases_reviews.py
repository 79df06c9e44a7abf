"""Isolation cases of self-assessments and 360 feedback.

`with_reviews` (on top of `with_skp_plan`) moves BOTH tenants' cycle to RUNNING and adds: a
complete DRAFT self-assessment of the staff SKP; a PROPOSED reviewer (staff2) of the staff
SKP; a PENDING request on the rater's SKP addressed to the staff member (linked to
staff.<tenant>) with all seven scores saved. Reviewer mutations answer NOT_FOUND (not
FORBIDDEN) to roles that may respond but are not the addressee: existence must not leak.
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa

from kinerja.models import Cycle, ReviewRequest, SelfAssessment
from kinerja.skp.codes import BERAKHLAK
from tests.isolation.cases_cycles import NAMESPACE, period_gid, skp_gid
from tests.isolation.cases_skp import raw, with_skp_plan
from tests.support.api import gid

ALL = {"admin", "hr", "rater", "staff", "auditor"}
RESPOND = {"admin", "hr", "rater", "staff"}
NOMINATE = {"admin", "hr", "rater", "staff"}
DECIDE = {"admin", "hr", "rater"}
IDENTITY = {"admin", "hr"}
OWNER = {"staff"}


def _id(world, slug: str, kind: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"review-{kind}:{world.tenant_id(slug)}")


def _cycle_and_period(world, slug):
    tenant_id = world.tenant_id(slug)
    return (uuid.uuid5(NAMESPACE, f"cycle:{tenant_id}"),
            uuid.uuid5(NAMESPACE, f"period:{tenant_id}"))


async def with_reviews(db, services, world) -> None:
    await with_skp_plan(db, services, world)
    await add_review_rows(db, world)


async def add_review_rows(db, world) -> None:
    """The review rows alone (for tests that already ran `with_skp_plan`)."""
    for slug in ("alpha", "beta"):
        tenant_id = world.tenant_id(slug)
        cycle_id, period_id = _cycle_and_period(world, slug)
        staff_skp = uuid.uuid5(NAMESPACE, f"skp:{tenant_id}")
        async with db.unit_of_work(tenant_id=tenant_id) as session:
            await session.execute(sa.update(Cycle).where(Cycle.id == cycle_id)
                                  .values(state="RUNNING"))
            session.add_all([
                SelfAssessment(id=_id(world, slug, "self"), tenant_id=tenant_id,
                               skp_id=staff_skp, period_id=period_id,
                               work_results=[{"work_result_id": str(raw(world, slug, "rhk-staff")),
                                              "rating": "SESUAI", "comment": slug}],
                               values=[{"value": v, "rating": "SESUAI", "comment": None}
                                       for v in BERAKHLAK], overall_comment=f"Diri {slug}"),
                ReviewRequest(id=_id(world, slug, "proposed"), tenant_id=tenant_id,
                              skp_id=staff_skp, period_id=period_id,
                              reviewer_id=world.employee_id(slug, "staff2"), relation="PEER",
                              status="PROPOSED"),
                ReviewRequest(id=_id(world, slug, "pending"), tenant_id=tenant_id,
                              skp_id=raw(world, slug, "rater"), period_id=period_id,
                              reviewer_id=world.employee_id(slug, "staff"),
                              relation="SUBORDINATE", status="PENDING",
                              ratings={v: 3 for v in BERAKHLAK}, comment=f"Saran {slug}")])


def _sp(world, slug):
    return {"s": skp_gid(world, slug), "p": period_gid(world, slug)}


def _request(world, slug, kind="pending"):
    return gid("ReviewRequest", _id(world, slug, kind))


SELF = "id status version workResults{workResultId text rating} values{value rating}"
SELF_RESULT = "selfAssessment{" + SELF + "} errors{field code}"
NOMINATION = "nominations{id reviewerName status} errors{field code}"
REQUEST = "request{id employeeName status version ratings{value score}} errors{field code}"
SUMMARY = ("skpId threshold status nominatedCount publishedCount combined{responseCount} "
           "comments")
CASES = [
    {"field": "selfAssessment",
     "operation": "query($s:ID!,$p:ID!){selfAssessment(skpId:$s,periodId:$p){" + SELF + "}}",
     "variables": _sp, "allowed_roles": ALL, "foreign_ok_codes": ["NOT_FOUND"],
     "setup": with_reviews},
    {"field": "reviewNominations",
     "operation": "query($s:ID!,$p:ID!){reviewNominations(skpId:$s,periodId:$p){id reviewerName "
                  "reviewerId relation status}}",
     "variables": _sp, "allowed_roles": ALL, "foreign_ok_codes": ["NOT_FOUND"],
     "setup": with_reviews},
    {"field": "reviewSummary",
     "operation": "query($s:ID!,$p:ID!){reviewSummary(skpId:$s,periodId:$p){" + SUMMARY + "}}",
     "variables": _sp, "allowed_roles": ALL, "foreign_ok_codes": ["NOT_FOUND"],
     "setup": with_reviews},
    {"field": "myReviewRequests",
     "operation": "{myReviewRequests{id employeeName status relation ratings{value score}}}",
     "variables": lambda world, slug: {}, "allowed_roles": RESPOND, "foreign_ok_codes": [],
     "setup": with_reviews},
    {"field": "reviewResponses",
     "operation": "query($s:ID!,$p:ID!){reviewResponses(skpId:$s,periodId:$p){id reviewerName "
                  "status comment}}",
     "variables": _sp, "allowed_roles": IDENTITY, "foreign_ok_codes": ["OK"],
     "setup": with_reviews},
    {"field": "saveSelfAssessment",
     "operation": "mutation($i:SaveSelfAssessmentInput!){saveSelfAssessment(input:$i){"
                  + SELF_RESULT + "}}",
     "variables": lambda world, slug: {"i": {
         "skpId": skp_gid(world, slug), "periodId": period_gid(world, slug), "version": 1,
         "values": [{"value": "LOYAL", "rating": "DI_ATAS", "comment": "Menjaga rahasia"}]}},
     "allowed_roles": OWNER, "foreign_ok_codes": ["NOT_FOUND"], "setup": with_reviews},
    {"field": "submitSelfAssessment",
     "operation": "mutation($i:SubmitSelfAssessmentInput!){submitSelfAssessment(input:$i){"
                  + SELF_RESULT + "}}",
     "variables": lambda world, slug: {"i": {"id": gid("SelfAssessment",
                                                       _id(world, slug, "self")),
                                             "version": 1}},
     "allowed_roles": OWNER, "foreign_ok_codes": ["NOT_FOUND"], "setup": with_reviews},
    {"field": "nominateReviewers",
     "operation": "mutation($i:NominateReviewersInput!){nominateReviewers(input:$i){"
                  + NOMINATION + "}}",
     "variables": lambda world, slug: {"i": {
         "skpId": skp_gid(world, slug), "periodId": period_gid(world, slug),
         "reviewers": [{"employeeId": gid("Employee", world.employee_id(slug, "other")),
                        "relation": "PEER"}]}},
     "allowed_roles": NOMINATE, "foreign_ok_codes": ["NOT_FOUND"], "setup": with_reviews},
    {"field": "decideReviewProposal",
     "operation": "mutation($i:DecideReviewProposalInput!){decideReviewProposal(input:$i){"
                  + NOMINATION + "}}",
     "variables": lambda world, slug: {"i": {"id": _request(world, slug, "proposed"),
                                             "accept": True}},
     "allowed_roles": DECIDE, "foreign_ok_codes": ["NOT_FOUND"], "setup": with_reviews},
    {"field": "saveReviewResponse",
     "operation": "mutation($i:SaveReviewResponseInput!){saveReviewResponse(input:$i){"
                  + REQUEST + "}}",
     "variables": lambda world, slug: {"i": {"id": _request(world, slug), "version": 1,
                                             "ratings": [{"value": "HARMONIS", "score": 4}],
                                             "comment": "Ramah"}},
     "allowed_roles": OWNER, "denied_codes": ["FORBIDDEN", "NOT_FOUND"],
     "foreign_ok_codes": ["NOT_FOUND"], "setup": with_reviews},
    {"field": "submitReviewResponse",
     "operation": "mutation($i:ReviewRequestActionInput!){submitReviewResponse(input:$i){"
                  + REQUEST + "}}",
     "variables": lambda world, slug: {"i": {"id": _request(world, slug), "version": 1}},
     "allowed_roles": OWNER, "denied_codes": ["FORBIDDEN", "NOT_FOUND"],
     "foreign_ok_codes": ["NOT_FOUND"], "setup": with_reviews},
    {"field": "declineReviewRequest",
     "operation": "mutation($i:ReviewRequestActionInput!){declineReviewRequest(input:$i){"
                  + REQUEST + "}}",
     "variables": lambda world, slug: {"i": {"id": _request(world, slug), "version": 1}},
     "allowed_roles": OWNER, "denied_codes": ["FORBIDDEN", "NOT_FOUND"],
     "foreign_ok_codes": ["NOT_FOUND"], "setup": with_reviews},
]
