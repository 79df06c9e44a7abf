"""GraphQL inputs and payloads of the competency mutations."""

from __future__ import annotations

import strawberry

from ..graphql.payloads import mutation_error_type
from .types import PositionStandard, TechnicalFramework

VERSION_HELP = "The version you read; a stale one gives CONFLICT and changes nothing."


@strawberry.input(description="A technical competency: a code (unique, not a national code), "
                              "a name, a description and exactly five level descriptions.")
class TechnicalCompetencyInput:
    code: str
    name: str
    description: str
    levels: list[str] = strawberry.field(description="Descriptions of levels 1 to 5, in order.")


@strawberry.input(description="The whole technical framework; saving creates the next version "
                              "(the previous versions stay as they are).")
class SaveTechnicalFrameworkInput:
    competencies: list[TechnicalCompetencyInput]
    version: int | None = strawberry.field(default=None, description=VERSION_HELP)


@strawberry.input(description="The required level of one competency; null removes HR's "
                              "override (the position level's default applies again).")
class CompetencyRequirementInput:
    competency_code: str
    level: int | None = None


@strawberry.input(description="Overrides of a position's standard; competencies not listed "
                              "keep what they have.")
class SetPositionStandardInput:
    position_id: strawberry.ID
    requirements: list[CompetencyRequirementInput]


SaveTechnicalFrameworkError = mutation_error_type("SaveTechnicalFramework",
                                                  ("LEVEL_COUNT", "OUT_OF_RANGE"))
SetPositionStandardError = mutation_error_type("SetPositionStandard", ("OUT_OF_RANGE",))


@strawberry.type(description="Result of `saveTechnicalFramework`.")
class SaveTechnicalFrameworkPayload:
    framework: TechnicalFramework | None = None
    errors: list[SaveTechnicalFrameworkError] = strawberry.field(default_factory=list)


@strawberry.type(description="Result of `setPositionStandard`.")
class SetPositionStandardPayload:
    standard: PositionStandard | None = None
    errors: list[SetPositionStandardError] = strawberry.field(default_factory=list)
