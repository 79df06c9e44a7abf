"""A view's table as CSV or XLSX, written row by row.

Cells a spreadsheet would execute are neutralised: a text starting with `=`, `+`, `-`, `@`,
a tab or a carriage return (OWASP "CSV injection") gets a leading apostrophe in CSV, and in
XLSX every text is stored as a string cell (never a formula). Numbers stay numbers: a JSON
number cannot be a formula, and a negative one must not become text.

CSV is UTF-8 with a byte-order mark (so Excel reads Indonesian names right), comma-separated,
CRLF line ends (RFC 4180). XLSX is built by openpyxl's write-only workbook, which keeps rows
in a temporary file, not in memory; the finished file is then streamed.
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import AsyncIterator, Iterator
from typing import Any

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
CHUNK = 64 * 1024


def neutral(value: Any) -> Any:
    """The value as a cell: None -> "", bool -> true/false, risky text prefixed with '."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return value
    text = value if isinstance(value, str) else str(value)
    return "'" + text if text.startswith(DANGEROUS) else text


class CsvLines:
    """Turns rows into CSV text, one row at a time."""

    def __init__(self) -> None:
        self._buffer = io.StringIO()
        self._writer = csv.writer(self._buffer, lineterminator="\r\n")

    def line(self, row: list[Any]) -> str:
        self._writer.writerow([neutral(v) for v in row])
        text = self._buffer.getvalue()
        self._buffer.seek(0)
        self._buffer.truncate()
        return text


async def csv_stream(header: list[str], rows: AsyncIterator[list[Any]]) -> AsyncIterator[bytes]:
    lines = CsvLines()
    pending = ["\ufeff" + lines.line(header)]
    size = len(pending[0])
    async for row in rows:
        text = lines.line(row)
        pending.append(text)
        size += len(text)
        if size >= CHUNK:
            yield "".join(pending).encode("utf-8")
            pending, size = [], 0
    if pending:
        yield "".join(pending).encode("utf-8")


async def xlsx_file(title: str, header: list[str],
                    rows: AsyncIterator[list[Any]]) -> tempfile.SpooledTemporaryFile:
    """The workbook in a temporary file (rewound), built row by row."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_sheet_title(title))

    def cells(values: list[Any]) -> list[Any]:
        out = []
        for value in values:
            value = "" if value is None else value
            if isinstance(value, bool):
                value = "true" if value else "false"
            cell = WriteOnlyCell(sheet, value=value if isinstance(value, int | float)
                                 else _printable(str(value)))
            if not isinstance(value, int | float):
                cell.data_type = "s"  # text, never a formula
            out.append(cell)
        return out

    sheet.append(cells(header))
    async for row in rows:
        sheet.append(cells(row))
    target = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)
    workbook.save(target)
    target.seek(0)
    return target


def file_chunks(handle: Any) -> Iterator[bytes]:
    try:
        while chunk := handle.read(CHUNK):
            yield chunk
    finally:
        handle.close()


_CONTROL = {c: None for c in range(32) if c not in (9, 10, 13)}


def _printable(text: str) -> str:
    """XML 1.0 cannot hold most control characters: drop them (openpyxl would refuse)."""
    return text.translate(_CONTROL)


def _sheet_title(title: str) -> str:
    cleaned = "".join("_" if c in '[]:*?/\\' else c for c in title).strip() or "View"
    return cleaned[:31]
