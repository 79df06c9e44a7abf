"""The built-in exports: each a read-only document with a table, like a custom view (views/),
but defined here and open to everyone the document's own permissions let through (it runs as
the caller). NIPs are exported formatted ("19800101 200501 1 001"): text in every spreadsheet.
Columns with `enum` are written as the value's label in the request's language."""

from __future__ import annotations

from typing import Any

from ..models import CustomViewVersion

PAGE = "pageInfo { hasNextPage endCursor }"


def _col(path: str, label_id: str, label_en: str, enum: str | None = None) -> dict[str, Any]:
    column: dict[str, Any] = {"path": path, "label_id": label_id, "label_en": label_en}
    if enum:
        column["enum"] = enum
    return column


EMPLOYEE = [_col("name", "Nama", "Name"), _col("nipFormatted", "NIP", "NIP"),
            _col("employeeType", "Jenis pegawai", "Employee type", "EmployeeType"),
            _col("rank", "Pangkat/golongan", "Rank", "Rank"),
            _col("position.name", "Jabatan", "Position"), _col("unit.name", "Unit kerja", "Unit")]

EXPORTS: dict[str, dict[str, Any]] = {
    "employees": {
        "title": ("Daftar pegawai", "Employee list"),
        "document": "query Employees($first: Int = 100, $after: String, $unitId: ID) { "
                    "employees(first: $first, after: $after, unitId: $unitId) { nodes { name "
                    "nipFormatted employeeType rank position { name } unit { name } "
                    "rater { name } } " + PAGE + " } }",
        "rows": "employees.nodes",
        "columns": [*EMPLOYEE, _col("rater.name", "Pejabat penilai", "Rater")],
    },
    "results": {
        "title": ("Hasil kinerja periode", "Results of a period"),
        "document": "query Results($cycleId: ID!, $periodId: ID!, $unitId: ID, $first: Int = "
                    "100, $after: String) { results(cycleId: $cycleId, periodId: $periodId, "
                    "unitId: $unitId, first: $first, after: $after) { nodes { employee { name "
                    "nipFormatted unit { name } } ratingHasil ratingPerilaku predikat status "
                    "releasedOn objectionDeadline } " + PAGE + " } }",
        "rows": "results.nodes",
        "columns": [_col("employee.name", "Nama", "Name"),
                    _col("employee.nipFormatted", "NIP", "NIP"),
                    _col("employee.unit.name", "Unit kerja", "Unit"),
                    _col("ratingHasil", "Hasil kerja", "Work results", "RatingLevel"),
                    _col("ratingPerilaku", "Perilaku kerja", "Work behaviour", "RatingLevel"),
                    _col("predikat", "Predikat", "Predikat", "Predikat"),
                    _col("status", "Status", "Status", "ResultStatus"),
                    _col("releasedOn", "Tanggal rilis", "Released on"),
                    _col("objectionDeadline", "Batas keberatan", "Objection deadline")],
    },
    "jp-compliance": {
        "title": ("Pemenuhan 20 JP", "JP compliance"),
        "document": "query Jp($year: Int!, $unitId: ID, $belowOnly: Boolean = false, $first: "
                    "Int = 100, $after: String) { jpCompliance(year: $year, unitId: $unitId, "
                    "belowOnly: $belowOnly, first: $first, after: $after) { nodes { employee { "
                    "name nipFormatted unit { name } } completedJp minimumJp shortfallJp } "
                    + PAGE + " } }",
        "rows": "jpCompliance.nodes",
        "columns": [_col("employee.name", "Nama", "Name"),
                    _col("employee.nipFormatted", "NIP", "NIP"),
                    _col("employee.unit.name", "Unit kerja", "Unit"),
                    _col("completedJp", "JP selesai", "Completed JP"),
                    _col("minimumJp", "JP minimal", "Minimum JP"),
                    _col("shortfallJp", "Kekurangan JP", "Shortfall JP")],
    },
    "gap-matrix": {
        "title": ("Matriks kesenjangan kompetensi", "Competency gap matrix"),
        "document": "query Gaps($unitId: ID, $first: Int = 100, $after: String) { "
                    "competencyGapMatrix(unitId: $unitId, first: $first, after: $after) { rows "
                    "{ nodes { employee { name nipFormatted unit { name } } jpm band { label } "
                    "cells { competencyCode requiredLevel actualLevel gap } } " + PAGE
                    + " } } }",
        "rows": "competencyGapMatrix.rows.nodes",
        "columns": [_col("employee.name", "Nama", "Name"),
                    _col("employee.nipFormatted", "NIP", "NIP"),
                    _col("employee.unit.name", "Unit kerja", "Unit"),
                    _col("jpm", "JPM (%)", "JPM (%)"), _col("band.label", "Kategori", "Band"),
                    _col("cells.competencyCode", "Kompetensi", "Competencies"),
                    _col("cells.requiredLevel", "Level dibutuhkan", "Required levels"),
                    _col("cells.actualLevel", "Level aktual", "Actual levels"),
                    _col("cells.gap", "Kesenjangan", "Gaps")],
    },
    "progress": {
        "title": ("Progres kinerja per unit", "Progress per unit"),
        "document": "query Progress($periodId: ID!, $unitId: ID) { progress(periodId: "
                    "$periodId, unitId: $unitId) { unitName employeeName skps indicators "
                    "indicatorsRealised realisationShare achievement evidence } }",
        "rows": "progress",
        "columns": [_col("unitName", "Unit kerja", "Unit"),
                    _col("employeeName", "Nama", "Name"), _col("skps", "SKP", "SKPs"),
                    _col("indicators", "Indikator", "Indicators"),
                    _col("indicatorsRealised", "Indikator terealisasi", "Indicators realised"),
                    _col("realisationShare", "Porsi terealisasi", "Realisation share"),
                    _col("achievement", "Capaian", "Achievement"),
                    _col("evidence", "Bukti dukung", "Evidence")],
    },
    "predikat-by-unit": {
        "title": ("Sebaran predikat per unit", "Predikat per unit"),
        "document": "query Predikat($periodId: ID!) { predikatByUnit(periodId: $periodId) { "
                    "units { unitName distribution { total counts { predikat count } } } } }",
        "rows": "predikatByUnit.units",
        "columns": [_col("unitName", "Unit kerja", "Unit"),
                    _col("distribution.total", "Jumlah", "Total"),
                    _col("distribution.counts.predikat", "Predikat", "Predikat", "Predikat"),
                    _col("distribution.counts.count", "Jumlah per predikat", "Counts")],
    },
    "rater-fairness": {
        "title": ("Keadilan penilaian per pejabat penilai", "Fairness per rater"),
        "document": "query Fairness($periodId: ID!) { raterFairness(periodId: $periodId) { "
                    "raters { raterName ratees distance meanScore leniency selfGap { mean } "
                    "feedback360Gap { mean } } } }",
        "rows": "raterFairness.raters",
        "columns": [_col("raterName", "Pejabat penilai", "Rater"),
                    _col("ratees", "Jumlah dinilai", "Ratees"),
                    _col("meanScore", "Rata-rata skor", "Mean score"),
                    _col("leniency", "Indeks kelonggaran", "Leniency index"),
                    _col("distance", "Jarak dari instansi", "Distance from agency"),
                    _col("selfGap.mean", "Selisih dengan penilaian diri", "Self gap"),
                    _col("feedback360Gap.mean", "Selisih dengan 360", "360 gap")],
    },
    "jp-by-unit": {
        "title": ("Pemenuhan JP per unit", "JP compliance per unit"),
        "document": "query JpUnits($year: Int!) { jpComplianceByUnit(year: $year) { unitName "
                    "employees below complianceShare meanJp } }",
        "rows": "jpComplianceByUnit",
        "columns": [_col("unitName", "Unit kerja", "Unit"),
                    _col("employees", "Pegawai", "Employees"),
                    _col("below", "Di bawah minimal", "Below minimum"),
                    _col("complianceShare", "Porsi memenuhi", "Compliance share"),
                    _col("meanJp", "Rata-rata JP", "Mean JP")],
    },
    "gap-heatmap": {
        "title": ("Peta kesenjangan kompetensi", "Competency gap heatmap"),
        "document": "query Heatmap { competencyGapHeatmap { unitName competencyCode employees "
                    "withGap gapShare meanGap } }",
        "rows": "competencyGapHeatmap",
        "columns": [_col("unitName", "Unit kerja", "Unit"),
                    _col("competencyCode", "Kompetensi", "Competency"),
                    _col("employees", "Pegawai", "Employees"),
                    _col("withGap", "Dengan kesenjangan", "With a gap"),
                    _col("gapShare", "Porsi", "Share"),
                    _col("meanGap", "Rata-rata kesenjangan", "Mean gap")],
    },
}


def export_version(name: str) -> CustomViewVersion | None:
    """The export as an (unsaved) view version the views runner can run."""
    spec = EXPORTS.get(name)
    if spec is None:
        return None
    title_id, title_en = spec["title"]
    operation = spec["document"].split("(", 1)[0].split("{", 1)[0].split()[1]
    return CustomViewVersion(number=1, title_id=title_id, title_en=title_en,
                             document=spec["document"], operation_name=operation,
                             rows_path=spec["rows"], columns=spec["columns"], roles=[],
                             defaults={})
