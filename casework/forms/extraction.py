"""Reading a recognised form's fields: fillable values first, then the words on its pages.

For each field, its label is found on the page (see `labels`) and the value is taken from
where forms put it: to the right on the same row ("Label: value", ruled columns), or below
(labels above boxed cells, table headers), bounded by the next label. The printed lines
(see `rules`) narrow that down: a label in the corner of a bordered cell has its value in
that cell, a label after a rule has it on the rule, a caption under a rule has it above the
rule, and an underlined heading is a label only when nothing else names the field. The text
is then parsed by the field's type; choices and yes/no fields read their ticked box.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, replace

from casework.forms.checkboxes import PageImage, looks_like_mark, ticked
from casework.forms.choice_rows import read_choice_rows
from casework.forms.evidence import label_evidence, names_only_its_kind
from casework.forms.fillable import fillable_values
from casework.forms.headings import is_heading, underlined_rows
from casework.forms.inline import inline_answer
from casework.forms.labels import LabelHit, certainty, find_labels
from casework.forms.options import (
    names_option,
    option_in_label,
    option_wordings,
    read_choice,
    unanswered,
)
from casework.forms.page_layout import PageLayout, Row, build_layout, join, union
from casework.forms.plausible import most_plausible
from casework.forms.results import ExtractedField, Extraction, UnreadField, Value
from casework.forms.rules import PageRules, page_rules
from casework.forms.sections import section_owners
from casework.forms.values import parse_value
from casework.forms.wording import Wording, wording_for
from casework.plan.rulebook import Rulebook
from casework.plan.schema import FieldSpec, FormSchema
from ocr import Box, DocumentReading, Word

_MULTILINE = ("text", "address", "icd10_list", "procedure_list")


@dataclass(frozen=True)
class _Placed:
    """A label hit with the page it is on."""

    page: int
    hit: LabelHit


def extract(reading: DocumentReading, schema: FormSchema, pages: list[int],
            rulebook: Rulebook) -> Extraction:
    """The schema's fields found in `reading`, looking only at `pages` (1-based numbers), and
    the choices whose options were found on a page read by OCR but not read."""
    # `rules` below are the page's ruled lines; the plan's rules are `rulebook`.
    wording = wording_for(rulebook)
    found = fillable_values(reading.form_fields, schema, wording)
    layouts = {p.number: build_layout(p) for p in reading.pages if p.number in pages}
    images = {n: PageImage(layout.page) for n, layout in layouts.items()}
    rules = {n: page_rules(images[n], layout.text_height) for n, layout in layouts.items()}
    hits = {n: find_labels(layout, schema.fields, wording,
                           owners=section_owners(layout, wording,
                                                 underlined_rows(layout, rules[n])),
                           ruled=_rule_after(rules[n]))
            for n, layout in layouts.items()}
    taken: set[tuple[int, int, int]] = set()
    unread: dict[str, UnreadField] = {}
    for placed in _ranked(hits, schema, rules):
        spec = schema.field(placed.hit.field)
        key = (placed.page, placed.hit.row.index, placed.hit.first)
        if spec.name in found or key in taken:
            continue
        if certainty(placed.hit.score) < 2 and is_heading(placed.hit, rules[placed.page]):
            continue  # a heading only loosely like a label ("Request Details") names no field
        boundaries = _boundaries(hits[placed.page], spec, wording)
        value = _read_field(spec, placed.hit, layouts[placed.page], boundaries,
                            images[placed.page], rules[placed.page], wording)
        if value is None:  # an empty field, or not really its label: try the next place
            if spec.type == "choice" and not placed.hit.loose and spec.name not in unread \
                    and layouts[placed.page].page.source == "ocr":
                options = unanswered(spec, _choice_region(spec, placed.hit, layouts[placed.page],
                                                          boundaries, rules[placed.page],
                                                          wording),
                                     layouts[placed.page].text_height, images[placed.page],
                                     wording)
                if options:
                    unread[spec.name] = UnreadField(spec.name, placed.page, union(options))
            continue
        taken.add(key)
        box = union(value[1]) if value[1] else placed.hit.box
        evidence = label_evidence(spec, placed.page, placed.hit, value[1], value[2],
                                  layouts[placed.page], rules[placed.page], hits)
        if names_only_its_kind(placed.hit, spec, schema, wording):
            evidence = replace(evidence, shared=True)
        found[spec.name] = ExtractedField(value[0], value[2], placed.page, box, join(value[1]),
                                          evidence)
    # Choices no label names: rows of tick boxes whose option words say whose they are.
    rows = read_choice_rows(layouts, images, schema, wording, found)
    found.update(rows.fields)
    unread.update({n: u for n, u in rows.unread.items() if n not in unread})
    return Extraction(found, {n: u for n, u in unread.items() if n not in found})


def _ranked(hits: dict[int, list[LabelHit]], schema: FormSchema,
            rules: dict[int, PageRules]) -> list[_Placed]:
    """Every (field, label) pair, the surest first: clear matches, specific wordings, then
    schema and page order (so the member's "Phone" comes before the provider's); headings
    ("SERVICING PROVIDER" over a section) last, since the section's own labels say more."""
    order = {spec.name: i for i, spec in enumerate(schema.fields)}
    placed = [_Placed(n, h) for n, page_hits in hits.items() for h in page_hits]
    return sorted(placed, key=lambda p: (p.hit.loose, is_heading(p.hit, rules[p.page]),
                                         -certainty(p.hit.score), -p.hit.length, -p.hit.score,
                                         order[p.hit.field], p.page, p.hit.row.index,
                                         p.hit.first))


def _rule_after(rules: PageRules) -> Callable[[Box], bool]:
    return lambda box: rules.rule_after(box) is not None


def _boundaries(hits: list[LabelHit], spec: FieldSpec, wording: Wording) -> list[LabelHit]:
    """Labels that end this field's value area: all but its own option words ("Member" is
    an option of 'filed by', not the start of another field there), with or without the
    box OCR read in front of them ("[7] Representative")."""
    if not spec.options and spec.type != "boolean":
        return hits
    normalize = wording.normalize
    wordings = [set(normalize(w).split()) for _, ws in option_wordings(spec) for w in ws]

    def is_option(hit: LabelHit) -> bool:
        words = set(normalize(join(hit.row.words[hit.first:hit.last + 1])).split())
        return any(wording and wording <= words and len(words) <= len(wording) + 1
                   for wording in wordings)

    return [h for h in hits if not is_option(h)]


def _column(hit: LabelHit, others: list[LabelHit], layout: PageLayout) -> tuple[float, float]:
    """Left and right edges of the label's value area, up to the next label on its row."""
    unit = layout.text_height
    same_row = [o for o in others if o.row.index == hit.row.index and o is not hit]
    right = min([o.box.x0 for o in same_row if o.box.x0 > hit.box.x1] or [layout.page.width])
    left_of = [o.box.x1 for o in same_row if o.box.x1 < hit.box.x0]
    left = hit.box.x0 - 1.5 * unit
    if left_of:
        left = max(left, max(left_of) + 0.5 * unit)
    return left, right


def _in_column(row: Row, left: float, right: float) -> list[Word]:
    return [w for w in row.words if left <= (w.box.x0 + w.box.x1) / 2 < right]


# One-letter words a sentence may start with; OCR is often unsure of them, yet they are ink.
_SHORT_WORDS = frozenset({"I", "A", "a"})


def _inked(words: list[Word]) -> list[Word]:
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


def _is_label_row(row: Row, words: list[Word], labels: list[LabelHit]) -> bool:
    """The words hold a label: one of the schema's, or any short phrase ending in a colon at
    their start ("Outcome You Want:"), which on a form always starts another field."""
    ids = {id(w) for w in words}
    if any(h.row.index == row.index and ids & {id(w) for w in h.row.words[h.first:h.last + 1]}
           for h in labels):
        return True
    return any(w.text.endswith(":") and not w.text[:-1].isdigit() for w in words[:5])


def _below(hit: LabelHit, layout: PageLayout, labels: list[LabelHit], left: float,
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
        words = _in_column(row, left, right)
        if not words:
            continue
        limit = 2.6 * unit if not taken else 1.3 * unit
        if row.top - previous_bottom > limit or _is_label_row(row, words, labels):
            break
        taken.append((row, words))
        previous_bottom = row.bottom
        if spec.type not in _MULTILINE and spec.type not in ("choice", "boolean"):
            break
        if spec.type in ("choice", "boolean") and len(taken) >= 3:
            break
    return taken


@dataclass(frozen=True)
class _Area:
    """Where a label's value can be: a column, how far down, and whether it is above."""

    left: float
    right: float
    floor: float | None = None  # the bottom of the label's cell
    above: list[tuple[Row, list[Word]]] | None = None  # a caption's value, over its rule


def _area(hit: LabelHit, layout: PageLayout, labels: list[LabelHit],
          rules: PageRules, choices: bool = False) -> _Area:
    """The value area the printed lines give the label (its column when they say nothing)."""
    left, right = _column(hit, labels, layout)
    unit = layout.text_height
    cell = rules.cell(hit.box)
    if cell is not None:
        label_ids = {id(w) for w in hit.row.words[hit.first:hit.last + 1]}
        inside = [w for row in layout.rows for w in row.words if id(w) not in label_ids
                  and cell.x0 < (w.box.x0 + w.box.x1) / 2 < cell.x1
                  and cell.y0 < (w.box.y0 + w.box.y1) / 2 < cell.y1 and _inked([w])]
        in_line = any(_in_cell(w, cell) and _inked([w]) for w in hit.row.words[hit.last + 1:])
        under = None if in_line else _under_caption(hit, layout, labels, cell, rules, choices)
        # The cell holds its value (beside the label or under it). A cell holding only the
        # label, or only other labels (a rule between them faded), points on.
        if inside and (in_line or under is not None):
            return _Area(max(left, cell.x0), min(right, cell.x1), cell.y1, above=under)
        beyond = [w for w in hit.row.words if w.box.x0 >= cell.x1 and _inked([w])]
        if cell.y1 - hit.box.y1 >= 1.2 * unit:  # room for a line under the label, left blank
            return _Area(cell.x0, cell.x1, above=[]) if not beyond else \
                _Area(left, right, cell.y1)
        return _Area(left, right)
    after = rules.rule_after(hit.box)
    if after is not None:
        return _Area(left, min(right, _ruled_right(hit, after.x1, unit)))
    caption = rules.rule_above(hit.box)
    if caption is not None and not rules.underlines(hit.box):
        above = _above(hit, layout, labels, caption.y, caption.x0, caption.x1)
        label = list(hit.row.words[hit.first:hit.last + 1])
        beside = [w for w in hit.row.words[hit.last + 1:]
                  if w.box.x0 < caption.x1 and _inked([w])]
        # Nothing beside it on its own rule's span: a caption, even where a fax has blurred
        # how much smaller it is printed than the writing over it.
        if above and (_smaller(label, above[-1][1]) or not beside):
            return _Area(caption.x0, caption.x1, above=above)
        # A blank line to write on runs well past its caption (a piece of a faded table
        # rule does not).
        writable = caption.x1 - hit.box.x1 >= 2 * unit and all(
            rules.rule_above(w.box) is not None  # only other captions further along
            for w in hit.row.words[hit.last + 1:] if _inked([w]))
        if not above and not beside and (writable or _height(label) <= 0.8 * unit):
            return _Area(caption.x0, caption.x1, above=[])  # a blank line over its caption
    return _Area(left, right)


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
        if not choices and _is_label_row(row, words, labels):  # "I am the member": an option
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
        words = _joined(row, _in_column(row, left - 0.2 * unit, right + 0.2 * unit), unit)
        # Tick boxes stand higher over their rule, and further apart, than writing does.
        boxes = any(looks_like_mark(w) for w in words)
        reach = (0.9 if boxes else 0.6) if taken else (1.9 if boxes else 0.9)
        if edge - row.bottom > reach * unit:
            break
        if not words or _is_label_row(row, words, labels):
            break
        taken.insert(0, (row, words))
        edge = row.top
    return taken


def _read_field(spec: FieldSpec, hit: LabelHit, layout: PageLayout, labels: list[LabelHit],
                image: PageImage, rules: PageRules,
                wording: Wording) -> tuple[Value, list[Word], float] | None:
    """The field's value beside or under its label: (value, its words, confidence)."""
    label_conf = hit.score / 100
    if spec.type in ("choice", "boolean"):
        region = _choice_region(spec, hit, layout, labels, rules, wording)
        chosen = read_choice(spec, region, layout.text_height, image, wording)
        if chosen is None and spec.type == "boolean":
            # A yes/no printed as one box before its label ("☒ Expedited review").
            first = hit.row.words[hit.first]
            state = ticked(hit.row, first, layout.text_height, image)
            if state is not None:
                return state, list(hit.row.words[hit.first:hit.last + 1]), label_conf * 0.95
        if chosen is None:
            return None
        return chosen[0], chosen[1], min(chosen[2], label_conf)
    area = _area(hit, layout, labels, rules)
    left, right = area.left, area.right
    if area.above is not None:
        inline, below = [], area.above  # a caption: nothing beside or under it is its value
    else:
        inline = inline_answer(hit, right)
        below = _below(hit, layout, labels, left, right, spec, area.floor)
    inline = _inked(inline)
    below = [(row, _inked(words)) for row, words in below]
    attempts = [inline] if inline else []
    if spec.type in _MULTILINE and inline:
        attempts = [inline + [w for _, ws in _continuation(hit, layout, labels, left, right,
                                                           area.floor) for w in ws]]
    attempts.append([w for _, ws in below for w in ws])
    # Each attempt's words as a value, the first that fits the field (see `plausible`).
    fitting = most_plausible(spec, ((parse_value(spec.type, join(words)), words)
                                    for words in attempts if words), wording)
    if fitting is None:
        return None
    return fitting[0], fitting[1], min([label_conf, *(w.confidence for w in fitting[1])])


def _choice_region(spec: FieldSpec, hit: LabelHit, layout: PageLayout, labels: list[LabelHit],
                   rules: PageRules, wording: Wording) -> list[tuple[Row, list[Word]]]:
    """Where a choice's or yes/no field's options are printed: beside its label, then under;
    an option that reads like another field's label ("Enrollee") is no end to its area."""
    labels = [other for other in labels if other is hit or not names_option(other, spec, wording)]
    area = _area(hit, layout, labels, rules, choices=True)
    if area.above is not None:
        # A caption; its options run along its lines with wide gaps ("Y      N"): whole lines.
        return [(row, [w for w in row.words if area.left <= (w.box.x0 + w.box.x1) / 2
                       <= area.right]) for row, _ in area.above]
    inline = option_in_label(hit, spec, wording) + inline_answer(hit, area.right)
    region = ([(hit.row, inline)] if inline else []) + _below(
        hit, layout, labels, area.left, area.right, spec, area.floor)
    if spec.type == "boolean" and not any(w for _, w in region):
        region = [(hit.row, list(hit.row.words[hit.first:hit.last + 1]))]
    return region


def _continuation(hit: LabelHit, layout: PageLayout, labels: list[LabelHit], left: float,
                  right: float, floor: float | None) -> list[tuple[Row, list[Word]]]:
    """Lines a long inline answer wraps onto, under the label, until a gap or a label (or
    the bottom of its cell)."""
    unit = layout.text_height
    rows: list[tuple[Row, list[Word]]] = []
    previous_bottom = hit.row.bottom
    for row in layout.rows_below(hit.row, 30 * unit):
        if floor is not None and (row.top + row.bottom) / 2 > floor:
            break
        words = _in_column(row, left, right)
        if not words or row.top - previous_bottom > 0.9 * unit:
            break
        if _is_label_row(row, words, labels):
            break
        rows.append((row, words))
        previous_bottom = row.bottom
    return rows
