"""Checking identifiers forms carry: NPI, Medi-Cal CIN, ICD-10-CM, CPT/HCPCS, phone numbers.

Each check takes the value as normalised by `casework.forms.values` and answers yes or no;
none of them corrects anything (corrections happen only against a roster, where people see them).
"""

from __future__ import annotations

import re

_CIN = re.compile(r"^\d{8}[A-Z]$")
_ICD10 = re.compile(r"^[A-Z]\d[A-Z0-9](\.[A-Z0-9]{1,4})?$")
_CPT = re.compile(r"^(\d{5}|\d{4}[FT])$")
_HCPCS = re.compile(r"^[A-V]\d{4}$")


def luhn_check_digit(payload: str) -> int:
    """The Luhn check digit for a string of digits (the digit that would be appended)."""
    total = 0
    for index, char in enumerate(reversed(payload)):
        digit = int(char)
        if index % 2 == 0:  # doubled: these sit at odd positions once the check digit follows
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return (10 - total % 10) % 10


def npi_check_digit(first_nine: str) -> int:
    """The NPI check digit for its first nine digits (Luhn over the 80840 card prefix)."""
    return luhn_check_digit("80840" + first_nine)


def is_valid_npi(value: str) -> bool:
    """True when `value` is ten digits, starting 1 or 2, with a correct check digit."""
    if not re.fullmatch(r"[12]\d{9}", value):
        return False
    return npi_check_digit(value[:9]) == int(value[9])


def is_valid_cin(value: str) -> bool:
    """True for a Medi-Cal Client Index Number: 8 digits and a letter (91234567A)."""
    return bool(_CIN.fullmatch(value))


def is_valid_icd10(value: str) -> bool:
    """True for an ICD-10-CM code shape: letter, digit, alphanumeric, optional dot, 3-7 chars."""
    if not _ICD10.fullmatch(value):
        return False
    return len(value.replace(".", "")) <= 7


def is_valid_procedure_code(value: str) -> bool:
    """True for a CPT code (5 digits, or 4 digits and F/T) or a HCPCS Level II code (A-V + 4)."""
    return bool(_CPT.fullmatch(value) or _HCPCS.fullmatch(value))


def is_valid_phone(value: str) -> bool:
    """True for a North American 10-digit number (area code and exchange not starting 0/1)."""
    return bool(re.fullmatch(r"[2-9]\d{2}[2-9]\d{6}", value))
