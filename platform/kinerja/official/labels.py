"""The Indonesian words the official documents print for codes, and their date formats.

The predikat and BerAKHLAK value names come from the development domain's tables (one source
for the platform); the others are not labelled anywhere else in the code yet (reference.py and
the GraphQL enums have no Indonesian labels for them), so they live here.
"""

from __future__ import annotations

import math
from datetime import date

from ..development.suggest import PREDIKAT_LABELS as PREDIKAT_LABELS
from ..development.suggest import VALUE_LABELS as VALUE_LABELS

RATING_LABELS = {"DI_ATAS": "Di Atas Ekspektasi", "SESUAI": "Sesuai Ekspektasi",
                 "DI_BAWAH": "Di Bawah Ekspektasi"}
ORGANISATION_RESULT_LABELS = {"ISTIMEWA": "Istimewa", "BAIK": "Baik",
                              "BUTUH_PERBAIKAN": "Butuh Perbaikan", "KURANG": "Kurang",
                              "SANGAT_KURANG": "Sangat Kurang"}
ASPECT_LABELS = {"KUANTITAS": "Kuantitas", "KUALITAS": "Kualitas", "WAKTU": "Waktu",
                 "BIAYA": "Biaya"}
SKP_STATUS_LABELS = {"DRAFT": "Draf (belum diajukan)", "SUBMITTED": "Diajukan, belum disetujui",
                     "APPROVED": "Disetujui", "RETURNED": "Dikembalikan untuk diperbaiki"}
RESULT_STATUS_LABELS = {"RATED": "Dinilai, belum dirilis kepada pegawai", "RELEASED": "Dirilis",
                        "ACKNOWLEDGED": "Diterima pegawai", "OBJECTED": "Dalam proses keberatan",
                        "FINAL": "Final"}
DECISION_LABELS = {"UPHOLD": "Menguatkan hasil evaluasi kinerja",
                   "CHANGE": "Mengubah hasil evaluasi kinerja"}
PARTY_LABELS = {"RATER": "Pejabat Penilai Kinerja", "EMPLOYEE": "Pegawai yang Dinilai"}

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


def label(table: dict[str, str], code: str | None) -> str:
    """The label of a code; the code itself when the table lacks it, "-" for none."""
    if code is None:
        return BLANK
    return table.get(code, code)


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
