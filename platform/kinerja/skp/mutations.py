"""SKP plan and workflow mutations. Thin: decode IDs, run the service in a savepoint
(`answer`), re-read the SKP as the queries would. Unknown or foreign IDs: NOT_FOUND."""

from __future__ import annotations

import strawberry

from ..graphql.context import Info
from ..graphql.payloads import answer_reloaded
from ..graphql.permissions import Can
from ..graphql.relay import from_global_id, ref_id
from .inputs import (
    ApproveSkpError,
    ApproveSkpPayload,
    ReturnSkpError,
    ReturnSkpInput,
    ReturnSkpPayload,
    SaveSkpPlanError,
    SaveSkpPlanInput,
    SaveSkpPlanPayload,
    SetBehaviourExpectationsError,
    SetBehaviourExpectationsInput,
    SetBehaviourExpectationsPayload,
    SkpTransitionInput,
    SubmitSkpError,
    SubmitSkpPayload,
)
from .queries import load_skp
from .service_plan import IndicatorData, SkpPlanService, WorkResultData
from .service_workflow import SkpWorkflow


def _plan(data: SaveSkpPlanInput) -> list[WorkResultData]:
    return [WorkResultData(
        id=ref_id(w.id, "WorkResult"), kind=w.kind.value, text=w.text,
        parent_id=ref_id(w.parent_id, "WorkResult"),
        indicators=[IndicatorData(id=ref_id(i.id, "Indicator"), aspect=i.aspect.value,
                                  text=i.text, target_value=i.target_value,
                                  target_unit=i.target_unit, target_text=i.target_text)
                    for i in w.indicators]) for w in data.work_results]


async def _run(info: Info, call, payload: type, error_type: type):
    return await answer_reloaded(info, call, payload, error_type, "skp", load_skp)


@strawberry.type
class SkpMutations:
    @strawberry.mutation(
        permission_classes=[Can("skp", "write")],
        description="Save the whole plan of an SKP (your own, or any for HR) while it is DRAFT, "
                    "RETURNED or APPROVED (a change to an approved plan needs re-approval: it "
                    "goes back to DRAFT). Every problem is reported at once.")
    async def save_skp_plan(self, info: Info, input: SaveSkpPlanInput) -> SaveSkpPlanPayload:
        skp_id = from_global_id(input.skp_id, "Skp")[1]
        plan = _plan(input)
        service = SkpPlanService(info.context.actor)
        return await _run(info, lambda: service.save_plan(skp_id, input.version, plan),
                          SaveSkpPlanPayload, SaveSkpPlanError)

    @strawberry.mutation(
        permission_classes=[Can("skp", "approve")],
        description="Set the rater's specific expectations for the BerAKHLAK values of an SKP "
                    "you rate (or any, for HR). Unlisted values have none.")
    async def set_behaviour_expectations(
            self, info: Info, input: SetBehaviourExpectationsInput
    ) -> SetBehaviourExpectationsPayload:
        skp_id = from_global_id(input.skp_id, "Skp")[1]
        items = [(e.value.value, e.text) for e in input.expectations]
        service = SkpPlanService(info.context.actor)
        return await _run(info, lambda: service.set_expectations(skp_id, input.version, items),
                          SetBehaviourExpectationsPayload, SetBehaviourExpectationsError)

    @strawberry.mutation(
        permission_classes=[Can("skp", "write")],
        description="Submit your SKP for approval (DRAFT or RETURNED -> SUBMITTED); it needs at "
                    "least one UTAMA RHK and an indicator on every RHK. Repeating is harmless.")
    async def submit_skp(self, info: Info, input: SkpTransitionInput) -> SubmitSkpPayload:
        skp_id = from_global_id(input.id, "Skp")[1]
        workflow = SkpWorkflow(info.context.actor)
        return await _run(info, lambda: workflow.submit(skp_id, input.version),
                          SubmitSkpPayload, SubmitSkpError)

    @strawberry.mutation(
        permission_classes=[Can("skp", "approve")],
        description="Approve a submitted SKP you rate (SUBMITTED -> APPROVED). Repeating is "
                    "harmless.")
    async def approve_skp(self, info: Info, input: SkpTransitionInput) -> ApproveSkpPayload:
        skp_id = from_global_id(input.id, "Skp")[1]
        workflow = SkpWorkflow(info.context.actor)
        return await _run(info, lambda: workflow.approve(skp_id, input.version),
                          ApproveSkpPayload, ApproveSkpError)

    @strawberry.mutation(
        permission_classes=[Can("skp", "approve")],
        description="Return a submitted SKP you rate to its employee with a comment "
                    "(SUBMITTED -> RETURNED). Repeating is harmless.")
    async def return_skp(self, info: Info, input: ReturnSkpInput) -> ReturnSkpPayload:
        skp_id = from_global_id(input.id, "Skp")[1]
        workflow = SkpWorkflow(info.context.actor)
        return await _run(info, lambda: workflow.return_(skp_id, input.version, input.comment),
                          ReturnSkpPayload, ReturnSkpError)
