"""Which language a member's letter is in, and how dates read in it."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casework.letters import choose_language, format_date


@pytest.mark.parametrize(
    ("roster", "form", "override", "expected"),
    [
        ("Spanish", None, None, "es"),
        ("eng", "spa", None, "en"),  # the roster wins over the form
        (None, "Español", None, "es"),
        ("", "es-MX", None, "es"),
        ("Spanish", "es", "en", "en"),  # staff override wins
        ("English", None, "SPA", "es"),
        ("Vietnamese", None, None, "en"),  # no letter templates in that language
        (None, None, None, "en"),
        ("Vietnamese", "Spanish", None, "es"),
    ],
)
def test_choose_language(roster: str | None, form: str | None, override: str | None, expected: str) -> None:
    assert choose_language(roster, form, override) == expected


@pytest.mark.parametrize(
    ("day", "english", "spanish"),
    [
        (date(2026, 11, 2), "November 2, 2026", "2 de noviembre de 2026"),
        (date(2027, 1, 31), "January 31, 2027", "31 de enero de 2027"),
        (date(2028, 2, 29), "February 29, 2028", "29 de febrero de 2028"),
    ],
)
def test_format_date(day: date, english: str, spanish: str) -> None:
    assert format_date(day, "en") == english
    assert format_date(day, "es") == spanish


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
def test_spanish_dates_are_lower_case_months_with_de(day: date) -> None:
    text = format_date(day, "es")
    number, month, year = text.split(" de ")
    assert int(number) == day.day and int(year) == day.year
    assert month.islower()
