"""Root queries of self-assessments and 360 feedback (thin: decode IDs, call the views)."""

from __future__ import annotations

import strawberry

from ..audit.data_views import SUMMARY, note_view
from ..graphql.context import Info
from ..graphql.permissions import Can
from ..graphql.relay import from_global_id
from . import views
from .access import ReviewContext
from .codes import REVIEWER_STATUSES
from .types import (
    ReviewNomination,
    ReviewRequest,
    ReviewResponseRecord,
    ReviewSummary,
    SelfAssessment,
)


async def _skp_period(info: Info, skp_id: str, period_id: str, resource: str = "review"):
    rc = ReviewContext(info.context.actor)
    row = await rc.skp(from_global_id(skp_id, "Skp")[1], resource)
    period = await rc.period(row, from_global_id(period_id, "Period")[1])
    return row, period.id


@strawberry.type
class ReviewQueries:
    @strawberry.field(permission_classes=[Can("skp", "read")],
                      description="The self-assessment of an SKP for a period (null while the "
                                  "employee has saved none). Visible to whoever reads the SKP.")
    async def self_assessment(self, info: Info, skp_id: strawberry.ID,
                              period_id: strawberry.ID) -> SelfAssessment | None:
        row, period_id_raw = await _skp_period(info, skp_id, period_id, "skp")
        return await views.self_assessment(info.context, row.id, period_id_raw)

    @strawberry.field(permission_classes=[Can("review", "read")],
                      description="Nominees of an SKP's 360 feedback in a period, by name. HR "
                                  "and auditors see all (the status never shows who "
                                  "answered); the employee and the rater only proposals.")
    async def review_nominations(self, info: Info, skp_id: strawberry.ID,
                                 period_id: strawberry.ID) -> list[ReviewNomination]:
        row, period_id_raw = await _skp_period(info, skp_id, period_id)
        return await views.nominations(info.context, row.id, period_id_raw)

    @strawberry.field(permission_classes=[Can("review", "read")],
                      description="Anonymous 360 aggregates of an SKP for a period (published "
                                  "only in whole batches of the anonymity threshold).")
    async def review_summary(self, info: Info, skp_id: strawberry.ID,
                             period_id: strawberry.ID) -> ReviewSummary:
        row, period_id_raw = await _skp_period(info, skp_id, period_id)
        note_view(info.context, SUMMARY, subject_employee_id=row.employee_id,
                  subject_user_id=row.owner_user_id, skp_id=row.id, period_id=period_id_raw)
        return await views.summary(info.context, row, period_id_raw)

    @strawberry.field(permission_classes=[Can("review", "respond")],
                      description="360 requests addressed to you (as an employee), newest "
                                  "cycle first; proposals not yet accepted are not shown.")
    async def my_review_requests(self, info: Info) -> list[ReviewRequest]:
        return await views.my_requests(info.context, REVIEWER_STATUSES)

    @strawberry.field(permission_classes=[Can("review", "identity")],
                      description="Identity read: every review request of an SKP for a period "
                                  "with its reviewer and answer. Every call is audited "
                                  "(`review.identity_read`), also one that returns nothing; "
                                  "an SKP or period you cannot see returns an empty list.")
    async def review_responses(self, info: Info, skp_id: strawberry.ID,
                               period_id: strawberry.ID) -> list[ReviewResponseRecord]:
        return await views.identity_read(info.context, from_global_id(skp_id, "Skp")[1],
                                         from_global_id(period_id, "Period")[1])
