"""Letter throughput: 1,000 letters in one batch on one core, against plain reportlab.

The letters cycle through every kind in English and Spanish, from complete case data, through
the whole path (validation, Jinja2, markup checks, platypus, page furniture, embedded fonts).
Each letter is for its own case and member (number, name and ID differ), so what letters share
between them (the notices, the taglines) is reused no more than in a real batch.
The baseline builds, in the same process and on the same core, a PDF of the same paragraphs of
text in the same embedded font with reportlab alone: no templates, no checks, no tables, no
page numbers. The ratio shows what the letter machinery costs on top of reportlab itself.
"""

from __future__ import annotations

import io
import os
import sys
import time
from dataclasses import replace
from html import escape
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate

from casework.letters import LetterData, render_letter
from casework.letters.fonts import BODY, default_fonts
from casework.letters.rendering import render_markup
from tests.letters.samples import KINDS, PLAN, letter_data

LETTERS = int(os.environ.get("BENCH_LETTERS", "1000"))
FIRST_NAMES = ("Rosa", "Ana", "Luis", "Mai", "Tomás", "Ivan", "Grace", "Hoa", "Sione", "Nadia")
TARGET_PER_SECOND = 20.0


def pin_to_one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        core = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {core})
        return f"core {core}"
    return "all cores (this system cannot pin a process)"


def plain_paragraphs(kind: str, language: str) -> list[str]:
    """The text of every block of the letter, without its tags: the baseline's content."""
    _, root = render_markup(kind, language, letter_data(kind, language), PLAN)
    return [escape(node.plain_text()) for node in root.walk() if node.text]


def baseline(jobs: list[tuple[str, str]], texts: dict[tuple[str, str], list[str]]) -> float:
    style = ParagraphStyle("plain", fontName=BODY, fontSize=10, leading=13.5, spaceAfter=6)
    started = time.perf_counter()
    for job in jobs:
        buffer = io.BytesIO()
        doc = SimpleDocTemplate(buffer, pagesize=LETTER, initialFontName=BODY)
        doc.build([Paragraph(text, style) for text in texts[job]])
    return time.perf_counter() - started


def letters(jobs: list[tuple[str, str]]) -> tuple[float, int]:
    data = {job: letter_data(*job) for job in set(jobs)}
    pages = 0
    started = time.perf_counter()
    for number, (kind, language) in enumerate(jobs):
        pages += render_letter(kind, language, own_case(data[kind, language], number), PLAN).pages
    return time.perf_counter() - started, pages


def own_case(data: LetterData, number: int) -> LetterData:
    """The sample letter made out for a case and member of its own."""
    member = replace(data.member, name=f"{FIRST_NAMES[number % len(FIRST_NAMES)]} Delgado",
                     member_id=f"9{number:07d}A")
    return replace(data, case_number=f"{data.case_number[:-6]}{number:06d}", member=member)


def main() -> int:
    where = pin_to_one_core()
    default_fonts()  # load fonts before either clock starts
    combos = [(kind, language) for language in ("en", "es") for kind in KINDS]
    jobs = [combos[i % len(combos)] for i in range(LETTERS)]
    texts = {combo: plain_paragraphs(*combo) for combo in combos}
    render_letter(*combos[0], letter_data(*combos[0]), PLAN)  # warm the template cache

    base_seconds = baseline(jobs, texts)
    letter_seconds, pages = letters(jobs)
    rate = LETTERS / letter_seconds
    base_rate = LETTERS / base_seconds
    print(f"{LETTERS} letters ({len(combos)} kinds x languages, {pages} pages) on {where}")
    print(f"  letters:  {letter_seconds:7.2f} s  {rate:7.1f} letters/s  {pages / letter_seconds:7.1f} pages/s")
    print(f"  baseline: {base_seconds:7.2f} s  {base_rate:7.1f} documents/s  (reportlab alone, same text)")
    print(f"  letters take {letter_seconds / base_seconds:.2f}x the baseline's time")
    verdict = "meets" if rate >= TARGET_PER_SECOND else "MISSES"
    print(f"  {verdict} the target of {TARGET_PER_SECOND:.0f} letters/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
