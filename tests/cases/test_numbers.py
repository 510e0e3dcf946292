"""Case numbers: written the one way, read however staff type them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casework.cases.numbers import (
    CASE_PREFIXES,
    CaseNumber,
    format_case_number,
    normalize_case_number,
    parse_case_number,
)
from casework.errors import InvalidValue


def test_a_grievance_number_reads_like_the_phone_script() -> None:
    assert format_case_number("grievance", 2026, 123) == "GRV-2026-000123"
    assert format_case_number("prior_auth", 2027, 999_999) == "PA-2027-999999"


def test_every_case_type_has_its_own_prefix() -> None:
    assert len(set(CASE_PREFIXES.values())) == len(CASE_PREFIXES) == 7


@pytest.mark.parametrize("typed", ["GRV-2026-000123", "grv 2026 123", " Grv–2026–0123 ",
                                   "GRV - 2026 - 123"])
def test_typed_numbers_are_read(typed: str) -> None:
    assert parse_case_number(typed) == CaseNumber("grievance", 2026, 123)
    assert normalize_case_number(typed) == "GRV-2026-000123"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("XYZ-2026-000001", "XYZ is not a case number prefix"),
        ("GRV-26-000001", "is not a case number"),
        ("GRV-2026-0000001", "is not a case number"),
        ("GRV-2026-000000", "the sequence starts at 1"),
        ("", "is not a case number"),
    ],
)
def test_malformed_numbers_are_refused(typed: str, message: str) -> None:
    with pytest.raises(InvalidValue, match=message):
        parse_case_number(typed)


def test_out_of_range_parts_are_refused() -> None:
    with pytest.raises(InvalidValue, match="1 to 999999"):
        format_case_number("appeal", 2026, 1_000_000)
    with pytest.raises(InvalidValue, match="no case type"):
        format_case_number("complaint", 2026, 1)


@given(st.sampled_from(sorted(CASE_PREFIXES)), st.integers(2000, 2099), st.integers(1, 999_999))
def test_numbers_round_trip(case_type: str, year: int, sequence: int) -> None:
    text = format_case_number(case_type, year, sequence)
    assert parse_case_number(text) == CaseNumber(case_type, year, sequence)
    assert parse_case_number(text.lower().replace("-", " ")) == CaseNumber(case_type, year,
                                                                           sequence)
