"""Root query of competency profiles. Visible per `competency_assessment read` scope: own,
the people you rate (or whose rater you supervise), or the whole agency."""

from __future__ import annotations

import uuid

import strawberry

from ..competencies.repository import StandardRepository
from ..graphql.context import Info
from ..graphql.permissions import Can
from ..graphql.relay import from_global_id, to_global_id
from ..kit.selection import root_selection
from ..people import hydrate
from ..people.types import EmployeeNode, PositionNode
from .access import AssessmentAccess
from .profile import profile_entries
from .repository import AssessmentRepository, GapRepository
from .types import CompetencyAssessment, CompetencyProfile


def access(ctx) -> AssessmentAccess:
    return AssessmentAccess(ctx.actor)


async def employee_node(ctx, employee_row, sel) -> EmployeeNode:
    node = EmployeeNode.from_row(employee_row)
    await hydrate.hydrate_employees(ctx, [node], sel)
    return node


async def load_assessment(ctx, assessment_id: uuid.UUID) -> CompetencyAssessment:
    """One assessment as the profile shows it (the caller has just checked access)."""
    row = await AssessmentRepository(ctx.session).by_id(assessment_id)
    entries = await profile_entries(ctx.session, row.employee_id)
    wanted = to_global_id("CompetencyAssessment", assessment_id)
    return next(item for entry in entries for item in entry.history if item.id == wanted)


@strawberry.type
class AssessmentQueries:
    @strawberry.field(permission_classes=[Can("competency_assessment", "read")],
                      description="An employee's competency profile: per competency the current "
                                  "level (latest accepted assessment) and the history.")
    async def competency_profile(self, info: Info, employee_id: strawberry.ID
                                 ) -> CompetencyProfile:
        ctx = info.context
        raw_id = from_global_id(employee_id, "Employee")[1]
        employee = await access(ctx).readable_employee(raw_id)
        sel = root_selection(info)
        target_id = await GapRepository(ctx.session).position_id(raw_id, "target")
        target = await StandardRepository(ctx.session).position(target_id) if target_id else None
        return CompetencyProfile(
            employee=await employee_node(ctx, employee, sel["employee"]),
            target_position=PositionNode.from_row(target) if target else None,
            competencies=await profile_entries(ctx.session, raw_id))
