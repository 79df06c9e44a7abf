"""Root queries: the competency framework in force, technical versions, position standards."""

from __future__ import annotations

import uuid

import strawberry

from ..errors import NotFound
from ..graphql.context import Info
from ..graphql.permissions import Can
from ..graphql.relay import from_global_id
from .repository import FrameworkRepository, StandardRepository
from .service import current_framework, position_requirements
from .types import CompetencyFramework, PositionStandard, TechnicalFramework


async def load_standard(session, position_id: uuid.UUID) -> PositionStandard:
    """The standard of a position of this agency (else NOT_FOUND, also for other agencies')."""
    position = await StandardRepository(session).position(position_id)
    if position is None:
        raise NotFound()
    requirements = await position_requirements(session, position.level, position_id)
    framework = await current_framework(session)
    return PositionStandard.build(position, requirements, framework.competencies)


@strawberry.type
class CompetencyQueries:
    @strawberry.field(permission_classes=[Can("competency", "read")],
                      description="The national framework (read-only, the same in every agency) "
                                  "and the agency's current technical framework version.")
    async def competency_framework(self, info: Info) -> CompetencyFramework:
        current = await current_framework(info.context.session)
        return CompetencyFramework.build(TechnicalFramework.build(
            current.id, current.version, current.competencies, current.created_at))

    @strawberry.field(permission_classes=[Can("competency", "read")],
                      description="Every saved technical framework version, newest first.")
    async def competency_framework_versions(self, info: Info) -> list[TechnicalFramework]:
        rows = await FrameworkRepository(info.context.session).versions()
        return [TechnicalFramework.build(r.id, r.version, r.competencies, r.created_at)
                for r in rows]

    @strawberry.field(permission_classes=[Can("competency", "read")],
                      description="The required level per competency of a position, each marked "
                                  "as the position level's default or HR's override.")
    async def position_standard(self, info: Info, position_id: strawberry.ID) -> PositionStandard:
        return await load_standard(info.context.session,
                                   from_global_id(position_id, "Position")[1])
