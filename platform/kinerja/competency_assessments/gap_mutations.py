"""Mutations of JPM bands (HR) and target positions (HR or the employee). Thin."""

from __future__ import annotations

import strawberry

from ..graphql.context import Info
from ..graphql.payloads import answer
from ..graphql.permissions import Can
from ..graphql.relay import from_global_id
from ..kit.selection import root_selection
from .bands import save_bands
from .gap_queries import load_analysis
from .gap_types import (
    SetJpmBandsError,
    SetJpmBandsInput,
    SetJpmBandsPayload,
    SetTargetPositionError,
    SetTargetPositionInput,
    SetTargetPositionPayload,
    bands_type,
)
from .queries import access
from .targets import set_target


@strawberry.type
class GapMutations:
    @strawberry.mutation(permission_classes=[Can("competency", "write")],
                         description="Replace the agency's JPM bands (highest `min` first, the "
                                     "last at 0, each `min` below the previous one).")
    async def set_jpm_bands(self, info: Info, input: SetJpmBandsInput) -> SetJpmBandsPayload:
        ctx = info.context
        items = [(b.code, b.label, b.min) for b in input.bands]
        return await answer(
            ctx, lambda: save_bands(ctx.actor, items, input.version),
            SetJpmBandsPayload, SetJpmBandsError, lambda found: {"bands": bands_type(found)})

    @strawberry.mutation(permission_classes=[Can("competency_assessment", "write")],
                         description="Choose the position an employee aims for (HR for anyone, "
                                     "an employee for themself); a null position clears it.")
    async def set_target_position(self, info: Info, input: SetTargetPositionInput
                                  ) -> SetTargetPositionPayload:
        ctx = info.context
        employee_id = from_global_id(input.employee_id, "Employee")[1]
        position_id = (from_global_id(input.position_id, "Position")[1]
                       if input.position_id else None)
        sel = root_selection(info)["analysis"]

        async def build(raw_id):
            return {"analysis": await load_analysis(ctx, raw_id, "target", sel)}

        return await answer(
            ctx, lambda: set_target(access(ctx), employee_id, position_id,
                                    input.version),
            SetTargetPositionPayload, SetTargetPositionError, build)
