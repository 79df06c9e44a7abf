"""Default required levels per position level (domain.md §7), used when HR has not set an
override for a position and competency.

Managerial and JF Keahlian follow the domain guide. JF Keterampilan is not in the guide; this
project places Penyelia at 3 (it supervises like a Pengawas-plus), Mahir at 2, Terampil and
Pemula at 1. The socio-cultural competency (SK.01) takes the managerial level. Technical
competencies have no default: a position requires one only when HR sets it.
"""

from __future__ import annotations

from .national import NATIONAL

DEFAULT_LEVEL_BY_POSITION_LEVEL: dict[str, int] = {
    "JPT_UTAMA": 5,
    "JPT_MADYA": 5,
    "JPT_PRATAMA": 4,
    "ADMINISTRATOR": 3,
    "PENGAWAS": 2,
    "PELAKSANA": 1,
    "AHLI_UTAMA": 4,
    "AHLI_MADYA": 3,
    "AHLI_MUDA": 2,
    "AHLI_PERTAMA": 1,
    "PENYELIA": 3,
    "MAHIR": 2,
    "TERAMPIL": 1,
    "PEMULA": 1,
}


def default_requirements(position_level: str) -> dict[str, int]:
    """competency code -> required level for the national competencies of a position level."""
    level = DEFAULT_LEVEL_BY_POSITION_LEVEL[position_level]
    return {c.code: level for c in NATIONAL}
