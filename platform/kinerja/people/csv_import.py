"""Bulk import of employees from CSV: every row checked, all or nothing.

Header: `nip,employee_type,name,rank,unit_code,position_code` (any order, case-insensitive),
optional `active`. Rank accepts the code (`III_A`, `PPPK_IX`) or the golongan (`III/a`, `IX`).
The file is read (and bounded) by kit/csv_rows.py.
The file is checked with a constant number of statements (unit codes, position codes, existing
NIPs in chunks), and written with one multi-row INSERT only when no row has an error.
"""

from __future__ import annotations

import uuid
from typing import Any

from ..audit.recorder import record
from ..authz.actor import Acting, Actor
from ..errors import ErrorCollector
from ..kit.csv_rows import CsvLimits, ImportResult, RowError, complete_rows, read_csv
from ..kit.fields import clean_name
from ..kit.writes import unique_guard
from ..models import OrgUnit, Position
from ..models.base import utcnow, uuid7
from ..reference import EMPLOYEE_TYPES, PNS_RANKS, PPPK_RANKS
from .checks import clean_nip
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


class EmployeeImporter(Acting):
    def __init__(self, actor: Actor, limits: CsvLimits):
        super().__init__(actor)
        self.repo = PeopleWriteRepository(actor.session)
        self.limits = limits

    async def run(self, text: str, dry_run: bool) -> ImportResult:
        file = read_csv(text, self.limits, REQUIRED_COLUMNS, OPTIONAL_COLUMNS)
        header, rows = file.header, file.rows
        nip_at = header.index("nip")
        units = await self.repo.codes(OrgUnit)
        positions = await self.repo.codes(Position)
        existing = await self.repo.existing_nips(
            [normalize_nip(rec[nip_at].strip()) for _, rec in rows if len(rec) > nip_at])
        row_errors: list[RowError] = list(file.row_errors)
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
            row_errors.sort(key=lambda e: e.row)  # stable: a row's errors keep their order
            return ImportResult(file.row_count, 0, row_errors)
        async with unique_guard({"nip": "csv"}):  # a concurrent writer took one of the NIPs
            await self.repo.insert_employees(inserts)
        for row in inserts:
            await record(self.session, tenant_id=self.tenant_id, actor_user_id=self.user_id,
                         action="employee.import", object_type="Employee", object_id=row["id"],
                         after={name: row[name] for name in AUDITED})
        return ImportResult(file.row_count, len(inserts), [])

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
