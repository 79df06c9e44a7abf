"""Mutations of rule sets and cycles. Thin: build the service input, run it in a savepoint
(`answer`), re-read the object as the queries would. Unknown or foreign IDs: NOT_FOUND."""

from __future__ import annotations

import strawberry

from ..graphql.context import Info
from ..graphql.enums import value_of
from ..graphql.payloads import answer, answer_reloaded
from ..graphql.permissions import Can
from ..graphql.relay import from_global_id
from .inputs import (
    AdvanceCycleError,
    AdvanceCycleInput,
    AdvanceCyclePayload,
    CreateCycleError,
    CreateCycleInput,
    CreateCyclePayload,
    UpdateRuleSetError,
    UpdateRuleSetInput,
    UpdateRuleSetPayload,
)
from .queries import load_cycle
from .service_cycles import CycleInput, CycleService
from .service_rules import PatternChange, RuleSetChange, RuleSetService
from .types import RuleSet


def _change(data: UpdateRuleSetInput) -> RuleSetChange:
    return RuleSetChange(
        matrix=None if data.matrix is None else [
            (c.hasil_kerja.value, c.perilaku.value, c.predikat.value) for c in data.matrix],
        patterns=None if data.patterns is None else [
            PatternChange(p.organisation_result.value, value_of(p.largest_group), [
                {"predikat": [x.value for x in b.predikat], "min_share": b.min_share,
                 "max_share": b.max_share, "min_count": b.min_count} for b in p.bounds])
            for p in data.patterns],
        small_unit_max_size=data.small_unit_max_size,
        small_unit_rounding=value_of(data.small_unit_rounding),
        objection_window_days=data.objection_window_days,
        objection_day_kind=value_of(data.objection_day_kind),
        period_granularity=value_of(data.period_granularity),
        peer_anonymity_threshold=data.peer_anonymity_threshold,
        score_weights=None if data.score_weights is None else [
            (w.source.value, w.weight) for w in data.score_weights],
        clear_score_weights=data.clear_score_weights,
        head_of_unit_rating=None if data.head_of_unit_rating is None else [
            (h.organisation_result.value, h.rating_hasil.value) for h in data.head_of_unit_rating],
    )


def _cycles(ctx) -> CycleService:
    return CycleService(ctx.actor)


@strawberry.type
class CycleMutations:
    @strawberry.mutation(permission_classes=[Can("rule_set", "write")],
                         description="Save the next rule-set version (every field checked; all "
                                     "problems reported at once). Existing cycles keep theirs.")
    async def update_rule_set(self, info: Info, input: UpdateRuleSetInput) -> UpdateRuleSetPayload:
        ctx = info.context
        change = _change(input)
        service = RuleSetService(ctx.actor)
        return await answer(
            ctx, lambda: service.update(change, input.version), UpdateRuleSetPayload,
            UpdateRuleSetError, lambda r: {"rule_set": RuleSet.build(r.id, r.version, r.content,
                                                                      r.created_at)})

    @strawberry.mutation(permission_classes=[Can("cycle", "write")],
                         description="Create the agency's cycle for a year (one per year), with "
                                     "its periods; it uses the current rule-set version.")
    async def create_cycle(self, info: Info, input: CreateCycleInput) -> CreateCyclePayload:
        ctx = info.context
        data = CycleInput(year=input.year, name=input.name)
        return await answer_reloaded(info, lambda: _cycles(ctx).create(data), CreateCyclePayload,
                                     CreateCycleError, "cycle", load_cycle)

    @strawberry.mutation(
        permission_classes=[Can("cycle", "write")],
        description="Move a cycle one state forward: DRAFT -> PLANNING (launch: an SKP draft for "
                    "every active employee) -> RUNNING -> ASSESSMENT -> CALIBRATION -> CLOSED. "
                    "Asking for the state it is in changes nothing (a repeated launch only adds "
                    "SKPs for employees who have none yet). A closed cycle is locked.")
    async def advance_cycle(self, info: Info, input: AdvanceCycleInput) -> AdvanceCyclePayload:
        ctx = info.context
        cycle_id = from_global_id(input.id, "Cycle")[1]
        return await answer_reloaded(
            info, lambda: _cycles(ctx).advance(cycle_id, input.to.value, input.version),
            AdvanceCyclePayload, AdvanceCycleError, "cycle", load_cycle)
