"""Turning the text read beside a label into the value the JSON contract asks for.

Dates become YYYY-MM-DD, times HH:MM (24 h), phone numbers and NPIs ten digits, member IDs
upper case, code lists arrays of upper-case codes, units integers. Each parser returns None
when the text holds no value of its type (a blank line, an underscore rule, an OCR smudge).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from rapidfuzz import fuzz

from casework.forms.results import Value

_MONTHS = {m: i + 1 for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}
_MONTHS |= {"ene": 1, "abr": 4, "ago": 8, "dic": 12}
# Letters OCR reads for digits inside something that must be numeric.
_DIGIT_SLIPS = str.maketrans({"O": "0", "o": "0", "D": "0", "Q": "0", "I": "1", "l": "1",
                              "|": "1", "i": "1", "S": "5", "s": "5", "B": "8", "Z": "2",
                              "z": "2", "g": "9", "G": "6"})
_FILLER = re.compile(r"^[\s_.:\-|]*$")


def clean_text(text: str) -> str | None:
    """Free text as read, with rules, stray marks and extra spaces removed.

    OCR reads the edge of a box or a speck beside a value as a lone mark ("|", ",", "e"):
    lone punctuation anywhere, and a lone lower-case letter before the first word, go.
    """
    text = re.sub(r"_{2,}", " ", text)
    words = [w for w in text.split() if any(c.isalnum() for c in w)]
    while len(words) > 1 and len(words[0]) == 1 and words[0].islower():
        words.pop(0)
    cleaned = " ".join(words).strip(" :;|_'‘’\"")
    return None if _FILLER.match(cleaned) else cleaned


def parse_name(text: str) -> str | None:
    """A person's or a practice's name as read; never one holding a long number, which is
    an ID or a phone OCR placed beside an empty name."""
    cleaned = clean_text(text)
    return None if cleaned is None or re.search(r"\d{4}", cleaned) else cleaned


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text.translate(_DIGIT_SLIPS))


def parse_date(text: str) -> str | None:
    """A date as YYYY-MM-DD from 03/07/2026, 3-7-26, 2026-03-07, March 7, 2026 or 7 mar 2026."""
    found = _numeric_date(text) or _named_date(text)
    if found is None and "/" not in text.strip(" _|/"):
        # A date written with dashes or dots has no slash: one is a faxed "1" ("/987-06-27").
        found = _numeric_date(_slashed_ones(text.strip(" _|")))
    if found is None:
        return None
    year, month, day = found
    if year < 100:
        year += 2000 if year < 50 else 1900
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def in_past_century(value: str, raw: str, today: date) -> str:
    """A date printed with a two-digit year that must not be in the future ("6/17/45" as a
    date of birth) moved back a century when the nearer century puts it there."""
    day = date.fromisoformat(value)
    short_year = re.search(r"(?<![\d/.\-])\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2}(?!\d)", raw)
    if day <= today or short_year is None:
        return value
    try:
        return day.replace(year=day.year - 100).isoformat()
    except ValueError:  # 29 February
        return value


def _numeric_date(text: str) -> tuple[int, int, int] | None:
    cleaned = re.sub(r"\s*([/\-.])\s*", r"\1", text)
    iso = re.search(r"\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b", cleaned)
    if iso:
        return int(iso[1]), int(iso[2]), int(iso[3])
    us = re.search(r"\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})\b", cleaned)
    if us:
        return int(us[3]), int(us[1]), int(us[2])
    packed = re.search(r"\b(\d{2})(\d{2})(\d{4})\b", cleaned)  # 03072026 in boxed cells
    if packed:
        return int(packed[3]), int(packed[1]), int(packed[2])
    return None


_MONTH_NAMES = {name: number for number, names in enumerate([
    ("january", "enero"), ("february", "febrero"), ("march", "marzo"), ("april", "abril"),
    ("may", "mayo"), ("june", "junio"), ("july", "julio"), ("august", "agosto"),
    ("september", "septiembre", "sept"), ("october", "octubre"), ("november", "noviembre"),
    ("december", "diciembre")], start=1) for name in names}


def _month(word: str) -> int | None:
    """A month from its name or abbreviation, forgiving one OCR slip ("dune" for June)."""
    if word[:3] in _MONTHS and (len(word) <= 4 or any(n.startswith(word[:4])
                                                      for n in _MONTH_NAMES)):
        return _MONTHS[word[:3]]
    best = max(_MONTH_NAMES, key=lambda name: fuzz.ratio(word, name))
    return _MONTH_NAMES[best] if fuzz.ratio(word, best) >= 75 else None


def _named_date(text: str) -> tuple[int, int, int] | None:
    lowered = text.lower()
    words = re.search(r"\b([a-z]{3,})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", lowered)
    if words and (month := _month(words[1])):
        return int(words[3]), month, int(words[2])
    day_first = re.search(r"\b(\d{1,2})(?:\s+|\s*-\s*)(?:de\s+)?([a-z]{3,})\.?(?:\s+|\s*-\s*)"
                          r"(?:de\s+)?(\d{4})\b", lowered)
    if day_first and (month := _month(day_first[2])):
        return int(day_first[3]), month, int(day_first[1])
    return None


def parse_time(text: str) -> str | None:
    """A time as HH:MM on the 24-hour clock from 2:30 PM, 14:30, 2:30p or 1430 hrs."""
    match = re.search(r"\b(\d{1,2})\s*[:.]\s*(\d{2})\s*([ap])?\.?\s*m?\.?", text, re.IGNORECASE)
    if not match:
        match = re.search(r"\b(\d{1,2})()\s*([ap])\.?\s*m\b", text, re.IGNORECASE)
    if not match:
        return None
    hour, minute = int(match[1]), int(match[2] or 0)
    half = (match[3] or "").lower()
    if half == "p" and hour < 12:
        hour += 12
    elif half == "a" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


def _slashed_ones(text: str) -> str:
    """A "1" an italic or faxed hand turns into "/" beside other digits ("/3779772/4").
    Only for numbers that never hold a slash, and never where a date is written."""
    if re.search(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b", text):
        return text
    return re.sub(r"(?<=\d)/|/(?=\d)", "1", text)


def _bracketed_ones(text: str) -> str:
    """A "1" a fax turns into "]" or "!" after other digits ("8078/4992]")."""
    return re.sub(r"(?<=\d)[\]!]", "1", text)


def parse_phone(text: str) -> str | None:
    """Ten digits from (559) 555-0134, 559.555.0134 or +1 559 555 0134; None otherwise.

    A group OCR split ("559-555-01 77") still counts when the digits before any extension
    are exactly ten and nothing else is written there."""
    # As written first ("559/555-0142"), then with the slips a fax makes: a "1" read as "/",
    # then as "]" (a box edge read as "]" is the likelier of those).
    for attempt in (text, _slashed_ones(text), _bracketed_ones(_slashed_ones(text))):
        found = _phone(attempt)
        if found is not None:
            return found
    return None


def _phone(text: str) -> str | None:
    match = re.search(r"(?:\+?1[\s.\-]*)?\(?\s*([\dOIlSB]{3})\s*\)?[\s.,/\-]*([\dOIlSB]{3})"
                      r"[\s.,\-]*([\dOIlSB]{4})(?!\d)", text)
    if match:
        digits = _digits("".join(match.groups()))
        return digits if len(digits) == 10 else None
    number = re.split(r"(?i)(?:\bext\b|\bx)\.?\s*\d", text)[0].strip(" _|")
    if not re.fullmatch(r"[\d\s().\-]+", number):
        return None
    digits = re.sub(r"\D", "", number)
    digits = digits[1:] if len(digits) == 11 and digits.startswith("1") else digits
    return digits if len(digits) == 10 else None


def parse_npi(text: str) -> str | None:
    """The ten digits of an NPI (spaces and dashes between groups tolerated)."""
    found = _npi(text)
    return found if found is not None else _npi(_bracketed_ones(text))


def _npi(text: str) -> str | None:
    text = _slashed_ones(text)
    whole = re.search(r"(?<!\d)(\d{10})(?!\d)", text)
    if whole:
        return whole[1]
    match = re.search(r"(?<!\d)(\d[\d\s\-]{8,14}\d)(?!\d)", text.translate(_DIGIT_SLIPS))
    if not match:
        return None
    digits = re.sub(r"\D", "", match[1])
    return digits if len(digits) == 10 else None


def parse_member_id(text: str) -> str | None:
    """A member ID upper-cased without spaces; a CIN (8 digits and a letter) preferred."""
    spaced = _slashed_ones(text).upper()
    compact = re.sub(r"[\s\-]", "", spaced)
    # Whole first: the next label may follow the ID on its line ("95252252M Phone"); then
    # with OCR's stray spaces taken out ("9525 2252M").
    cin = re.search(r"(?<![A-Z0-9])(\d{8}[A-Z])(?![A-Z0-9])", spaced) or \
        re.search(r"(\d{8}[A-Z])(?![A-Z0-9])", compact)
    if cin:
        return str(cin[1])
    # An ID always holds a digit: a run of letters is a label OCR read beside it ("PTDOB").
    token = re.search(r"(?=[A-Z]*\d)[A-Z0-9]{5,}", compact)
    return str(token[0]) if token else None


def parse_identifier(text: str) -> str | None:
    """A reference number (authorization, hearing): letters, digits and dashes, upper case."""
    tokens: list[str] = re.findall(r"[A-Za-z0-9][A-Za-z0-9\-/]*[A-Za-z0-9]", text)
    for index, token in enumerate(tokens):
        if any(c.isdigit() for c in token):
            # OCR may split a long number: a short run of digits right after it is its tail.
            tail = tokens[index + 1] if index + 1 < len(tokens) else ""
            if tail.isdigit() and len(tail) <= 3 and token[-1].isdigit():
                token += tail
            return token.upper()
    return None


_LOST_LETTER = re.compile(r"(?<![\w.])([1l|/0])([\d/]{2})(?=\.[0-9A-Za-z]|(?![\w/.]))")


def _lost_letters(text: str) -> str:
    """An ICD-10-CM code starts with a letter: a "1" (or "/", "l", "|") or "0" where it
    stands in a code of three characters, or of three before a dot, is the "I" or "O" a fax
    blurred ("1/0" is I10, "125.10" is I25.10). A five-digit procedure code is left alone.
    """
    def letter(match: re.Match[str]) -> str:
        return ("O" if match[1] == "0" else "I") + match[2].replace("/", "1")
    # And a "1" ending a code after its dot ("R26.8/"), where no other code follows.
    return re.sub(r"(?<=\.\d)/(?![0-9A-Za-z])|(?<=\.\d\d)/(?![0-9A-Za-z])", "1",
                  _LOST_LETTER.sub(letter, text))


def parse_icd10_list(text: str) -> list[str] | None:
    """ICD-10-CM codes, upper case, with the dot after the third character."""
    text = _lost_letters(text)
    codes = []
    # A comma read for the dot counts only when digits follow it directly ("M19,90").
    for raw in re.findall(r"\b([A-Za-z]\d[0-9A-Za-z](?:[.,]?[0-9A-Za-z]{1,4})?)\b", text):
        code = raw.upper().replace(".", "").replace(",", "")
        code = code[:3] + ("." + code[3:] if len(code) > 3 else "")
        if code not in codes:
            codes.append(code)
    return codes or None


def parse_procedure_list(text: str) -> list[str] | None:
    """CPT (5 digits, or 4 digits and F/T) and HCPCS Level II (letter A-V and 4 digits) codes."""
    # A fax's slips: a rule run into the first code, "£" for E, a final "1" read as "/".
    text = re.sub(r"(?<=\d{4})/(?![0-9A-Za-z])", "1", text.replace("_", " ").replace("£", "E"))
    codes = []
    for raw in re.findall(r"\b(\d{4}[FTft]|\d{5}|[A-Va-v]\d{4})\b", text):
        code = raw.upper()
        if code not in codes:
            codes.append(code)
    return codes or None


def parse_integer(text: str) -> int | None:
    """The first whole number (a rule OCR glued to it, "_7", does not hide it)."""
    match = re.search(r"(?<![^\W_])(\d{1,6})(?![^\W_])", text)
    return int(match[1]) if match else None


def parse_boolean(text: str) -> bool | None:
    """Yes / No (Sí / No, Y / N, true / false)."""
    lowered = text.strip().lower()
    if re.match(r"^(yes|y|s[ií]|true)\b", lowered):
        return True
    if re.match(r"^(no|n|false)\b", lowered):
        return False
    return None


def parse_address(text: str) -> str | None:
    """An address as read, spaces tidied."""
    return clean_text(text)


PARSERS: dict[str, Callable[[str], Value | None]] = {
    "name": parse_name, "text": clean_text, "address": parse_address, "date": parse_date,
    "time": parse_time, "phone": parse_phone, "npi": parse_npi, "member_id": parse_member_id,
    "identifier": parse_identifier, "icd10_list": parse_icd10_list,
    "procedure_list": parse_procedure_list, "integer": parse_integer, "boolean": parse_boolean,
}


def parse_value(kind: str, text: str) -> Value | None:
    """The value of a field of type `kind` in `text`, or None. Choices are not parsed here."""
    parser = PARSERS.get(kind)
    return parser(text) if parser else clean_text(text)
