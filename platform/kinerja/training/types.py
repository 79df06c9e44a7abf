"""GraphQL types of training settings and the catalog: plain objects."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import strawberry

from ..cycles.types import Predikat
from ..graphql.enums import EmployeeType, code_enum
from ..graphql.relay import Node, PageInfo, to_global_id
from ..skp.types import BerakhlakValue
from . import settings as rules

ActivityForm = code_enum("ActivityForm", rules.FORMS,
                         description="Klasikal (courses, seminars, workshops ...) or "
                                     "nonklasikal (coaching, e-learning ...).")
ActivityKind = code_enum("ActivityKind", rules.KINDS,
                         description="The specific kind of development activity "
                                     "(domain guide §8); each belongs to one form.")


@strawberry.type(description="How one activity kind converts to JP (jam pelajaran).")
class JpRule:
    kind: ActivityKind  # type: ignore[valid-type]
    form: ActivityForm  # type: ignore[valid-type]
    jp_per_day: float | None = strawberry.field(description="JP per day (national).")
    jp_per_day_international: float | None = strawberry.field(
        description="JP per day when international (null: the national rate).")
    international_uplift_percent: float = strawberry.field(
        description="Added to a given JP or an hour-based duration when international.")


@strawberry.type(description="Minimum development JP a year for one employee type.")
class MinimumJp:
    employee_type: EmployeeType  # type: ignore[valid-type]
    jp: float


@strawberry.type(description="Competencies suggested when colleagues rate a BerAKHLAK value low.")
class ValueCompetencies:
    value: BerakhlakValue  # type: ignore[valid-type]
    competency_codes: list[str]


@strawberry.type(description="Competencies suggested when an employee receives this predikat.")
class PredikatCompetencies:
    predikat: Predikat  # type: ignore[valid-type]
    competency_codes: list[str]


@strawberry.type(description="A version of the agency's training settings. Versions never "
                             "change; an edit creates the next one.")
class TrainingSettings:
    id: strawberry.ID | None = strawberry.field(
        description="Null while the agency uses the unsaved built-in defaults (version 0).")
    version: int
    saved: bool
    created_at: datetime | None
    jp_rules: list[JpRule]
    minutes_per_jp: int = strawberry.field(description="1 JP = this many minutes (45).")
    minimum_jp: list[MinimumJp]
    value_competencies: list[ValueCompetencies]
    low_value_threshold: float = strawberry.field(
        description="A value's 360 mean (1-5) below this counts as low.")
    development_predikat: list[PredikatCompetencies] = strawberry.field(
        description="The predikat that trigger development, with the competencies suggested.")

    @classmethod
    def build(cls, raw_id: uuid.UUID | None, version: int, content: dict[str, Any],
              created_at: datetime | None) -> TrainingSettings:
        return cls(
            id=to_global_id("TrainingSettings", raw_id) if raw_id else None, version=version,
            saved=raw_id is not None, created_at=created_at,
            jp_rules=[JpRule(kind=ActivityKind[k], form=ActivityForm[rules.KINDS[k]],
                             jp_per_day=r["jp_per_day"],
                             jp_per_day_international=r["jp_per_day_international"],
                             international_uplift_percent=r["international_uplift_pct"])
                      for k, r in sorted(content["jp_rules"].items())],
            minutes_per_jp=content["minutes_per_jp"],
            minimum_jp=[MinimumJp(employee_type=EmployeeType[t], jp=jp)
                        for t, jp in sorted(content["minimum_jp"].items())],
            value_competencies=[ValueCompetencies(value=BerakhlakValue[v], competency_codes=c)
                                for v, c in content["value_competencies"].items()],
            low_value_threshold=content["low_value_threshold"],
            development_predikat=[PredikatCompetencies(predikat=Predikat[p], competency_codes=c)
                                  for p, c in content["development_predikat"].items()],
        )


@strawberry.type(name="TrainingActivity",
                 description="A development activity of the agency's catalog.")
class TrainingActivityNode(Node):
    title: str
    form: ActivityForm  # type: ignore[valid-type]
    kind: ActivityKind  # type: ignore[valid-type]
    jp: float = strawberry.field(description="JP computed by the server from the given JP or "
                                             "duration under the settings in force when saved.")
    given_jp: float | None = strawberry.field(description="The JP entered (courses).")
    duration_days: float | None
    duration_hours: float | None
    provider: str | None
    international: bool
    active: bool
    version: int
    created_at: datetime
    updated_at: datetime
    competency_codes: list[str] = strawberry.field(
        default_factory=list, description="Competencies the activity addresses, in order.")
    raw_id: strawberry.Private[uuid.UUID] = None

    @classmethod
    def from_row(cls, row: Any, codes: list[str]) -> TrainingActivityNode:
        return cls(id=to_global_id("TrainingActivity", row.id), title=row.title,
                   form=ActivityForm[row.form], kind=ActivityKind[row.kind], jp=row.jp,
                   given_jp=row.jp_given, duration_days=row.duration_days,
                   duration_hours=row.duration_hours, provider=row.provider,
                   international=row.international, active=row.active, version=row.version,
                   created_at=row.created_at, updated_at=row.updated_at,
                   competency_codes=codes, raw_id=row.id)


@strawberry.type(description="An activity in a page of results.")
class TrainingActivityEdge:
    cursor: str
    node: TrainingActivityNode


@strawberry.type(description="A page of catalog activities (Relay connection), by title.")
class TrainingActivityConnection:
    edges: list[TrainingActivityEdge]
    nodes: list[TrainingActivityNode]
    page_info: PageInfo
    total_count: int | None = strawberry.field(
        default=None, description="All matching activities (computed only when selected).")
