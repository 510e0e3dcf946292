"""Case numbers people read over the phone: GRV-2026-000123 (type prefix, year, sequence).

The sequence itself is handed out by the database when a case is opened; this module only
writes and reads the number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from casework.errors import InvalidValue
from casework.plan.case_types import CaseType

CASE_PREFIXES: Final[dict[str, str]] = {
    CaseType.PRIOR_AUTH: "PA", CaseType.GRIEVANCE: "GRV", CaseType.APPEAL: "APL",
    CaseType.NEMT: "NEMT", CaseType.SFH: "SFH", CaseType.CARE_COORDINATION: "CC",
    CaseType.INTAKE_REVIEW: "IR",
}
TYPES_BY_PREFIX: Final = {prefix: case_type for case_type, prefix in CASE_PREFIXES.items()}
MAX_SEQUENCE: Final = 999_999
# Staff type what they hear: "grv 2026 123", "GRV–2026–000123" (a word processor's dash).
_NUMBER = re.compile(r"^\s*([A-Za-z]+)\s*[-–—\s]\s*(\d{4})\s*[-–—\s]\s*(\d{1,6})\s*$")


@dataclass(frozen=True)
class CaseNumber:
    """The parts of a case number."""

    case_type: str
    year: int
    sequence: int

    def __str__(self) -> str:
        return format_case_number(self.case_type, self.year, self.sequence)


def format_case_number(case_type: str, year: int, sequence: int) -> str:
    """GRV-2026-000123 for the 123rd grievance numbered in 2026."""
    prefix = CASE_PREFIXES.get(case_type)
    if prefix is None:
        raise InvalidValue(f"There is no case type {case_type!r}.")
    if not 1000 <= year <= 9999:
        raise InvalidValue(f"A case number's year has four digits, not {year}.")
    if not 1 <= sequence <= MAX_SEQUENCE:
        raise InvalidValue(f"A case number's sequence runs from 1 to {MAX_SEQUENCE}, "
                           f"not {sequence}.")
    return f"{prefix}-{year}-{sequence:06d}"


def parse_case_number(text: str) -> CaseNumber:
    """Read a case number as staff type it (any case, spaces or dashes, leading zeros optional)."""
    match = _NUMBER.match(text)
    if match is None:
        raise InvalidValue(f"{text.strip()!r} is not a case number; case numbers look like "
                           "GRV-2026-000123.")
    prefix, year, sequence = match.group(1).upper(), int(match.group(2)), int(match.group(3))
    case_type = TYPES_BY_PREFIX.get(prefix)
    if case_type is None:
        known = ", ".join(sorted(TYPES_BY_PREFIX))
        raise InvalidValue(f"{prefix} is not a case number prefix; the prefixes are {known}.")
    if sequence < 1:
        raise InvalidValue(f"{text.strip()!r} is not a case number: the sequence starts at 1.")
    return CaseNumber(case_type, year, sequence)


def normalize_case_number(text: str) -> str:
    """The canonical spelling of a typed case number (for searching by number)."""
    return str(parse_case_number(text))
