"""`usage`: calls, errors by code, latency and last use of the agency's apps, their
documents and its views (agency admins and auditors: client_app read)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry

from ..errors import BadRequest
from ..graphql.context import Info
from ..graphql.enums import code_enum, value_of
from ..graphql.permissions import Can
from .aggregate import KINDS

UsageKind = code_enum("UsageKind", KINDS, "What was used: an app (all its requests), a "
                      "document an app published, or a view.")
MAX_DAYS = 366


@strawberry.type(description="How often one error code ended calls.")
class ErrorCount:
    code: str
    calls: int


@strawberry.type(description="Usage of one app, document or view over the chosen days.")
class UsageStat:
    kind: UsageKind  # type: ignore[valid-type]
    client_id: str | None = strawberry.field(description="The app (APP and DOCUMENT).")
    document_id: str | None = strawberry.field(description="The document (DOCUMENT).")
    view_key: str | None = strawberry.field(description="The view (VIEW).")
    calls: int
    error_calls: int = strawberry.field(description="Calls that ended with any error.")
    errors: list[ErrorCount] = strawberry.field(description="By code, most frequent first.")
    p50_ms: int | None = strawberry.field(
        description="Median latency, at the resolution of the buckets (1, 2, 5, 10, 25 ... "
                    "10000 ms): the bucket's upper bound.")
    p95_ms: int | None
    last_used_at: datetime | None


def _stat(stat) -> UsageStat:
    tally = stat.tally
    client_id = document_id = view_key = None
    if stat.kind == "APP":
        client_id = stat.subject
    elif stat.kind == "DOCUMENT":
        client_id, _, document_id = stat.subject.partition(" ")
    else:
        view_key = stat.subject
    errors = sorted(tally.errors.items(), key=lambda item: (-item[1], item[0]))
    return UsageStat(kind=UsageKind[stat.kind], client_id=client_id, document_id=document_id,
                     view_key=view_key, calls=tally.calls,
                     error_calls=tally.failed,
                     errors=[ErrorCount(code=c, calls=n) for c, n in errors],
                     p50_ms=tally.percentile(0.5), p95_ms=tally.percentile(0.95),
                     last_used_at=tally.last_used_at)


@strawberry.type
class UsageQueries:
    @strawberry.field(permission_classes=[Can("client_app", "read")], description=(
        "Usage of the agency's apps, their documents and its views over the last `days` days "
        "(today included), most used first."))
    async def usage(self, info: Info,
                    kind: Annotated[UsageKind | None, strawberry.argument(  # type: ignore
                        description="Only apps, documents or views.")] = None,
                    days: int = 30) -> list[UsageStat]:
        ctx = info.context
        if not 1 <= days <= MAX_DAYS:
            raise BadRequest("INVALID_VALUE", detail=f"days is 1 to {MAX_DAYS}")
        stats = await ctx.services.usage.report(ctx.session, ctx.tenant_id, ctx.today, days,
                                                value_of(kind))
        return [_stat(s) for s in stats]
