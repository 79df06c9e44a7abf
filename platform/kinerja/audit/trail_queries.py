"""Auditors verify the agency's audit chain; everyone sees who viewed their data."""

from __future__ import annotations

from typing import Any

import strawberry

from ..graphql.context import Info
from ..graphql.permissions import Authenticated, Can
from ..graphql.relay import connection, encode_cursor, from_global_id, page_request, to_global_id
from ..kit.selection import root_selection
from .data_view_repository import DataViewRepository, ViewFilter
from .queries import at_id_cursor
from .types import (
    AuditTrailVerification,
    DataViewConnection,
    DataViewEdge,
    DataViewKind,
    DataViewType,
    verification,
)
from .verify import verify_chain


def _view(row: Any) -> DataViewType:
    return DataViewType(
        id=to_global_id("DataView", row.id), at=row.at, kind=DataViewKind[row.kind],
        viewer_user_id=to_global_id("User", row.viewer_user_id),
        viewer_username=row.viewer_username, viewer_name=row.viewer_name,
        subject_employee_id=to_global_id("Employee", row.subject_employee_id),
        subject_name=row.subject_name, skp_id=to_global_id("Skp", row.skp_id),
        period_id=to_global_id("Period", row.period_id),
        result_id=to_global_id("PerformanceResult", row.result_id) if row.result_id else None)


async def _views(info: Info, flt: ViewFilter, first: int | None,
                 after: str | None) -> DataViewConnection:
    ctx = info.context
    limits = ctx.settings.limits
    page = page_request(first, after, default=limits.default_page_size,
                        maximum=limits.max_page_size, cursor_length=2)
    ctx.uncacheable = True  # views are added without a data-version bump: always read fresh
    repo = DataViewRepository(ctx.session)
    rows = await repo.page(flt, page.first, at_id_cursor(page.after))
    has_next = len(rows) > page.first
    rows = rows[: page.first]
    cursors = [encode_cursor([r.at.isoformat(), str(r.id)]) for r in rows]
    total = await repo.count(flt) if "totalCount" in root_selection(info) else None
    return connection(DataViewConnection, DataViewEdge, [_view(r) for r in rows], cursors,
                      has_next, page.after is not None, total)


@strawberry.type
class AuditTrailQueries:
    @strawberry.field(permission_classes=[Can("audit", "read")],
                      description="Verify the selected agency's audit hash chain from the first "
                                  "event to the recorded head and report the first broken "
                                  "link. Reads the whole trail in batches; never cached.")
    async def verify_audit_trail(self, info: Info) -> AuditTrailVerification:
        ctx = info.context
        ctx.uncacheable = True  # tampering bypasses Kinerja: a cached "ok" would hide it
        verdict = await verify_chain(ctx.session, ctx.tenant_id, ctx.tenant.slug)
        return verification(verdict, ctx.language,
                            lambda raw: to_global_id("AuditEvent", raw))

    @strawberry.field(permission_classes=[Can("audit", "read")],
                      description="Who viewed whose result, explanation or 360 aggregate in "
                                  "the selected agency, newest first; optionally of one "
                                  "employee or by one viewer.")
    async def data_views(self, info: Info, first: int | None = None, after: str | None = None,
                         subject_employee_id: strawberry.ID | None = None,
                         viewer_user_id: strawberry.ID | None = None) -> DataViewConnection:
        flt = ViewFilter(
            subject_employee_id=from_global_id(subject_employee_id, "Employee")[1]
            if subject_employee_id else None,
            viewer_user_id=from_global_id(viewer_user_id, "User")[1] if viewer_user_id else None)
        return await _views(info, flt, first, after)

    @strawberry.field(permission_classes=[Authenticated],
                      description="Who viewed your results, their explanations or your 360 "
                                  "aggregates in the selected agency, newest first (views of "
                                  "your own data are not recorded). Needs an agency.")
    async def my_data_views(self, info: Info, first: int | None = None,
                            after: str | None = None) -> DataViewConnection:
        ctx = info.context
        ctx.tenant_id  # noqa: B018  (TENANT_REQUIRED without an agency)
        return await _views(info, ViewFilter(subject_user_id=ctx.user_id), first, after)
