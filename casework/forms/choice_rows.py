"""Choices printed as tick boxes with no caption of their own, read by their option words.

Many forms print a choice as a bare row of boxes whose words carry the meaning
("☐ Routine / Standard   ☒ Urgent / Expedited", "☐ Wheelchair van ☒ Gurney"), a yes/no
question as a single box ("☒ This is urgent (expedited review)"), or a question in words
of its own followed by Yes/No boxes. Where reading by labels (see `extraction`) found no
value for a choice or yes/no field, the page's tick boxes are gathered into runs (a row of
boxes, wrapping onto the next line or stacked in a column), and a run is given to the one
field whose wordings explain it better than any other field's:

- a choice: at least two of its options printed in the run, most of the run's boxes being
  its options; or a single box whose words say two things only that field says
  ("Urgent / Expedited", "expedited review");
- a yes/no field: a box whose words hold one of its labels ("☒ Expedited review"), alone
  or beside one other box that names nothing ("☐ Routine ☒ Urgent" when "urgent" is a word
  only that field's labels use); or Yes/No boxes after a question holding its label words.

The ticked box gives the value. No box ticked reports nothing (the field stays missing),
and so does a tick on a box whose words are none of the field's options ("☒ Ambulatory"
where the form lists no such level of transport), or ticks that disagree. A choice's run
with two or more of its options and no tick seen, or runs that disagree, on a page read by
OCR, is reported unread: a faint tick may be there. The value's box
is the ticked option's words, and its confidence is never above what the tick and the
words read for it allow.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from casework.forms.checkboxes import PageImage, looks_like_mark, ticked
from casework.forms.evidence import page_source
from casework.forms.label_words import alternatives
from casework.forms.options import YES_NO, glued_box_cuts, option_wordings
from casework.forms.page_layout import PageLayout, Row, join, union
from casework.forms.results import Evidence, ExtractedField, Extraction, UnreadField, Value
from casework.forms.wording import Wording
from casework.plan.schema import FormSchema
from ocr import Box, Word

_CHOICES = ("choice", "boolean")
_MAX_WORDS = 8  # the words of one option, after its box


@dataclass(frozen=True)
class _Option:
    """A tick box and the words printed after it."""

    page: int
    row: Row
    words: tuple[Word, ...]
    state: bool | None  # ticked; None: a box OCR read, its ink unclear
    mark: Word | None  # the box as OCR read it ("[X]"), when it did
    tokens: frozenset[str]  # the words, normalised

    @property
    def confidence(self) -> float:
        read = [w.confidence for w in self.words]
        if self.mark is not None:
            read.append(self.mark.confidence)
        return min(read)


@dataclass(frozen=True)
class _Reading:
    """A run read as one field: its value, the option words that say it, how surely."""

    field: str
    value: Value | None  # None: no box ticked, or ticks that say nothing the field knows
    strength: tuple[int, int]  # for choosing between fields: boxes explained, words matched
    option: _Option | None
    certainty: float
    said: tuple[tuple[_Option, Value | None], ...] = ()  # every box of the run, as read


class _Vocabulary:
    """The words of a form's choice and yes/no fields, normalised once per page set."""

    def __init__(self, schema: FormSchema, wording: Wording) -> None:
        self.wording = wording
        self.fields = [spec for spec in schema.fields if spec.type in _CHOICES]
        ignored = wording.ignored | wording.weak
        self.options: dict[str, list[tuple[str, frozenset[str]]]] = {}
        self.labels: dict[str, list[frozenset[str]]] = {}
        for spec in self.fields:
            if spec.type == "choice":
                self.options[spec.name] = [(value, self._tokens(w)) for value, ws
                                           in option_wordings(spec) for w in ws]
            self.labels[spec.name] = [t - ignored for label in spec.labels
                                      for text in alternatives(label)
                                      if (t := self._tokens(text)) - ignored]
        spread: dict[str, int] = {}
        for spec in schema.fields:  # a telling word names one field of the whole form
            for word in {w for label in spec.labels for w in self._tokens(label)} - ignored:
                spread[word] = spread.get(word, 0) + 1
        # Short words ("is", "this") are the grammar of a question, not what it asks.
        self.telling = {spec.name: frozenset(w for label in self.labels[spec.name]
                                             for w in label if spread.get(w) == 1
                                             and len(w) >= 5)
                        for spec in self.fields}
        # How Yes and No are printed ("No" normalises to the word "number", as in "Claim No").
        self.yes, self.no = (frozenset(w for text in texts for w in self._tokens(text))
                             for _, texts in YES_NO)
        self.words = frozenset(w for ws in self.options.values() for _, t in ws for w in t) \
            | frozenset(w for ls in self.labels.values() for t in ls for w in t) \
            | self.yes | self.no

    def answer(self, option: _Option) -> bool | None:
        """Yes or No, when that is all the box's words say."""
        if option.tokens and option.tokens <= self.yes:
            return True
        if option.tokens and option.tokens <= self.no:
            return False
        return None

    def _tokens(self, text: str) -> frozenset[str]:
        return frozenset(self.wording.normalize(text).split())

    def tokens(self, words: Iterable[Word]) -> frozenset[str]:
        return self._tokens(" ".join(w.text for w in words))


def read_choice_rows(layouts: dict[int, PageLayout], images: dict[int, PageImage],
                     schema: FormSchema, wording: Wording,
                     found: Iterable[str]) -> Extraction:
    """Values of the schema's choice and yes/no fields not in `found`, from caption-less
    tick boxes on the pages of `layouts`, and the choices whose boxes were found unread."""
    vocabulary = _Vocabulary(schema, wording)
    wanted = {spec.name for spec in vocabulary.fields} - set(found)
    if not wanted:
        return Extraction({}, {})
    readings: dict[str, list[_Reading]] = {}
    for number, layout in sorted(layouts.items()):
        options = _options(number, layout, images[number], vocabulary)
        for run in _runs(options, layout):
            best = _best_reading(run, layout, vocabulary)
            if best is not None and best.field in wanted:
                readings.setdefault(best.field, []).append(best)
    values: dict[str, ExtractedField] = {}
    unread: dict[str, UnreadField] = {}
    for name, found_runs in readings.items():
        said = {r.value for r in found_runs if r.value is not None}
        if len(said) != 1:  # nothing ticked, or runs that disagree: the clerk decides
            missed = _unread(name, found_runs, vocabulary, layouts)
            if missed is not None:
                unread[name] = missed
            continue
        reading = max((r for r in found_runs if r.value is not None),
                      key=lambda r: r.certainty)
        option = reading.option
        assert option is not None and reading.value is not None
        values[name] = ExtractedField(reading.value, round(reading.certainty, 3), option.page,
                                      union(option.words), join(option.words),
                                      _evidence(option, reading.certainty, layouts))
    return Extraction(values, unread)


def _unread(name: str, runs: list[_Reading], vocabulary: _Vocabulary,
            layouts: dict[int, PageLayout]) -> UnreadField | None:
    """A choice's boxes on a page read by OCR where no answer could be taken: two or more of
    its options and no tick seen, ticks on two of them, or runs that disagree."""
    if name not in vocabulary.options:
        return None  # a yes/no box left empty is an answer
    seen = [r for r in runs if r.said and layouts[r.said[0][0].page].page.source == "ocr"]
    disagree = len({r.value for r in runs if r.value is not None}) > 1
    for run in seen:
        ticked_values = {v for o, v in run.said if o.state is True}
        options = {v for _, v in run.said if v is not None}
        if disagree or (len(options) >= 2 and None not in ticked_values
                        and len(ticked_values) != 1):
            return UnreadField(name, run.said[0][0].page,
                               union([w for o, _ in run.said for w in o.words]))
    return None


def _evidence(option: _Option, certainty: float, layouts: dict[int, PageLayout]) -> Evidence:
    """No label was read: the field is known by its option words alone, the weakest kind
    of match ("unlisted"), and its value is a tick."""
    source = page_source(layouts[option.page].page)
    ocr = option.confidence if source != "text" else 1.0
    return Evidence(source, "unlisted", "tick", round(ocr, 3), 0, round(certainty, 3))


def _options(number: int, layout: PageLayout, image: PageImage,
             vocabulary: _Vocabulary) -> list[_Option]:
    """Every tick box on the page with the words after it, on rows that print a word of
    some choice or yes/no field."""
    unit = layout.text_height
    geometry = image.geometry(unit)
    found: list[_Option] = []
    for row in layout.rows:
        if not vocabulary.tokens(row.words) & vocabulary.words:
            continue
        # Options printed without boxes, one of them circled ("Routine Request  (Urgent)"):
        # each option starts after a gap, and the ring is its mark.
        ringed = any(geometry.circled(w) for w in row.words)
        starts: list[tuple[int, bool | None, Word | None]] = []
        for i, word in enumerate(row.words):
            if _is_box(word) or _box_over_next(row.words, i, image, unit):
                continue  # the box itself, as OCR read it ("[X]", "☐", "MI" over "No")
            previous = row.words[i - 1] if i else None
            mark = previous if previous is not None and _is_box(previous) else None
            # An option's words start after its box: at a mark, or after a gap where the
            # box is (a drawn box is no word of a text layer, and OCR may drop it).
            if not (previous is None or mark is not None or _box_like(previous)
                    or word.box.x0 - previous.box.x1 > 1.0 * unit):
                continue
            state = _ticked_before(row, word, unit, image, mark is not None)
            if state is None and ringed:
                state = geometry.circled(word)
            if state is not None or mark is not None:  # OCR read a box whose ink is unclear
                starts.append((i, state, mark))
        for n, (i, state, mark) in enumerate(starts):
            end = starts[n + 1][0] if n + 1 < len(starts) else len(row.words)
            words = _option_words(row.words[i:end], unit)
            if words:
                found.append(_Option(number, row, tuple(words), state, mark,
                                     vocabulary.tokens(words)))
    return found


def _ticked_before(row: Row, word: Word, unit: float, image: PageImage,
                   marked: bool) -> bool | None:
    """Whether a box before the word is ticked. Only the word's first edge is shown, so that
    the strokes of its first letters ("D", "M") are never taken for a box; where OCR read a
    box (`marked`, or glued to the word: "[XUrgent"), the word itself may hold its edge."""
    edge = replace(word, box=Box(word.box.x0, word.box.y0, word.box.x0 + 1, word.box.y1))
    state = ticked(row, edge, unit, image)
    if state is None and (marked or word.text[:1] in "[(|{☐☒☑□■"
                          or glued_box_cuts(word.text)):
        state = ticked(row, word, unit, image)
    return state


def _box_over_next(words: tuple[Word, ...], i: int, image: PageImage, unit: float) -> bool:
    """A ticked box OCR read as letters ("M", or "MI" running into "No"): the letters lie on
    a tick box found in the pixels, or start on one with the next word beginning inside them."""
    word = words[i]
    if not _box_like(word):
        return False
    geometry = image.geometry(unit)
    if geometry.box_read_as(word) is not None:
        return True
    after = words[i + 1] if i + 1 < len(words) else None
    if after is None or after.box.x0 >= word.box.x1:
        return False
    middle = (word.box.y0 + word.box.y1) / 2
    return any(abs(tick.box.x0 - word.box.x0) <= 0.5 * unit and tick.box.y0 <= middle
               <= tick.box.y1 for tick in geometry.tick_boxes)


def _option_words(words: tuple[Word, ...], unit: float) -> list[Word]:
    """The words of one option: up to a box OCR read as a mark, or a wide gap."""
    taken: list[Word] = []
    for word in words:
        if taken and (_is_box(word) or word.box.x0 - taken[-1].box.x1 > 2.5 * unit):
            break
        taken.append(word)
        if len(taken) >= _MAX_WORDS:
            break
    return [w for w in taken if any(c.isalnum() for c in w.text)]


def _is_box(word: Word) -> bool:
    """A box as OCR read it; a slash or dash joins an option's words ("Routine / Standard")."""
    return looks_like_mark(word) and not set(word.text.strip()) <= set("/-–—")


def _box_like(word: Word) -> bool:
    """A ticked box OCR read as a letter or two ("MM", "X", "®"), not a short word."""
    text = word.text.strip()
    return len(text) <= 2 and (text.isupper() or not text.isalpha()) \
        and text not in ("A", "I") and not set(text) <= set("/-–—.,:;")


def _runs(options: list[_Option], layout: PageLayout) -> list[list[_Option]]:
    """Boxes that read together: a row of them, with the boxes of the next line when that
    line starts with a box under one of theirs (a row that wraps, or a column)."""
    unit = layout.text_height
    runs: list[list[_Option]] = []
    for option in options:
        if runs and runs[-1][-1].row.index == option.row.index:
            runs[-1].append(option)
            continue
        previous = runs[-1] if runs else None
        if previous is not None and option.row.index == previous[-1].row.index + 1 \
                and option.row.top - previous[-1].row.bottom <= 1.5 * unit \
                and _starts_row(option) \
                and any(abs(o.words[0].box.x0 - option.words[0].box.x0) <= 1.5 * unit
                        for o in previous if o.row.index == previous[-1].row.index):
            previous.append(option)
            continue
        runs.append([option])
    return runs


def _starts_row(option: _Option) -> bool:
    before = [w for w in option.row.words if w.box.x1 <= option.words[0].box.x0 + 1]
    return all(looks_like_mark(w) or not any(c.isalnum() for c in w.text) for w in before)


def _best_reading(run: list[_Option], layout: PageLayout,
                  vocabulary: _Vocabulary) -> _Reading | None:
    """The reading of the one field that explains the run best, if one does."""
    readings = [r for spec in vocabulary.fields
                if (r := (_as_choice(run, spec.name, vocabulary) if spec.type == "choice"
                          else _as_yes_no(run, spec.name, layout, vocabulary))) is not None]
    readings.sort(key=lambda r: r.strength, reverse=True)
    if not readings or (len(readings) > 1 and readings[1].strength == readings[0].strength):
        return None
    return readings[0]


def _option_of(option: _Option, wordings: list[tuple[str, frozenset[str]]]
               ) -> tuple[str, int] | None:
    """The field's option these words print (the longest wording they hold), and how many
    words say it; None when they print none, or two options equally."""
    held = [(len(tokens), value) for value, tokens in wordings
            if tokens and tokens <= option.tokens]
    if not held:
        return None
    size = max(n for n, _ in held)
    values = {v for n, v in held if n == size}
    return (values.pop(), size) if len(values) == 1 else None


def _as_choice(run: list[_Option], name: str, vocabulary: _Vocabulary) -> _Reading | None:
    wordings = vocabulary.options[name]
    said = [(option, _option_of(option, wordings)) for option in run]
    matched = [(o, m) for o, m in said if m is not None]
    values = {m[0] for _, m in matched}
    if not matched:
        return None
    if len(values) >= 2 and 2 * len(matched) >= len(run):
        strength = (len(matched), sum(m[1] for _, m in matched))
    elif len(run) == 1:
        # A lone box names the field only by saying two things the field says.
        option = run[0]
        known = {w for _, t in wordings for w in t} | {w for t in vocabulary.labels[name]
                                                       for w in t}
        if len(option.tokens & known) < 2:
            return None
        strength = (1, len(option.tokens & known))
    else:
        return None
    return _value_of(name, [(o, m[0] if m else None) for o, m in said], strength,
                     0.9 if len(run) > 1 else 0.8)


def _names(option: _Option, name: str, vocabulary: _Vocabulary) -> int:
    """How strongly a box's words name a yes/no field: 2 holding one of its labels, 1 a word
    only its labels use, 0 not at all."""
    if any(label <= option.tokens for label in vocabulary.labels[name]):
        return 2
    return 1 if option.tokens & vocabulary.telling[name] else 0


def _as_yes_no(run: list[_Option], name: str, layout: PageLayout,
               vocabulary: _Vocabulary) -> _Reading | None:
    answers = [(o, vocabulary.answer(o)) for o in run]
    if any(a is True for _, a in answers) and any(a is False for _, a in answers):
        first = next(o for o, a in answers if a is not None)
        for question in _questions(first, run, layout, vocabulary):
            named = max((len(label) for label in vocabulary.labels[name] if label <= question),
                        default=0)
            telling = len(question & vocabulary.telling[name])
            if named or telling:
                return _value_of(name, answers, (1, 2 * named + telling),
                                 0.9 if named else 0.8)
        return None
    names = [_names(o, name, vocabulary) for o in run]
    if len(run) == 1 and names[0] == 2:
        return _value_of(name, [(run[0], True)], (1, len(run[0].tokens)), 0.8)
    if len(run) == 2 and sorted(names) in ([0, 1], [0, 2]):
        other = run[names.index(0)]
        if any(_names(other, spec.name, vocabulary) for spec in vocabulary.fields) or \
                any(_option_of(other, ws) for ws in vocabulary.options.values()):
            return None  # the other box names something else: not this field's pair
        answers = [(o, n > 0) for o, n in zip(run, names, strict=True)]
        return _value_of(name, answers, (1, max(names)), 0.85)
    return None


def _questions(first: _Option, run: list[_Option], layout: PageLayout,
               vocabulary: _Vocabulary) -> list[frozenset[str]]:
    """The words a Yes/No run may answer, nearest first: before its first box on the row,
    the line above, or a caption printed just under the boxes ("☐ Yes ☒ No" over "Urgent?")."""
    before = [w for w in first.row.words
              if w.box.x1 <= first.words[0].box.x0 and not looks_like_mark(w)]
    if before:
        return [vocabulary.tokens(before)]
    unit = layout.text_height
    index = first.row.index
    found = []
    if index > 0 and first.row.top - layout.rows[index - 1].bottom <= 1.5 * unit:
        found.append(vocabulary.tokens(layout.rows[index - 1].words))
    last = run[-1].row.index
    if last + 1 < len(layout.rows) and layout.rows[last + 1].top - run[-1].row.bottom <= unit:
        left = first.words[0].box.x0 - 2 * unit
        right = max(w.box.x1 for o in run for w in o.words) + 2 * unit
        under = [w for w in layout.rows[last + 1].words if left <= w.box.x0 and w.box.x1 <= right]
        found.append(vocabulary.tokens(under))
    return found


def _value_of(name: str, said: Sequence[tuple[_Option, str | bool | None]],
              strength: tuple[int, int], certainty: float) -> _Reading:
    """The run's value: the one ticked option's, else none (nothing ticked, a ticked box
    that is none of the field's options, or ticks that disagree)."""
    ticked_boxes = [(o, v) for o, v in said if o.state is True]
    values = {v for _, v in ticked_boxes}
    if not ticked_boxes or len(values) != 1 or None in values:
        return _Reading(name, None, strength, None, 0.0, tuple(said))
    option, value = ticked_boxes[0]
    if any(o.state is None for o, _ in said):
        certainty *= 0.9  # a box whose ink is unclear might be ticked too
    return _Reading(name, value, strength, option, min(certainty, option.confidence))
