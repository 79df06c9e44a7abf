"""NIP (PNS) and NI PPPK number rules (domain.md section 9).

Layouts, 18 digits each:

* PNS  ``YYYYMMDD YYYYMM S NNN``: birth date, first CPNS appointment year-month, sex, sequence.
* PPPK ``YYYYMMDD YYYY NN S NNN``: birth date, appointment year, a two-digit code, sex, sequence.

The employee type is always given explicitly; it is never inferred from the number.
Pure Python, stdlib only.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date

from kinerja.reference import EMPLOYEE_TYPES

NIP_LENGTH = 18
# Two-digit code used by generate_nip for NI PPPK numbers.
PPPK_DEFAULT_CODE = "21"
# Minimum age (years) at first appointment.
MIN_APPOINTMENT_AGE = 18

_DIGITS_18 = re.compile(r"[0-9]{18}")
_BLANKS = re.compile(r"[ \t]+")


@dataclass(frozen=True)
class NipProblem:
    """One reason a NIP / NI PPPK is invalid, with English and Indonesian messages."""

    code: str
    message_en: str
    message_id: str


def _check_type(employee_type: str) -> None:
    if employee_type not in EMPLOYEE_TYPES:
        raise ValueError(f"unknown employee type: {employee_type!r}")


def normalize_nip(raw: str) -> str:
    """Remove spaces and tabs (only those); other characters are kept for validation."""
    return _BLANKS.sub("", raw)


def _parse_birth(nip: str) -> date | None:
    try:
        return date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        return None


def validate_nip(raw: str, employee_type: str, today: date) -> list[NipProblem]:
    """Check a NIP (PNS) or NI PPPK; return every problem found (empty list = valid).

    If the number is not exactly 18 digits after normalising, only NIP_FORMAT is reported.
    """
    _check_type(employee_type)
    nip = normalize_nip(raw)
    if not _DIGITS_18.fullmatch(nip):
        return [
            NipProblem(
                "NIP_FORMAT",
                "The number must be exactly 18 digits (spaces are allowed).",
                "Nomor harus terdiri dari tepat 18 digit angka (spasi diperbolehkan).",
            )
        ]

    problems: list[NipProblem] = []

    # Birth date: digits 1-8.
    birth = _parse_birth(nip)
    if birth is None:
        problems.append(
            NipProblem(
                "NIP_BIRTH_DATE",
                f"Digits 1-8 ({nip[0:8]}) are not a real date of birth (YYYYMMDD).",
                f"Digit 1-8 ({nip[0:8]}) bukan tanggal lahir yang valid (TTTTBBHH).",
            )
        )
    elif birth > today:
        problems.append(
            NipProblem(
                "NIP_BIRTH_DATE",
                f"The date of birth {birth.isoformat()} is in the future.",
                f"Tanggal lahir {birth.isoformat()} berada di masa depan.",
            )
        )

    # Appointment: digits 9-14 (PNS, year-month) or 9-12 (PPPK, year).
    if employee_type == "PNS":
        problems.extend(_check_pns_appointment(nip, birth, today))
    else:
        problems.extend(_check_pppk_appointment(nip, birth, today))

    # Sex: digit 15.
    if nip[14] not in "12":
        problems.append(
            NipProblem(
                "NIP_SEX",
                f"Digit 15 (sex) is {nip[14]}; it must be 1 (male) or 2 (female).",
                f"Digit 15 (jenis kelamin) bernilai {nip[14]}; harus 1 (laki-laki) "
                "atau 2 (perempuan).",
            )
        )

    # Sequence: digits 16-18.
    if nip[15:18] == "000":
        problems.append(
            NipProblem(
                "NIP_SEQUENCE",
                "The sequence number (digits 16-18) must be 001-999, not 000.",
                "Nomor urut (digit 16-18) harus 001-999, bukan 000.",
            )
        )
    return problems


def _appointment_problem(message_en: str, message_id: str) -> NipProblem:
    return NipProblem("NIP_APPOINTMENT", message_en, message_id)


def _check_pns_appointment(nip: str, birth: date | None, today: date) -> list[NipProblem]:
    year, month = int(nip[8:12]), int(nip[12:14])
    if not 1 <= month <= 12:
        return [
            _appointment_problem(
                f"Digits 13-14 (appointment month) are {nip[12:14]}; must be 01-12.",
                f"Digit 13-14 (bulan pengangkatan) bernilai {nip[12:14]}; harus 01-12.",
            )
        ]
    problems: list[NipProblem] = []
    if birth is not None and (year, month) < (birth.year + MIN_APPOINTMENT_AGE, birth.month):
        problems.append(
            _appointment_problem(
                f"The appointment month {year:04d}-{month:02d} is before the 18th birthday.",
                f"Bulan pengangkatan {year:04d}-{month:02d} sebelum usia 18 tahun.",
            )
        )
    if (year, month) > (today.year, today.month):
        problems.append(
            _appointment_problem(
                f"The appointment month {year:04d}-{month:02d} is in the future.",
                f"Bulan pengangkatan {year:04d}-{month:02d} berada di masa depan.",
            )
        )
    return problems


def _check_pppk_appointment(nip: str, birth: date | None, today: date) -> list[NipProblem]:
    year = int(nip[8:12])
    problems: list[NipProblem] = []
    if birth is not None and year < birth.year + MIN_APPOINTMENT_AGE:
        problems.append(
            _appointment_problem(
                f"The appointment year {year:04d} is before the year of the 18th birthday.",
                f"Tahun pengangkatan {year:04d} sebelum tahun usia 18 tahun.",
            )
        )
    if year > today.year:
        problems.append(
            _appointment_problem(
                f"The appointment year {year:04d} is in the future.",
                f"Tahun pengangkatan {year:04d} berada di masa depan.",
            )
        )
    return problems


def format_nip(nip: str, employee_type: str) -> str:
    """Display form: PNS "19660801 198803 1 001", PPPK "19900215 2022 21 2 004".

    A number that is not 18 digits is returned normalised but otherwise unchanged.
    """
    _check_type(employee_type)
    n = normalize_nip(nip)
    if not _DIGITS_18.fullmatch(n):
        return n
    if employee_type == "PNS":
        return f"{n[0:8]} {n[8:14]} {n[14]} {n[15:18]}"
    return f"{n[0:8]} {n[8:12]} {n[12:14]} {n[14]} {n[15:18]}"


def generate_nip(
    rng: random.Random,
    employee_type: str,
    birth: date,
    appointment: date,
    sex: int,
    sequence: int,
) -> str:
    """Build an 18-digit NIP (PNS) or NI PPPK (code "21") from its parts.

    ``rng`` is accepted so generators share one signature; the result is fully determined by
    the other arguments. Raises ValueError if the parts cannot form a valid number (the
    "not in the future" rule depends on the validation date and is not checked here).
    """
    del rng  # deterministic from the parts; kept for a uniform generator signature
    _check_type(employee_type)
    if sex not in (1, 2):
        raise ValueError(f"sex must be 1 or 2, got {sex!r}")
    if not 1 <= sequence <= 999:
        raise ValueError(f"sequence must be 1-999, got {sequence!r}")
    if not 1 <= birth.year <= 9999 - MIN_APPOINTMENT_AGE:
        raise ValueError(f"birth year out of range: {birth.year}")
    if employee_type == "PNS":
        if (appointment.year, appointment.month) < (
            birth.year + MIN_APPOINTMENT_AGE,
            birth.month,
        ):
            raise ValueError("appointment is before the 18th birthday")
        middle = f"{appointment.year:04d}{appointment.month:02d}"
    else:
        if appointment.year < birth.year + MIN_APPOINTMENT_AGE:
            raise ValueError("appointment year is before the year of the 18th birthday")
        middle = f"{appointment.year:04d}{PPPK_DEFAULT_CODE}"
    return f"{birth.year:04d}{birth.month:02d}{birth.day:02d}{middle}{sex}{sequence:03d}"
