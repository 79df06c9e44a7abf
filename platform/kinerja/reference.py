"""Domain reference data for Indonesian civil servants (ASN), kept as plain tables.

Regulations change, so everything here is data: tenant kinds, employee types, PNS ranks
(pangkat/golongan ruang), PPPK golongan, and position types/levels (UU 5/2014).
See /work/shared/domain.md section 9. Pure Python, stdlib only. The Indonesian and English labels
of these codes (what documents and exports show) live in labels.py.
"""

from __future__ import annotations

from dataclasses import dataclass

# --- Tenants -----------------------------------------------------------------------------------

TENANT_KINDS: tuple[str, ...] = ("KECAMATAN", "KELURAHAN", "PUSKESMAS", "SEKOLAH", "DINAS", "OTHER")

# --- Employees ---------------------------------------------------------------------------------

EMPLOYEE_TYPES: tuple[str, ...] = ("PNS", "PPPK")

# Acting officials: Plt (Pelaksana Tugas) and Plh (Pelaksana Harian).
ACTING_KINDS: tuple[str, ...] = ("NONE", "PLT", "PLH")

# Sex digit used in NIP / NI PPPK.
SEX_LABELS: dict[int, str] = {1: "Laki-laki", 2: "Perempuan"}


@dataclass(frozen=True)
class Rank:
    """A PNS rank (pangkat, golongan ruang) or a PPPK golongan."""

    code: str
    golongan: str
    label: str


# The 17 PNS ranks, lowest first (order matters: it is the promotion order).
PNS_RANKS: tuple[Rank, ...] = (
    Rank("I_A", "I/a", "Juru Muda"),
    Rank("I_B", "I/b", "Juru Muda Tingkat I"),
    Rank("I_C", "I/c", "Juru"),
    Rank("I_D", "I/d", "Juru Tingkat I"),
    Rank("II_A", "II/a", "Pengatur Muda"),
    Rank("II_B", "II/b", "Pengatur Muda Tingkat I"),
    Rank("II_C", "II/c", "Pengatur"),
    Rank("II_D", "II/d", "Pengatur Tingkat I"),
    Rank("III_A", "III/a", "Penata Muda"),
    Rank("III_B", "III/b", "Penata Muda Tingkat I"),
    Rank("III_C", "III/c", "Penata"),
    Rank("III_D", "III/d", "Penata Tingkat I"),
    Rank("IV_A", "IV/a", "Pembina"),
    Rank("IV_B", "IV/b", "Pembina Tingkat I"),
    Rank("IV_C", "IV/c", "Pembina Utama Muda"),
    Rank("IV_D", "IV/d", "Pembina Utama Madya"),
    Rank("IV_E", "IV/e", "Pembina Utama"),
)

_ROMAN: tuple[str, ...] = (
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX",
    "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII",
)

# The 17 PPPK golongan, lowest first.
PPPK_RANKS: tuple[Rank, ...] = tuple(
    Rank(f"PPPK_{roman}", roman, f"Golongan {roman}") for roman in _ROMAN
)

RANKS: tuple[Rank, ...] = PNS_RANKS + PPPK_RANKS

RANKS_BY_CODE: dict[str, Rank] = {rank.code: rank for rank in RANKS}

_RANK_CODES_BY_TYPE: dict[str, tuple[str, ...]] = {
    "PNS": tuple(rank.code for rank in PNS_RANKS),
    "PPPK": tuple(rank.code for rank in PPPK_RANKS),
}


def rank_fits(employee_type: str, rank_code: str) -> bool:
    """True if rank_code is a valid rank for the employee type."""
    return rank_code in _RANK_CODES_BY_TYPE.get(employee_type, ())


def rank_display(rank_code: str) -> str:
    """Display text such as "Penata Muda (III/a)" or "Golongan IX"."""
    rank = RANKS_BY_CODE[rank_code]
    if rank.code.startswith("PPPK_"):
        return rank.label
    return f"{rank.label} ({rank.golongan})"


# --- Positions (UU 5/2014) ---------------------------------------------------------------------

POSITION_TYPES: tuple[str, ...] = (
    "JPT",
    "ADMINISTRASI",
    "FUNGSIONAL_KEAHLIAN",
    "FUNGSIONAL_KETERAMPILAN",
)

# Level code -> position type; within a type, highest level first.
POSITION_LEVELS: dict[str, str] = {
    "JPT_UTAMA": "JPT",
    "JPT_MADYA": "JPT",
    "JPT_PRATAMA": "JPT",
    "ADMINISTRATOR": "ADMINISTRASI",
    "PENGAWAS": "ADMINISTRASI",
    "PELAKSANA": "ADMINISTRASI",
    "AHLI_UTAMA": "FUNGSIONAL_KEAHLIAN",
    "AHLI_MADYA": "FUNGSIONAL_KEAHLIAN",
    "AHLI_MUDA": "FUNGSIONAL_KEAHLIAN",
    "AHLI_PERTAMA": "FUNGSIONAL_KEAHLIAN",
    "PENYELIA": "FUNGSIONAL_KETERAMPILAN",
    "MAHIR": "FUNGSIONAL_KETERAMPILAN",
    "TERAMPIL": "FUNGSIONAL_KETERAMPILAN",
    "PEMULA": "FUNGSIONAL_KETERAMPILAN",
}


def position_type_of(level: str) -> str:
    """Position type of a level code, e.g. "PENGAWAS" -> "ADMINISTRASI"."""
    try:
        return POSITION_LEVELS[level]
    except KeyError:
        raise ValueError(f"unknown position level: {level!r}") from None
