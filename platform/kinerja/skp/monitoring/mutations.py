"""Realisation and feedback mutations: thin; decode IDs, run the service in a savepoint
(`answer`), re-read the object. Unknown or foreign IDs: NOT_FOUND."""

from __future__ import annotations

import strawberry

from ...graphql.context import Info
from ...graphql.enums import value_of
from ...graphql.payloads import answer
from ...graphql.permissions import Can
from ...graphql.relay import from_global_id, ref_id
from ...kit.selection import root_selection
from .hydrate import load_realisation, load_thread
from .inputs import (
    GiveFeedbackError,
    GiveFeedbackInput,
    GiveFeedbackPayload,
    ReplyToFeedbackError,
    ReplyToFeedbackInput,
    ReplyToFeedbackPayload,
    SaveRealisationError,
    SaveRealisationInput,
    SaveRealisationPayload,
)
from .service_feedback import FeedbackService
from .service_realisations import EvidenceData, RealisationData, RealisationService


async def _thread(ctx, thread_id):
    return {"thread": await load_thread(ctx, thread_id)}


@strawberry.type
class MonitoringMutations:
    @strawberry.mutation(
        permission_classes=[Can("skp", "write")],
        description="Record (or replace) the realisation of an indicator of your approved SKP "
                    "for a period, with evidence, while the cycle is RUNNING or ASSESSMENT. HR "
                    "may correct any (audited). Every problem is reported at once.")
    async def save_realisation(self, info: Info,
                               input: SaveRealisationInput) -> SaveRealisationPayload:
        ctx = info.context
        data = RealisationData(
            indicator_id=from_global_id(input.indicator_id, "Indicator")[1],
            period_id=ref_id(input.period_id, "Period"), value=input.value,
            narrative=input.narrative, version=input.version,
            evidence=[EvidenceData(url=e.url, title=e.title,
                                   file_id=ref_id(e.file_id, "StoredFile"))
                      for e in input.evidence])
        sel = root_selection(info)["realisation"]

        async def build(realisation_id):
            return {"realisation": await load_realisation(ctx, realisation_id, sel)}

        service = RealisationService(ctx.actor)
        return await answer(ctx, lambda: service.save(data), SaveRealisationPayload,
                            SaveRealisationError, build)

    @strawberry.mutation(
        permission_classes=[Can("skp", "feedback")],
        description="Start a feedback thread on an SKP you rate (or supervise the rater of; "
                    "any, for HR) while the cycle is not CLOSED.")
    async def give_feedback(self, info: Info, input: GiveFeedbackInput) -> GiveFeedbackPayload:
        ctx = info.context
        skp_id = from_global_id(input.skp_id, "Skp")[1]
        realisation_id = ref_id(input.realisation_id, "Realisation")
        value = value_of(input.value)
        service = FeedbackService(ctx.actor)
        return await answer(ctx, lambda: service.give(skp_id, realisation_id, value, input.text),
                            GiveFeedbackPayload, GiveFeedbackError,
                            lambda thread_id: _thread(ctx, thread_id))

    @strawberry.mutation(
        permission_classes=[Can("skp", "read")],
        description="Reply in a feedback thread: the SKP's employee, or anyone who may give "
                    "feedback on it, while the cycle is not CLOSED.")
    async def reply_to_feedback(self, info: Info,
                                input: ReplyToFeedbackInput) -> ReplyToFeedbackPayload:
        ctx = info.context
        thread_id = from_global_id(input.thread_id, "FeedbackThread")[1]
        service = FeedbackService(ctx.actor)
        return await answer(ctx, lambda: service.reply(thread_id, input.text),
                            ReplyToFeedbackPayload, ReplyToFeedbackError,
                            lambda thread_id: _thread(ctx, thread_id))
