"""Mutations of the technical framework and position standards. Thin: build the service
input, run it in a savepoint (`answer`), re-read as the queries would."""

from __future__ import annotations

import strawberry

from ..graphql.context import Info
from ..graphql.payloads import answer
from ..graphql.permissions import Can
from ..graphql.relay import from_global_id
from .inputs import (
    SaveTechnicalFrameworkError,
    SaveTechnicalFrameworkInput,
    SaveTechnicalFrameworkPayload,
    SetPositionStandardError,
    SetPositionStandardInput,
    SetPositionStandardPayload,
)
from .queries import load_standard
from .service import CompetencyService, TechnicalCompetencyData
from .types import TechnicalFramework


def _service(ctx) -> CompetencyService:
    return CompetencyService(ctx.actor)


@strawberry.type
class CompetencyMutations:
    @strawberry.mutation(permission_classes=[Can("competency", "write")],
                         description="Save the agency's technical competencies as the next "
                                     "framework version (every problem reported at once). Old "
                                     "versions stay; unchanged content saves nothing.")
    async def save_technical_framework(self, info: Info, input: SaveTechnicalFrameworkInput
                                       ) -> SaveTechnicalFrameworkPayload:
        ctx = info.context
        items = [TechnicalCompetencyData(c.code, c.name, c.description, list(c.levels))
                 for c in input.competencies]
        return await answer(
            ctx, lambda: _service(ctx).save_framework(items, input.version),
            SaveTechnicalFrameworkPayload, SaveTechnicalFrameworkError,
            lambda r: {"framework": TechnicalFramework.build(r.id, r.version, r.competencies,
                                                             r.created_at)})

    @strawberry.mutation(permission_classes=[Can("competency", "write")],
                         description="Override (or, with a null level, reset to the default) the "
                                     "required level of competencies for a position.")
    async def set_position_standard(self, info: Info, input: SetPositionStandardInput
                                    ) -> SetPositionStandardPayload:
        ctx = info.context
        position_id = from_global_id(input.position_id, "Position")[1]
        requirements = [(r.competency_code.strip().upper(), r.level) for r in input.requirements]

        async def build(changed_id):
            return {"standard": await load_standard(ctx.session, changed_id)}

        return await answer(ctx, lambda: _service(ctx).set_standard(position_id, requirements),
                             SetPositionStandardPayload, SetPositionStandardError, build)
