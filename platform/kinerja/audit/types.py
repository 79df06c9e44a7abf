"""GraphQL types of the audit chain verification and the "who viewed" trail."""

from __future__ import annotations

from datetime import datetime

import strawberry

from ..graphql.enums import code_enum
from ..graphql.relay import PageInfo
from ..i18n import message
from . import chain
from .data_views import EXPLANATION, RESULT, SUMMARY

AuditChainProblem = code_enum(
    "AuditChainProblem", [p.value for p in chain.Problem],
    description="What is wrong at the first broken link: CONTENT_CHANGED (the event no "
                "longer matches its hash), LINK_BROKEN (it does not point to its "
                "predecessor), MISSING (a sequence number is absent: removed), OUT_OF_ORDER "
                "(time runs backwards or a number repeats), BEYOND_HEAD (events after the "
                "recorded head: inserted).")

DataViewKind = code_enum(
    "DataViewKind", (RESULT, EXPLANATION, SUMMARY),
    description="What was viewed: RESULT (a performance result), RESULT_EXPLANATION (its "
                "explanation), REVIEW_SUMMARY (a 360 aggregate).")


@strawberry.type(description="The first broken link of an audit chain.")
class AuditChainBreak:
    seq: int = strawberry.field(description="Sequence number where the chain breaks (for "
                                            "MISSING: the absent number).")
    event_id: strawberry.ID | None = strawberry.field(
        description="Global ID of the audit event found there (null: none).")
    problem: AuditChainProblem  # type: ignore[valid-type]
    message: str = strawberry.field(description="The problem in the caller's language.")


@strawberry.type(description="Result of verifying the selected agency's audit hash chain.")
class AuditTrailVerification:
    ok: bool = strawberry.field(description="True when every link holds up to the head.")
    events_checked: int = strawberry.field(description="Events verified before the first "
                                                       "broken link (all, when ok).")
    head_seq: int = strawberry.field(description="Sequence number of the recorded head.")
    head_hash: str = strawberry.field(description="Hash of the recorded head (keep it "
                                                  "outside the database to anchor the chain).")
    first_broken: AuditChainBreak | None


def verification(verdict: chain.Verdict, language: str, event_gid) -> AuditTrailVerification:
    broken = verdict.broken
    return AuditTrailVerification(
        ok=verdict.ok, events_checked=verdict.events_checked, head_seq=verdict.head.seq,
        head_hash=verdict.head.hash,
        first_broken=None if broken is None else AuditChainBreak(
            seq=broken.seq, event_id=event_gid(broken.event_id) if broken.event_id else None,
            problem=AuditChainProblem[broken.problem.value],
            message=message(f"AUDIT_{broken.problem.value}", language)))


@strawberry.type(description="Someone viewed a person's result, its explanation or a 360 "
                             "aggregate (the first view in a 15-minute window).")
class DataViewType:
    id: strawberry.ID
    at: datetime = strawberry.field(description="When (the first view in its window).")
    kind: DataViewKind  # type: ignore[valid-type]
    viewer_user_id: strawberry.ID = strawberry.field(description="Global ID of the viewer.")
    viewer_username: str | None
    viewer_name: str | None = strawberry.field(description="The viewer's display name.")
    subject_employee_id: strawberry.ID = strawberry.field(
        description="Global ID of the employee whose data was viewed.")
    subject_name: str
    skp_id: strawberry.ID
    period_id: strawberry.ID
    result_id: strawberry.ID | None = strawberry.field(
        description="The result viewed (null for a 360 aggregate read on its own).")


@strawberry.type(description="A data view in a page of results.")
class DataViewEdge:
    cursor: str
    node: DataViewType


@strawberry.type(description="A page of data views, newest first (Relay connection).")
class DataViewConnection:
    edges: list[DataViewEdge]
    nodes: list[DataViewType]
    page_info: PageInfo
    total_count: int | None = strawberry.field(
        default=None, description="All matching views (computed only when selected).")
