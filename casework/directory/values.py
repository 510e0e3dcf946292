"""Reading roster cells: dates, phone numbers and identifiers in the shapes rosters use."""

from __future__ import annotations

import re
from datetime import date, datetime

CIN_SHAPE = re.compile(r"^\d{8}[A-Z]$")
NPI_SHAPE = re.compile(r"^\d{10}$")
_DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y", "%m-%d-%Y", "%Y%m%d", "%m/%d/%y")


def parse_date(text: str) -> date | None:
    """A roster date in ISO or US form; None for an empty cell; ValueError for anything else."""
    text = text.strip()
    if not text:
        return None
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"{text!r} is not a date (use YYYY-MM-DD or MM/DD/YYYY)")


def phone_digits(text: str) -> str | None:
    """Ten digits of a US phone number, dropping a leading 1; None when empty."""
    digits = re.sub(r"\D", "", text)
    if not digits:
        return None
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    if len(digits) != 10:
        raise ValueError(f"{text!r} is not a 10-digit phone number")
    return digits


def normalise_name(text: str) -> str:
    """Upper-case letters and single spaces, for comparing names however they were written."""
    return " ".join(re.sub(r"[^A-Za-zÀ-ÿ' -]", " ", text).upper().replace("-", " ").split())


# Titles and credentials forms add or drop at will around a provider's name.
CREDENTIALS = frozenset(
    {"DR", "MD", "DO", "NP", "PA", "RN", "FNP", "DNP", "PHD", "MPH", "LCSW", "MFT", "DDS", "OD",
     "INC", "LLC", "PC", "APC", "MEDICAL", "GROUP"}
)


def bare_name(name: str) -> str:
    """A name normalised, without titles and credentials."""
    return " ".join(w for w in normalise_name(name).split() if w not in CREDENTIALS)
