"""Self-assessment and 360 mutations. Thin: decode IDs, run the service in a savepoint
(`answer`), re-read the result as the queries would. Unknown or foreign IDs: NOT_FOUND."""

from __future__ import annotations

import strawberry

from ..graphql.context import Info
from ..graphql.enums import value_of
from ..graphql.payloads import answer
from ..graphql.permissions import Can
from ..graphql.relay import from_global_id, ref_id
from ..kit.fields import UNRESOLVABLE
from . import inputs as i
from . import views
from .codes import REVIEWER_STATUSES
from .service_nominations import NominationService
from .service_responses import ResponseService
from .service_self import Rated, SelfAssessmentService


async def _self_payload(info: Info, call, payload, error_type):
    async def build(result):
        return {"self_assessment": await views.self_assessment(info.context, *result)}
    return await answer(info.context, call, payload, error_type, build)


async def _nominations_payload(info: Info, call, payload, error_type):
    async def build(result):
        return {"nominations": await views.nominations(info.context, *result)}
    return await answer(info.context, call, payload, error_type, build)


async def _request_payload(info: Info, call, payload, error_type):
    async def build(request_id):
        found = await views.my_requests(info.context, REVIEWER_STATUSES, only=request_id)
        return {"request": found[0] if found else None}
    return await answer(info.context, call, payload, error_type, build)


@strawberry.type
class ReviewMutations:
    @strawberry.mutation(
        permission_classes=[Can("skp", "write")],
        description="Save your self-assessment of your SKP for a period (per RHK and per value a "
                    "rating and comment, plus an overall comment) while the cycle is RUNNING or "
                    "ASSESSMENT; editable until submitted.")
    async def save_self_assessment(self, info: Info, input: i.SaveSelfAssessmentInput
                                   ) -> i.SaveSelfAssessmentPayload:
        skp_id = from_global_id(input.skp_id, "Skp")[1]
        period_id = from_global_id(input.period_id, "Period")[1]
        rhks = [Rated(ref_id(w.work_result_id, "WorkResult"), value_of(w.rating), w.comment)
                for w in input.work_results]
        values = [Rated(v.value.value, value_of(v.rating), v.comment) for v in input.values]
        service = SelfAssessmentService(info.context.actor)
        return await _self_payload(
            info, lambda: service.save(skp_id, period_id, input.version, rhks, values,
                                       input.overall_comment),
            i.SaveSelfAssessmentPayload, i.SaveSelfAssessmentError)

    @strawberry.mutation(
        permission_classes=[Can("skp", "write")],
        description="Submit your self-assessment (every RHK and all seven values rated). "
                    "Repeating is harmless.")
    async def submit_self_assessment(self, info: Info, input: i.SubmitSelfAssessmentInput
                                     ) -> i.SubmitSelfAssessmentPayload:
        row_id = from_global_id(input.id, "SelfAssessment")[1]
        service = SelfAssessmentService(info.context.actor)
        return await _self_payload(info, lambda: service.submit(row_id, input.version),
                                   i.SubmitSelfAssessmentPayload, i.SubmitSelfAssessmentError)

    @strawberry.mutation(
        permission_classes=[Can("review", "nominate")],
        description="Nominate 360 reviewers of an SKP for a period (HR: any SKP; the rater: "
                    "SKPs they rate). On your own SKP this proposes them (PROPOSED) for HR or "
                    "the rater to accept.")
    async def nominate_reviewers(self, info: Info, input: i.NominateReviewersInput
                                 ) -> i.NominateReviewersPayload:
        skp_id = from_global_id(input.skp_id, "Skp")[1]
        period_id = from_global_id(input.period_id, "Period")[1]
        items = [(ref_id(r.employee_id, "Employee") or UNRESOLVABLE, r.relation.value)
                 for r in input.reviewers]
        service = NominationService(info.context.actor)
        return await _nominations_payload(
            info, lambda: service.nominate(skp_id, period_id, items),
            i.NominateReviewersPayload, i.NominateReviewersError)

    @strawberry.mutation(
        permission_classes=[Can("review", "nominate")],
        description="Accept or reject a reviewer the employee proposed (HR or the SKP's rater). "
                    "Repeating is harmless.")
    async def decide_review_proposal(self, info: Info, input: i.DecideReviewProposalInput
                                     ) -> i.DecideReviewProposalPayload:
        request_id = from_global_id(input.id, "ReviewRequest")[1]
        service = NominationService(info.context.actor)
        return await _nominations_payload(
            info, lambda: service.decide(request_id, input.accept),
            i.DecideReviewProposalPayload, i.DecideReviewProposalError)

    @strawberry.mutation(
        permission_classes=[Can("review", "respond")],
        description="Save your answer to a review request addressed to you: a score 1-5 per "
                    "value (3 = meets the expectation) and a comment; editable until submitted.")
    async def save_review_response(self, info: Info, input: i.SaveReviewResponseInput
                                   ) -> i.SaveReviewResponsePayload:
        request_id = from_global_id(input.id, "ReviewRequest")[1]
        ratings = [(r.value.value, r.score) for r in input.ratings]
        service = ResponseService(info.context.actor)
        return await _request_payload(
            info, lambda: service.save(request_id, input.version, ratings, input.comment),
            i.SaveReviewResponsePayload, i.SaveReviewResponseError)

    @strawberry.mutation(
        permission_classes=[Can("review", "respond")],
        description="Submit your answer (all seven values scored). Repeating is harmless.")
    async def submit_review_response(self, info: Info, input: i.ReviewRequestActionInput
                                     ) -> i.SubmitReviewResponsePayload:
        request_id = from_global_id(input.id, "ReviewRequest")[1]
        service = ResponseService(info.context.actor)
        return await _request_payload(info, lambda: service.submit(request_id, input.version),
                                      i.SubmitReviewResponsePayload, i.SubmitReviewResponseError)

    @strawberry.mutation(
        permission_classes=[Can("review", "respond")],
        description="Decline a pending review request addressed to you. Repeating is harmless.")
    async def decline_review_request(self, info: Info, input: i.ReviewRequestActionInput
                                     ) -> i.DeclineReviewRequestPayload:
        request_id = from_global_id(input.id, "ReviewRequest")[1]
        service = ResponseService(info.context.actor)
        return await _request_payload(info, lambda: service.decline(request_id, input.version),
                                      i.DeclineReviewRequestPayload, i.DeclineReviewRequestError)
