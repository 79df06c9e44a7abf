"""Mutations of the training settings and catalog. Thin: build the service input, run it in a
savepoint (`answer`), re-read as the queries would. Unknown or foreign IDs: NOT_FOUND."""

from __future__ import annotations

import strawberry

from ..graphql.context import Info
from ..graphql.payloads import answer
from ..graphql.permissions import Can
from ..graphql.relay import from_global_id
from . import settings as rules
from .inputs import (
    CreateTrainingActivityError,
    CreateTrainingActivityPayload,
    DeactivateTrainingActivityError,
    DeactivateTrainingActivityInput,
    DeactivateTrainingActivityPayload,
    TrainingActivityInput,
    UpdateTrainingActivityError,
    UpdateTrainingActivityInput,
    UpdateTrainingActivityPayload,
    UpdateTrainingSettingsError,
    UpdateTrainingSettingsInput,
    UpdateTrainingSettingsPayload,
)
from .queries import load_activity
from .service import ActivityData, TrainingService
from .types import TrainingSettings


def _service(ctx) -> TrainingService:
    return TrainingService(ctx.actor)


def _change(data: UpdateTrainingSettingsInput) -> rules.SettingsChange:
    return rules.SettingsChange(
        jp_rules=None if data.jp_rules is None else [
            rules.JpRuleChange(r.kind.value, r.jp_per_day, r.jp_per_day_international,
                               r.international_uplift_percent, r.remove) for r in data.jp_rules],
        minimum_jp=None if data.minimum_jp is None else [
            (m.employee_type.value, m.jp) for m in data.minimum_jp],
        value_competencies=None if data.value_competencies is None else [
            (v.value.value, list(v.competency_codes)) for v in data.value_competencies],
        low_value_threshold=data.low_value_threshold,
        development_predikat=None if data.development_predikat is None else [
            (p.predikat.value, list(p.competency_codes)) for p in data.development_predikat],
    )


def _activity(data: TrainingActivityInput) -> ActivityData:
    return ActivityData(title=data.title, form=data.form.value, kind=data.kind.value,
                        duration=rules.Duration(data.jp, data.duration_days, data.duration_hours),
                        competencies=list(data.competency_codes), provider=data.provider,
                        international=data.international)


async def _activity_payload(ctx, activity_id):
    return {"activity": await load_activity(ctx, activity_id)}


@strawberry.type
class TrainingMutations:
    @strawberry.mutation(permission_classes=[Can("training", "write")],
                         description="Save the next training-settings version (every field "
                                     "checked; all problems reported at once).")
    async def update_training_settings(self, info: Info, input: UpdateTrainingSettingsInput
                                       ) -> UpdateTrainingSettingsPayload:
        ctx = info.context
        change = _change(input)
        return await answer(
            ctx, lambda: _service(ctx).update_settings(change, input.version),
            UpdateTrainingSettingsPayload, UpdateTrainingSettingsError,
            lambda r: {"settings": TrainingSettings.build(r.id, r.version, r.content,
                                                          r.created_at)})

    @strawberry.mutation(permission_classes=[Can("training", "write")],
                         description="Add an activity to the catalog; its JP is computed.")
    async def create_training_activity(self, info: Info, input: TrainingActivityInput
                                       ) -> CreateTrainingActivityPayload:
        ctx = info.context
        data = _activity(input)
        return await answer(ctx, lambda: _service(ctx).create(data),
                            CreateTrainingActivityPayload, CreateTrainingActivityError,
                            lambda i: _activity_payload(ctx, i))

    @strawberry.mutation(permission_classes=[Can("training", "write")],
                         description="Replace a catalog activity's fields (JP recomputed). "
                                     "Items already planned keep their JP.")
    async def update_training_activity(self, info: Info, input: UpdateTrainingActivityInput
                                       ) -> UpdateTrainingActivityPayload:
        ctx = info.context
        activity_id = from_global_id(input.id, "TrainingActivity")[1]
        data = _activity(input.activity)
        return await answer(ctx, lambda: _service(ctx).update(activity_id, input.version, data),
                            UpdateTrainingActivityPayload, UpdateTrainingActivityError,
                            lambda i: _activity_payload(ctx, i))

    @strawberry.mutation(permission_classes=[Can("training", "write")],
                         description="Deactivate a catalog activity: no longer suggested or "
                                     "plannable; plans that use it keep it. Repeating is "
                                     "harmless.")
    async def deactivate_training_activity(self, info: Info,
                                           input: DeactivateTrainingActivityInput
                                           ) -> DeactivateTrainingActivityPayload:
        ctx = info.context
        activity_id = from_global_id(input.id, "TrainingActivity")[1]
        return await answer(ctx, lambda: _service(ctx).deactivate(activity_id, input.version),
                            DeactivateTrainingActivityPayload, DeactivateTrainingActivityError,
                            lambda i: _activity_payload(ctx, i))
