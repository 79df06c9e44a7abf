"""Blocks the documents share: the heading with agency and period, identity blocks (stacked,
as in the evaluation annex, or side by side, as in the SKP annex), label/value rows and
signature blocks with place and date."""

from __future__ import annotations

from datetime import date

from .labels import BLANK, date_range, long_date
from .layout import Cell, OfficialPdf, Row, Signature
from .model import Header, Person

IDENTITY_LABELS = ("NAMA", "{number}", "PANGKAT/GOL. RUANG", "JABATAN", "UNIT KERJA")
UNFILLED = "...................."
STACKED = [0.05, 0.33, 0.62]  # no., label, value


def identity_values(person: Person | None) -> list[tuple[str, str]]:
    """(label, value) of the five identity rows; dashes for nobody."""
    if person is None:
        return [(label.format(number="NIP"), BLANK) for label in IDENTITY_LABELS]
    values = (person.name, person.number, person.rank, person.position, person.unit)
    return [(label.format(number=person.number_label), value)
            for label, value in zip(IDENTITY_LABELS, values, strict=True)]


def heading(pdf: OfficialPdf, titles: list[str], header: Header) -> None:
    """The titles, then the agency (left) and the assessment period (right)."""
    pdf.titles(titles)
    period = date_range(header.starts_on, header.ends_on).upper()
    pdf.grid([0.4, 0.6], [[Cell(header.agency, bold=True),
                            Cell(f"PERIODE PENILAIAN: {period}", bold=True, align="R")]],
              borders=False)


def section(number: str, title: str) -> Row:
    return [Cell(number, bold=True, shade=True), Cell(title, span=2, bold=True, shade=True)]


def value_rows(pairs: list[tuple[str, str]]) -> list[Row]:
    return [[Cell(""), Cell(label), Cell(value)] for label, value in pairs]


def stacked_identity(number: str, title: str, person: Person | None) -> list[Row]:
    """`1 | PEGAWAI YANG DINILAI` and its five rows (the evaluation annex)."""
    return [section(number, title), *value_rows(identity_values(person))]


def side_by_side_identity(left: tuple[str, Person | None],
                          right: tuple[str, Person | None]) -> tuple[list[Row], list[Row]]:
    """(heading, rows) of `NO | PEGAWAI YANG DINILAI | NO | PEJABAT PENILAI KINERJA`."""
    head = [Cell("NO", bold=True, shade=True, align="C"),
            Cell(left[0], span=2, bold=True, shade=True),
            Cell("NO", bold=True, shade=True, align="C"),
            Cell(right[0], span=2, bold=True, shade=True)]
    rows = [[Cell(str(i), align="C"), Cell(a_label), Cell(a_value),
             Cell(str(i), align="C"), Cell(b_label), Cell(b_value)]
            for i, ((a_label, a_value), (b_label, b_value)) in enumerate(
                zip(identity_values(left[1]), identity_values(right[1]), strict=True), 1)]
    return [head], rows


def signature(role: str, person: Person | None, place: str, day: date | None) -> Signature:
    """`Padang, 2 Januari 2026` / role / name / NIP; dotted where the platform knows no
    place (KINERJA_DOCUMENT_PLACE unset) or no date yet (to be written by hand)."""
    when = long_date(day) if day is not None else UNFILLED
    return Signature(place_date=f"{place or UNFILLED}, {when}", role=f"{role},",
                     name=person.name if person else BLANK,
                     number=f"{person.number_label}. {person.number}" if person else BLANK)
