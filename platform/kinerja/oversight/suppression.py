"""Small-cell suppression (pure): a count between 1 and k-1 is never shown.

Primary: each such cell becomes None. Secondary: within a distribution whose total is shown,
one suppressed cell could be recovered by subtracting the others from the total, so when
exactly one cell of a distribution is suppressed the smallest other non-zero cell is
suppressed too. Zeros are shown (an empty cell identifies nobody).
"""

from __future__ import annotations


def small(count: int, k: int) -> bool:
    return 0 < count < k


def suppress(counts: dict[str, int], k: int) -> dict[str, int | None]:
    out: dict[str, int | None] = {key: (None if small(n, k) else n) for key, n in counts.items()}
    hidden = [key for key, value in out.items() if value is None]
    if len(hidden) == 1:
        shown = sorted((n, key) for key, n in counts.items() if out[key] is not None and n > 0)
        if shown:
            out[shown[0][1]] = None
    return out


def total(count: int, k: int) -> int | None:
    return None if small(count, k) else count
