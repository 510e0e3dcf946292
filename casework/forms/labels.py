"""Recognising a field's label on a page, whatever the wording, language or OCR slips.

Labels are compared after normalising with the rule set's vocabulary (see `wording`):
accents and punctuation dropped, interchangeable words mapped to one word (patient,
recipient, beneficiary and miembro all become "member"), and filler words removed. So
"Name of Beneficiary" matches "Member Name" although neither form nor schema spells it that
way; rapidfuzz then forgives what OCR misread. A label may also leave out a weak
qualifier or the word naming what its field holds ("Requested End" is the end date), and
"A/B" offers either word ("Units/Visits").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from casework.forms.label_words import LabelWords, alternatives, word_match
from casework.forms.page_layout import PageLayout, Row, segments, union
from casework.forms.wording import Wording
from casework.plan.schema import FieldSpec
from ocr import Box, Word


def _bare(text: str, wording: Wording) -> bool:
    """A sub-label naming only a kind of value ("Name", "NPI #"), which its section's
    heading makes someone's."""
    return bool(text) and set(text.split()) <= wording.kinds | {"number"}


def _core(words: list[str], kind: str, wording: Wording) -> frozenset[str]:
    """A label's words without weak qualifiers and the word naming what its field holds."""
    dropped = wording.weak | wording.type_words(kind)
    return frozenset(w for w in words if w not in dropped)


# A page's few dozen printed spans meet the same labels in every form's schema: remembered,
# a third of the comparisons (most of a page's analysis time) are not made again.
@lru_cache(maxsize=1 << 15)
def label_score(candidate: str, label: str, kind: str, wording: Wording) -> float:
    """How well printed words (normalised) name a field whose label (normalised) is `label`
    and whose type is `kind`: `similarity`, or a weaker match on their informative words
    ("Requested End" for "End Date", "CIN #" for "CIN")."""
    # A label naming a kind of value the field's wordings never name is another field's:
    # "Número de Teléfono" is no "Número de Miembro", however alike they are spelled.
    foreign = (set(candidate.split()) & wording.kinds) - set(label.split()) \
        - wording.type_words(kind)
    if foreign or opposed(candidate, frozenset(label.split()), wording):
        return 0.0
    score = similarity(candidate, label, wording)
    if score >= 88 or not candidate or not label:
        return score
    words = candidate.split()
    core, wanted = _core(words, kind, wording), _core(label.split(), kind, wording)
    # A bare word is not a label by leaving words out ("Doctor" is not "Provider Name").
    qualified = len(core) >= 2 or len(core) < len(words)
    if core and core == wanted and qualified and len(" ".join(sorted(core))) >= 3:
        return 88.0
    return score


def opposed(candidate: str, words: frozenset[str], wording: Wording) -> bool:
    """Printed words (normalised) naming one end of a range are never a label of the other
    end, whose wordings hold `words` ("Service End Date" is no "Service Start Date" nor
    "Service Date" of a field also worded "Start Date"; "Dropoff" is no "Pickup")."""
    opposites = wording.vocabulary.opposites
    return bool(opposites) and any(opposites.get(word, frozenset()) & words
                                   for word in set(candidate.split()) - words)


def similarity(candidate: str, label: str, wording: Wording) -> float:
    """How alike two normalised labels are, 0..100; short labels must match exactly."""
    if not candidate or not label:
        return 0.0
    if min(len(candidate), len(label)) <= 4:
        return 100.0 if candidate == label else 0.0
    # OCR slips change a letter or two, not a word: a label one word longer is another label
    # ("Requesting Provider" is not "Requesting Provider Phone").
    squeezed, wanted = candidate.replace(" ", ""), label.replace(" ", "")
    if abs(len(squeezed) - len(wanted)) > max(2, 0.12 * len(wanted)):
        return _contains_score(candidate.split(), label.split(), wording)
    return max(fuzz.ratio(candidate, label), fuzz.token_sort_ratio(candidate, label),
               fuzz.ratio(squeezed, wanted))


def _contains_score(candidate: list[str], label: list[str], wording: Wording) -> float:
    """A wording that holds a known label and one word more ("Grievance Details" holds
    "Details"): a match, but weaker than any exact one."""
    if len(candidate) > len(label) + 1 or not set(label) <= set(candidate):
        return 0.0
    if len(label) < 2 and len(label[0]) < 6:
        return 0.0
    in_order = " ".join(label) in " ".join(candidate)
    # The extra word only saying what the field holds ("Office Phone #") keeps it closer
    # than an extra word that names something ("Office" in "Office Phone Number").
    extra = set(candidate) - set(label)
    weak = wording.weak | {"number"}
    if candidate[-1] in extra and candidate[-1] in wording.kinds:
        return 0.0  # a label ending in a kind of value is that value: "Physician NPI"
    bonus = 1.0 if extra and extra <= weak else 0.0
    return (90.0 if in_order else 87.0) + bonus


@dataclass(frozen=True)
class LabelHit:
    """A label found on a page: the field it names, the words it covers and how sure we are."""

    field: str
    row: Row
    first: int  # index of its first word in row.words
    last: int  # index of its last word
    score: float
    length: int  # words covered, then label characters: longer labels are more specific
    loose: bool = False  # found by its words alone (see `label_words`), the weakest match

    @property
    def box(self) -> Box:
        return union(self.row.words[self.first:self.last + 1])


def _ends_label(words: tuple[Word, ...], last: int) -> bool:
    """A colon (or what OCR makes of one) ends the label, on its last word or just after;
    so does the rule a value is written on, which OCR reads as underscores or a dash."""
    if words[last].text.rstrip().endswith((":", ";")):
        return True
    if last + 1 >= len(words):
        return False
    after = words[last + 1].text.strip()
    # OCR glues the rule to the value written on it ("_Kings River"): the rule still ends it.
    return after in (":", ";", "|") or after.startswith("_") or \
        (bool(after) and set(after) <= set("_—–-"))


_LABEL_GAP = 0.7  # in text heights; ordinary word spacing is about a third of one


def _gap(words: tuple[Word, ...], left: int, unit: float) -> bool:
    """A space clearly wider than between words of one phrase follows words[left] (a label
    with its value written on a rule after it, "Member Name ____Maria Lopez____")."""
    if not 0 <= left < len(words) - 1:
        return False
    before, after = words[left], words[left + 1]
    # Measured against the words' own size: a title's spaces are wider than body text's.
    size = max(unit, before.box.y1 - before.box.y0, after.box.y1 - after.box.y0)
    return after.box.x0 - before.box.x1 > _LABEL_GAP * size



def _is_box_mark(word: Word) -> bool:
    text = word.text.strip()
    return len(text) <= 3 and not any(c.isalnum() for c in text.replace("X", "").replace("x", ""))


def _is_tick_box(word: Word) -> bool:
    """A printed box as OCR reads it: "[]", "[X]", "☐" (not a "#" or a dash)."""
    return _is_box_mark(word) and any(c in "[]()☐☒☑□■" for c in word.text)


def find_labels(layout: PageLayout, fields: tuple[FieldSpec, ...], wording: Wording,
                threshold: float = 86.0,
                owners: dict[int, str] | None = None,
                ruled: Callable[[Box], bool] | None = None) -> list[LabelHit]:
    """Every place on the page where a field's label is printed, overlapping hits resolved.

    A span of words counts as a label only where a label can be: followed by a colon, or
    standing alone between wide gaps (boxed cells, table headers, ruled columns). That keeps
    the word "member" inside a member's description from being taken for a label.
    `owners` gives, by row, whose section the row is in (see `sections`): a bare "Name"
    under "Requesting Provider" is the requesting provider's name. `ruled` says whether a
    rule to write on starts right after a box: it ends a label even where the fax blurred
    the space before the value written on it.
    """
    normalize = wording.normalize
    labels = [(spec.name, spec.type, normalize(label)) for spec in fields
              for label in spec.labels]
    # Each field's words over all its wordings: a start date worded "Service Date" is still
    # the start, also worded "Start Date".
    worded = {spec.name: frozenset(w for label in spec.labels for w in normalize(label).split())
              for spec in fields}
    known = wording.label_words(fields)  # once per page: hashing every field per span costs
    hits: list[LabelHit] = []
    for row in layout.rows:
        offset = 0
        owner = (owners or {}).get(row.index)
        for segment in segments(row, layout.text_height):
            hits.extend(_segment_hits(row, segment, offset, labels, worded, threshold,
                                      layout.text_height, owner, known, ruled, wording))
            offset += len(segment)
    return _resolve(hits)


def _segment_hits(row: Row, segment: tuple[Word, ...], offset: int,
                  labels: list[tuple[str, str, str]], worded: dict[str, frozenset[str]],
                  threshold: float,
                  unit: float, owner: str | None, known: LabelWords,
                  ruled: Callable[[Box], bool] | None, wording: Wording) -> list[LabelHit]:
    normalize = wording.normalize
    hits: list[LabelHit] = []
    start = 0
    while start < len(segment) and _is_box_mark(segment[start]):
        start += 1  # a checkbox drawn before a label is not part of it
    end = len(segment) - 1
    while end > start and not any(c.isalnum() for c in segment[end].text):
        end -= 1  # a box edge or speck after a label does not make it part of a sentence
    for first in range(start, len(segment)):
        if first > start and segment[first].text[:1].islower():
            continue  # a label inside a row starts with a capital; "to" here is prose
        for last in range(first, min(first + 7, len(segment))):
            if last > first and _is_tick_box(segment[last]):
                break  # a tick box starts the options after a label, never goes inside one
            if sum(c.isdigit() for c in segment[last].text) >= 4:
                break  # a number is a value ("ID del Miembro 95385445D"); "ICD-10" is a word
            whole = first == start and last >= end
            starts = first == start or _gap(segment, first - 1, unit)
            if not (whole or (starts and _gap(segment, last, unit))
                    or _ends_label(segment, last)
                    or (starts and ruled is not None and ruled(union(segment[first:last + 1])))):
                continue
            printed = " ".join(w.text for w in segment[first:last + 1])
            texts = {normalize(t) for t in alternatives(printed)}
            if owner is not None and any(_bare(t, wording) for t in texts):
                # Under its heading a bare "NPI #" is the section's NPI, if it has one.
                owned = {f"{owner} {t}" for t in texts}
                if any(label_score(t, label, kind, wording) >= threshold for t in owned
                       for _, kind, label in labels):
                    texts = owned
            qualified = wording.head(printed)
            # Words run on before the label, back to the last label's colon, qualify it:
            # "From Address:" is no destination's "Address", however it is matched.
            lead = normalize(" ".join(w.text for w in _lead(segment, start, first, unit)))
            before = len(hits)
            for name, kind, label in labels:
                if all(opposed(f"{lead} {text}", worded[name], wording) for text in texts):
                    continue
                score = max(label_score(text, label, kind, wording) for text in texts)
                if qualified is not None and score < 87 and \
                        similarity(qualified, label, wording) >= 97:
                    score = 87.0  # its head names the field; what qualifies it is unknown
                if score >= threshold:
                    hits.append(LabelHit(name, row, offset + first, offset + last, score,
                                         100 * (last - first + 1) + len(label)))
            # Unlisted: only where a label starts, and never a sentence's lower-case words
            # ("necessary but it is." wrapping from the line above).
            if len(hits) == before and first == start and not segment[first].text[:1].islower():
                matches = {m for m in (word_match(t, known) for t in texts) if m}
                if len(matches) == 1:
                    hits.append(LabelHit(matches.pop(), row, offset + first, offset + last,
                                         threshold, 100 * (last - first + 1), loose=True))
    return hits


def _lead(segment: tuple[Word, ...], start: int, first: int, unit: float) -> tuple[Word, ...]:
    """The capitalised words run on just before `first` (no gap, no colon between): what
    qualifies the label there ("From" of "From Address:"), never a value before it."""
    lead = first
    while lead > start:
        word = segment[lead - 1].text.rstrip()
        if word.endswith((":", ";")) or not word[:1].isupper() or not word.isalpha() \
                or _gap(segment, lead - 1, unit):
            break
        lead -= 1
    return segment[lead:first]


def certainty(score: float) -> int:
    """Scores in coarse steps: a clearly better match wins before a longer one does."""
    return 2 if score >= 97 else 1 if score >= 92 else 0


def _resolve(hits: list[LabelHit]) -> list[LabelHit]:
    """Keep the best hit for each span of words.

    Of the hits ending on the same word (the colon, or the end of a cell), the one covering
    most words wins: "Referring Person Name:" is one label, not "Referring Person" and a
    label "Name:". Overlaps that remain go to the clearer match, then the longer label.
    Fields printed with the very same wording ("Phone" for the member and for the provider)
    all keep the hit; which field it belongs to is decided when values are read. A label
    that runs on to its colon is the whole label: "Issue Under Appeal:" is not "Issue"
    followed by the value "Under Appeal".
    """
    colons = {(h.row.index, h.first) for h in hits
              if h.row.words[h.last].text.rstrip().endswith(":")}
    hits = [h for h in hits if h.row.words[h.last].text.rstrip().endswith(":")
            or (h.row.index, h.first) not in colons]
    widest: dict[tuple[int, int], list[LabelHit]] = {}
    for hit in hits:
        key = (hit.row.index, hit.last)
        best = widest.get(key)
        rank = (not hit.loose, hit.last - hit.first, hit.score)
        if best is None or rank > (not best[0].loose, best[0].last - best[0].first,
                                   best[0].score):
            widest[key] = [hit]
        elif rank == (not best[0].loose, best[0].last - best[0].first, best[0].score):
            best.append(hit)
    kept: list[LabelHit] = []
    owners: dict[tuple[int, int], LabelHit] = {}
    candidates = [h for group in widest.values() for h in group]
    for hit in sorted(candidates, key=lambda h: (h.loose, -certainty(h.score), -h.length,
                                                 -h.score)):
        span = [(hit.row.index, i) for i in range(hit.first, hit.last + 1)]
        holders = {id(owners[k]): owners[k] for k in span if k in owners}
        if holders:
            tie = all((h.first, h.last, h.length, h.score) ==
                      (hit.first, hit.last, hit.length, hit.score) for h in holders.values())
            if not tie or any(h.field == hit.field for h in holders.values()):
                continue
        for key in span:
            owners.setdefault(key, hit)
        kept.append(hit)
    return sorted(kept, key=lambda h: (h.row.index, h.first))
