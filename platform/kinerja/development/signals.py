"""Where the suggestion engine's inputs come from: async providers, gathered and merged.

Competency gaps (assessments against the position standard), the annual predikat and the 360
means per BerAKHLAK value live in other packages. The real providers are in providers.py and
listed once, explicitly, in suggestions.py (`GAP_PROVIDERS`, `PERFORMANCE_PROVIDERS`), which
passes them to `gather`. `register_gaps(fn)` / `register_performance(fn)` add providers after
those (tests use them; `unregister` takes them away again). Only what the providers know is
suggested.

A gap provider returns `list[Gap]`; a performance provider returns a `PerformanceSignal` or
None. Several providers merge: gaps by competency (the lowest actual level wins), the first
predikat found, value means by value (first provider wins).
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Any

from .suggest import Gap, PerformanceSignal


@dataclass(frozen=True)
class SignalRequest:
    session: Any  # the request's tenant-scoped AsyncSession
    tenant_id: uuid.UUID
    employee_id: uuid.UUID
    year: int


GapProvider = Callable[[SignalRequest], Awaitable[list[Gap]]]
PerformanceProvider = Callable[[SignalRequest], Awaitable[PerformanceSignal | None]]

# Added providers, asked after the listed ones (tests add theirs here).
_GAP_PROVIDERS: list[GapProvider] = []
_PERFORMANCE_PROVIDERS: list[PerformanceProvider] = []


def register_gaps(provider: GapProvider) -> GapProvider:
    if provider not in _GAP_PROVIDERS:
        _GAP_PROVIDERS.append(provider)
    return provider


def register_performance(provider: PerformanceProvider) -> PerformanceProvider:
    if provider not in _PERFORMANCE_PROVIDERS:
        _PERFORMANCE_PROVIDERS.append(provider)
    return provider


def unregister(provider: Callable[..., Any]) -> None:
    for registry in (_GAP_PROVIDERS, _PERFORMANCE_PROVIDERS):
        if provider in registry:
            registry.remove(provider)


async def gather(request: SignalRequest, gap_providers: Iterable[GapProvider] = (),
                 performance_providers: Iterable[PerformanceProvider] = (),
                 ) -> tuple[list[Gap], PerformanceSignal]:
    """Ask `gap_providers` and `performance_providers`, then the added ones, in that order."""
    gaps: dict[str, Gap] = {}
    for provider in [*gap_providers, *_GAP_PROVIDERS]:
        for gap in await provider(request):
            known = gaps.get(gap.code)
            if known is None or gap.actual < known.actual:
                gaps[gap.code] = gap
    predikat: str | None = None
    means: dict[str, float] = {}
    for provider in [*performance_providers, *_PERFORMANCE_PROVIDERS]:
        signal = await provider(request)
        if signal is None:
            continue
        predikat = predikat or signal.predikat
        for value, mean in (signal.value_means or {}).items():
            means.setdefault(value, mean)
    return list(gaps.values()), PerformanceSignal(request.year, predikat, means or None)
