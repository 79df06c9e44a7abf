"""The SKP part of the benchmark data: a RUNNING 2026 cycle per tenant (quarterly periods),
one APPROVED SKP per employee with the reporting line's rater copied on it, three work results
(RHK) of two indicators each, Q1 realisations for every indicator and a RATED Q1 result.

`plan()` only builds rows (tuples in column order); bench/dataset.py writes them.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

from kinerja.cycles.rules import default_content, predikat_for
from kinerja.cycles.service_cycles import period_bounds
from kinerja.models.base import uuid7

YEAR = 2026
RATINGS = ("DI_ATAS", "SESUAI", "SESUAI", "DI_BAWAH")
WORK_RESULTS = (("UTAMA", "Tersusunnya laporan kinerja bagian"),
                ("UTAMA", "Terlaksananya layanan administrasi kepegawaian"),
                ("TAMBAHAN", "Terlaksananya tugas tambahan dari pimpinan"))
INDICATORS = (("KUANTITAS", "Jumlah dokumen yang diselesaikan", 12.0, "dokumen", None),
              ("KUALITAS", "Kesesuaian dengan standar", None, None, "Sesuai standar"))

COLUMNS = {
    "cycle": ("tenant_id", "id", "year", "name", "state", "rule_set_id", "version", "launched_at",
              "closed_at", "created_at", "updated_at"),
    "period": ("tenant_id", "id", "cycle_id", "kind", "number", "starts_on", "ends_on"),
    "skp": ("tenant_id", "id", "cycle_id", "employee_id", "rater_id", "rater_superior_id",
            "status", "version", "created_at", "updated_at"),
    "work_result": ("tenant_id", "id", "skp_id", "position", "kind", "text", "parent_id",
                    "created_at"),
    "indicator": ("tenant_id", "id", "work_result_id", "position", "aspect", "text",
                  "target_value", "target_unit", "target_text"),
    "realisation": ("tenant_id", "id", "skp_id", "indicator_id", "period_id", "value",
                    "narrative", "version", "recorded_by", "created_at", "updated_at"),
    "performance_result": ("tenant_id", "id", "skp_id", "period_id", "rule_set_id",
                           "rule_set_version", "rating_hasil", "rating_perilaku", "hasil_source",
                           "predikat", "status", "rated_at", "version", "created_at",
                           "updated_at"),
}


@dataclass
class SkpPlan:
    rule_set_id: uuid.UUID
    cycle_id: uuid.UUID
    quarter_id: uuid.UUID
    rows: dict[str, list[tuple]] = field(default_factory=dict)

    def tables(self) -> Iterator[tuple[str, tuple[str, ...], list[tuple]]]:
        """(table, columns, rows) in foreign-key order."""
        for table, columns in COLUMNS.items():
            yield table, columns, self.rows[table]


def plan(tenant_id: uuid.UUID, employee_ids: list[uuid.UUID], lines: list[tuple],
         now: datetime, seed: int) -> SkpPlan:
    """Rows for one tenant; `lines` are reporting_line rows (employee, rater, superior: 2-4)."""
    content = default_content()
    out = SkpPlan(uuid7(), uuid7(), uuid7(), {table: [] for table in COLUMNS})
    out.rows["cycle"].append((tenant_id, out.cycle_id, YEAR, f"Kinerja {YEAR}", "RUNNING",
                              out.rule_set_id, 1, now, None, now, now))
    for kind, number, first, last in period_bounds(YEAR, content["period_granularity"]):
        period_id = out.quarter_id if (kind, number) == ("QUARTER", 1) else uuid7()
        out.rows["period"].append((tenant_id, period_id, out.cycle_id, kind, number, first, last))
    raters = {line[2]: (line[3], line[4]) for line in lines}
    for i, employee_id in enumerate(employee_ids):
        skp_id = uuid7()
        rater, superior = raters.get(employee_id, (None, None))
        out.rows["skp"].append((tenant_id, skp_id, out.cycle_id, employee_id, rater, superior,
                                "APPROVED", 1, now, now))
        for w, (kind, text) in enumerate(WORK_RESULTS):
            work_result_id = uuid7()
            out.rows["work_result"].append((tenant_id, work_result_id, skp_id, w, kind, text,
                                            None, now))
            for k, (aspect, label, value, unit, target_text) in enumerate(INDICATORS):
                indicator_id = uuid7()
                out.rows["indicator"].append((tenant_id, indicator_id, work_result_id, k, aspect,
                                              label, value, unit, target_text))
                realised = None if value is None else float(3 + (i + w) % 4)
                narrative = None if value is not None else "Sesuai standar pada triwulan I"
                out.rows["realisation"].append((tenant_id, uuid7(), skp_id, indicator_id,
                                                out.quarter_id, realised, narrative, 1, None,
                                                now, now))
        hasil, perilaku = RATINGS[(i + seed) % 4], RATINGS[(i * 3 + seed) % 4]
        out.rows["performance_result"].append((
            tenant_id, uuid7(), skp_id, out.quarter_id, out.rule_set_id, 1, hasil, perilaku,
            "RATER", predikat_for(content, hasil, perilaku), "RATED", now, 1, now, now))
    return out
