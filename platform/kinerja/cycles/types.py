"""GraphQL types of rule sets, cycles and periods: plain objects, filled by resolvers."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

import strawberry

from ..graphql.enums import code_enum
from ..graphql.relay import Node, to_global_id
from . import rules

RatingLevel = code_enum("RatingLevel", rules.RATINGS,
                    "Di Atas / Sesuai / Di Bawah Ekspektasi (Rating Hasil Kerja or Perilaku).")
Predikat = code_enum("Predikat", rules.PREDIKAT, "Predikat kinerja (PermenPANRB 6/2022).")
OrganisationResult = code_enum("OrganisationResult", rules.ORGANISATION_RESULTS,
                           "A unit's performance for a period (SE MenPANRB 3/2023).")
PeriodGranularity = code_enum("PeriodGranularity", rules.GRANULARITIES,
                          "Periodic assessments: monthly or quarterly (plus the annual one).")
SmallUnitRounding = code_enum(
    "SmallUnitRounding", rules.ROUNDINGS,
    "How a small unit turns pattern shares into head counts: LENIENT (minimums rounded down, "
    "maximums up), NEAREST, STRICT (minimums up, maximums down).")
ObjectionDayKind = code_enum("ObjectionDayKind", rules.DAY_KINDS,
                         "Whether the objection window counts calendar or working days.")
FeedbackSource = code_enum("FeedbackSource", rules.FEEDBACK_SOURCES,
                       "Who gave an assessment input: self, peer, subordinate or the rater.")
CycleState = code_enum("CycleState", ("DRAFT", "PLANNING", "RUNNING", "ASSESSMENT", "CALIBRATION",
                                  "CLOSED"), "State of an annual performance cycle.")
PeriodKind = code_enum("PeriodKind", ("MONTH", "QUARTER", "YEAR"), "Length of a period.")


@strawberry.type(description="One cell of the predikat matrix (kuadran kinerja).")
class PredikatCell:
    hasil_kerja: RatingLevel  # type: ignore[valid-type]
    perilaku: RatingLevel  # type: ignore[valid-type]
    predikat: Predikat  # type: ignore[valid-type]


@strawberry.type(description="A limit on the share (0..1) or count of some predikat in a unit.")
class ShareBound:
    predikat: list[Predikat] = strawberry.field(  # type: ignore[valid-type]
        description="Predikat counted together.")
    min_share: float | None
    max_share: float | None
    min_count: int | None


@strawberry.type(description="The distribution pattern an organisation result sets.")
class DistributionPattern:
    organisation_result: OrganisationResult  # type: ignore[valid-type]
    largest_group: Predikat | None = strawberry.field(  # type: ignore[valid-type]
        description="The predikat that should be the largest group, if any.")
    bounds: list[ShareBound]


@strawberry.type(description="Weight of one feedback source in the optional numeric score.")
class ScoreWeight:
    source: FeedbackSource  # type: ignore[valid-type]
    weight: float


@strawberry.type(description="The head of unit's Rating Hasil Kerja for an organisation result.")
class HeadOfUnitRating:
    organisation_result: OrganisationResult  # type: ignore[valid-type]
    rating_hasil: RatingLevel  # type: ignore[valid-type]


@strawberry.type(description="A version of the agency's rule set. Versions never change; an "
                             "edit creates the next one.")
class RuleSet:
    id: strawberry.ID | None = strawberry.field(
        description="Null while the agency still uses the unsaved built-in defaults (version 0).")
    version: int = strawberry.field(description="1, 2, ...; 0 for the unsaved defaults.")
    saved: bool
    created_at: datetime | None
    matrix: list[PredikatCell]
    patterns: list[DistributionPattern]
    small_unit_max_size: int = strawberry.field(
        description="Units with at most this many employees use `smallUnitRounding`.")
    small_unit_rounding: SmallUnitRounding  # type: ignore[valid-type]
    objection_window_days: int
    objection_day_kind: ObjectionDayKind  # type: ignore[valid-type]
    period_granularity: PeriodGranularity  # type: ignore[valid-type]
    peer_anonymity_threshold: int = strawberry.field(
        description="Peer/subordinate feedback is shown (as an aggregate) from this many answers.")
    score_weights: list[ScoreWeight] = strawberry.field(
        description="Optional numeric score weights; empty when the agency uses none.")
    head_of_unit_rating: list[HeadOfUnitRating] = strawberry.field(
        default_factory=list, description="If the employee heads the unit, the unit's "
                                          "organisation result gives their Rating Hasil Kerja.")

    @classmethod
    def build(cls, raw_id: uuid.UUID | None, version: int, content: dict[str, Any],
              created_at: datetime | None) -> RuleSet:
        return cls(
            id=to_global_id("RuleSet", raw_id) if raw_id else None, version=version,
            saved=raw_id is not None, created_at=created_at,
            matrix=[PredikatCell(hasil_kerja=RatingLevel[h], perilaku=RatingLevel[p],
                                 predikat=Predikat[content["matrix"][h][p]])
                    for h in rules.RATINGS for p in rules.RATINGS],
            patterns=[distribution_pattern(result, content["patterns"][result])
                      for result in rules.ORGANISATION_RESULTS],
            small_unit_max_size=content["small_unit"]["max_size"],
            small_unit_rounding=SmallUnitRounding[content["small_unit"]["rounding"]],
            objection_window_days=content["objection_window_days"],
            objection_day_kind=ObjectionDayKind[content["objection_day_kind"]],
            period_granularity=PeriodGranularity[content["period_granularity"]],
            peer_anonymity_threshold=content["peer_anonymity_threshold"],
            score_weights=[ScoreWeight(source=FeedbackSource[s], weight=w)
                           for s, w in (content["score_weights"] or {}).items()],
            head_of_unit_rating=[
                HeadOfUnitRating(organisation_result=OrganisationResult[r],
                                 rating_hasil=RatingLevel[rules.head_of_unit_rating(content, r)])
                for r in rules.ORGANISATION_RESULTS],
        )


def distribution_pattern(result: str, pattern: dict[str, Any]) -> DistributionPattern:
    return DistributionPattern(
        organisation_result=OrganisationResult[result],
        largest_group=Predikat[pattern["largest"]] if pattern["largest"] else None,
        bounds=[ShareBound(predikat=[Predikat[p] for p in b["predikat"]],
                           min_share=b["min_share"], max_share=b["max_share"],
                           min_count=b["min_count"]) for b in pattern["bounds"]],
    )


@strawberry.type(name="Period", description="An assessment period of a cycle.")
class PeriodNode(Node):
    kind: PeriodKind  # type: ignore[valid-type]
    number: int = strawberry.field(description="Month 1-12, quarter 1-4, or 1 for the year.")
    starts_on: date
    ends_on: date
    cycle_id: strawberry.ID

    @classmethod
    def from_row(cls, row: Any) -> PeriodNode:
        return cls(id=to_global_id("Period", row.id), kind=PeriodKind[row.kind],
                   number=row.number, starts_on=row.starts_on, ends_on=row.ends_on,
                   cycle_id=to_global_id("Cycle", row.cycle_id))


@strawberry.type(name="Cycle", description="An agency's annual performance cycle.")
class CycleNode(Node):
    year: int
    name: str
    state: CycleState  # type: ignore[valid-type]
    version: int
    launched_at: datetime | None = strawberry.field(description="When planning started.")
    closed_at: datetime | None
    created_at: datetime
    updated_at: datetime
    rule_set_version: int = strawberry.field(
        default=0, description="The rule-set version this cycle uses (fixed at creation).")
    rule_set: RuleSet | None = None
    periods: list[PeriodNode] = strawberry.field(
        default_factory=list, description="Months or quarters in order, then the year.")
    raw_id: strawberry.Private[uuid.UUID] = None
    raw_rule_set_id: strawberry.Private[uuid.UUID] = None

    @classmethod
    def from_row(cls, row: Any) -> CycleNode:
        return cls(id=to_global_id("Cycle", row.id), year=row.year, name=row.name,
                   state=CycleState[row.state], version=row.version,
                   launched_at=row.launched_at, closed_at=row.closed_at,
                   created_at=row.created_at, updated_at=row.updated_at,
                   raw_id=row.id, raw_rule_set_id=row.rule_set_id)
