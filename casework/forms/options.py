"""Choices and yes/no fields: which printed option is ticked, or which one is written."""

from __future__ import annotations

from casework.forms.checkboxes import PageImage, glued_box_cuts, ringed, ticked
from casework.forms.labels import LabelHit, similarity
from casework.forms.page_layout import Row
from casework.forms.values import parse_boolean
from casework.forms.wording import Wording
from casework.plan.schema import FieldSpec
from ocr import Box, ReadSettings, Word
from ocr.rereading import read_region

YES_NO: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("yes", ("Yes", "Sí", "Si", "Y")), ("no", ("No", "N")))


def option_wordings(spec: FieldSpec) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The printed wordings of each value of a choice or yes/no field."""
    return spec.options if spec.type == "choice" else YES_NO


def _to_value(spec: FieldSpec, option: str) -> str | bool:
    if spec.type == "boolean":
        return option == "yes"
    return option


def _occurrences(spec: FieldSpec, region: list[tuple[Row, list[Word]]], wording: Wording
                 ) -> list[tuple[str, Row, list[Word], float]]:
    """Where each option is printed in the region: (option, row, its words, score)."""
    found = []
    wordings = [(value, wording.normalize(w), len(w.split())) for value, ws in option_wordings(spec)
                for w in ws]
    for row, words in region:
        used: set[int] = set()
        for size in (3, 2, 1):  # longest wordings first: "Air Ambulance" before "Ambulance"
            for start in range(len(words) - size + 1):
                if used & set(range(start, start + size)):
                    continue
                span = [w.text for w in words[start:start + size]]
                best = _best_option(span, wordings, size, wording)
                if best[0] >= 88:
                    used |= set(range(start, start + size))
                    found.append((best[1], row, words[start:start + size], best[0]))
    return found


def _best_option(span: list[str], wordings: list[tuple[str, str, int]],
                 size: int, wording: Wording) -> tuple[float, str]:
    """The option these words print, forgiving a box OCR glued to the first word ("MNo")."""
    variants = [span]
    first = span[0].lstrip("[(|{_")
    for cut in glued_box_cuts(first):
        variants.append([first[cut:], *span[1:]])
    best = (0.0, "")
    for variant in variants:
        text = wording.normalize(" ".join(variant))
        best = max([best, *((similarity(text, n, wording), v) for v, n, k in wordings
                            if k == size)])
    return best


def read_choice(spec: FieldSpec, region: list[tuple[Row, list[Word]]], unit: float,
                image: PageImage, wording: Wording
                ) -> tuple[str | bool, list[Word], float] | None:
    """The ticked option in the region; else, when no boxes are printed, the written one."""
    states = []
    for option, row, words, score in _occurrences(spec, region, wording):
        state = ticked(row, words[0], unit, image)
        if state is None and ringed(words, unit, image):
            state = True  # a ring drawn round a short option ("Y  (N)")
        states.append((option, words, score, state))
    checked = [s for s in states if s[3] is True]
    if checked:
        option, words, score, _ = checked[0]
        return _to_value(spec, option), words, score / 100 * 0.95
    if any(s[3] is False for s in states):
        return None  # boxes printed, none ticked
    ring = _unread_ring(region, states, unit, image)
    if ring is not None:  # a ring round words OCR could not read ("Yes  (No)" read "Yes")
        return _ringed_answer(spec, ring, image, wording)
    if _marked_elsewhere(region, states, unit, image):
        return None  # the ticked or circled answer is none of the field's options
    written = {s[0] for s in states}
    if len(written) == 1:
        option, words, score, _ = states[0]
        return _to_value(spec, option), words, score / 100 * 0.9
    if spec.type == "boolean" and region and not written:  # "Urgent? yes", no options printed
        value = parse_boolean(" ".join(w.text for w in region[0][1]))
        if value is not None:
            return value, region[0][1], 0.85
    return None


def _marked_elsewhere(region: list[tuple[Row, list[Word]]],
                      states: list[tuple[str, list[Word], float, bool | None]], unit: float,
                      image: PageImage) -> bool:
    """A word of the region that is none of the options found is circled or follows a ticked
    box: the form printed its options and someone marked one we do not know ("Routine
    Request  (Rush)"), so the unmarked option words are no written answer."""
    geometry = image.geometry(unit)
    options = {id(w) for _, words, _, _ in states for w in words}
    for _, words in region:
        for word in words:
            if id(word) in options or not any(c.isalpha() for c in word.text):
                continue
            box = geometry.tick_before(word)
            if geometry.circled(word) or (box is not None and box.marked):
                return True
    return False


def _unread_ring(region: list[tuple[Row, list[Word]]],
                 states: list[tuple[str, list[Word], float, bool | None]], unit: float,
                 image: PageImage) -> tuple[Box, int] | None:
    """A ring drawn on the options' row round none of the words OCR read: (its box, the
    row's line)."""
    geometry = image.geometry(unit)
    options = [w for _, words, _, _ in states for w in words]
    if any(geometry.circled(w) for w in options):
        return None
    for row, words in region:
        for ring in geometry.circles:
            if words and _ring_beside(ring, row, words, unit):
                return ring, words[0].line
    return None


def _ringed_answer(spec: FieldSpec, ring: tuple[Box, int], image: PageImage,
                   wording: Wording) -> tuple[str | bool, list[Word], float] | None:
    """The option inside a ring OCR missed, read again from the ring's crop alone."""
    text = read_region(image.page, ring[0], None, ReadSettings(), inside=True)
    if not text:
        return None
    # "Urgente / Acelerada": the whole, or any of its parts, may be how the option is known.
    parts = [text.strip("()[]{} "), *text.strip("()[]{} ").split("/")]
    saids = [wording.normalize(part) for part in parts if part.strip()]
    best = max(((similarity(said, wording.normalize(w), wording), value)
                for said in saids for value, ws in option_wordings(spec) for w in ws),
               default=(0.0, ""))
    if best[0] < 88:
        return None
    return _to_value(spec, best[1]), [Word(text, 0.8, ring[0], ring[1])], 0.8


def _ring_beside(ring: Box, row: Row, words: list[Word], unit: float) -> bool:
    """A ring on the row, among, just before or just after the options' words, round none of
    the row's words (the answer OCR lost inside it)."""
    middle = (ring.y0 + ring.y1) / 2
    start, end = min(w.box.x0 for w in words), max(w.box.x1 for w in words)
    inside = any(ring.x0 <= w.box.x0 and w.box.x1 <= ring.x1 for w in words)
    return row.top <= middle <= row.bottom and start - 6 * unit <= ring.x0 <= end + 6 * unit \
        and not inside and not any(ring.x0 <= w.box.x0 and w.box.x1 <= ring.x1
                                   for w in row.words)


def unanswered(spec: FieldSpec, region: list[tuple[Row, list[Word]]], unit: float,
               image: PageImage, wording: Wording) -> list[Word]:
    """The option words of a choice printed in the region when no answer can be taken from
    them (two or more options, none seen ticked); else nothing."""
    states = [(option, words, ticked(row, words[0], unit, image))
              for option, row, words, _ in _occurrences(spec, region, wording)]
    if len({option for option, _, _ in states}) < 2 or any(s is True for _, _, s in states):
        return []
    return [w for _, words, _ in states for w in words]


def choice_from_text(spec: FieldSpec, text: str, wording: Wording) -> str | bool | None:
    """A choice or yes/no value written as text (fillable-PDF values, "Urgency: Expedited")."""
    if spec.type == "boolean":
        lowered = text.strip().lower().lstrip("/")
        if lowered in ("on", "1", "checked", "true", "x"):
            return True
        if lowered in ("off", "0", "unchecked", "false", ""):
            return False
        return parse_boolean(text)
    target = wording.normalize(text)
    best = max(((similarity(target, wording.normalize(w), wording), value)
                for value, ws in spec.options
                for w in ws), default=(0.0, ""))
    return best[1] if best[0] >= 85 else None


def option_in_label(hit: LabelHit, spec: FieldSpec, wording: Wording) -> list[Word]:
    """The first option, when the label as matched ran on into it: a label matches with one
    word more than its wording ("Who is submitting this form? Enrollee")."""
    words = hit.row.words[hit.first:hit.last + 1]
    if len(words) > 1 and _says_option(words[-1].text, spec, wording):
        return [words[-1]]
    return []


def _says_option(text: str, spec: FieldSpec, wording: Wording) -> bool:
    said = wording.normalize(text)
    return bool(said) and any(said == wording.normalize(option)
                              for _, options in option_wordings(spec) for option in options)


def names_option(other: LabelHit, spec: FieldSpec, wording: Wording) -> bool:
    """Whether the words of a label found on the page print one of the field's options."""
    return _says_option(" ".join(w.text for w in other.row.words[other.first:other.last + 1]),
                        spec, wording)
