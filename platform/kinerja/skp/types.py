"""GraphQL types of SKP content: work results (RHK), indicators, expectations, history."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import strawberry

from ..graphql.enums import code_enum
from ..graphql.relay import to_global_id
from .codes import ASPECTS, BERAKHLAK, SKP_STATUSES, WORK_RESULT_KINDS

WorkResultKind = code_enum("WorkResultKind", WORK_RESULT_KINDS,
                       "Whether an RHK is a main (utama) or additional (tambahan) work result.")
IndicatorAspect = code_enum("IndicatorAspect", ASPECTS,
                        "What an indicator measures: quantity, quality, time or cost.")
BerakhlakValue = code_enum("BerakhlakValue", BERAKHLAK,
                       "The seven BerAKHLAK core values of ASN work behaviour.")
SkpStatus = code_enum("SkpStatus", SKP_STATUSES, "Workflow state of an SKP: DRAFT -> SUBMITTED -> "
                  "APPROVED or RETURNED; a change after approval goes back to DRAFT.")


@strawberry.type(name="Indicator", description="An Indikator Kinerja Individu: a numeric target "
                                               "(value and unit) or a qualitative target text.")
class IndicatorType:
    id: strawberry.ID
    aspect: IndicatorAspect  # type: ignore[valid-type]
    text: str
    target_value: float | None
    target_unit: str | None
    target_text: str | None

    @classmethod
    def from_row(cls, row: Any) -> IndicatorType:
        return cls(id=to_global_id("Indicator", row.id), aspect=IndicatorAspect[row.aspect],
                   text=row.text, target_value=row.target_value, target_unit=row.target_unit,
                   target_text=row.target_text)


@strawberry.type(name="WorkResult", description="A Rencana Hasil Kerja (RHK) of an SKP.")
class WorkResultType:
    id: strawberry.ID
    kind: WorkResultKind  # type: ignore[valid-type]
    text: str
    position: int = strawberry.field(description="0, 1, ... in the order of the plan.")
    skp_id: strawberry.ID
    parent_id: strawberry.ID | None = strawberry.field(
        description="The RHK of the rater's SKP this one supports (intervensi), if any.")
    indicators: list[IndicatorType] = strawberry.field(default_factory=list)
    raw_id: strawberry.Private[uuid.UUID] = None

    @classmethod
    def from_row(cls, row: Any) -> WorkResultType:
        return cls(id=to_global_id("WorkResult", row.id), kind=WorkResultKind[row.kind],
                   text=row.text, position=row.position, skp_id=to_global_id("Skp", row.skp_id),
                   parent_id=to_global_id("WorkResult", row.parent_id) if row.parent_id else None,
                   raw_id=row.id)


@strawberry.type(description="The rater's specific expectation for one BerAKHLAK value.")
class BehaviourExpectation:
    value: BerakhlakValue  # type: ignore[valid-type]
    text: str | None = strawberry.field(description="Null when the rater wrote none.")


@strawberry.type(description="One workflow step of an SKP.")
class SkpHistoryEntry:
    from_status: SkpStatus  # type: ignore[valid-type]
    to_status: SkpStatus  # type: ignore[valid-type]
    comment: str | None
    at: datetime
    actor_name: str | None = strawberry.field(description="Who made the step (display name).")
