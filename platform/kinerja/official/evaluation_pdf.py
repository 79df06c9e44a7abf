"""The "Dokumen Evaluasi Kinerja Pegawai" of a periodic or annual result, after the annex of
PermenPANRB 6/2022: the period (TRIWULAN I.../BULANAN/AKHIR), the employee, the rater and the
rater's superior, the evaluation (the organisation's result, both ratings, the predikat),
notes (the rater's justifications), and the signature blocks of the employee and the rater."""

from __future__ import annotations

from .blocks import STACKED, heading, section, signature, stacked_identity, value_rows
from .labels import BLANK, label
from .layout import Cell, OfficialPdf, Row
from .model import EvaluationDocument, Person, Ratings


def filename(doc: EvaluationDocument) -> str:
    return f"evaluasi-kinerja-{doc.year}-{doc.period_slug}-{doc.employee_nip}.pdf"


def rating_values(ratings: Ratings, suffix: str = "") -> list[tuple[str, str]]:
    return [(f"RATING HASIL KERJA{suffix}", label("RatingLevel", ratings.hasil)),
            (f"RATING PERILAKU KERJA{suffix}", label("RatingLevel", ratings.perilaku)),
            (f"PREDIKAT KINERJA PEGAWAI{suffix}", label("Predikat", ratings.predikat))]


def people_rows(doc: EvaluationDocument, employee_title: str, superior_title: str,
                superior: Person | None) -> list[Row]:
    """Sections 1-3: the employee, the rater, and the rater's superior `superior`."""
    return [*stacked_identity("1", employee_title, doc.employee),
            *stacked_identity("2", "PEJABAT PENILAI KINERJA", doc.rater),
            *stacked_identity("3", superior_title, superior)]


def render(doc: EvaluationDocument) -> bytes:
    pdf = OfficialPdf(f"Dokumen Evaluasi Kinerja Pegawai {doc.year} {doc.header.period_name} "
                      f"- {doc.employee.name}", doc.header.agency, doc.header.printed_on)
    heading(pdf, ["DOKUMEN EVALUASI KINERJA PEGAWAI", f"PERIODE: {doc.header.period_name}"],
            doc.header)
    if doc.status == "RATED":
        pdf.paragraph("Draf: hasil ini belum dirilis kepada pegawai.", bold=True)
        pdf.gap(2)
    evaluation = [("CAPAIAN KINERJA ORGANISASI",
                   label("OrganisationResult", doc.organisation_result)),
                  *rating_values(doc.ratings),
                  ("STATUS HASIL", label("ResultStatus", doc.status))]
    notes = [f"Rating hasil kerja: {doc.justification_hasil or BLANK}",
             f"Rating perilaku kerja: {doc.justification_perilaku or BLANK}"]
    rows = [*people_rows(doc, "PEGAWAI YANG DINILAI", "ATASAN PEJABAT PENILAI KINERJA",
                         doc.superior),
            section("4", "EVALUASI KINERJA"), *value_rows(evaluation),
            section("5", "CATATAN/REKOMENDASI"), [Cell(""), Cell("\n".join(notes), span=2)]]
    pdf.grid(STACKED, rows)
    place = doc.header.place
    pdf.signatures([signature("Pegawai yang Dinilai", doc.employee, place, doc.acknowledged_on),
                    signature("Pejabat Penilai Kinerja", doc.rater, place, doc.released_on)])
    return bytes(pdf.output())
