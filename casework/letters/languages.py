"""Letter languages: which one a member gets, and dates and page labels written in it.

Dates are spelled here rather than through the operating system's locale, which differs
between workstations and may not have Spanish installed at all.
"""

from __future__ import annotations

from datetime import date

LANGUAGES = ("en", "es")

_MONTHS = {
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    "es": (
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ),
}

# Spellings rosters and forms use for the two letter languages.
_ALIASES = {
    "en": "en",
    "eng": "en",
    "english": "en",
    "inglés": "en",
    "ingles": "en",
    "es": "es",
    "spa": "es",
    "spanish": "es",
    "español": "es",
    "espanol": "es",
}


def normalize_language(value: str | None) -> str | None:
    """'es' or 'en' for a spelling we know ('Spanish', 'spa', 'es-MX'), else None."""
    if not value:
        return None
    word = value.strip().lower()
    return _ALIASES.get(word) or _ALIASES.get(word.split("-")[0].split("_")[0])


def choose_language(
    roster_language: str | None, form_language: str | None, override: str | None
) -> str:
    """The letter language: a staff override wins, then the roster, then the form; else 'en'."""
    for candidate in (override, roster_language, form_language):
        chosen = normalize_language(candidate)
        if chosen:
            return chosen
    return "en"


def format_date(value: date, language: str) -> str:
    """'November 2, 2026' in English, '2 de noviembre de 2026' in Spanish."""
    month = _MONTHS[language][value.month - 1]
    if language == "es":
        return f"{value.day} de {month} de {value.year}"
    return f"{month} {value.day}, {value.year}"


def page_label(page: int, pages: int, language: str) -> str:
    """'Page 1 of 3' / 'Página 1 de 3'."""
    if language == "es":
        return f"Página {page} de {pages}"
    return f"Page {page} of {pages}"
