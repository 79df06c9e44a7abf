"""How the process's cyclic garbage collector runs (measured in bench/README, issue 12).

A cold SKP list builds some 15,000 short-lived container objects. With CPython's default
thresholds (700, 10, 10) that is ~20 young collections a request, and every tenth of a tenth
is a full one that walks the whole heap: the compiled statements, executor plans and caches,
which only grow after start-up, so `gc.freeze()` at start-up does not cover them. Measured
in-process on the SKP list: 24 ms of CPU a request with the defaults, 12 ms with the
thresholds below (10 ms with everything frozen, which a long-running server cannot keep).
Objects are still freed by reference counting as before; only cycles wait longer (a young
generation of up to 50,000 objects: a few MB).
"""

from __future__ import annotations

import gc

THRESHOLDS = (50_000, 20, 20)


def settle() -> None:
    """Once the application is built: freeze what start-up made (never scanned again), then
    collect rarely."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*THRESHOLDS)
