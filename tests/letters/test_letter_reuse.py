"""Letters share their paragraphs and embedded tagline fonts with the letters made before them;
a letter must print exactly as it would if it were the first one made."""

from __future__ import annotations

import io

import pdfplumber

from casework.letters import render_letter
from casework.letters.paragraph_cache import ParagraphCache
from tests.letters.samples import KINDS, PLAN, letter_data


def _printed(pdf: bytes) -> list[list[tuple[str, str, float, float]]]:
    """Every character of every page: what it is, its font and where it sits."""
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [[(c["text"], c["fontname"].split("+")[-1], round(c["x0"], 2), round(c["top"], 2))
                 for c in page.chars] for page in document.pages]


def test_a_letter_made_after_others_prints_as_the_first_one_made() -> None:
    """GIVEN every kind in both languages made once with a cache of its own (nothing reused)
    WHEN each is made again sharing one cache with all the letters made before it, itself
    among them (paragraphs split across pages among them) THEN every character prints the
    same, in the same font at the same place, and the letter has as many pages."""
    shared = ParagraphCache()
    jobs = [(kind, language) for language in ("en", "es") for kind in KINDS]
    alone = {job: render_letter(*job, letter_data(*job), PLAN, paragraphs=ParagraphCache())
             for job in jobs}
    for job in jobs:
        render_letter(*job, letter_data(*job), PLAN, paragraphs=shared)
    for job in jobs:
        again = render_letter(*job, letter_data(*job), PLAN, paragraphs=shared)
        assert again.pages == alone[job].pages, job
        assert _printed(again.pdf) == _printed(alone[job].pdf), job
