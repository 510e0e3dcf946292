"""Values whose label no wording names, placed by what they are.

A form from an office nobody has seen prints "Best Number to Reach: (559) 555-0101" or
"Client Index Number: 93420345T": a label ending in a colon that matches no field, before a
value whose shape says what it is. When the form has exactly one field of that kind still
unread (one phone of three found elsewhere is the member's, the form's one Medi-Cal ID), and
the page prints exactly one such unclaimed value, the value is that field's. Only kinds whose
values carry their own check are placed so (a Medi-Cal ID's shape, an NPI's check digit, a
North American phone number); the reading is the weakest there is (its evidence says
`typed`), so the trust model's record decides whether a person looks.
"""

from __future__ import annotations

from collections.abc import Iterator

from casework.forms.evidence import page_source
from casework.forms.labels import LabelHit
from casework.forms.page_layout import PageLayout, Row, join, union
from casework.forms.plausible import Verdict, verdict
from casework.forms.results import Evidence, ExtractedField
from casework.forms.values import parse_value
from casework.forms.wording import Wording
from casework.plan.schema import FieldSpec, FormSchema
from ocr import Box, Word

# Kinds a value's own check tells apart; dates, counts and names are anybody's.
PLACED_KINDS = ("member_id", "npi", "phone")
_LABEL_WORDS = 6  # a label is a short phrase
_WORD_GAP = 1.3  # a value's words are no further apart than this many text heights


def place_by_kind(layouts: dict[int, PageLayout], schema: FormSchema,
                  found: dict[str, ExtractedField], hits: dict[int, list[LabelHit]],
                  wording: Wording) -> dict[str, ExtractedField]:
    """The schema's unread fields of a checked kind that one unclaimed "label: value" pair
    on the pages fills unambiguously."""
    open_fields: dict[str, list[FieldSpec]] = {}
    for spec in schema.fields:
        if spec.type in PLACED_KINDS and spec.name not in found:
            open_fields.setdefault(spec.type, []).append(spec)
    placed: dict[str, ExtractedField] = {}
    for specs in open_fields.values():
        if len(specs) != 1:
            continue
        spec = specs[0]
        candidates = [(number, value, words)
                      for number, layout in layouts.items()
                      for value, words in _values_of_kind(spec, layout, found, number,
                                                          hits.get(number, []), wording)]
        if len(candidates) == 1:
            number, value, words = candidates[0]
            placed[spec.name] = _typed_field(value, words, layouts[number], number)
    return placed


def _values_of_kind(spec: FieldSpec, layout: PageLayout, found: dict[str, ExtractedField],
                    number: int, hits: list[LabelHit], wording: Wording
                    ) -> Iterator[tuple[str, list[Word]]]:
    """Unclaimed values on the page that pass the field's own check."""
    taken = [f.box for f in found.values() if f.page == number and f.box is not None]
    for row in layout.rows:
        for label, words in _pairs(row, layout.text_height):
            if _claimed(row, label, hits) or any(_overlaps(union(words), box) for box in taken):
                continue
            value = parse_value(spec.type, join(words))
            if value is not None and verdict(spec, value, wording) is Verdict.SURE:
                yield str(value), words


def _pairs(row: Row, unit: float) -> Iterator[tuple[list[Word], list[Word]]]:
    """Each short phrase ending in a colon in the row and the run of words after it."""
    start = 0
    words = row.words
    for end, word in enumerate(words):
        if not word.text.endswith(":") or end - start >= _LABEL_WORDS:
            if end > start and words[end].box.x0 - words[end - 1].box.x1 > _WORD_GAP * unit:
                start = end  # a wide gap starts another cell's phrase
            continue
        value: list[Word] = []
        for after in words[end + 1:]:
            previous = value[-1] if value else word
            if after.text.endswith(":") or (
                    value and after.box.x0 - previous.box.x1 > _WORD_GAP * unit):
                break
            value.append(after)
        if value:
            yield list(words[start:end + 1]), value
        start = end + 1


def _claimed(row: Row, label: list[Word], hits: list[LabelHit]) -> bool:
    """A label the page's label search already gave to a field (found or left empty)."""
    ids = {id(w) for w in label}
    return any(h.row.index == row.index and ids & {id(w) for w in h.row.words[h.first:h.last + 1]}
               for h in hits)


def _overlaps(a: Box, b: Box) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


def _typed_field(value: str, words: list[Word], layout: PageLayout,
                 number: int) -> ExtractedField:
    source = page_source(layout.page)
    ocr = min(w.confidence for w in words) if source != "text" else 1.0
    evidence = Evidence(source, "typed", "inline", round(ocr, 3), 0, round(ocr * 0.8, 3))
    return ExtractedField(value, ocr * 0.8, number, union(words), join(words), evidence)
