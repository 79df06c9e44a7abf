"""The decision on an objection (keberatan, PP 30/2019 Pasal 59): the people (the employee who
objected, the rater, the rater's superior who decided), the result objected to, the objection
with its reasons, the explanations asked of the rater and the employee, the decision with its
reason, the result after it, who decided and when, and the decider's signature block. The
regulations give no annex for it; it follows the evaluation document's layout."""

from __future__ import annotations

from .blocks import STACKED, heading, section, signature, value_rows
from .evaluation_pdf import people_rows, rating_values
from .labels import BLANK, label, long_date
from .layout import OfficialPdf
from .model import Explanation, ObjectionDocument


def filename(doc: ObjectionDocument) -> str:
    ev = doc.evaluation
    return f"keputusan-keberatan-{ev.year}-{ev.period_slug}-{ev.employee_nip}.pdf"


def _explanation(item: Explanation) -> tuple[str, str]:
    asked = f"Diminta {long_date(item.requested_on)}: {item.question or BLANK}"
    answer = (f"Dijawab {long_date(item.answered_on)}: {item.text}" if item.text
              else "Belum dijawab sebelum keputusan.")
    return f"PENJELASAN {label('ObjectionParty', item.party).upper()}", f"{asked}\n{answer}"


def render(doc: ObjectionDocument) -> bytes:
    ev = doc.evaluation
    pdf = OfficialPdf(f"Keputusan atas Keberatan {ev.year} {ev.header.period_name} - "
                      f"{ev.employee.name}", ev.header.agency, ev.header.printed_on)
    heading(pdf, ["KEPUTUSAN ATAS KEBERATAN", "TERHADAP HASIL EVALUASI KINERJA PEGAWAI",
                  f"PERIODE: {ev.header.period_name}"], ev.header)
    explanations = [_explanation(e) for e in doc.explanations] or [
        ("PENJELASAN", "Tidak ada penjelasan yang diminta.")]
    decided_by = doc.decided_by or (doc.decider.name if doc.decider else BLANK)
    rows = [*people_rows(ev, "PEGAWAI YANG MENGAJUKAN KEBERATAN",
                         "ATASAN PEJABAT PENILAI KINERJA (MEMUTUS KEBERATAN)", doc.decider),
            section("4", "HASIL EVALUASI YANG DIAJUKAN KEBERATAN"),
            *value_rows([*rating_values(doc.before),
                         ("TANGGAL DIRILIS", long_date(ev.released_on))]),
            section("5", "KEBERATAN"),
            *value_rows([("TANGGAL DIAJUKAN", long_date(doc.filed_on)),
                         ("ALASAN KEBERATAN", doc.reasons)]),
            section("6", "PENJELASAN"), *value_rows(explanations),
            section("7", "KEPUTUSAN"),
            *value_rows([("KEPUTUSAN", label("ObjectionDecision", doc.decision)),
                         ("ALASAN KEPUTUSAN", doc.decision_reason),
                         *rating_values(ev.ratings, " (SETELAH KEPUTUSAN)"),
                         ("DIPUTUSKAN OLEH", decided_by),
                         ("TANGGAL KEPUTUSAN", long_date(doc.decided_on))])]
    pdf.grid(STACKED, rows)
    pdf.paragraph("Keputusan atasan pejabat penilai kinerja atas keberatan ini bersifat final.")
    pdf.signatures([signature("Atasan Pejabat Penilai Kinerja", doc.decider, ev.header.place,
                              doc.decided_on)])
    return bytes(pdf.output())
