"""Bulk import of employees from CSV: every row checked, all or nothing.

Header: `nip,employee_type,name,rank,unit_code,position_code` (any order, case-insensitive),
optional `active`. Rank accepts the code (`III_A`, `PPPK_IX`) or the golongan (`III/a`, `IX`).
The file is checked with a constant number of statements (unit codes, position codes, existing
NIPs in chunks), and written with one multi-row INSERT only when no row has an error.
"""

from __future__ import annotations

import csv
import io
import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..audit.recorder import record
from ..errors import ErrorCollector, FieldError, InputErrors
from ..models import OrgUnit, Position
from ..models.base import utcnow, uuid7
from ..reference import EMPLOYEE_TYPES, PNS_RANKS, PPPK_RANKS
from .checks import clean_name, clean_nip, unique_guard
from .nip import normalize_nip
from .service_employees import AUDITED
from .write_repository import PeopleWriteRepository

REQUIRED_COLUMNS = ("nip", "employee_type", "name", "rank", "unit_code", "position_code")
OPTIONAL_COLUMNS = ("active",)
TRUE = {"", "true", "1", "yes", "y", "ya"}
FALSE = {"false", "0", "no", "n", "tidak"}
# employee type -> accepted spelling (upper case) -> rank code
RANK_SPELLINGS: dict[str, dict[str, str]] = {
    "PNS": {**{r.code: r.code for r in PNS_RANKS},
            **{r.golongan.upper(): r.code for r in PNS_RANKS}},
    "PPPK": {**{r.code: r.code for r in PPPK_RANKS}, **{r.golongan: r.code for r in PPPK_RANKS}},
}


@dataclass
class RowError:
    row: int  # 1-based number of the data line (the header is line 0)
    column: str | None
    code: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class ImportResult:
    row_count: int
    imported: int
    row_errors: list[RowError]


def _file_error(code: str, **params: Any) -> InputErrors:
    return InputErrors([FieldError("csv", code, params)])


def parse(text: str, max_rows: int, required: tuple[str, ...] = REQUIRED_COLUMNS,
          optional: tuple[str, ...] = OPTIONAL_COLUMNS
          ) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """-> (normalised header, [(data line number, values)]), blank lines skipped. Other
    imports pass their own columns."""
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise _file_error("INVALID_CSV", detail="the file is empty")
    try:
        records = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise _file_error("INVALID_CSV", detail=str(exc)) from exc
    header = [h.strip().lower() for h in records[0]]
    problems = [
        FieldError("csv", "INVALID_CSV", {"detail": f"{label} columns: " + ", ".join(names)})
        for label, names in (
            ("missing", [c for c in required if c not in header]),
            ("unknown", [h for h in header if h not in required + optional]),
            ("repeated", sorted({h for h in header if header.count(h) > 1})),
        ) if names
    ]
    if problems:
        raise InputErrors(problems)
    rows = [(n, rec) for n, rec in enumerate(records[1:], start=1) if any(v.strip() for v in rec)]
    if not rows:
        raise _file_error("INVALID_CSV", detail="no data rows after the header")
    if len(rows) > max_rows:
        raise _file_error("TOO_MANY_ROWS", max=max_rows)
    return header, rows


def complete_rows(header: list[str], rows: list[tuple[int, list[str]]],
                  row_errors: list[RowError]):
    """Yield (line number, {column: stripped value}) for rows with every column; a row with
    another number of values becomes a COLUMN_COUNT row error instead."""
    for number, record_ in rows:
        if len(record_) != len(header):
            row_errors.append(RowError(number, None, "COLUMN_COUNT",
                                       {"found": len(record_), "expected": len(header)}))
            continue
        yield number, {h: v.strip() for h, v in zip(header, record_, strict=True)}


def _rank(errors: ErrorCollector, employee_type: str, raw: str) -> str | None:
    if not raw:
        errors.add("rank", "REQUIRED")
        return None
    if employee_type not in EMPLOYEE_TYPES:
        return None
    spelling = raw.upper()
    code = RANK_SPELLINGS[employee_type].get(spelling)
    if code is None:
        other = any(spelling in table for table in RANK_SPELLINGS.values())
        errors.add("rank", "INVALID_RANK" if other else "INVALID_VALUE", detail=raw)
    return code


def _active(errors: ErrorCollector, raw: str) -> bool:
    value = raw.lower()
    if value not in TRUE | FALSE:
        errors.add("active", "INVALID_VALUE", detail="true / false")
    return value in TRUE


class EmployeeImporter:
    def __init__(self, session, tenant_id: uuid.UUID, actor: uuid.UUID | None, today: date,
                 max_rows: int):
        self.session = session
        self.repo = PeopleWriteRepository(session)
        self.tenant_id = tenant_id
        self.actor = actor
        self.today = today
        self.max_rows = max_rows

    async def run(self, text: str, dry_run: bool) -> ImportResult:
        header, rows = parse(text, self.max_rows)
        nip_at = header.index("nip")
        units = await self.repo.codes(OrgUnit)
        positions = await self.repo.codes(Position)
        existing = await self.repo.existing_nips(
            [normalize_nip(rec[nip_at].strip()) for _, rec in rows if len(rec) > nip_at])
        row_errors: list[RowError] = []
        inserts: list[dict[str, Any]] = []
        seen: dict[str, int] = {}
        now = utcnow()
        for number, values in complete_rows(header, rows, row_errors):
            errors = ErrorCollector()
            row = self._check_row(errors, values, units, positions)
            nip = row["nip"]
            if nip is not None and nip in existing:
                errors.add("nip", "DUPLICATE", detail=nip)
            elif nip is not None and nip in seen:
                errors.add("nip", "DUPLICATE_IN_FILE", row=seen[nip])
            elif nip is not None:
                seen[nip] = number
            row_errors.extend(RowError(number, e.field, e.code, e.params) for e in errors.errors)
            if not errors:
                inserts.append({**row, "id": uuid7(), "tenant_id": self.tenant_id, "user_id": None,
                                "version": 1, "created_at": now, "updated_at": now})
        if row_errors or dry_run:
            return ImportResult(len(rows), 0, row_errors)
        async with unique_guard({"nip": "csv"}):  # a concurrent writer took one of the NIPs
            await self.repo.insert_employees(inserts)
        for row in inserts:
            await record(self.session, tenant_id=self.tenant_id, actor_user_id=self.actor,
                         action="employee.import", object_type="Employee", object_id=row["id"],
                         after={name: row[name] for name in AUDITED})
        return ImportResult(len(rows), len(inserts), [])

    def _check_row(self, errors: ErrorCollector, values: dict[str, str],
                   units: dict, positions: dict) -> dict[str, Any]:
        etype = values["employee_type"].upper()
        if etype not in EMPLOYEE_TYPES:
            errors.add("employee_type", "REQUIRED" if not etype else "INVALID_VALUE",
                       detail=", ".join(EMPLOYEE_TYPES))
        return {
            "nip": clean_nip(errors, "nip", values["nip"], etype, self.today),
            "employee_type": etype,
            "name": clean_name(errors, "name", values["name"], required=True),
            "rank": _rank(errors, etype, values["rank"]),
            "unit_id": self._place(errors, "unit_code", values["unit_code"], units),
            "position_id": self._place(errors, "position_code", values["position_code"], positions),
            "active": _active(errors, values.get("active", "")),
        }

    @staticmethod
    def _place(errors: ErrorCollector, column: str, raw: str, known: dict) -> uuid.UUID | None:
        if not raw:
            errors.add(column, "REQUIRED")
            return None
        found = known.get(raw.upper())
        if found is None:
            errors.add(column, "UNKNOWN_REFERENCE", detail=raw)
            return None
        if not found[1]:
            errors.add(column, "INACTIVE_REFERENCE", detail=raw)
        return found[0]
