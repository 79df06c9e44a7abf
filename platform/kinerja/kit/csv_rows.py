"""The one CSV reader of the bulk imports: bounded before any per-column work, streaming.

Every import (employees, assessment-centre results) reads its file through `read_csv`, which
enforces, in this order and while the text streams through `csv.reader`:

- the header record: at most `max_header_bytes` (UTF-8, line breaks not counted) *before* the
  csv module splits it, then at most `max_columns` columns *before* names are mapped or
  compared: HEADER_TOO_LONG / TOO_MANY_COLUMNS;
- every later record: at most `max_line_bytes`, so no cell is longer either (checked on the
  lines fed to the csv module; its process-wide `field_size_limit` is left alone): LINE_TOO_LONG;
- data rows (blank lines skipped): TOO_MANY_ROWS as soon as row `max_rows + 1` is read;
- the text rule (kit/text.py): a header cell PostgreSQL cannot store refuses the file, a data
  cell gives an INVALID_TEXT row error (`row 3, column name`) and its row is left out of
  everything the importer looks up or checks, so the bad text never reaches the database.

Problems of the file as a whole (everything above except data cells) are raised as
InputErrors on the field `csv`; the importers report row errors per row and column.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..errors import FieldError, InputErrors
from .text import InvalidText, check_text, unstorable_position


@dataclass
class RowError:
    row: int  # 1-based number of the data record (the header is record 0)
    column: str | None
    code: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class ImportResult:
    row_count: int
    imported: int
    row_errors: list[RowError]


@dataclass(frozen=True)
class CsvLimits:
    max_rows: int
    max_columns: int = 64
    max_header_bytes: int = 8192
    max_line_bytes: int = 65536


@dataclass
class CsvFile:
    header: list[str]  # normalised (trimmed, lower case) column names
    rows: list[tuple[int, list[str]]]  # (row number, values) of the rows with storable text
    row_count: int  # every non-blank data row, also those with unstorable text
    row_errors: list[RowError]  # INVALID_TEXT of data cells, in file order


def import_limits(limits: Any) -> CsvLimits:
    """The CSV bounds of the settings' Limits (KINERJA_MAX_IMPORT_*)."""
    return CsvLimits(max_rows=limits.max_import_rows, max_columns=limits.max_import_columns,
                     max_header_bytes=limits.max_import_header_bytes,
                     max_line_bytes=limits.max_import_line_bytes)


def file_error(code: str, **params: Any) -> InputErrors:
    return InputErrors([FieldError("csv", code, params)])


class _RecordTooLong(Exception):
    pass


class _BoundedLines:
    """The text's physical lines for csv.reader, refusing a record longer than `limit` bytes
    as soon as the line that passes it is read (a quoted value may span lines)."""

    def __init__(self, text: str, limit: int):
        self._lines = iter(io.StringIO(text, newline=""))
        self.limit = limit
        self.used = 0

    def next_record(self, limit: int) -> None:
        self.limit, self.used = limit, 0

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        content = line.rstrip("\r\n")
        self.used += len(content) if content.isascii() else \
            len(content.encode("utf-8", "surrogatepass"))
        if self.used > self.limit:
            raise _RecordTooLong()
        return line


def _text_problem(value: str, where: str) -> dict[str, Any] | None:
    try:
        check_text(value, where)
    except InvalidText as exc:
        return exc.params
    return None


def read_csv(text: str, limits: CsvLimits, required: tuple[str, ...],
             optional: tuple[str, ...] = ()) -> CsvFile:
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise file_error("INVALID_CSV", detail="the file is empty")
    clean = unstorable_position(text) is None  # the usual case: no cell needs checking
    lines = _BoundedLines(text, limits.max_header_bytes)
    reader = csv.reader(lines)
    try:
        first = next(reader)
    except _RecordTooLong:
        raise file_error("HEADER_TOO_LONG", max=limits.max_header_bytes) from None
    except csv.Error as exc:
        raise file_error("INVALID_CSV", detail=str(exc)) from exc
    header = _header(first, limits, required, optional, clean)
    rows: list[tuple[int, list[str]]] = []
    row_errors: list[RowError] = []
    row_count = number = 0
    lines.next_record(limits.max_line_bytes)
    try:
        for number, record_ in enumerate(reader, start=1):
            lines.next_record(limits.max_line_bytes)
            if not any(v.strip() for v in record_):
                continue
            row_count += 1
            if row_count > limits.max_rows:
                raise file_error("TOO_MANY_ROWS", max=limits.max_rows)
            bad = [] if clean else _bad_cells(number, header, record_)
            if bad:
                row_errors.extend(bad)
            else:
                rows.append((number, record_))
    except _RecordTooLong:
        raise file_error("LINE_TOO_LONG", row=number + 1, max=limits.max_line_bytes) from None
    except csv.Error as exc:
        raise file_error("INVALID_CSV", detail=str(exc)) from exc
    if not row_count:
        raise file_error("INVALID_CSV", detail="no data rows after the header")
    return CsvFile(header, rows, row_count, row_errors)


def _header(record_: list[str], limits: CsvLimits, required: tuple[str, ...],
            optional: tuple[str, ...], clean: bool) -> list[str]:
    if len(record_) > limits.max_columns:
        raise file_error("TOO_MANY_COLUMNS", found=len(record_), max=limits.max_columns)
    if not clean:
        bad = [p for i, cell in enumerate(record_, start=1)
               if (p := _text_problem(cell, f"header, column {i}")) is not None]
        if bad:
            raise InputErrors([FieldError("csv", "INVALID_TEXT", p) for p in bad])
    header = [h.strip().lower() for h in record_]
    known = set(required) | set(optional)
    counts = Counter(header)
    problems = [
        FieldError("csv", "INVALID_CSV", {"detail": f"{label} columns: " + ", ".join(names)})
        for label, names in (
            ("missing", [c for c in required if c not in counts]),
            ("unknown", [h for h in header if h not in known]),
            ("repeated", sorted(h for h, n in counts.items() if n > 1)),
        ) if names
    ]
    if problems:
        raise InputErrors(problems)
    return header


def _bad_cells(number: int, header: list[str], record_: list[str]) -> list[RowError]:
    out = []
    for index, cell in enumerate(record_):
        column = header[index] if index < len(header) else None
        where = f"row {number}, column {column or index + 1}"
        problem = _text_problem(cell, where)
        if problem is not None:
            out.append(RowError(number, column, "INVALID_TEXT", problem))
    return out


def complete_rows(header: list[str], rows: list[tuple[int, list[str]]],
                  row_errors: list[RowError]) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (row number, {column: stripped value}) for rows with every column; a row with
    another number of values becomes a COLUMN_COUNT row error instead."""
    for number, record_ in rows:
        if len(record_) != len(header):
            row_errors.append(RowError(number, None, "COLUMN_COUNT",
                                       {"found": len(record_), "expected": len(header)}))
            continue
        yield number, {h: v.strip() for h, v in zip(header, record_, strict=True)}
