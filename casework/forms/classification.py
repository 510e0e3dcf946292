"""Which form a document is: evidence from titles, labels and keywords on each page.

Every page is scored against every schema; a page that looks most like a fax cover sheet is a
cover page and takes no part in deciding the document's type. English and Spanish wordings
are in the schemas, so a Spanish form is recognised the same way as an English one.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from rapidfuzz import fuzz

from casework.forms.labels import find_labels, fold
from casework.forms.page_layout import PageLayout, build_layout, join
from casework.forms.schema import FormSchema
from ocr import DocumentReading

UNKNOWN = "unknown"
MIN_SCORE = 0.3  # below this no schema is a credible match
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


def _title_score(layout: PageLayout, titles: tuple[str, ...]) -> float:
    """How well a title of the form matches a row in the top third of the page, 0..1."""
    top = [fold(join(r.words)) for r in layout.rows if r.bottom < layout.page.height * 0.35]
    best = 0.0
    for title in titles:
        folded = fold(title)
        for row in top[:12]:
            if len(folded) >= 12:
                score = fuzz.partial_ratio(folded, row) if len(row) >= len(folded) * 0.8 else 0.0
            else:
                score = fuzz.ratio(folded, row.strip(" :"))
            best = max(best, score)
    return max(0.0, (best - 80) / 20)


def _distinctive(schemas: dict[str, FormSchema]) -> dict[str, set[str]]:
    """Each form's fields that no other form has: these tell the forms apart."""
    counts = Counter(f.name for s in schemas.values() for f in s.fields)
    return {t: {f.name for f in s.fields if counts[f.name] == 1} for t, s in schemas.items()}


def _label_score(layout: PageLayout, schema: FormSchema, distinctive: set[str]) -> float:
    fields = tuple(f for f in schema.fields if f.name in distinctive) or schema.fields
    found = {h.field for h in find_labels(layout, fields, threshold=88.0)}
    return len(found) / len(fields)


def _keyword_score(text: str, keywords: tuple[str, ...]) -> float:
    if not keywords:
        return 0.0
    hits = sum(1 for k in keywords if fuzz.partial_ratio(fold(k), text) >= 90)
    return min(1.0, hits / min(len(keywords), 6))


def score_page(layout: PageLayout, schemas: dict[str, FormSchema]) -> dict[str, float]:
    """Each form type's score for one page, 0..1."""
    distinctive = _distinctive(schemas)
    text = fold(layout.page.text)
    return {
        form_type: TITLE_WEIGHT * _title_score(layout, schema.titles)
        + LABEL_WEIGHT * _label_score(layout, schema, distinctive[form_type])
        + KEYWORD_WEIGHT * _keyword_score(text, schema.keywords)
        for form_type, schema in schemas.items()
    }


def classify(reading: DocumentReading, schemas: dict[str, FormSchema]) -> Classification:
    """The document's form type from its non-cover pages, or `unknown` with the best guesses."""
    covers = {t for t, s in schemas.items() if s.cover}
    best_pages: dict[str, float] = {}
    cover_pages = []
    for page in reading.pages:
        scores = score_page(build_layout(page), schemas)
        best = max(scores, key=lambda t: scores[t])
        if best in covers and scores[best] >= MIN_SCORE:
            cover_pages.append(page.number)
            continue
        # A form's best page decides: attachments after it (notes, letters) score low for
        # every form and must not dilute it.
        for form_type, score in scores.items():
            if form_type not in covers:
                best_pages[form_type] = max(score, best_pages.get(form_type, 0.0))
    ranked = sorted(best_pages.items(), key=lambda g: -g[1])
    guesses = tuple(Guess(t, round(s, 3)) for t, s in ranked[:3])
    if not ranked or ranked[0][1] < MIN_SCORE:
        return Classification(UNKNOWN, 0.0, guesses, tuple(cover_pages))
    best_score = ranked[0][1]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    confidence = min(1.0, best_score / 0.6) * (1 - 0.5 * runner_up / best_score)
    return Classification(ranked[0][0], round(confidence, 3), guesses, tuple(cover_pages))
