"""Tests for kinerja.people.nip (NIP / NI PPPK rules, domain.md section 9)."""

from __future__ import annotations

import random
from datetime import date

import pytest

from kinerja.people.nip import (
    NipProblem,
    format_nip,
    generate_nip,
    normalize_nip,
    validate_nip,
)

TODAY = date(2026, 11, 27)
DOMAIN_EXAMPLE = "19660801 198803 1 001"


def codes(raw: str, employee_type: str = "PNS", today: date = TODAY) -> list[str]:
    return [problem.code for problem in validate_nip(raw, employee_type, today)]


# --- normalising and format ---------------------------------------------------------------------


def test_domain_example_is_valid() -> None:
    assert validate_nip(DOMAIN_EXAMPLE, "PNS", TODAY) == []
    assert validate_nip("196608011988031001", "PNS", TODAY) == []


def test_spaces_and_tabs_are_tolerated() -> None:
    assert normalize_nip(" 19660801\t198803 1  001 ") == "196608011988031001"
    assert codes("\t1966 0801 1988 03 1 001  ") == []


def test_only_spaces_and_tabs_are_stripped() -> None:
    assert normalize_nip("19660801-198803-1-001") == "19660801-198803-1-001"
    assert codes("19660801-198803-1-001") == ["NIP_FORMAT"]
    assert codes("19660801\n198803 1 001") == ["NIP_FORMAT"]


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "1966080119880310",  # 16 digits
        "1966080119880310010",  # 19 digits
        "19660801198803100A",
        "１９６６０８０１１９８８０３１００１",  # full-width digits are not ASCII digits
    ],
)
def test_format_problem(raw: str) -> None:
    assert codes(raw) == ["NIP_FORMAT"]
    assert codes(raw, "PPPK") == ["NIP_FORMAT"]


def test_format_problem_hides_other_problems() -> None:
    # Bad date, sex and sequence, but too short: only NIP_FORMAT is reported.
    assert codes("19661301 198813 9 00") == ["NIP_FORMAT"]


def test_problem_is_frozen_and_bilingual() -> None:
    (problem,) = validate_nip("123", "PNS", TODAY)
    assert isinstance(problem, NipProblem)
    assert problem.message_en and problem.message_id
    assert problem.message_en != problem.message_id
    with pytest.raises(AttributeError):
        problem.code = "X"  # type: ignore[misc]


def test_unknown_employee_type_is_rejected() -> None:
    with pytest.raises(ValueError):
        validate_nip(DOMAIN_EXAMPLE, "HONORER", TODAY)


# --- PNS problem codes ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "19661301 198803 1 001",  # month 13
        "19660230 198803 1 001",  # 30 February
        "19670229 198803 1 001",  # not a leap year
        "00000000 198803 1 001",
    ],
)
def test_birth_date_not_a_date(raw: str) -> None:
    assert codes(raw) == ["NIP_BIRTH_DATE"]


def test_birth_date_in_the_future() -> None:
    assert "NIP_BIRTH_DATE" in codes("20261128 202611 1 001")
    assert "NIP_BIRTH_DATE" not in codes("20261127 202611 1 001")


def test_leap_day_birth_date_is_valid() -> None:
    assert codes("19680229 198803 1 001") == []


@pytest.mark.parametrize("month", ["00", "13", "99"])
def test_appointment_month_out_of_range(month: str) -> None:
    assert codes(f"19660801 1988{month} 1 001") == ["NIP_APPOINTMENT"]


def test_appointment_before_18th_birthday_month() -> None:
    assert codes("19660801 198407 1 001") == ["NIP_APPOINTMENT"]
    assert codes("19660801 198408 1 001") == []  # the month of the 18th birthday is fine
    assert codes("19660801 197001 1 001") == ["NIP_APPOINTMENT"]


def test_appointment_in_the_future() -> None:
    assert codes("19900101 202612 1 001") == ["NIP_APPOINTMENT"]
    assert codes("19900101 202611 1 001") == []
    assert codes("19900101 202612 1 001", today=date(2026, 12, 1)) == []


def test_sex_digit() -> None:
    for digit in "03456789":
        assert codes(f"19660801 198803 {digit} 001") == ["NIP_SEX"]
    assert codes("19660801 198803 2 001") == []


def test_sequence_000() -> None:
    assert codes("19660801 198803 1 000") == ["NIP_SEQUENCE"]
    assert codes("19660801 198803 1 999") == []


def test_every_problem_is_reported() -> None:
    assert codes("19661301 198813 0 000") == [
        "NIP_BIRTH_DATE",
        "NIP_APPOINTMENT",
        "NIP_SEX",
        "NIP_SEQUENCE",
    ]
    # Future birth date; appointment both before the 18th birthday and in the future.
    assert codes("20300101 203001 1 001") == [
        "NIP_BIRTH_DATE",
        "NIP_APPOINTMENT",
        "NIP_APPOINTMENT",
    ]


# --- PPPK layout ---------------------------------------------------------------------------------


def test_pppk_valid_examples() -> None:
    assert codes("19900215 2022 21 2 004", "PPPK") == []
    # The two-digit code may be any digits (here "99", which would be a bad PNS month).
    assert codes("19900215 2022 99 1 004", "PPPK") == []
    assert codes("19900215202299 1 004", "PNS") == ["NIP_APPOINTMENT"]


def test_pppk_appointment_year_rules() -> None:
    # 18th birthday in 2008; the year itself is accepted.
    assert codes("19901231 2008 21 1 001", "PPPK") == []
    assert codes("19901231 2007 21 1 001", "PPPK") == ["NIP_APPOINTMENT"]
    assert codes("19900215 2027 21 1 001", "PPPK") == ["NIP_APPOINTMENT"]
    assert codes("19900215 2026 21 1 001", "PPPK") == []


def test_pppk_other_problems() -> None:
    assert codes("19900231 2022 21 1 001", "PPPK") == ["NIP_BIRTH_DATE"]
    assert codes("19900215 2022 21 3 001", "PPPK") == ["NIP_SEX"]
    assert codes("19900215 2022 21 1 000", "PPPK") == ["NIP_SEQUENCE"]


# --- formatting -----------------------------------------------------------------------------------


def test_format_pns() -> None:
    assert format_nip("196608011988031001", "PNS") == DOMAIN_EXAMPLE
    assert format_nip(" 19660801 1988 03 1001", "PNS") == DOMAIN_EXAMPLE


def test_format_pppk() -> None:
    assert format_nip("199002152022212004", "PPPK") == "19900215 2022 21 2 004"


def test_format_leaves_bad_numbers_alone() -> None:
    assert format_nip("12 34", "PNS") == "1234"


# --- generation -----------------------------------------------------------------------------------


def test_generate_domain_example() -> None:
    nip = generate_nip(random.Random(1), "PNS", date(1966, 8, 1), date(1988, 3, 1), 1, 1)
    assert nip == "196608011988031001"


def test_generate_pppk_uses_code_21() -> None:
    nip = generate_nip(random.Random(1), "PPPK", date(1990, 2, 15), date(2022, 4, 1), 2, 4)
    assert nip == "199002152022212004"


@pytest.mark.parametrize(
    ("sex", "sequence", "appointment"),
    [(0, 1, date(1990, 1, 1)), (3, 1, date(1990, 1, 1)), (1, 0, date(1990, 1, 1)),
     (1, 1000, date(1990, 1, 1)), (1, 1, date(1984, 7, 1))],
)
def test_generate_rejects_impossible_parts(sex: int, sequence: int, appointment: date) -> None:
    with pytest.raises(ValueError):
        generate_nip(random.Random(1), "PNS", date(1966, 8, 1), appointment, sex, sequence)


@pytest.mark.parametrize("employee_type", ["PNS", "PPPK"])
def test_generate_validate_round_trip(employee_type: str) -> None:
    rng = random.Random(20261127)
    for _ in range(2000):
        birth = date(rng.randint(1950, 2005), rng.randint(1, 12), rng.randint(1, 28))
        appointment = date(rng.randint(birth.year + 18, 2025), rng.randint(1, 12), 1)
        if employee_type == "PNS" and appointment < date(birth.year + 18, birth.month, 1):
            appointment = date(birth.year + 18, birth.month, 1)  # the earliest valid month
        sex, sequence = rng.randint(1, 2), rng.randint(1, 999)
        nip = generate_nip(rng, employee_type, birth, appointment, sex, sequence)
        assert len(nip) == 18 and nip.isdigit()
        assert validate_nip(nip, employee_type, TODAY) == [], nip
        formatted = format_nip(nip, employee_type)
        assert validate_nip(formatted, employee_type, TODAY) == []
        assert normalize_nip(formatted) == nip
        assert nip[:8] == birth.strftime("%Y%m%d")
        assert int(nip[14]) == sex and int(nip[15:]) == sequence
