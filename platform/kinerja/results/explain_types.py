"""Types of the result explanation's inputs: the plan's RHKs and indicators with their
targets and the realisations the result weighs (monitoring's Realisation type, with evidence)."""

from __future__ import annotations

from typing import Any

import strawberry

from ..graphql.relay import to_global_id
from ..skp.monitoring.types import RealisationType
from ..skp.types import IndicatorType, WorkResultKind


@strawberry.type(description="An indicator's target and what was realised against it.")
class RealisedIndicator(IndicatorType):
    realisations: list[RealisationType] = strawberry.field(
        default_factory=list,
        description="The result's period only; for a YEAR result every period of the year "
                    "(the quarters or months and the year itself), in period order.")


@strawberry.type(description="An RHK of the result's SKP with its indicators and realisations.")
class RealisedWorkResult:
    id: strawberry.ID
    kind: WorkResultKind  # type: ignore[valid-type]
    text: str
    position: int
    indicators: list[RealisedIndicator] = strawberry.field(default_factory=list)

    @classmethod
    def build(cls, row: Any, indicators: list[RealisedIndicator]) -> RealisedWorkResult:
        return cls(id=to_global_id("WorkResult", row.id), kind=WorkResultKind[row.kind],
                   text=row.text, position=row.position, indicators=indicators)
