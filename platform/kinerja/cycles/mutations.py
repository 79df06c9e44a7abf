"""Mutations of rule sets and cycles. Thin: build the service input, run it in a savepoint
(`answer`), re-read the object as the queries would. Unknown or foreign IDs: NOT_FOUND."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from ..graphql.payloads import answer
from ..graphql.permissions import Can
from ..graphql.relay import from_global_id
from ..kit.selection import root_selection
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


def _value(member):
    return member.value if member is not None else None


def _change(data: UpdateRuleSetInput) -> RuleSetChange:
    return RuleSetChange(
        matrix=None if data.matrix is None else [
            (c.hasil_kerja.value, c.perilaku.value, c.predikat.value) for c in data.matrix],
        patterns=None if data.patterns is None else [
            PatternChange(p.organisation_result.value, _value(p.largest_group), [
                {"predikat": [x.value for x in b.predikat], "min_share": b.min_share,
                 "max_share": b.max_share, "min_count": b.min_count} for b in p.bounds])
            for p in data.patterns],
        small_unit_max_size=data.small_unit_max_size,
        small_unit_rounding=_value(data.small_unit_rounding),
        objection_window_days=data.objection_window_days,
        objection_day_kind=_value(data.objection_day_kind),
        period_granularity=_value(data.period_granularity),
        peer_anonymity_threshold=data.peer_anonymity_threshold,
        score_weights=None if data.score_weights is None else [
            (w.source.value, w.weight) for w in data.score_weights],
        clear_score_weights=data.clear_score_weights,
        head_of_unit_rating=None if data.head_of_unit_rating is None else [
            (h.organisation_result.value, h.rating_hasil.value) for h in data.head_of_unit_rating],
    )


def _cycles(ctx) -> CycleService:
    return CycleService(ctx.session, ctx.tenant_id, ctx.user_id, ctx.today)


@strawberry.type
class CycleMutations:
    @strawberry.mutation(permission_classes=[Can("rule_set", "write")],
                         description="Save the next rule-set version (every field checked; all "
                                     "problems reported at once). Existing cycles keep theirs.")
    async def update_rule_set(self, info: Info, input: UpdateRuleSetInput) -> UpdateRuleSetPayload:
        ctx = info.context
        change = _change(input)
        service = RuleSetService(ctx.session, ctx.tenant_id, ctx.user_id)
        return await answer(
            ctx, lambda: service.update(change, input.version), UpdateRuleSetPayload,
            UpdateRuleSetError, lambda r: {"rule_set": RuleSet.build(r.id, r.version, r.content,
                                                                      r.created_at)})

    @strawberry.mutation(permission_classes=[Can("cycle", "write")],
                         description="Create the agency's cycle for a year (one per year), with "
                                     "its periods; it uses the current rule-set version.")
    async def create_cycle(self, info: Info, input: CreateCycleInput) -> CreateCyclePayload:
        ctx, sel = info.context, root_selection(info)["cycle"]
        data = CycleInput(year=input.year, name=input.name)

        async def build(cycle_id):
            ctx.loaders.clear()
            return {"cycle": await load_cycle(ctx, cycle_id, sel)}

        return await answer(ctx, lambda: _cycles(ctx).create(data), CreateCyclePayload,
                             CreateCycleError, build)

    @strawberry.mutation(
        permission_classes=[Can("cycle", "write")],
        description="Move a cycle one state forward: DRAFT -> PLANNING (launch: an SKP draft for "
                    "every active employee) -> RUNNING -> ASSESSMENT -> CALIBRATION -> CLOSED. "
                    "Asking for the state it is in changes nothing (a repeated launch only adds "
                    "SKPs for employees who have none yet). A closed cycle is locked.")
    async def advance_cycle(self, info: Info, input: AdvanceCycleInput) -> AdvanceCyclePayload:
        ctx, sel = info.context, root_selection(info)["cycle"]
        cycle_id = from_global_id(input.id, "Cycle")[1]

        async def build(changed_id):
            ctx.loaders.clear()
            return {"cycle": await load_cycle(ctx, changed_id, sel)}

        return await answer(ctx, lambda: _cycles(ctx).advance(cycle_id, input.to.value,
                                                              input.version),
                             AdvanceCyclePayload, AdvanceCycleError, build)
