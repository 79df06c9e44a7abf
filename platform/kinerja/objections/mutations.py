"""Objection mutations: file (the employee), request explanations and decide (the rater's
superior only), explain (the rater or the employee, when asked), and HR recording the
superior when nobody can decide. Thin: decode IDs, run the service in a savepoint, re-read
the objection."""

from __future__ import annotations

import strawberry

from ..graphql.context import Info
from ..graphql.enums import value_of
from ..graphql.payloads import answer_reloaded
from ..graphql.permissions import Can
from ..graphql.relay import from_global_id
from ..results.inputs import (
    DecideObjectionError,
    DecideObjectionInput,
    DecideObjectionPayload,
    ExplainObjectionError,
    ExplainObjectionInput,
    ExplainObjectionPayload,
    FileObjectionError,
    FileObjectionInput,
    FileObjectionPayload,
    RequestObjectionExplanationError,
    RequestObjectionExplanationInput,
    RequestObjectionExplanationPayload,
    SetObjectionSuperiorError,
    SetObjectionSuperiorInput,
    SetObjectionSuperiorPayload,
)
from .queries import load_objection
from .service import ObjectionService


async def _run(info: Info, call, payload: type, error_type: type):
    return await answer_reloaded(info, call, payload, error_type, "objection", load_objection)


def _service(info: Info) -> ObjectionService:
    return ObjectionService(info.context.actor)


@strawberry.type
class ObjectionMutations:
    @strawberry.mutation(
        permission_classes=[Can("result", "object")],
        description="Object in writing to your released result within the objection window; "
                    "it goes to the rater's superior. Repeating is harmless.")
    async def file_objection(self, info: Info, input: FileObjectionInput) -> FileObjectionPayload:
        result_id = from_global_id(input.result_id, "PerformanceResult")[1]
        service = _service(info)
        return await _run(info, lambda: service.file(result_id, input.reasons, input.version),
                          FileObjectionPayload, FileObjectionError)

    @strawberry.mutation(
        permission_classes=[Can("result", "decide")],
        description="As the rater's superior recorded on the SKP (the one who decides), ask "
                    "the rater and/or the employee to explain.")
    async def request_objection_explanation(
            self, info: Info, input: RequestObjectionExplanationInput
    ) -> RequestObjectionExplanationPayload:
        objection_id = from_global_id(input.objection_id, "Objection")[1]
        parties = [p.value for p in input.parties]
        service = _service(info)
        return await _run(info, lambda: service.request(objection_id, parties, input.question,
                                                        input.version),
                          RequestObjectionExplanationPayload, RequestObjectionExplanationError)

    @strawberry.mutation(
        permission_classes=[Can("result", "read")],
        description="Answer the explanation asked of you (as the result's rater or its "
                    "employee); you may correct it until the decision.")
    async def explain_objection(self, info: Info,
                                input: ExplainObjectionInput) -> ExplainObjectionPayload:
        objection_id = from_global_id(input.objection_id, "Objection")[1]
        service = _service(info)
        return await _run(info, lambda: service.explain(objection_id, input.text),
                          ExplainObjectionPayload, ExplainObjectionError)

    @strawberry.mutation(
        permission_classes=[Can("result", "decide")],
        description="Decide an objection addressed to you as the rater's superior recorded on "
                    "the SKP (UPHOLD or CHANGE, with a reason); never one to a rating you "
                    "entered (OWN_RATING). No role decides in the superior's place. The "
                    "decision is final: the result becomes FINAL and is never reopened.")
    async def decide_objection(self, info: Info,
                               input: DecideObjectionInput) -> DecideObjectionPayload:
        objection_id = from_global_id(input.objection_id, "Objection")[1]
        service = _service(info)
        return await _run(info, lambda: service.decide(
            objection_id, input.decision.value, value_of(input.rating_hasil),
            value_of(input.rating_perilaku), input.reason, input.version),
            DecideObjectionPayload, DecideObjectionError)

    @strawberry.mutation(
        permission_classes=[Can("reporting_line", "write")],
        description="HR (reporting_line write, agency-wide): record the rater's superior who "
                    "decides an open objection, on the SKP and the objection, with a reason; "
                    "only when nobody recorded can decide it (none, inactive, or they entered "
                    "a rating), else SUPERIOR_RECORDED. See objectionsWithoutDecider.")
    async def set_objection_superior(self, info: Info, input: SetObjectionSuperiorInput
                                     ) -> SetObjectionSuperiorPayload:
        objection_id = from_global_id(input.objection_id, "Objection")[1]
        superior_id = from_global_id(input.superior_id, "Employee")[1]
        service = _service(info)
        return await _run(info, lambda: service.set_superior(objection_id, superior_id,
                                                             input.reason, input.version),
                          SetObjectionSuperiorPayload, SetObjectionSuperiorError)
