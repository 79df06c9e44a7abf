"""The SKP document, after the SKP annex of PermenPANRB 6/2022: the agency and the period,
the employee and the rater side by side, the work results (RHK, "utama" then "tambahan",
each with the leader's RHK it supports and its indicators with aspect and target), the seven
BerAKHLAK values with their behaviours and the rater's specific expectations, and the two
signature blocks (the employee on submitting, the rater on approving)."""

from __future__ import annotations

from ..skp.codes import BERAKHLAK
from .blocks import heading, side_by_side_identity, signature
from .labels import BERAKHLAK_GUIDANCE, BLANK, label
from .layout import Cell, OfficialPdf, Row
from .model import SkpDocument, WorkResult

IDENTITY_WIDTHS = [0.04, 0.15, 0.31, 0.04, 0.15, 0.31]
WORK_WIDTHS = [0.05, 0.22, 0.23, 0.1, 0.27, 0.13]
BEHAVIOUR_WIDTHS = [0.05, 0.5, 0.45]
SECTIONS = (("UTAMA", "A. UTAMA"), ("TAMBAHAN", "B. TAMBAHAN"))


def filename(doc: SkpDocument) -> str:
    return f"skp-{doc.year}-{doc.employee_nip}.pdf"


def render(doc: SkpDocument) -> bytes:
    pdf = OfficialPdf(f"Sasaran Kinerja Pegawai {doc.year} - {doc.employee.name}",
                      doc.header.agency, doc.header.printed_on)
    heading(pdf, ["SASARAN KINERJA PEGAWAI"], doc.header)
    if doc.status != "APPROVED":
        pdf.paragraph(f"Status SKP: {label('SkpStatus', doc.status)}. Dokumen ini belum "
                      "disetujui oleh Pejabat Penilai Kinerja.", bold=True)
        pdf.gap(2)
    head, rows = side_by_side_identity(("PEGAWAI YANG DINILAI", doc.employee),
                                       ("PEJABAT PENILAI KINERJA", doc.rater))
    pdf.grid(IDENTITY_WIDTHS, rows, head)
    pdf.grid(WORK_WIDTHS, _work_rows(doc.work_results), _work_heading())
    pdf.grid(BEHAVIOUR_WIDTHS, _behaviour_rows(doc), _behaviour_heading())
    place = doc.header.place
    pdf.signatures([signature("Pegawai yang Dinilai", doc.employee, place, doc.submitted_on),
                    signature("Pejabat Penilai Kinerja", doc.rater, place, doc.approved_on)])
    return bytes(pdf.output())


def _work_heading() -> list[Row]:
    titles = ("NO", "RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI", "RENCANA HASIL KERJA",
              "ASPEK", "INDIKATOR KINERJA INDIVIDU", "TARGET")
    return [[Cell("HASIL KERJA", span=6, bold=True, shade=True)],
            [Cell(t, bold=True, shade=True, align="C") for t in titles]]


def _work_rows(work_results: list[WorkResult]) -> list[Row]:
    rows: list[Row] = []
    for kind, title in SECTIONS:
        rows.append([Cell(title, span=6, bold=True)])
        items = [w for w in work_results if w.kind == kind]
        if not items:
            rows.append([Cell(BLANK, align="C"), Cell("Tidak ada.", span=5)])
        for number, item in enumerate(items, 1):
            for index, indicator in enumerate(item.indicators or [None]):
                first = index == 0
                rows.append([
                    Cell(str(number) if first else "", align="C"),
                    Cell((item.parent_text or BLANK) if first else ""),
                    Cell(item.text if first else ""),
                    Cell(label("IndicatorAspect", indicator.aspect) if indicator else BLANK),
                    Cell(indicator.text if indicator else BLANK),
                    Cell(indicator.target if indicator else BLANK)])
    return rows


def _behaviour_heading() -> list[Row]:
    return [[Cell("PERILAKU KERJA", span=3, bold=True, shade=True)],
            [Cell(t, bold=True, shade=True, align="C")
             for t in ("NO", "PERILAKU KERJA (BerAKHLAK)", "EKSPEKTASI KHUSUS PIMPINAN")]]


def _behaviour_rows(doc: SkpDocument) -> list[Row]:
    rows: list[Row] = []
    for number, code in enumerate(BERAKHLAK, 1):
        behaviours = "\n".join(f"• {text}" for text in BERAKHLAK_GUIDANCE[code])
        rows.append([Cell(str(number), align="C"),
                     Cell(f"{label('BerakhlakValue', code)}\n{behaviours}"),
                     Cell(doc.expectations.get(code) or BLANK)])
    return rows
