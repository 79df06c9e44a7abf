"""Rule-set versions: the current one (the defaults until an agency saves one), and "edit",
which validates the whole result and inserts the next immutable version."""

from __future__ import annotations

import copy
import uuid
from dataclasses import dataclass
from typing import Any

from ..audit.recorder import record
from ..authz.actor import Acting
from ..errors import ErrorCollector
from ..kit.fields import check_version
from ..kit.writes import insert_or_conflict
from ..models import RuleSet
from . import rules
from .repository import RuleSetRepository


@dataclass(frozen=True)
class CurrentRuleSet:
    """A stored version, or the built-in defaults as version 0 (id None) before the first save."""

    id: uuid.UUID | None
    version: int
    content: dict[str, Any]
    created_at: Any = None


@dataclass
class PatternChange:
    organisation_result: str
    largest: str | None
    bounds: list[dict[str, Any]]


@dataclass
class RuleSetChange:
    """Omitted parts (None) stay as they are; `matrix` and `score_weights` replace the whole
    part, `patterns` replace the named organisation results only."""

    matrix: list[tuple[str, str, str]] | None = None
    patterns: list[PatternChange] | None = None
    small_unit_max_size: int | None = None
    small_unit_rounding: str | None = None
    objection_window_days: int | None = None
    objection_day_kind: str | None = None
    period_granularity: str | None = None
    peer_anonymity_threshold: int | None = None
    score_weights: list[tuple[str, float]] | None = None
    clear_score_weights: bool = False
    head_of_unit_rating: list[tuple[str, str]] | None = None


async def current_rule_set(session) -> CurrentRuleSet:
    row = await RuleSetRepository(session).latest()
    if row is None:
        return CurrentRuleSet(None, 0, rules.default_content())
    return CurrentRuleSet(row.id, row.version, row.content, row.created_at)


class RuleSetService(Acting):
    async def update(self, change: RuleSetChange, expected: int | None) -> CurrentRuleSet:
        """The next version with `change` applied; unchanged content writes nothing."""
        current = await current_rule_set(self.session)
        check_version(current, expected)
        content = _apply(copy.deepcopy(current.content), change)
        if content == current.content:
            return current
        return await self._insert(current, content, "rule_set.update")

    async def pinned(self) -> CurrentRuleSet:
        """The current stored version; the defaults are saved as version 1 when none exists."""
        current = await current_rule_set(self.session)
        if current.id is not None:
            return current
        return await self._insert(current, current.content, "rule_set.create")

    async def _insert(self, current: CurrentRuleSet, content: dict[str, Any],
                      action: str) -> CurrentRuleSet:
        row = RuleSet(tenant_id=self.tenant_id, version=current.version + 1, content=content,
                      created_by=self.user_id)
        await insert_or_conflict(self.session, row)
        await record(self.session, tenant_id=self.tenant_id, actor_user_id=self.user_id,
                     action=action, object_type="RuleSet", object_id=row.id,
                     before={"version": current.version, **current.content},
                     after={"version": row.version, **content})
        return CurrentRuleSet(row.id, row.version, content, row.created_at)


def _apply(content: dict[str, Any], change: RuleSetChange) -> dict[str, Any]:
    """Validate every part of the change (all errors at once) and return the new content."""
    errors = ErrorCollector()
    if change.matrix is not None:
        matrix = rules.check_matrix(errors, change.matrix)
        if matrix is not None:
            content["matrix"] = matrix
    seen: set[str] = set()
    for index, pattern in enumerate(change.patterns or []):
        path = f"patterns[{index}]"
        result = pattern.organisation_result
        if rules.check_choice(errors, f"{path}.organisationResult", result,
                              rules.ORGANISATION_RESULTS) and result in seen:
            errors.add(f"{path}.organisationResult", "DUPLICATE", detail=result)
        seen.add(result)
        checked = rules.check_pattern(errors, path, pattern.largest, pattern.bounds)
        if checked is not None:
            content["patterns"][result] = checked
    small = content["small_unit"]
    if change.small_unit_max_size is not None and rules.check_range(
            errors, "smallUnitMaxSize", change.small_unit_max_size, 0, rules.MAX_UNIT_SIZE):
        small["max_size"] = change.small_unit_max_size
    if change.small_unit_rounding is not None and rules.check_choice(
            errors, "smallUnitRounding", change.small_unit_rounding, rules.ROUNDINGS):
        small["rounding"] = change.small_unit_rounding
    for name, field_name, low, high in (
            ("objection_window_days", "objectionWindowDays", 1, rules.MAX_WINDOW_DAYS),
            ("peer_anonymity_threshold", "peerAnonymityThreshold", 1, rules.MAX_THRESHOLD)):
        value = getattr(change, name)
        if value is not None and rules.check_range(errors, field_name, value, low, high):
            content[name] = value
    for name, field_name, allowed in (
            ("objection_day_kind", "objectionDayKind", rules.DAY_KINDS),
            ("period_granularity", "periodGranularity", rules.GRANULARITIES)):
        value = getattr(change, name)
        if value is not None and rules.check_choice(errors, field_name, value, allowed):
            content[name] = value
    if change.clear_score_weights:
        if change.score_weights:
            errors.add("clearScoreWeights", "INVALID_VALUE", detail="scoreWeights")
        content["score_weights"] = None
    elif change.score_weights == []:
        content["score_weights"] = None
    elif change.score_weights is not None:
        weights = rules.check_weights(errors, change.score_weights)
        if weights is not None:
            content["score_weights"] = weights
    if change.head_of_unit_rating is not None:
        mapping = rules.check_head_mapping(errors, change.head_of_unit_rating)
        if mapping is not None:
            content["head_of_unit_rating"] = mapping
    errors.raise_if_any()
    return content
