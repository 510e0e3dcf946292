"""The code printed as a QR symbol on every page of our blank forms, and reading it back.

The payload is five fields joined by "|": a format tag, the form type, the form's printed
version, the language and the page number, e.g. ``IWF1|prior_auth_request|v1|es|p1``. The tag
``IWF1`` (Intake Workstation Form, format 1) marks the code as ours; a later format changes the
tag, so a code is never misread by a program that does not know its format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FORMAT_TAG = "IWF1"
LANGUAGES = ("en", "es")
_SEPARATOR = "|"
_FORM_TYPE = re.compile(r"[a-z][a-z0-9_]{0,63}")


class MalformedFormCode(ValueError):
    """A payload carries our format tag but cannot be read; the message says what is wrong."""


@dataclass(frozen=True)
class FormCode:
    """What the QR symbol on a printed form page says about the page."""

    form_type: str
    version: int
    language: str  # "en" | "es"
    page: int  # 1-based

    def payload(self) -> str:
        """The text encoded into the QR symbol."""
        return _SEPARATOR.join(
            (FORMAT_TAG, self.form_type, f"v{self.version}", self.language, f"p{self.page}"))


def is_ours(payload: str) -> bool:
    """Whether a decoded QR payload claims to be one of our form codes."""
    return payload.startswith(FORMAT_TAG + _SEPARATOR)


def parse_form_code(payload: str) -> FormCode:
    """The form code in `payload`, or MalformedFormCode naming what is wrong with it."""
    parts = payload.strip().split(_SEPARATOR)
    if len(parts) != 5 or parts[0] != FORMAT_TAG:
        raise MalformedFormCode(f"a form code has 5 parts starting with {FORMAT_TAG}")
    _, form_type, version, language, page = parts
    if not _FORM_TYPE.fullmatch(form_type):
        raise MalformedFormCode("the form type is not a form type name")
    if language not in LANGUAGES:
        raise MalformedFormCode(f"the language is not one of {', '.join(LANGUAGES)}")
    return FormCode(form_type, _number(version, "v", "version"), language,
                    _number(page, "p", "page"))


def _number(text: str, prefix: str, what: str) -> int:
    digits = text[len(prefix):] if text.startswith(prefix) else ""
    if not digits.isdigit() or not 1 <= int(digits) <= 999:
        raise MalformedFormCode(f"the {what} is not '{prefix}' and a number")
    return int(digits)
