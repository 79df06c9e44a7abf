"""Development plan mutations. Thin: decode IDs, run the service in a savepoint (`answer`),
re-read the item and its plan as the queries would. Unknown or foreign IDs: NOT_FOUND."""

from __future__ import annotations

import strawberry

from ..graphql.context import Info
from ..graphql.payloads import answer
from ..graphql.permissions import Can
from ..graphql.relay import from_global_id, ref_id
from ..kit.selection import Selection, root_selection
from ..training.settings import Duration
from .inputs import (
    AcceptSuggestionError,
    AcceptSuggestionInput,
    AcceptSuggestionPayload,
    ApproveDevelopmentItemError,
    ApproveDevelopmentItemInput,
    ApproveDevelopmentItemPayload,
    ProposeDevelopmentItemError,
    ProposeDevelopmentItemInput,
    ProposeDevelopmentItemPayload,
    UpdateDevelopmentItemStatusError,
    UpdateDevelopmentItemStatusInput,
    UpdateDevelopmentItemStatusPayload,
)
from .queries import load_plan
from .service import Changed, DevelopmentService, ItemData


async def _run(info: Info, call, payload: type, error_type: type):
    """The payload's plan is loaded once; its items carry what `item` and `plan.items` ask."""
    ctx, sel = info.context, root_selection(info)
    items = Selection()
    items._merge(sel.get("plan", "items"))
    items._merge(sel["item"])
    full = Selection({**sel["plan"].fields, "items": items})

    async def build(changed: Changed):
        ctx.loaders.clear()
        plan = await load_plan(ctx, changed.employee_id, changed.year, full)
        item = next(i for i in plan.items if i.raw_id == changed.item_id)
        return {"item": item, "plan": plan}

    return await answer(ctx, call, payload, error_type, build)


def _service(info: Info) -> DevelopmentService:
    return DevelopmentService(info.context.actor)


@strawberry.type
class DevelopmentMutations:
    @strawberry.mutation(permission_classes=[Can("development_plan", "write")],
                         description="Propose an item for an employee's plan of a year (your "
                                     "own, someone you rate, or anyone for HR) as PROPOSED.")
    async def propose_development_item(self, info: Info, input: ProposeDevelopmentItemInput
                                       ) -> ProposeDevelopmentItemPayload:
        employee_id = from_global_id(input.employee_id, "Employee")[1]
        data = ItemData(activity_id=ref_id(input.activity_id, "TrainingActivity"),
                        title=input.title, kind=input.kind.value if input.kind else None,
                        competency_code=input.competency_code,
                        duration=Duration(input.jp, input.duration_days, input.duration_hours),
                        international=input.international)
        service = _service(info)
        return await _run(info, lambda: service.propose(employee_id, input.year, data),
                          ProposeDevelopmentItemPayload, ProposeDevelopmentItemError)

    @strawberry.mutation(permission_classes=[Can("development_plan", "write")],
                         description="Add one of `developmentSuggestions` to the plan as "
                                     "PROPOSED, keeping why it was suggested.")
    async def accept_suggestion(self, info: Info, input: AcceptSuggestionInput
                                ) -> AcceptSuggestionPayload:
        employee_id = from_global_id(input.employee_id, "Employee")[1]
        service = _service(info)
        return await _run(info, lambda: service.accept(employee_id, input.year, input.key,
                                                       input.jp),
                          AcceptSuggestionPayload, AcceptSuggestionError)

    @strawberry.mutation(permission_classes=[Can("development_plan", "approve")],
                         description="Approve a PROPOSED item: the employee's current rater, "
                                     "or HR; never your own. Repeating is harmless.")
    async def approve_development_item(self, info: Info, input: ApproveDevelopmentItemInput
                                       ) -> ApproveDevelopmentItemPayload:
        item_id = from_global_id(input.id, "DevelopmentItem")[1]
        service = _service(info)
        return await _run(info, lambda: service.move(item_id, "APPROVED", input.version,
                                                     approving=True),
                          ApproveDevelopmentItemPayload, ApproveDevelopmentItemError)

    @strawberry.mutation(permission_classes=[Can("development_plan", "write")],
                         description="Start, complete (with a certificate link or upload) or "
                                     "cancel an item. Asking for the status it has changes "
                                     "nothing.")
    async def update_development_item_status(self, info: Info,
                                             input: UpdateDevelopmentItemStatusInput
                                             ) -> UpdateDevelopmentItemStatusPayload:
        item_id = from_global_id(input.id, "DevelopmentItem")[1]
        service = _service(info)
        file_id = ref_id(input.evidence_file_id, "StoredFile")
        return await _run(info, lambda: service.move(item_id, input.status.value, input.version,
                                                     input.actual_jp, input.evidence_url,
                                                     evidence_file_id=file_id),
                          UpdateDevelopmentItemStatusPayload, UpdateDevelopmentItemStatusError)
