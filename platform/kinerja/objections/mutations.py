"""Objection mutations: file (the employee), request explanations and decide (the rater's
superior), explain (the rater or the employee, when asked). Thin: decode IDs, run the service
in a savepoint, re-read the objection."""

from __future__ import annotations

import uuid

import strawberry
from strawberry.types import Info

from ..graphql.payloads import answer
from ..graphql.permissions import Can
from ..graphql.relay import from_global_id
from ..kit.selection import root_selection
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
)
from ..results.mutations import access
from .queries import load_objection
from .service import ObjectionService


def _value(member):
    return member.value if member is not None else None


async def _run(info: Info, call, payload: type, error_type: type):
    ctx, sel = info.context, root_selection(info)["objection"]

    async def build(objection_id: uuid.UUID):
        ctx.loaders.clear()
        return {"objection": await load_objection(ctx, objection_id, sel)}

    return await answer(ctx, call, payload, error_type, build)


def _service(info: Info) -> ObjectionService:
    return ObjectionService(access(info.context))


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
        description="As the deciding superior, ask the rater and/or the employee to explain.")
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
        description="Decide an objection addressed to you (UPHOLD or CHANGE, with a reason). "
                    "The decision is final: the result becomes FINAL and locked.")
    async def decide_objection(self, info: Info,
                               input: DecideObjectionInput) -> DecideObjectionPayload:
        objection_id = from_global_id(input.objection_id, "Objection")[1]
        service = _service(info)
        return await _run(info, lambda: service.decide(
            objection_id, input.decision.value, _value(input.rating_hasil),
            _value(input.rating_perilaku), input.reason, input.version),
            DecideObjectionPayload, DecideObjectionError)
