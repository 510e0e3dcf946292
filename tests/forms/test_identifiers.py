"""Identifier checks and value parsing: NPI, CIN, ICD-10-CM, CPT/HCPCS, phones and dates."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casework.forms.identifiers import (
    is_valid_cin,
    is_valid_icd10,
    is_valid_npi,
    is_valid_phone,
    is_valid_procedure_code,
    npi_check_digit,
)
from casework.forms.values import (
    parse_date,
    parse_icd10_list,
    parse_integer,
    parse_name,
    parse_phone,
    parse_procedure_list,
    parse_time,
)

nine_digits = st.integers(min_value=100_000_000, max_value=299_999_999).map(str)


def test_published_npi_example_is_valid() -> None:
    # CMS's worked example of the check digit: 123456789 -> 3.
    assert npi_check_digit("123456789") == 3
    assert is_valid_npi("1234567893")
    assert not is_valid_npi("1234567890")


@given(nine_digits)
def test_every_npi_with_its_check_digit_is_valid(first_nine: str) -> None:
    assert is_valid_npi(first_nine + str(npi_check_digit(first_nine)))


@given(nine_digits, st.integers(min_value=1, max_value=9))
def test_a_wrong_check_digit_is_caught(first_nine: str, shift: int) -> None:
    wrong = (npi_check_digit(first_nine) + shift) % 10
    assert not is_valid_npi(first_nine + str(wrong))


@given(nine_digits, st.integers(min_value=0, max_value=8), st.integers(min_value=1, max_value=9))
def test_a_single_mistyped_digit_is_caught(first_nine: str, position: int, shift: int) -> None:
    npi = first_nine + str(npi_check_digit(first_nine))
    typo = npi[:position] + str((int(npi[position]) + shift) % 10) + npi[position + 1:]
    if typo[0] in "12":  # an NPI starts 1 or 2; other slips fail on that alone
        assert not is_valid_npi(typo)


@given(st.integers(min_value=0, max_value=99_999_999),
       st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
def test_cin_is_eight_digits_and_a_letter(number: int, letter: str) -> None:
    cin = f"{number:08d}{letter}"
    assert is_valid_cin(cin)
    assert not is_valid_cin(cin[:-1])
    assert not is_valid_cin(cin[:-1] + "7")
    assert not is_valid_cin("1" + cin)


def test_code_shapes() -> None:
    assert all(is_valid_icd10(c) for c in ["M54.50", "E11.9", "I10", "S82.101A", "Z79.4"])
    assert not any(is_valid_icd10(c) for c in ["M5", "54.5", "M54.50000", "MM4.5"])
    assert all(is_valid_procedure_code(c) for c in ["97110", "0001F", "1234T", "E0601", "A0130"])
    assert not any(is_valid_procedure_code(c) for c in ["9711", "W1234", "0001X", "971100"])


def test_phone_numbers() -> None:
    assert parse_phone("(559) 555-0134") == "5595550134"
    assert parse_phone("+1 559.555.0134") == "5595550134"
    assert is_valid_phone("5595550134")
    assert not is_valid_phone("1595550134")
    assert parse_phone("call me") is None


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)),
       st.sampled_from(["{d:%m/%d/%Y}", "{d.month}/{d.day}/{d:%Y}", "{d:%Y-%m-%d}",
                        "{d:%B} {d.day}, {d:%Y}", "{d:%m-%d-%Y}", "{d.day} {d:%b} {d:%Y}"]))
def test_printed_dates_parse_back(day: date, pattern: str) -> None:
    assert parse_date(pattern.format(d=day)) == day.isoformat()


def test_a_phone_written_with_a_slash_keeps_its_digits() -> None:
    assert parse_phone("559/555-0142") == "5595550142"


@pytest.mark.parametrize(("faxed", "meant"), [
    ("8078/4992].", "8078149921"),  # ones read as "/" and "]"
    ("(4/6) 341-6050", "4163416050"),
    ("[5559990000]", "5559990000"),  # a box's edges, not ones
])
def test_ones_a_fax_turns_into_strokes_are_ones_in_a_phone(faxed: str, meant: str) -> None:
    assert parse_phone(faxed) == meant


def test_a_faxed_one_read_as_a_slash_in_a_dashed_date() -> None:
    assert parse_date("_/987-06-27") == "1987-06-27"
    assert parse_date("12/03/2026") == "2026-12-03"  # a slash that is a separator stays one


def test_a_count_written_on_a_rule_is_read_through_the_rule() -> None:
    assert parse_integer("_7 visits") == 7
    assert parse_integer("A123") is None  # part of a code, not a count


@pytest.mark.parametrize(("faxed", "codes"), [
    ("1/0;R26.8/", ["I10", "R26.81"]),  # the I of I10 and a final 1 blurred into strokes
    ("125.10, E11.9", ["I25.10", "E11.9"]),
    ("M54.5/G89.29", ["M54.5", "G89.29"]),  # a slash between codes separates them
    ("27447 99213", None),  # procedure codes are never taken for diagnoses
])
def test_diagnosis_codes_a_fax_blurred_keep_their_letter(faxed: str,
                                                         codes: list[str] | None) -> None:
    assert parse_icd10_list(faxed) == codes


def test_procedure_codes_a_fax_blurred() -> None:
    assert parse_procedure_list("_7372/ £0601") == ["73721", "E0601"]
    assert parse_procedure_list("0001F, 99213") == ["0001F", "99213"]


def test_a_name_never_holds_a_long_number() -> None:
    assert parse_name("Linh Pham, MD") == "Linh Pham, MD"
    assert parse_name("De - 96008078F") is None  # an ID read under an empty name
    assert parse_name("(559) 555-0142") is None


def test_impossible_dates_are_not_dates() -> None:
    assert parse_date("02/30/2026") is None
    assert parse_date("13/01/2026") is None
    assert parse_date("no date here") is None


def test_times_become_24_hour() -> None:
    assert parse_time("2:30 PM") == "14:30"
    assert parse_time("12:05 am") == "00:05"
    assert parse_time("09:15") == "09:15"
    assert parse_time("25:00") is None
