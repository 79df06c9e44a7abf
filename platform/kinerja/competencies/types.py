"""GraphQL types of competency frameworks and position standards: plain objects."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import strawberry

from ..graphql.enums import code_enum
from ..graphql.relay import to_global_id
from ..people.types import PositionNode
from .national import GROUPS, NATIONAL, NATIONAL_BY_CODE
from .national import Competency as NationalCompetency

CompetencyGroup = code_enum(
    "CompetencyGroup", GROUPS,
    description="Manajerial and sosial kultural (national framework) or teknis (the agency's).")
RequirementSource = code_enum(
    "RequirementSource", ("DEFAULT", "OVERRIDE"),
    description="Where a required level comes from: the default of the position level, or HR.")


@strawberry.type(description="One of the five levels of a competency.")
class CompetencyLevel:
    level: int
    description: str


@strawberry.type(description="A competency with its five level descriptions.")
class Competency:
    code: str
    name: str
    group: CompetencyGroup  # type: ignore[valid-type]
    description: str
    levels: list[CompetencyLevel]
    read_only: bool = strawberry.field(
        description="True for the national framework (the same in every agency).")

    @classmethod
    def national(cls, item: NationalCompetency) -> Competency:
        return cls(code=item.code, name=item.name, group=CompetencyGroup[item.group],
                   description=item.description, read_only=True,
                   levels=[CompetencyLevel(level=i + 1, description=d)
                           for i, d in enumerate(item.levels)])

    @classmethod
    def technical(cls, item: dict[str, Any]) -> Competency:
        return cls(code=item["code"], name=item["name"], group=CompetencyGroup["TEKNIS"],
                   description=item["description"], read_only=False,
                   levels=[CompetencyLevel(level=i + 1, description=d)
                           for i, d in enumerate(item["levels"])])


@strawberry.type(description="A version of the agency's technical framework. Versions never "
                             "change; saving creates the next one and keeps the old ones.")
class TechnicalFramework:
    id: strawberry.ID | None = strawberry.field(
        description="Null while the agency has saved no technical framework (version 0).")
    version: int
    saved: bool
    created_at: datetime | None
    competencies: list[Competency]

    @classmethod
    def build(cls, raw_id: uuid.UUID | None, version: int, competencies: list[dict[str, Any]],
              created_at: datetime | None) -> TechnicalFramework:
        return cls(id=to_global_id("TechnicalFramework", raw_id) if raw_id else None,
                   version=version, saved=raw_id is not None, created_at=created_at,
                   competencies=[Competency.technical(c) for c in competencies])


@strawberry.type(description="The competencies in force in the agency: the national framework "
                             "(read-only) and the current technical framework version.")
class CompetencyFramework:
    national: list[Competency]
    technical: TechnicalFramework

    @strawberry.field(description="National then technical competencies, in one list.")
    def competencies(self) -> list[Competency]:
        return [*self.national, *self.technical.competencies]

    @classmethod
    def build(cls, technical: TechnicalFramework) -> CompetencyFramework:
        return cls(national=[Competency.national(c) for c in NATIONAL], technical=technical)


@strawberry.type(description="The level a position requires in one competency.")
class CompetencyRequirement:
    competency: Competency
    required_level: int
    source: RequirementSource  # type: ignore[valid-type]


@strawberry.type(description="A position's competency standard: every national competency "
                             "(the default of its level unless HR overrode it) and the "
                             "technical competencies HR required.")
class PositionStandard:
    position: PositionNode
    requirements: list[CompetencyRequirement]

    @classmethod
    def build(cls, position_row: Any, requirements: list[Any],
              technical: list[dict[str, Any]]) -> PositionStandard:
        by_code = {c["code"]: c for c in technical}
        items = []
        for req in requirements:
            national = NATIONAL_BY_CODE.get(req.code)
            competency = (Competency.national(national) if national
                          else Competency.technical(by_code[req.code]))
            items.append(CompetencyRequirement(
                competency=competency, required_level=req.level,
                source=RequirementSource["OVERRIDE" if req.overridden else "DEFAULT"]))
        return cls(position=PositionNode.from_row(position_row), requirements=items)
