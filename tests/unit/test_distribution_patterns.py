"""Every bound of every default distribution pattern (domain.md §5, SE MenPANRB 3/2023) is
checked on its own: for each pattern a unit of ten (compared exactly) that sits on every
bound's edge gets no warning, and for each bound a unit that breaks only that bound gets
exactly that warning. Removing any bound (a minimum, a maximum, a minimum count, the
largest-group rule, or one predikat of a bound that counts several together) or moving its
value makes one of these fail. tests/api/test_result_distribution.py checks the same
bounds through the API."""

from __future__ import annotations

import pytest

from kinerja.cycles.rules import default_content
from kinerja.results.distribution import deviations

SB, B, BP, K, SK = ("SANGAT_BAIK", "BAIK", "BUTUH_PERBAIKAN", "KURANG_MISCONDUCT",
                    "SANGAT_KURANG")

# pattern -> units of ten on the edge of every bound: no warning
EDGES = {
    "ISTIMEWA": [{SB: 7, B: 3}],  # Sangat Baik 70 % and the largest group
    "BAIK": [{B: 7, BP: 1, SB: 2},  # Baik 70 %, one Butuh Perbaikan ...
             {B: 7, K: 1, SB: 2}],  # ... or one Kurang/Misconduct
    "BUTUH_PERBAIKAN": [{BP: 6, SB: 1, B: 3}],  # Butuh Perbaikan 60 %, Sangat Baik 10 %
    "KURANG": [{K: 6, BP: 1, SB: 1, B: 2}],  # Kurang 60 %, Butuh Perbaikan 10 %, SB 10 %
    "SANGAT_KURANG": [{SK: 6, K: 1, B: 3},  # Sangat Kurang 60 %, Kurang ... 10 % ...
                      {SK: 6, BP: 1, B: 3}],  # ... or Butuh Perbaikan 10 %, no Sangat Baik
}

# (pattern, bound) -> a unit of ten breaking only that bound, and the one warning:
# (code, predikat counted, actual count, expected count)
BROKEN = {
    ("ISTIMEWA", "sangat-baik-at-most-70"): (
        {SB: 8, B: 2}, ("MAX_SHARE_EXCEEDED", (SB,), 8, 7)),
    ("ISTIMEWA", "sangat-baik-largest-group"): (
        {SB: 3, B: 4, BP: 3}, ("LARGEST_NOT", (SB,), 3, None)),
    ("BAIK", "baik-at-most-70"): (
        {B: 8, BP: 1, SB: 1}, ("MAX_SHARE_EXCEEDED", (B,), 8, 7)),
    ("BAIK", "at-least-one-butuh-perbaikan-or-kurang"): (
        {B: 7, SB: 3}, ("MIN_COUNT_NOT_MET", (BP, K), 0, 1)),
    ("BUTUH_PERBAIKAN", "butuh-perbaikan-at-least-60"): (
        {BP: 5, B: 5}, ("MIN_SHARE_NOT_MET", (BP,), 5, 6)),
    ("BUTUH_PERBAIKAN", "sangat-baik-at-most-10"): (
        {BP: 6, SB: 2, B: 2}, ("MAX_SHARE_EXCEEDED", (SB,), 2, 1)),
    ("KURANG", "kurang-at-least-60"): (
        {K: 5, BP: 1, SB: 1, B: 3}, ("MIN_SHARE_NOT_MET", (K,), 5, 6)),
    ("KURANG", "butuh-perbaikan-at-least-10"): (
        {K: 6, SB: 1, B: 3}, ("MIN_SHARE_NOT_MET", (BP,), 0, 1)),
    ("KURANG", "sangat-baik-at-most-10"): (
        {K: 6, BP: 1, SB: 2, B: 1}, ("MAX_SHARE_EXCEEDED", (SB,), 2, 1)),
    ("SANGAT_KURANG", "sangat-kurang-at-least-60"): (
        {SK: 5, K: 1, B: 4}, ("MIN_SHARE_NOT_MET", (SK,), 5, 6)),
    ("SANGAT_KURANG", "kurang-or-butuh-perbaikan-at-least-10"): (
        {SK: 6, B: 4}, ("MIN_SHARE_NOT_MET", (K, BP), 0, 1)),
    ("SANGAT_KURANG", "no-sangat-baik"): (
        {SK: 6, K: 1, SB: 1, B: 2}, ("MAX_SHARE_EXCEEDED", (SB,), 1, 0)),
}


def warnings(counts: dict[str, int], pattern: str) -> set[tuple]:
    return {(d.code, tuple(d.predikat), d.actual_count, d.expected_count)
            for d in deviations(counts, pattern, default_content())}


@pytest.mark.parametrize("pattern,index", [(p, i) for p, units in EDGES.items()
                                           for i in range(len(units))])
def test_a_unit_on_the_edge_of_every_bound_gets_no_warning(pattern, index):
    counts = EDGES[pattern][index]
    assert sum(counts.values()) == 10
    assert warnings(counts, pattern) == set()


@pytest.mark.parametrize("pattern,bound", sorted(BROKEN))
def test_breaking_one_bound_gives_exactly_its_warning(pattern, bound):
    counts, expected = BROKEN[(pattern, bound)]
    assert sum(counts.values()) == 10
    assert warnings(counts, pattern) == {expected}


def test_every_bound_of_the_default_patterns_has_a_case():
    """A bound added to the defaults without a case here fails: the count per pattern is
    its bounds plus the largest-group rule."""
    patterns = default_content()["patterns"]
    for name, pattern in patterns.items():
        expected = sum(1 for b in pattern["bounds"]
                       for key in ("min_share", "max_share", "min_count")
                       if b[key] is not None) + (pattern["largest"] is not None)
        assert sum(1 for (p, _) in BROKEN if p == name) == expected, name
    assert set(EDGES) == set(patterns)
