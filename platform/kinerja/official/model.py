"""What each document shows, as plain values (loaded by service.py, rendered by *_pdf.py).

Texts are as stored (any Unicode); the renderer makes them printable (glyphs.py). Codes
(ratings, predikat, statuses) stay codes until rendering (labels.py).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Person:
    """An identity block: name, NIP (formatted as everywhere on the platform), rank, position,
    unit. `number_label` is NIP for PNS and NI PPPK for PPPK."""

    name: str
    number: str
    number_label: str
    rank: str
    position: str
    unit: str


@dataclass(frozen=True)
class Header:
    """What every document starts with: the agency and the assessment period."""

    agency: str
    period_name: str  # "TRIWULAN I", "AKHIR", ...
    starts_on: date
    ends_on: date
    place: str  # where documents are signed (KINERJA_DOCUMENT_PLACE), "" when not configured
    printed_on: date


@dataclass(frozen=True)
class Indicator:
    aspect: str
    text: str
    target: str


@dataclass(frozen=True)
class WorkResult:
    kind: str  # UTAMA | TAMBAHAN
    text: str
    parent_text: str | None  # the leader's RHK this one supports (intervensi)
    indicators: list[Indicator] = field(default_factory=list)


@dataclass(frozen=True)
class SkpDocument:
    header: Header
    year: int
    status: str
    employee: Person
    rater: Person | None
    work_results: list[WorkResult]
    expectations: dict[str, str | None]  # BerAKHLAK value -> the rater's expectation
    submitted_on: date | None
    approved_on: date | None
    employee_nip: str  # digits, for the file name


@dataclass(frozen=True)
class Ratings:
    hasil: str
    perilaku: str
    predikat: str


@dataclass(frozen=True)
class EvaluationDocument:
    header: Header
    year: int
    period_slug: str
    status: str  # effective status
    employee: Person
    rater: Person | None
    superior: Person | None
    organisation_result: str | None
    ratings: Ratings
    justification_hasil: str | None
    justification_perilaku: str | None
    released_on: date | None
    acknowledged_on: date | None
    employee_nip: str
    # for the "who viewed" trail (audit/data_views.py)
    subject_employee_id: uuid.UUID
    subject_user_id: uuid.UUID | None
    skp_id: uuid.UUID
    period_id: uuid.UUID
    result_id: uuid.UUID


@dataclass(frozen=True)
class Explanation:
    party: str  # RATER | EMPLOYEE
    question: str | None
    requested_on: date | None
    text: str | None
    answered_on: date | None


@dataclass(frozen=True)
class ObjectionDocument:
    evaluation: EvaluationDocument  # the result as it stands after the decision
    before: Ratings  # the ratings the employee objected to
    reasons: str
    filed_on: date | None
    explanations: list[Explanation]
    decision: str  # UPHOLD | CHANGE
    decision_reason: str
    decided_on: date | None
    decided_by: str | None  # the deciding user's display name
    decider: Person | None  # the rater's superior the objection was addressed to
