"""GraphQL types of oversight: aggregates only (a suppressed cell is null)."""

from __future__ import annotations

import strawberry

from ..graphql.payloads import mutation_error_type


@strawberry.type(description="A member agency of an oversight group.")
class OversightAgency:
    slug: str
    name: str


@strawberry.type(description="An oversight group you oversee.")
class OversightGroupType:
    id: strawberry.ID
    slug: str
    name: str
    agencies: list[OversightAgency]


@strawberry.type(description="One count of an aggregate; null when suppressed (fewer than "
                             "k, or needed to protect another suppressed cell).")
class OversightCount:
    key: str
    count: int | None


@strawberry.type(description="One member agency's aggregates.")
class OversightAgencyFigures:
    slug: str
    name: str
    employees: int | None = strawberry.field(description="Active employees (null: < k).")
    skps_by_status: list[OversightCount] = strawberry.field(description="SKPs of the year.")
    predikat_period: str | None = strawberry.field(
        description="The year's latest period with results, e.g. QUARTER 2.")
    predikat: list[OversightCount]
    jp_employees: int | None
    jp_below: int | None = strawberry.field(description="Below the minimum JP of their type.")
    gap_bands: list[OversightCount] = strawberry.field(description="Employees per JPM band.")


@strawberry.type(description="Aggregates of an oversight group's agencies for a year.")
class OversightReport:
    group: OversightGroupType
    year: int
    k: int = strawberry.field(description="Cells below this are suppressed.")
    agencies: list[OversightAgencyFigures]


OversightError = mutation_error_type("Oversight", ("TOO_MANY",))


@strawberry.type(description="Result of an oversight-group change.")
class OversightPayload:
    group: OversightGroupType | None = None
    errors: list[OversightError] = strawberry.field(default_factory=list)


def counts(values: dict) -> list[OversightCount]:
    return [OversightCount(key=k, count=v) for k, v in values.items()]
