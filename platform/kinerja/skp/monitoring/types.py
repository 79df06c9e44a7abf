"""GraphQL types of realisations, evidence and feedback threads (plain objects)."""

from __future__ import annotations

import uuid
from datetime import datetime
from types import SimpleNamespace
from typing import Any

import strawberry

from ...files.types import StoredFile
from ...graphql.enums import code_enum
from ...graphql.relay import to_global_id
from ..types import BerakhlakValue

EvidenceKind = code_enum("EvidenceKind", ("LINK", "FILE"),
                         description="A link (URL) or an uploaded file.")
FeedbackAbout = code_enum(
    "FeedbackAbout", ("REALISATION", "BEHAVIOUR", "GENERAL"),
    description="What a feedback thread is about: a realisation, a BerAKHLAK value, or the "
                "SKP generally.")


@strawberry.type(name="Evidence", description="Bukti dukung of a realisation.")
class EvidenceType:
    kind: EvidenceKind  # type: ignore[valid-type]
    url: str | None = strawberry.field(description="For LINK evidence (http or https).")
    title: str | None
    file: StoredFile | None = strawberry.field(description="For FILE evidence.")

    @classmethod
    def from_row(cls, row: Any) -> EvidenceType:
        file = None
        if row.file_id is not None:
            file = StoredFile.from_row(SimpleNamespace(
                id=row.file_id, filename=row.filename, content_type=row.content_type,
                size=row.size, sha256=row.sha256, created_at=row.file_created_at))
        return cls(kind=EvidenceKind["FILE" if file else "LINK"], url=row.url, title=row.title,
                   file=file)


@strawberry.type(name="Realisation", description="What the employee achieved on one "
                                                 "indicator in one period.")
class RealisationType:
    id: strawberry.ID
    indicator_id: strawberry.ID
    period_id: strawberry.ID
    value: float | None = strawberry.field(description="For numeric targets (same unit).")
    narrative: str | None
    version: int
    recorded_by_name: str | None = strawberry.field(description="Who saved it last.")
    created_at: datetime
    updated_at: datetime
    evidence: list[EvidenceType] = strawberry.field(default_factory=list)
    raw_id: strawberry.Private[uuid.UUID] = None
    raw_skp_id: strawberry.Private[uuid.UUID] = None
    raw_indicator_id: strawberry.Private[uuid.UUID] = None
    raw_period_id: strawberry.Private[uuid.UUID] = None

    @classmethod
    def from_row(cls, row: Any) -> RealisationType:
        return cls(id=to_global_id("Realisation", row.id),
                   indicator_id=to_global_id("Indicator", row.indicator_id),
                   period_id=to_global_id("Period", row.period_id), value=row.value,
                   narrative=row.narrative, version=row.version,
                   recorded_by_name=row.recorded_by_name, created_at=row.created_at,
                   updated_at=row.updated_at, raw_id=row.id, raw_skp_id=row.skp_id,
                   raw_indicator_id=row.indicator_id, raw_period_id=row.period_id)


@strawberry.type(description="A reply in a feedback thread.")
class FeedbackReply:
    id: strawberry.ID
    text: str
    author_name: str | None
    by_employee: bool = strawberry.field(description="Written by the SKP's employee.")
    created_at: datetime


@strawberry.type(description="A feedback thread on an SKP: the first comment and its replies "
                             "(oldest first).")
class FeedbackThread:
    id: strawberry.ID
    about: FeedbackAbout  # type: ignore[valid-type]
    realisation_id: strawberry.ID | None
    value: BerakhlakValue | None  # type: ignore[valid-type]
    text: str
    author_name: str | None
    by_employee: bool
    created_at: datetime
    replies: list[FeedbackReply] = strawberry.field(default_factory=list)


def threads_from_rows(rows: list[Any]) -> dict[uuid.UUID, list[FeedbackThread]]:
    """Rows oldest first -> threads per SKP (in order), replies attached."""
    out: dict[uuid.UUID, list[FeedbackThread]] = {}
    by_id: dict[uuid.UUID, FeedbackThread] = {}
    for r in rows:
        mine = r.author_user_id is not None and r.author_user_id == r.owner_user_id
        if r.thread_id is None:
            about = "REALISATION" if r.realisation_id else "BEHAVIOUR" if r.value else "GENERAL"
            thread = FeedbackThread(
                id=to_global_id("FeedbackThread", r.id), about=FeedbackAbout[about],
                realisation_id=to_global_id("Realisation", r.realisation_id)
                if r.realisation_id else None,
                value=BerakhlakValue[r.value] if r.value else None, text=r.text,
                author_name=r.author_name, by_employee=mine, created_at=r.created_at)
            by_id[r.id] = thread
            out.setdefault(r.skp_id, []).append(thread)
        elif r.thread_id in by_id:
            by_id[r.thread_id].replies.append(FeedbackReply(
                id=to_global_id("FeedbackReply", r.id), text=r.text, author_name=r.author_name,
                by_employee=mine, created_at=r.created_at))
    return out
