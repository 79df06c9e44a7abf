"""The suggestion engine: pure, no I/O. From competency gaps, the performance signal, the
catalog and the training settings, propose development-plan items, each with why.

Order: gaps first (the largest shortfall, then the lowest level, first), then the predikat,
then low BerAKHLAK values (lowest mean first). One suggestion per catalog activity (its reasons
merged); a competency no active activity addresses gets one free-form suggestion. Activities
already in the plan, and free-form competencies the plan already targets, are skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..labels import label


@dataclass(frozen=True)
class Gap:
    code: str
    name: str
    required: int
    actual: int


@dataclass(frozen=True)
class PerformanceSignal:
    year: int
    predikat: str | None = None
    value_means: dict[str, float] | None = None  # BerAKHLAK value -> 360 mean (1-5)


@dataclass(frozen=True)
class CatalogEntry:
    id: Any
    title: str
    competencies: tuple[str, ...]
    jp: float
    active: bool = True


@dataclass(frozen=True)
class Reason:
    code: str  # GAP, PREDIKAT, LOW_VALUE
    competency_code: str
    text_id: str
    text_en: str

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "competency_code": self.competency_code,
                "text_id": self.text_id, "text_en": self.text_en}


@dataclass
class Suggestion:
    key: str  # "activity:<id>" or "free:<competency code>"
    competency_code: str
    activity: CatalogEntry | None
    reasons: list[Reason] = field(default_factory=list)


def _number(value: float, decimal: str) -> str:
    return f"{value:.1f}".replace(".", decimal)


def _gap_reasons(gaps: list[Gap]) -> list[Reason]:
    below = sorted((g for g in gaps if g.actual < g.required),
                   key=lambda g: (g.actual - g.required, g.actual, g.code))
    return [Reason("GAP", g.code,
                   f"{g.code} {g.name} level {g.actual} dari {g.required} yang dipersyaratkan",
                   f"{g.code} {g.name} level {g.actual} of {g.required} required")
            for g in below]


def _predikat_reasons(signal: PerformanceSignal | None,
                      settings: dict[str, Any]) -> list[Reason]:
    if signal is None or signal.predikat is None:
        return []
    codes = settings["development_predikat"].get(signal.predikat) or []
    # The official Indonesian terms in both texts (they name the regulation's categories).
    text = f"Predikat {label('Predikat', signal.predikat)} {signal.year}"
    return [Reason("PREDIKAT", code, text, text) for code in codes]


def _value_reasons(signal: PerformanceSignal | None, settings: dict[str, Any]) -> list[Reason]:
    if signal is None or not signal.value_means:
        return []
    threshold = settings["low_value_threshold"]
    low = sorted((mean, value) for value, mean in signal.value_means.items()
                 if mean is not None and mean < threshold)
    out = []
    for mean, value in low:
        name = label("BerakhlakValue", value)
        for code in settings["value_competencies"].get(value) or []:
            out.append(Reason("LOW_VALUE", code,
                              f"{name} dinilai {_number(mean, ',')}/5 oleh rekan kerja",
                              f"{name} rated {_number(mean, '.')}/5 by colleagues"))
    return out


def suggest(gaps: list[Gap], signal: PerformanceSignal | None, catalog: list[CatalogEntry],
            settings: dict[str, Any], planned_activity_ids: set[Any] = frozenset(),
            planned_competencies: set[str] = frozenset()) -> list[Suggestion]:
    """Suggestions in priority order, without duplicates (see the module docstring)."""
    reasons = (_gap_reasons(gaps) + _predikat_reasons(signal, settings)
               + _value_reasons(signal, settings))
    by_key: dict[str, Suggestion] = {}
    for reason in reasons:
        matches = [a for a in catalog if a.active and reason.competency_code in a.competencies]
        if not matches:
            if reason.competency_code in planned_competencies:
                continue
            key = f"free:{reason.competency_code}"
            by_key.setdefault(key, Suggestion(key, reason.competency_code, None))
            _add(by_key[key], reason)
            continue
        for activity in matches:
            if activity.id in planned_activity_ids:
                continue
            key = f"activity:{activity.id}"
            by_key.setdefault(key, Suggestion(key, reason.competency_code, activity))
            _add(by_key[key], reason)
    return list(by_key.values())


def _add(suggestion: Suggestion, reason: Reason) -> None:
    if reason not in suggestion.reasons:
        suggestion.reasons.append(reason)
