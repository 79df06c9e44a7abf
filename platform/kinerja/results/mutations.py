"""Result, organisation-result and unit-head mutations. Thin: decode IDs, run the service in a
savepoint (`answer`), re-read the object as the queries would. Unknown or foreign IDs:
NOT_FOUND."""

from __future__ import annotations

import strawberry

from ..errors import NotFound
from ..graphql.context import Info
from ..graphql.enums import value_of
from ..graphql.payloads import answer, answer_reloaded
from ..graphql.permissions import Can
from ..graphql.relay import from_global_id, ref_id
from ..kit.selection import root_selection
from ..people import hydrate as people
from .inputs import (
    AcknowledgeResultError,
    AcknowledgeResultPayload,
    CalibrateResultError,
    CalibrateResultInput,
    CalibrateResultPayload,
    RateResultError,
    RateResultInput,
    RateResultPayload,
    ReleaseResultsError,
    ReleaseResultsInput,
    ReleaseResultsPayload,
    ReopenResultError,
    ReopenResultInput,
    ReopenResultPayload,
    ResultStepInput,
    SetOrganisationResultError,
    SetOrganisationResultInput,
    SetOrganisationResultPayload,
    SetUnitHeadError,
    SetUnitHeadInput,
    SetUnitHeadPayload,
)
from .queries import load_result
from .repository import ResultRepository
from .service_rating import Rating, RatingService
from .service_release import ReleaseService
from .service_units import UnitResultService
from .types import OrganisationResultNode


async def _result(info: Info, call, payload: type, error_type: type):
    return await answer_reloaded(info, call, payload, error_type, "result", load_result)


@strawberry.type
class ResultMutations:
    @strawberry.mutation(
        permission_classes=[Can("result", "rate")],
        description="Rate an approved SKP for a period (the SKP's rater, or HR): both ratings, "
                    "with a justification for any rating that is not SESUAI. The predikat comes "
                    "from the cycle's rule set. Re-rating is possible until release.")
    async def rate_result(self, info: Info, input: RateResultInput) -> RateResultPayload:
        data = Rating(skp_id=from_global_id(input.skp_id, "Skp")[1],
                      period_id=ref_id(input.period_id, "Period"),
                      rating_hasil=value_of(input.rating_hasil),
                      rating_perilaku=input.rating_perilaku.value,
                      justification_hasil=input.justification_hasil,
                      justification_perilaku=input.justification_perilaku)
        service = RatingService(info.context.actor)
        return await _result(info, lambda: service.rate(data, input.version),
                             RateResultPayload, RateResultError)

    @strawberry.mutation(
        permission_classes=[Can("result", "calibrate")],
        description="Adjust an unreleased result while the cycle is in CALIBRATION, with a "
                    "reason (HR). The original ratings stay in the explanation.")
    async def calibrate_result(self, info: Info,
                               input: CalibrateResultInput) -> CalibrateResultPayload:
        result_id = from_global_id(input.result_id, "PerformanceResult")[1]
        service = RatingService(info.context.actor)
        return await _result(info, lambda: service.calibrate(
            result_id, value_of(input.rating_hasil), value_of(input.rating_perilaku), input.reason,
            input.version), CalibrateResultPayload, CalibrateResultError)

    @strawberry.mutation(
        permission_classes=[Can("result", "release")],
        description="Release the rated results of a period (of one unit's employees, or all): "
                    "their employees see them and the objection window starts. Repeating it "
                    "releases only results rated since.")
    async def release_results(self, info: Info,
                              input: ReleaseResultsInput) -> ReleaseResultsPayload:
        ctx = info.context
        cycle_id = from_global_id(input.cycle_id, "Cycle")[1]
        period_id = ref_id(input.period_id, "Period")
        unit_id = ref_id(input.unit_id, "OrgUnit")
        service = ReleaseService(ctx.actor)
        return await answer(ctx, lambda: service.release(cycle_id, period_id, unit_id),
                            ReleaseResultsPayload, ReleaseResultsError,
                            lambda done: {"released_count": done[2]})

    @strawberry.mutation(
        permission_classes=[Can("result", "object")],
        description="Acknowledge your released result (instead of objecting). Repeating is "
                    "harmless.")
    async def acknowledge_result(self, info: Info,
                                 input: ResultStepInput) -> AcknowledgeResultPayload:
        result_id = from_global_id(input.result_id, "PerformanceResult")[1]
        service = ReleaseService(info.context.actor)
        return await _result(info, lambda: service.acknowledge(result_id, input.version),
                             AcknowledgeResultPayload, AcknowledgeResultError)

    @strawberry.mutation(
        permission_classes=[Can("result", "reopen")],
        description="Reopen a released or final result with a reason (HR): it goes back to "
                    "RATED, may be rated or calibrated again and must be released again.")
    async def reopen_result(self, info: Info, input: ReopenResultInput) -> ReopenResultPayload:
        result_id = from_global_id(input.result_id, "PerformanceResult")[1]
        service = ReleaseService(info.context.actor)
        return await _result(info, lambda: service.reopen(result_id, input.reason,
                                                          input.version),
                             ReopenResultPayload, ReopenResultError)

    @strawberry.mutation(
        permission_classes=[Can("org_result", "write")],
        description="Set a unit's organisation result for a period (it fixes the pattern of "
                    "the unit's predikat and a head of unit's Rating Hasil Kerja).")
    async def set_organisation_result(
            self, info: Info, input: SetOrganisationResultInput) -> SetOrganisationResultPayload:
        ctx = info.context
        unit_id = from_global_id(input.unit_id, "OrgUnit")[1]
        period_id = from_global_id(input.period_id, "Period")[1]
        service = UnitResultService(ctx.actor)

        async def build(row_id):
            row = await ResultRepository(ctx.session).org_result(unit_id, period_id)
            return {"organisation_result": OrganisationResultNode.from_row(row)}

        return await answer(ctx, lambda: service.set_org_result(
            unit_id, period_id, input.result.value, input.note, input.version),
            SetOrganisationResultPayload, SetOrganisationResultError, build)

    @strawberry.mutation(
        permission_classes=[Can("org_unit", "write")],
        description="Name the head of a unit (a member of it), or clear it. The head's Rating "
                    "Hasil Kerja follows the unit's organisation result.")
    async def set_unit_head(self, info: Info, input: SetUnitHeadInput) -> SetUnitHeadPayload:
        ctx, sel = info.context, root_selection(info)
        unit_id = from_global_id(input.unit_id, "OrgUnit")[1]
        employee_id = ref_id(input.employee_id, "Employee")
        service = UnitResultService(ctx.actor)

        async def build(changed):
            ctx.loaders.clear()
            unit = (await people.units(ctx, [changed])).get(changed)
            if unit is None:
                raise NotFound()
            await people.hydrate_units(ctx, [unit], sel["orgUnit"])
            head_id = await ResultRepository(ctx.session).unit_head(changed)
            head = (await people.employees(ctx, [head_id])).get(head_id) if head_id else None
            if head is not None:
                await people.hydrate_employees(ctx, [head], sel["head"])
            return {"org_unit": unit, "head": head}

        return await answer(ctx, lambda: service.set_head(unit_id, employee_id, input.version),
                            SetUnitHeadPayload, SetUnitHeadError, build)
