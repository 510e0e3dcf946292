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

from collections.abc import Callable
from dataclasses import dataclass, replace

from casework.forms.checkboxes import PageImage, looks_like_mark, ticked
from casework.forms.choice_rows import read_choice_rows
from casework.forms.evidence import label_evidence, names_only_its_kind
from casework.forms.fillable import fillable_values
from casework.forms.headings import is_heading, underlined_rows
from casework.forms.inline import inline_answer
from casework.forms.labels import LabelHit, certainty, find_labels
from casework.forms.neighbours import own_bare_labels
from casework.forms.options import (
    names_option,
    option_in_label,
    option_wordings,
    read_choice,
    unanswered,
)
from casework.forms.page_layout import PageLayout, Row, build_layout, join, union
from casework.forms.plausible import Verdict, label_tail, most_plausible, verdict
from casework.forms.results import ExtractedField, Extraction, UnreadField, Value
from casework.forms.rules import PageRules, page_rules
from casework.forms.sections import section_owners
from casework.forms.typed_values import place_by_kind
from casework.forms.value_area import (
    MULTILINE,
    in_column,
    inked,
    is_label_row,
    under_label,
    value_area,
)
from casework.forms.values import parse_value
from casework.forms.wording import Wording, wording_for
from casework.plan.rulebook import Rulebook
from casework.plan.schema import FieldSpec, FormSchema
from ocr import Box, DocumentReading, Word


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
    sections = {n: section_owners(layout, wording, underlined_rows(layout, rules[n]))
                for n, layout in layouts.items()}
    hits = {n: find_labels(layout, schema.fields, wording, owners=sections[n],
                           ruled=_rule_after(rules[n]))
            for n, layout in layouts.items()}
    hits = {n: own_bare_labels(layout, hits[n], schema.fields, wording, sections[n])
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
        boundaries = _boundaries(hits[placed.page], spec, wording,
                                 _after_box(layouts[placed.page], images[placed.page]))
        value = _read_field(spec, placed.hit, layouts[placed.page], boundaries,
                            images[placed.page], rules[placed.page], wording)
        if value is None:  # an empty field, or not really its label: try the next place
            if spec.type == "choice" and not placed.hit.loose and spec.name not in unread \
                    and layouts[placed.page].page.source == "ocr":
                options = unanswered(spec, _choice_region(spec, placed.hit, layouts[placed.page],
                                                          boundaries, rules[placed.page],
                                                          images[placed.page], wording),
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
    # Checked values after a label no wording names, placed by what they are.
    found.update(place_by_kind(layouts, schema, found, hits, wording))
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


def _boundaries(hits: list[LabelHit], spec: FieldSpec, wording: Wording,
                boxed: Callable[[LabelHit], bool]) -> list[LabelHit]:
    """Labels that end this field's value area: all but its own option words printed after
    a box ("☐ Member" is an option of 'filed by', not the start of another field there),
    whether or not OCR read the box into the label ("[7] Representative"). The same word
    printed as another cell's caption, with no box before it, still ends the area."""
    if not spec.options and spec.type != "boolean":
        return hits
    normalize = wording.normalize
    wordings = [set(normalize(w).split()) for _, ws in option_wordings(spec) for w in ws]

    def is_option(hit: LabelHit) -> bool:
        words = set(normalize(join(hit.row.words[hit.first:hit.last + 1])).split())
        return any(wording and wording <= words and len(words) <= len(wording) + 1
                   for wording in wordings) and boxed(hit)

    return [h for h in hits if not is_option(h)]


def _after_box(layout: PageLayout, image: PageImage) -> Callable[[LabelHit], bool]:
    """Whether a label is printed after a tick box, or starts with one OCR read as text."""
    unit = layout.text_height

    def boxed(hit: LabelHit) -> bool:
        first = hit.row.words[hit.first]
        return (looks_like_mark(first) or image.geometry(unit).box_read_as(first) is not None
                or ticked(hit.row, first, unit, image) is not None)

    return boxed


def _read_field(spec: FieldSpec, hit: LabelHit, layout: PageLayout, labels: list[LabelHit],
                image: PageImage, rules: PageRules,
                wording: Wording) -> tuple[Value, list[Word], float] | None:
    """The field's value beside or under its label: (value, its words, confidence)."""
    label_conf = hit.score / 100
    if spec.type in ("choice", "boolean"):
        region = _choice_region(spec, hit, layout, labels, rules, image, wording)
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
    area = value_area(hit, layout, labels, rules)
    left, right = area.left, area.right
    if area.above is not None:
        inline, below = [], area.above  # a caption: nothing beside or under it is its value
    else:
        inline = inline_answer(hit, right)
        below = []
        if inline and _next_header(hit, inline, layout):
            # "Patient Name    Health Plan #    Date of Birth" over a row of values: what
            # follows the label on its row is the next column's header, and ends its column
            # (unless what is under the label is another label: rows of label and value).
            below = under_label(hit, layout, labels, left,
                                inline[0].box.x0 - 0.5 * layout.text_height, spec, area.floor)
            if _fits(spec, inline, wording) or not _fits(spec, [w for _, ws in below
                                                                for w in ws], wording):
                below = []  # the words beside it are its value after all
            else:
                inline = []
        below = below or under_label(hit, layout, labels, left, right, spec, area.floor)
    inline = inked(inline)
    below = [(row, inked(words)) for row, words in below]
    attempts = [inline] if inline else []
    if spec.type in MULTILINE and inline:
        attempts = [inline + [w for _, ws in _continuation(hit, layout, labels, left, right,
                                                           area.floor) for w in ws]]
    attempts.append([w for _, ws in below for w in ws])
    if spec.type in MULTILINE:  # without a label printed before it on a wrapped line, first
        attempts = [cut for words in attempts for cut in (_after_label(words, wording), words)]
    if spec.type == "name":  # a name without the next label's words it ran into, first
        attempts = [cut for words in attempts for cut in (
            words[:len(words) - label_tail([w.text for w in words], wording)], words)]
    attempts = [words for words in attempts if words]
    # Each attempt's words as a value, the first that fits the field (see `plausible`).
    fitting = most_plausible(spec, ((parse_value(spec.type, join(words)), words)
                                    for words in attempts if words), wording)
    if fitting is None:
        return None
    return fitting[0], fitting[1], min([label_conf, *(w.confidence for w in fitting[1])])


def _fits(spec: FieldSpec, words: list[Word], wording: Wording) -> bool:
    value = parse_value(spec.type, join(inked(words))) if words else None
    return value is not None and verdict(spec, value, wording) is Verdict.SURE


def _next_header(hit: LabelHit, inline: list[Word], layout: PageLayout) -> bool:
    """The words after a label with no colon, well apart from it, head a column of their own:
    the next row has words under them and under the label alike."""
    unit = layout.text_height
    if hit.row.words[hit.last].text.rstrip().endswith((":", ";")) or \
            inline[0].box.x0 - hit.box.x1 < 2 * unit:
        return False
    below = layout.rows_below(hit.row, 2.6 * unit)
    if not below:
        return False
    words = below[0].words

    def under(x0: float, x1: float) -> bool:
        return any(w.box.x0 < x1 and w.box.x1 > x0 for w in words)

    return under(hit.box.x0, hit.box.x1) and under(inline[0].box.x0, inline[-1].box.x1)


def _after_label(words: list[Word], wording: Wording) -> list[Word]:
    """The words after a leading "Label:" of one or two label words ("Grievance: I was..."),
    or nothing when there is none."""
    for end in (0, 1):
        if len(words) > end + 1 and words[end].text.endswith(":") and all(
                wording.mend(wording.normalize(w.text) or "-") in wording.lexicon
                for w in words[:end + 1]):
            return words[end + 1:]
    return []


def _choice_region(spec: FieldSpec, hit: LabelHit, layout: PageLayout, labels: list[LabelHit],
                   rules: PageRules, image: PageImage,
                   wording: Wording) -> list[tuple[Row, list[Word]]]:
    """Where a choice's or yes/no field's options are printed: beside its label, then under;
    an option after its box that reads like another field's label ("☐ Enrollee") is no end
    to its area, the same word printed as another cell's caption ("Representative") is."""
    boxed = _after_box(layout, image)
    labels = [other for other in labels if other is hit or not (
        names_option(other, spec, wording) and boxed(other))]
    area = value_area(hit, layout, labels, rules, choices=True)
    if area.above is not None:
        # A caption; its options run along its lines with wide gaps ("Y      N"): whole lines.
        return [(row, [w for w in row.words if area.left <= (w.box.x0 + w.box.x1) / 2
                       <= area.right]) for row, _ in area.above]
    ran_into = option_in_label(hit, spec, wording)
    # The label ran into its first option: the rest of the line holds the others (however
    # wide the gaps, whatever labels their words look like) and which of them is marked.
    inline = ran_into + (list(hit.row.words[hit.last + 1:]) if ran_into
                         else inline_answer(hit, area.right))
    region = ([(hit.row, inline)] if inline else []) + under_label(
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
        words = in_column(row, left, right)
        if not words or row.top - previous_bottom > 0.9 * unit:
            break
        if is_label_row(row, words, labels):
            break
        rows.append((row, words))
        previous_bottom = row.bottom
    return rows
