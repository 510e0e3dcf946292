"""Every letter kind rendered once per test session in both languages, with its text read back."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pdfplumber
import pytest

from casework.letters import RenderedLetter, render_letter
from tests.letters.samples import KINDS, PLAN, letter_data


@dataclass(frozen=True)
class ReadLetter:
    """A rendered letter and the text of each of its pages as a reader would extract it."""

    letter: RenderedLetter
    pages: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n".join(self.pages)


def read_pdf(pdf: bytes) -> tuple[str, ...]:
    """The text of every page, extracted with pdfplumber."""
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return tuple(page.extract_text() or "" for page in document.pages)


@pytest.fixture(scope="session")
def rendered() -> dict[tuple[str, str], ReadLetter]:
    """(kind, language) → the letter rendered from the sample data, read back."""
    letters = {}
    for language in ("en", "es"):
        for kind in KINDS:
            letter = render_letter(kind, language, letter_data(kind, language), PLAN)
            letters[kind, language] = ReadLetter(letter, read_pdf(letter.pdf))
    return letters
