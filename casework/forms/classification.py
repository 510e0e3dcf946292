"""Which form a document is: our own QR code first, then titles, labels and keywords.

A page of the plan's printable forms carries a QR code naming its form type, version and
language (see `form_code`); found on a page that is not a cover sheet, it decides the type
with full confidence. Otherwise every page is scored against every schema; a page that looks
most like a fax cover sheet is a cover page and takes no part in deciding the document's type
(nor does a QR code on it). English and Spanish wordings are in the schemas, so a Spanish form
is recognised the same way as an English one.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from rapidfuzz import fuzz

from casework.forms.form_code import FormCode, MalformedFormCode, is_ours, parse_form_code
from casework.forms.labels import find_labels
from casework.forms.page_layout import PageLayout, build_layout, join
from casework.forms.text_fold import fold
from casework.forms.wording import Wording, wording_for
from casework.plan.rulebook import Rulebook
from casework.plan.schema import FormSchema
from ocr import DocumentReading, PageReading
from ocr.barcodes import read_qr_payloads

log = logging.getLogger(__name__)

UNKNOWN = "unknown"
MIN_SCORE = 0.3  # below this no schema is a credible match on its own
# A weaker best match is still taken when no other form comes near it: a form in words
# nobody listed keeps its few telling labels, and its confidence stays low (review decides).
MIN_CLEAR_SCORE, CLEAR_MARGIN = 0.15, 2.0
TITLE_WEIGHT, LABEL_WEIGHT, KEYWORD_WEIGHT = 0.45, 0.4, 0.15


@dataclass(frozen=True)
class Guess:
    """A form type and how well the document matched it (0..1)."""

    form_type: str
    score: float


@dataclass(frozen=True)
class Classification:
    """The document's type, how sure we are, the runner-up types and its cover pages."""

    form_type: str
    confidence: float
    guesses: tuple[Guess, ...]
    cover_pages: tuple[int, ...]
    form_code: FormCode | None = None  # the QR code that decided the type, if one did


def _title_score(layout: PageLayout, titles: tuple[str, ...]) -> float:
    """How well a title of the form matches a row in the top third of the page, 0..1.

    A near-exact match scores by spelling; failing that, a short row near the top that holds
    every word of a title (in any order, with a plan name or "Form" beside it) scores by
    how much of the row the title explains.
    """
    rows = [r for r in layout.rows if r.bottom < layout.page.height * 0.35][:12]
    top = [fold(join(r.words)) for r in rows]
    best = 0.0
    for title in titles:
        folded = fold(title)
        for row in top:
            if len(folded) >= 12:
                score = fuzz.partial_ratio(folded, row) if len(row) >= len(folded) * 0.8 else 0.0
            else:
                score = fuzz.ratio(folded, row.strip(" :"))
            best = max(best, score)
    spelled = max(0.0, (best - 80) / 20)
    heading_rows = [row for row in top if ":" not in row and len(_title_words(row)) <= 8]
    worded = max((_word_match(_title_words(t), _title_words(row))
                  for t in titles for row in heading_rows), default=0.0)
    return max(spelled, 0.85 * worded)


_TITLE_FILLER = frozenset({"form", "the", "of", "for", "and", "a", "de", "del", "la", "el",
                           "para", "y", "formulario"})


def _title_words(text: str) -> list[str]:
    return [w for w in re.sub(r"[^a-z0-9 ]+", " ", fold(text)).split()
            if w not in _TITLE_FILLER]


def _word_match(title: list[str], row: list[str]) -> float:
    """1 when the row is exactly the title's words; less as the row adds words; 0 unless
    every title word is in the row (allowing a letter or two of OCR slip)."""
    if not title or not row:
        return 0.0
    if not all(any(fuzz.ratio(t, r) >= 85 for r in row) for t in title):
        return 0.0
    return 0.5 + 0.5 * min(1.0, len(title) / len(row))


def _distinctive(schemas: Mapping[str, FormSchema]) -> dict[str, set[str]]:
    """Each form's fields that no other form has: these tell the forms apart."""
    counts = Counter(f.name for s in schemas.values() for f in s.fields)
    return {t: {f.name for f in s.fields if counts[f.name] == 1} for t, s in schemas.items()}


def _label_score(layout: PageLayout, schema: FormSchema, distinctive: set[str],
                 wording: Wording) -> float:
    """The share of the form's own fields whose labels the page prints; a label known only
    by its telling words (a wording nobody listed) counts half."""
    fields = tuple(f for f in schema.fields if f.name in distinctive) or schema.fields
    hits = find_labels(layout, fields, wording, threshold=88.0)
    listed = {h.field for h in hits if not h.loose}
    loose = {h.field for h in hits if h.loose} - listed
    return (len(listed) + 0.5 * len(loose)) / len(fields)


def _keyword_score(text: str, keywords: tuple[str, ...]) -> float:
    if not keywords:
        return 0.0
    hits = sum(1 for k in keywords if fuzz.partial_ratio(fold(k), text) >= 90)
    return min(1.0, hits / min(len(keywords), 6))


def score_page(layout: PageLayout, rulebook: Rulebook) -> dict[str, float]:
    """Each form type of `rulebook`'s schemas scored for one page, 0..1."""
    schemas = rulebook.schemas
    wording = wording_for(rulebook)
    distinctive = _distinctive(schemas)
    text = fold(layout.page.text)
    return {
        form_type: TITLE_WEIGHT * _title_score(layout, schema.titles)
        + LABEL_WEIGHT * _label_score(layout, schema, distinctive[form_type], wording)
        + KEYWORD_WEIGHT * _keyword_score(text, schema.keywords)
        for form_type, schema in schemas.items()
    }


def read_form_code(page: PageReading, schemas: Mapping[str, FormSchema]) -> FormCode | None:
    """Our form code on the page, naming one of `schemas`; None when there is none.

    Other programs' QR codes are passed over; a code of ours that is malformed or names a
    form we do not know is logged and passed over, never trusted.
    """
    for payload in read_qr_payloads(page.image_png):
        if not is_ours(payload):
            continue
        try:
            code = parse_form_code(payload)
        except MalformedFormCode as error:
            log.warning("page %d has a form QR code that cannot be read (%s); its text decides",
                        page.number, error)
            continue
        if code.form_type not in schemas:
            log.warning("page %d has a form QR code for an unknown form type '%s'; its text "
                        "decides", page.number, code.form_type)
            continue
        return code
    return None


def classify(reading: DocumentReading, rulebook: Rulebook) -> Classification:
    """The document's form type from its non-cover pages, or `unknown` with the best guesses.

    Our QR code on a non-cover page decides the type (the first such page wins); the text
    evidence still ranks the runner-up guesses.
    """
    schemas = rulebook.schemas
    covers = {t for t, s in schemas.items() if s.cover}
    best_pages: dict[str, float] = {}
    cover_pages = []
    codes: list[FormCode] = []
    for page in reading.pages:
        scores = score_page(build_layout(page), rulebook)
        best = max(scores, key=lambda t: scores[t])
        code = read_form_code(page, schemas)
        if (code is not None and code.form_type in covers) or (
                best in covers and scores[best] >= MIN_SCORE):
            cover_pages.append(page.number)
            continue
        if code is not None:
            codes.append(code)
        # A form's best page decides: attachments after it (notes, letters) score low for
        # every form and must not dilute it.
        for form_type, score in scores.items():
            if form_type not in covers:
                best_pages[form_type] = max(score, best_pages.get(form_type, 0.0))
    ranked = sorted(best_pages.items(), key=lambda g: -g[1])
    if codes:
        return _by_code(codes, ranked, tuple(cover_pages))
    guesses = tuple(Guess(t, round(s, 3)) for t, s in ranked[:3])
    best_score = ranked[0][1] if ranked else 0.0
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    clear = best_score >= MIN_CLEAR_SCORE and best_score >= CLEAR_MARGIN * runner_up
    if best_score < MIN_SCORE and not clear:
        return Classification(UNKNOWN, 0.0, guesses, tuple(cover_pages))
    confidence = min(1.0, best_score / 0.6) * (1 - 0.5 * runner_up / best_score)
    return Classification(ranked[0][0], round(confidence, 3), guesses, tuple(cover_pages))


def _by_code(codes: list[FormCode], ranked: list[tuple[str, float]],
             cover_pages: tuple[int, ...]) -> Classification:
    """The type our QR code names, with the text's other guesses after it."""
    code = codes[0]
    if any(c.form_type != code.form_type for c in codes):
        log.info("form QR codes name more than one form type; the first page's decides")
    others = tuple(Guess(t, round(s, 3)) for t, s in ranked if t != code.form_type)
    return Classification(code.form_type, 1.0, (Guess(code.form_type, 1.0), *others[:2]),
                          cover_pages, code)
