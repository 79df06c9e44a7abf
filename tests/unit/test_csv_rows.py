"""kit/csv_rows.py directly, for what HTTP cannot deliver: a lone surrogate (JSON and GraphQL
strings refuse them) is refused by the same text rule as NUL, in a cell and in the header."""

from __future__ import annotations

import pytest

from kinerja.errors import InputErrors
from kinerja.kit.csv_rows import CsvLimits, read_csv

COLUMNS = ("nip", "name")


def test_a_lone_surrogate_in_a_cell_is_a_row_error_and_the_row_is_left_out():
    file = read_csv("nip,name\n1,Siti\n2,Bu\ud800di\n", CsvLimits(max_rows=10), COLUMNS)
    assert file.rows == [(1, ["1", "Siti"])] and file.row_count == 2
    assert [(e.row, e.column, e.code, e.params) for e in file.row_errors] == [
        (2, "name", "INVALID_TEXT", {"field": "row 2, column name", "position": 2})]


def test_a_lone_surrogate_in_the_header_refuses_the_file():
    with pytest.raises(InputErrors) as refused:
        read_csv("nip,na\udfffme\n1,2\n", CsvLimits(max_rows=10), COLUMNS)
    assert [(e.field, e.code, e.params) for e in refused.value.errors] == [
        ("csv", "INVALID_TEXT", {"field": "header, column 2", "position": 2})]


def test_the_header_limit_counts_utf8_bytes():
    header = "nip,namé"  # 8 characters, 9 bytes
    fits = read_csv(header + "\n1,2\n", CsvLimits(max_rows=10, max_header_bytes=9), ("nip",),
                    ("namé",))
    assert fits.header == ["nip", "namé"] and fits.rows == [(1, ["1", "2"])]
    with pytest.raises(InputErrors) as refused:
        read_csv(header + "\n1,2\n", CsvLimits(max_rows=10, max_header_bytes=8), ("nip",),
                 ("namé",))
    assert [e.code for e in refused.value.errors] == ["HEADER_TOO_LONG"]
