"""Import of assessment-centre results from CSV: every row checked, all or nothing.

Header: `nip,competency_code,level,assessed_on,assessor` (any order, case-insensitive),
optional `note`. `assessed_on` is YYYY-MM-DD, `assessor` the institution or assessor. Checked
with a constant number of statements (NIPs and already stored results in chunks); written with
one multi-row INSERT only when no row has an error. Imported results are ACCEPTED; a result
already stored (same employee, competency and date) is a DUPLICATE, so a re-import adds nothing.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..audit.recorder import record
from ..authz.actor import Acting, Actor
from ..competencies.national import LEVELS, NATIONAL_BY_CODE
from ..errors import ErrorCollector
from ..kit.csv_rows import CsvLimits, ImportResult, RowError, complete_rows, read_csv
from ..kit.fields import clean_text
from ..models.base import utcnow, uuid7
from ..people.nip import normalize_nip
from .repository import AssessmentRepository
from .service import MAX_NAME, MAX_TEXT, audited, check_date, competency_reference

REQUIRED_COLUMNS = ("nip", "competency_code", "level", "assessed_on", "assessor")
OPTIONAL_COLUMNS = ("note",)


@dataclass
class _Row:
    employee_id: uuid.UUID | None
    code: str
    level: int | None
    assessed_on: date | None
    assessor: str | None
    note: str | None


def _level(errors: ErrorCollector, raw: str) -> int | None:
    if not raw:
        errors.add("level", "REQUIRED")
        return None
    if not (raw.isascii() and raw.isdigit()) or int(raw) not in LEVELS:
        errors.add("level", "OUT_OF_RANGE", min=LEVELS[0], max=LEVELS[-1])
        return None
    return int(raw)


def _date(errors: ErrorCollector, raw: str, today: date) -> date | None:
    if not raw:
        errors.add("assessed_on", "REQUIRED")
        return None
    try:
        value = date.fromisoformat(raw)
    except ValueError:
        errors.add("assessed_on", "INVALID_VALUE", detail="YYYY-MM-DD")
        return None
    check_date(errors, "assessed_on", value, today)
    return value


class AssessmentImporter(Acting):
    def __init__(self, actor: Actor, limits: CsvLimits):
        super().__init__(actor)
        self.repo = AssessmentRepository(actor.session)
        self.limits = limits

    async def run(self, text: str, dry_run: bool) -> ImportResult:
        file = read_csv(text, self.limits, REQUIRED_COLUMNS, OPTIONAL_COLUMNS)
        header, rows = file.header, file.rows
        nip_at = header.index("nip")
        employees = await self.repo.employees_by_nip(
            sorted({normalize_nip(rec[nip_at].strip()) for _, rec in rows if len(rec) > nip_at}))
        framework_id, technical = await competency_reference(self.session)
        existing = await self.repo.existing_centre_keys(
            sorted({e.id for e in employees.values()}))
        row_errors: list[RowError] = list(file.row_errors)
        inserts: list[dict[str, Any]] = []
        seen: dict[tuple, int] = {}
        now = utcnow()
        for number, values in complete_rows(header, rows, row_errors):
            errors = ErrorCollector()
            row = self._check_row(errors, values, employees, technical)
            key = (row.employee_id, row.code, row.assessed_on)
            if None not in key and not errors:
                if key in existing:
                    errors.add("competency_code", "DUPLICATE",
                               detail=f"{row.code} {row.assessed_on}")
                elif key in seen:
                    errors.add("competency_code", "DUPLICATE_IN_FILE", row=seen[key])
                else:
                    seen[key] = number
            row_errors.extend(RowError(number, e.field, e.code, e.params) for e in errors.errors)
            if not errors:
                inserts.append({
                    "id": uuid7(), "tenant_id": self.tenant_id, "employee_id": row.employee_id,
                    "competency_code": row.code, "level": row.level,
                    "framework_id": None if row.code in NATIONAL_BY_CODE else framework_id,
                    "source": "ASSESSMENT_CENTRE", "assessed_on": row.assessed_on,
                    "assessor_user_id": self.user_id, "assessor_name": row.assessor,
                    "reason": None, "note": row.note, "status": "ACCEPTED", "decided_by": None,
                    "decided_at": None, "version": 1, "created_at": now, "updated_at": now})
        if row_errors or dry_run:
            row_errors.sort(key=lambda e: e.row)  # stable: a row's errors keep their order
            return ImportResult(file.row_count, 0, row_errors)
        await self.repo.insert_many(inserts)
        for row in inserts:
            await record(self.session, tenant_id=self.tenant_id, actor_user_id=self.user_id,
                         action="competency_assessment.import",
                         object_type="CompetencyAssessment", object_id=row["id"],
                         after=audited(row))
        return ImportResult(file.row_count, len(inserts), [])

    def _check_row(self, errors: ErrorCollector, values: dict[str, str],
                   employees: dict[str, Any], technical: set[str]) -> _Row:
        nip = normalize_nip(values["nip"])
        employee = employees.get(nip) if nip else None
        employee_id = employee.id if employee else None
        if not nip:
            errors.add("nip", "REQUIRED")
        elif employee is None:
            errors.add("nip", "UNKNOWN_REFERENCE", detail=values["nip"])
        elif not employee.active:
            errors.add("nip", "INACTIVE_REFERENCE", detail=values["nip"])
        elif employee.user_id is not None and self.is_me(employee.user_id):
            errors.add("nip", "OWN_RECORD", detail=values["nip"])
        code = values["competency_code"].upper()
        if not code:
            errors.add("competency_code", "REQUIRED")
        elif code not in NATIONAL_BY_CODE and code not in technical:
            errors.add("competency_code", "UNKNOWN_REFERENCE", detail=code)
        return _Row(
            employee_id=employee_id, code=code, level=_level(errors, values["level"]),
            assessed_on=_date(errors, values["assessed_on"], self.today),
            assessor=clean_text(errors, "assessor", values["assessor"], MAX_NAME, required=True,
                                fold=False),
            note=clean_text(errors, "note", values.get("note"), MAX_TEXT, fold=False))
