"""The CSV imports are bounded before any per-column work, stream their rows, and follow the
text rule: header bytes and columns, line length, row count while reading, and NUL in a cell
(a row error `row 3, column name`) or in the header (a whole-file error). Every refusal
writes nothing."""

from __future__ import annotations

import dataclasses

import pytest

from tests.api import test_competency_import as competency
from tests.api import test_employee_import as employees
from tests.api.test_competency_assessments import count_rows
from tests.api.test_employees_write import PNS_NIP, PPPK_NIP

HEADER = employees.HEADER
IMPORTS = {
    "employees": ("importEmployees", employees.IMPORT, HEADER),
    "assessments": ("importCompetencyAssessments", competency.IMPORT, competency.HEADER),
}


@pytest.fixture
def limits(services, monkeypatch):
    def set_limits(**values):
        replaced = dataclasses.replace(services.settings.limits, **values)
        monkeypatch.setattr(services, "settings",
                            dataclasses.replace(services.settings, limits=replaced))
    return set_limits


async def run_import(api, which, text, dry=None):
    field, query, _ = IMPORTS[which]
    result = await api.gql(query, {"csv": text, "dry": dry}, user="hr.alpha")
    return result.ok()[field]


def file_errors(result):
    return [(e["field"], e["code"], e["message"]) for e in result["errors"]]


async def unchanged(api, db, world):
    assert await employees.total(api) == 5
    assert await count_rows(db, world) == 0


@pytest.mark.parametrize("which", list(IMPORTS))
@pytest.mark.parametrize("dry", [True, False])
async def test_a_20000_column_header_is_refused_before_any_column_work(api, db, world, which,
                                                                       dry):
    header = ",".join(f"column_{i}" for i in range(20000))
    result = await run_import(api, which, header + "\n" + ",".join(["x"] * 20000) + "\n", dry)
    assert file_errors(result) == [
        ("csv", "HEADER_TOO_LONG", "The header line is longer than 8192 bytes.")]
    assert result["rowErrors"] == [] and result["importedCount"] == 0
    many = await run_import(api, which, "," * 64 + "\n1\n", dry)  # 65 empty names, 65 bytes
    assert file_errors(many) == [
        ("csv", "TOO_MANY_COLUMNS", "The header has 65 columns (at most 64).")]
    await unchanged(api, db, world)


@pytest.mark.parametrize("which", list(IMPORTS))
async def test_header_limits_hold_at_exactly_the_limit(api, db, world, limits, which):
    header = IMPORTS[which][2]
    columns = header.count(",") + 1
    padded = header + " " * 10  # trailing spaces are trimmed from the name
    limits(max_import_columns=columns, max_import_header_bytes=len(padded))
    fits = await run_import(api, which, padded + "\n" + "," * (columns - 1) + "x\n", True)
    assert fits["errors"] == [] and fits["rowCount"] == 1  # the header passed; the row is bad
    longer = await run_import(api, which, padded + " \nx\n", True)
    assert file_errors(longer) == [
        ("csv", "HEADER_TOO_LONG", f"The header line is longer than {len(padded)} bytes.")]
    wider = await run_import(api, which, header + ",\nx\n", True)
    assert file_errors(wider) == [
        ("csv", "TOO_MANY_COLUMNS", f"The header has {columns + 1} columns (at most {columns}).")]
    await unchanged(api, db, world)


async def test_line_length_is_counted_in_utf8_bytes_and_names_the_row(api, db, world, limits):
    row = f"{PNS_NIP},PNS,Siti Ñurhaliza,III_B,SEC,STAFF"  # Ñ is two bytes
    limit = len(row.encode())
    limits(max_import_line_bytes=limit)
    longer = await run_import(api, "employees", "\n".join([HEADER, row[:-1] + "XX", row]))
    assert file_errors(longer) == [("csv", "LINE_TOO_LONG", f"Row 1 is longer than {limit} bytes.")]
    first, tail = f'{PPPK_NIP},PPPK,"a', '",IX,SEC,STAFF'  # a quoted value over two lines,
    second = "b" * (limit + 1 - len(first) - len(tail)) + tail  # each shorter than the limit
    quoted = await run_import(api, "employees", "\n".join([HEADER, row, first, second]))
    assert file_errors(quoted) == [("csv", "LINE_TOO_LONG", f"Row 2 is longer than {limit} bytes.")]
    assert await employees.total(api) == 5
    fits = await run_import(api, "employees", "\n".join([HEADER, row]))
    assert fits["errors"] == [] and fits["rowErrors"] == [] and fits["importedCount"] == 1


@pytest.mark.parametrize("which", list(IMPORTS))
async def test_a_line_over_64_kb_is_refused(api, db, world, which):
    header = IMPORTS[which][2]
    result = await run_import(api, which, header + "\n1,2\n" + "x" * 65537 + "\n")
    assert file_errors(result) == [
        ("csv", "LINE_TOO_LONG", "Row 2 is longer than 65536 bytes.")]
    await unchanged(api, db, world)


async def test_the_row_limit_stops_reading(api, limits):
    """TOO_MANY_ROWS comes as soon as the row after the limit is read: a line further on that
    is too long is never reached."""
    limits(max_import_rows=2)
    rows = [f"{n},PNS,N,III_A,SEC,STAFF" for n in employees.nips(3)]
    text = "\n".join([HEADER, *rows, "x" * 70000])
    result = await run_import(api, "employees", text)
    assert [(e["code"], e["message"]) for e in result["errors"]] == [
        ("TOO_MANY_ROWS", "Too many rows (at most 2).")]
    assert await employees.total(api) == 5


async def test_nul_in_a_cell_refuses_the_whole_file_naming_its_line(api, db, world):
    """The one rule for text runs on every GraphQL variable before any work, so a NUL in a
    cell refuses the request (INVALID_TEXT, `variables.csv`, with the line of the file);
    the CSV reader's own check (kit/csv_rows.py, tests/unit/test_csv_rows.py) guards the
    callers that are not GraphQL."""
    text = "\n".join([
        HEADER,
        f"{PNS_NIP},PNS,Siti,III_B,SEC,STAFF",
        f"1985\x00{PPPK_NIP[4:]},PPPK,Rahmat,IX,SEC,STAFF",  # would reach the NIP lookup
    ])
    for dry in (True, False):
        result = await api.gql(employees.IMPORT, {"csv": text, "dry": dry}, user="hr.alpha")
        assert result.data is None and result.codes == ["INVALID_TEXT"], result.body
        assert result.errors[0]["extensions"] == {
            "code": "INVALID_TEXT", "field": "variables.csv", "line": 3}
    assert await employees.total(api) == 5


@pytest.mark.parametrize("which", list(IMPORTS))
async def test_nul_in_the_header_refuses_the_file(api, db, world, which):
    header = IMPORTS[which][2].replace(",name,", ",na\x00me,").replace(",level,", ",le\x00vel,")
    result = await api.gql(IMPORTS[which][1], {"csv": header + "\n1,2,3\n"}, user="hr.alpha",
                           lang="id")
    assert result.codes == ["INVALID_TEXT"], result.body
    assert result.errors[0]["extensions"]["line"] == 1
    assert result.errors[0]["message"].startswith("Teks pada variables.csv memuat karakter")
    await unchanged(api, db, world)
