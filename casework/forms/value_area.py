"""Where a label's value can be on the page: its column, the rows under it, the cell it
sits in, the rule it is written on or the rule over its caption, and which words there are
ink rather than box edges and specks."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace

from casework.forms.checkboxes import looks_like_mark
from casework.forms.labels import LabelHit
from casework.forms.page_layout import PageLayout, Row
from casework.forms.rules import PageRules
from casework.plan.schema import FieldSpec
from ocr import Box, Word

MULTILINE = ("text", "address", "icd10_list", "procedure_list")


def column(hit: LabelHit, others: list[LabelHit], layout: PageLayout) -> tuple[float, float]:
    """Left and right edges of the label's value area, up to the next label on its row."""
    unit = layout.text_height
    same_row = [o for o in others if o.row.index == hit.row.index and o is not hit]
    right = min([o.box.x0 for o in same_row if o.box.x0 > hit.box.x1] or [layout.page.width])
    left_of = [o.box.x1 for o in same_row if o.box.x1 < hit.box.x0]
    left = hit.box.x0 - 1.5 * unit
    if left_of:
        left = max(left, max(left_of) + 0.5 * unit)
    return left, right


def in_column(row: Row, left: float, right: float) -> list[Word]:
    return [w for w in row.words if left <= (w.box.x0 + w.box.x1) / 2 < right]


# One-letter words a sentence may start with; OCR is often unsure of them, yet they are ink.
_SHORT_WORDS = frozenset({"I", "A", "a"})


def inked(words: list[Word]) -> list[Word]:
    """Words with a letter or digit: a lone "|" or "." is a box edge or a speck, and so is
    a letter or two that OCR itself doubts (a smudge in an empty box read as "NN") — but
    not the "I" that starts a member's own account of what happened."""
    marked = [w for w in _with_pronouns(words) if any(c.isalnum() for c in w.text)]
    doubted = [_doubted(w) for w in marked]
    if all(doubted):
        return []
    return [w for w, doubt in zip(marked, doubted, strict=True)
            if not doubt or w.text in _SHORT_WORDS]


def _with_pronouns(words: list[Word]) -> list[Word]:
    """A sans-serif capital I reads as "|": one no taller than the letters beside it and
    followed closely by a lower-case word ("| waited") is the word I, not a box edge."""
    fixed = list(words)
    for n, (word, after) in enumerate(itertools.pairwise(words)):
        if word.text != "|" or not after.text[:1].islower() or after.line != word.line:
            continue
        height, letters = word.box.y1 - word.box.y0, after.box.y1 - after.box.y0
        gap = after.box.x0 - word.box.x1
        if height <= letters * 1.3 and 0 <= gap <= letters:
            fixed[n] = replace(word, text="I")
    return fixed


def _doubted(word: Word) -> bool:
    return word.confidence < 0.45 and sum(c.isalnum() for c in word.text) <= 2


def is_label_row(row: Row, words: list[Word], labels: list[LabelHit]) -> bool:
    """The words hold a label: one of the schema's, or any short phrase ending in a colon at
    their start ("Outcome You Want:", or "Phone Number;" as a fax's colon reads), which on a
    form always starts another field."""
    ids = {id(w) for w in words}
    if any(h.row.index == row.index and ids & {id(w) for w in h.row.words[h.first:h.last + 1]}
           for h in labels):
        return True
    return any(w.text.endswith((":", ";")) and not w.text[:-1].isdigit() for w in words[:5])


def under_label(hit: LabelHit, layout: PageLayout, labels: list[LabelHit], left: float,
                right: float, spec: FieldSpec,
                floor: float | None = None) -> list[tuple[Row, list[Word]]]:
    """Rows of words under the label in its column, stopping at the next label (or at the
    `floor` of its cell)."""
    unit = layout.text_height
    taken: list[tuple[Row, list[Word]]] = []
    previous_bottom = hit.row.bottom
    for row in layout.rows_below(hit.row, 12 * unit):
        if floor is not None and (row.top + row.bottom) / 2 > floor:
            break
        words = in_column(row, left, right)
        if not words:
            continue
        limit = 2.6 * unit if not taken else 1.3 * unit
        if row.top - previous_bottom > limit or is_label_row(row, words, labels):
            break
        taken.append((row, words))
        previous_bottom = row.bottom
        if spec.type not in MULTILINE and spec.type not in ("choice", "boolean"):
            break
        if spec.type in ("choice", "boolean") and len(taken) >= 3:
            break
    return taken


@dataclass(frozen=True)
class Area:
    """Where a label's value can be: a column, how far down, and whether it is above."""

    left: float
    right: float
    floor: float | None = None  # the bottom of the label's cell
    above: list[tuple[Row, list[Word]]] | None = None  # a caption's value, over its rule


def value_area(hit: LabelHit, layout: PageLayout, labels: list[LabelHit],
               rules: PageRules, choices: bool = False) -> Area:
    """The value area the printed lines give the label (its column when they say nothing)."""
    left, right = column(hit, labels, layout)
    unit = layout.text_height
    cell = rules.cell(hit.box)
    if cell is not None:
        label_ids = {id(w) for w in hit.row.words[hit.first:hit.last + 1]}
        inside = [w for row in layout.rows for w in row.words if id(w) not in label_ids
                  and cell.x0 < (w.box.x0 + w.box.x1) / 2 < cell.x1
                  and cell.y0 < (w.box.y0 + w.box.y1) / 2 < cell.y1 and inked([w])]
        in_line = any(_in_cell(w, cell) and inked([w]) for w in hit.row.words[hit.last + 1:])
        under = None if in_line else _under_caption(hit, layout, labels, cell, rules, choices)
        # The cell holds its value (beside the label or under it). A cell holding only the
        # label, or only other labels (a rule between them faded), points on.
        if inside and (in_line or under is not None):
            return Area(max(left, cell.x0), min(right, cell.x1), cell.y1, above=under)
        beyond = [w for w in hit.row.words if w.box.x0 >= cell.x1 and inked([w])]
        if cell.y1 - hit.box.y1 >= 1.2 * unit:  # room for a line under the label, left blank
            return Area(cell.x0, cell.x1, above=[]) if not beyond else \
                Area(left, right, cell.y1)
        return Area(left, right)
    after = rules.rule_after(hit.box)
    if after is not None:
        return Area(left, min(right, _ruled_right(hit, after.x1, unit)))
    caption = rules.rule_above(hit.box)
    if caption is not None and not rules.underlines(hit.box):
        above = _above(hit, layout, labels, caption.y, caption.x0, caption.x1)
        label = list(hit.row.words[hit.first:hit.last + 1])
        beside = [w for w in hit.row.words[hit.last + 1:]
                  if w.box.x0 < caption.x1 and inked([w])]
        # Nothing beside it on its own rule's span: a caption, even where a fax has blurred
        # how much smaller it is printed than the writing over it.
        if above and (_smaller(label, above[-1][1]) or not beside):
            return Area(caption.x0, caption.x1, above=above)
        # A blank line to write on runs well past its caption (a piece of a faded table
        # rule does not).
        writable = caption.x1 - hit.box.x1 >= 2 * unit and all(
            rules.rule_above(w.box) is not None  # only other captions further along
            for w in hit.row.words[hit.last + 1:] if inked([w]))
        if not above and not beside and (writable or _height(label) <= 0.8 * unit):
            return Area(caption.x0, caption.x1, above=[])  # a blank line over its caption
    return Area(left, right)


def _in_cell(word: Word, cell: Box) -> bool:
    return (cell.x0 < (word.box.x0 + word.box.x1) / 2 < cell.x1
            and cell.y0 < (word.box.y0 + word.box.y1) / 2 < cell.y1)


def _first_run(words: list[Word], gap: float, rules: PageRules) -> list[Word]:
    """The words up to the first gap wider than `gap` with no tick box in it: written values
    have no such gap, two cells run together (their dividing rule faded on a fax) do."""
    for n in range(1, len(words)):
        if words[n].box.x0 - words[n - 1].box.x1 > gap and \
                not rules.tick_box_between(words[n - 1].box, words[n].box):
            return words[:n]
    return words


def _under_caption(hit: LabelHit, layout: PageLayout, labels: list[LabelHit], cell: Box,
                   rules: PageRules, choices: bool = False) -> list[tuple[Row, list[Word]]] | None:
    """A caption at the top of its cell with nothing beside it: the cell's lines under it,
    up to another label (None when there are none). Found from the cell, not from rows: on
    a fax the caption's row and the value's row may overlap."""
    unit = layout.text_height
    middle = (hit.box.y0 + hit.box.y1) / 2
    taken: list[tuple[Row, list[Word]]] = []
    for row in layout.rows[hit.row.index + 1:]:
        words = _first_run([w for w in row.words if _in_cell(w, cell)], 2.5 * unit, rules)
        if not words or (row.top + row.bottom) / 2 <= middle + 0.5 * unit:
            continue
        if (row.top + row.bottom) / 2 > cell.y1:
            break
        if not choices and is_label_row(row, words, labels):  # "I am the member": an option
            break
        taken.append((row, words))
    return taken or None


def _height(words: list[Word]) -> float:
    return sorted(w.box.y1 - w.box.y0 for w in words)[len(words) // 2]


def _smaller(caption: list[Word], written: list[Word]) -> bool:
    """Captions are printed smaller than what is written over them; a label as tall as the
    line above it is a row of a ruled table, not a caption."""
    return _height(caption) <= 0.85 * _height(written)


def _joined(row: Row, words: list[Word], unit: float) -> list[Word]:
    """`words` and the words of the row running on from them without a gap (a value whose
    rule faded on a fax seems shorter than its words)."""
    if not words:
        return words
    chosen = list(words)
    for word in row.words:
        if word.box.x0 > chosen[-1].box.x1 and word.box.x0 - chosen[-1].box.x1 <= 0.7 * unit:
            chosen.append(word)
    return chosen


def _ruled_right(hit: LabelHit, rule_end: float, unit: float) -> float:
    """Where a value written on a rule ends: the rule's end, or the end of the phrase that
    runs past it (a faxed rule fades into dashes and may seem to end early)."""
    right = rule_end + 0.5 * unit
    previous: Word | None = None
    for word in hit.row.words[hit.last + 1:]:
        joined = previous is not None and word.box.x0 - previous.box.x1 <= 0.7 * unit
        if word.box.x0 >= right and not joined:
            break
        right = max(right, word.box.x1 + 1)
        previous = word
    return right


def _above(hit: LabelHit, layout: PageLayout, labels: list[LabelHit], rule_y: float,
           left: float, right: float) -> list[tuple[Row, list[Word]]]:
    """The lines written on the rule over a caption, top line first."""
    unit = layout.text_height
    taken: list[tuple[Row, list[Word]]] = []
    edge = rule_y
    for row in reversed(layout.rows[:hit.row.index]):
        if row.bottom > rule_y + 0.3 * unit:
            continue  # beside the caption, not over it
        words = _joined(row, in_column(row, left - 0.2 * unit, right + 0.2 * unit), unit)
        # Tick boxes stand higher over their rule, and further apart, than writing does.
        boxes = any(looks_like_mark(w) for w in words)
        reach = (0.9 if boxes else 0.6) if taken else (1.9 if boxes else 0.9)
        if edge - row.bottom > reach * unit:
            break
        if not words or is_label_row(row, words, labels):
            break
        taken.insert(0, (row, words))
        edge = row.top
    return taken
