"""What the official documents print for codes, and their number, date and period formats.

Enum values (ratings, predikat, statuses, aspects, BerAKHLAK values, decisions) take their
Indonesian labels from kinerja/labels.py, the platform's one table of them; what only the
documents print lives here: the behaviours of each BerAKHLAK value, the month names, and the
annexes' period names (`TRIWULAN I`, `AKHIR`).
"""

from __future__ import annotations

import math
from datetime import date

from ..labels import label as enum_label

# SE MenPANRB 20/2021: the behaviours (panduan perilaku) of each BerAKHLAK core value.
BERAKHLAK_GUIDANCE = {
    "BERORIENTASI_PELAYANAN": (
        "Memahami dan memenuhi kebutuhan masyarakat",
        "Ramah, cekatan, solutif, dan dapat diandalkan",
        "Melakukan perbaikan tiada henti"),
    "AKUNTABEL": (
        "Melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin, dan "
        "berintegritas tinggi",
        "Menggunakan kekayaan dan barang milik negara secara bertanggung jawab, efektif, dan "
        "efisien",
        "Tidak menyalahgunakan kewenangan jabatan"),
    "KOMPETEN": (
        "Meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah",
        "Membantu orang lain belajar",
        "Melaksanakan tugas dengan kualitas terbaik"),
    "HARMONIS": (
        "Menghargai setiap orang apa pun latar belakangnya",
        "Suka menolong orang lain",
        "Membangun lingkungan kerja yang kondusif"),
    "LOYAL": (
        "Memegang teguh ideologi Pancasila, Undang-Undang Dasar Negara Republik Indonesia "
        "Tahun 1945, setia kepada NKRI serta pemerintahan yang sah",
        "Menjaga nama baik sesama ASN, pimpinan, instansi, dan negara",
        "Menjaga rahasia jabatan dan negara"),
    "ADAPTIF": (
        "Cepat menyesuaikan diri menghadapi perubahan",
        "Terus berinovasi dan mengembangkan kreativitas",
        "Bertindak proaktif"),
    "KOLABORATIF": (
        "Memberi kesempatan kepada berbagai pihak untuk berkontribusi",
        "Terbuka dalam bekerja sama untuk menghasilkan nilai tambah",
        "Menggerakkan pemanfaatan berbagai sumber daya untuk tujuan bersama"),
}

MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember")
ROMAN = ("I", "II", "III", "IV")
BLANK = "-"


def label(enum: str, code: str | None) -> str:
    """The Indonesian label of a value of the GraphQL enum `enum` (kinerja/labels.py); the
    code itself for a value it does not know, "-" for none."""
    return BLANK if code is None else enum_label(enum, code, "id")


def long_date(day: date | None) -> str:
    """`2 Januari 2026`; "-" for no date."""
    if day is None:
        return BLANK
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def date_range(starts_on: date, ends_on: date) -> str:
    """`1 Januari s.d. 31 Maret 2026` (the year once when both days share it)."""
    first = long_date(starts_on)
    if starts_on.year == ends_on.year:
        first = first.rsplit(" ", 1)[0]
    return f"{first} s.d. {long_date(ends_on)}"


def period_name(kind: str, number: int) -> str:
    """What the annexes print after PERIODE: `TRIWULAN I`, `BULANAN (JANUARI)`, `AKHIR`."""
    if kind == "QUARTER" and 1 <= number <= len(ROMAN):
        return f"TRIWULAN {ROMAN[number - 1]}"
    if kind == "MONTH" and 1 <= number <= len(MONTHS):
        return f"BULANAN ({MONTHS[number - 1].upper()})"
    return "AKHIR"


def period_slug(kind: str, number: int) -> str:
    """A short ASCII tag for file names: `tw1`, `bulan01`, `tahunan`."""
    if kind == "QUARTER":
        return f"tw{number}"
    if kind == "MONTH":
        return f"bulan{number:02d}"
    return "tahunan"


def number(value: float) -> str:
    """A target value the Indonesian way: `12`, `86,1`, `1.250`."""
    if not math.isfinite(value):
        return str(value)
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    whole, _, fraction = f"{value:,.4f}".rstrip("0").partition(".")
    return f"{whole.replace(',', '.')},{fraction}"
