"""A label no form lists, recognised by the words it shares with one field's wordings.

Schemas list the wordings forms are known to print, but a plan receives forms from
thousands of offices: "Describe the Problem", "Clinical Summary", "Presenting Problem".
Each shares a telling word with exactly one field's known wordings ("problem" with the
grievance's "Description of Problem", "clinical" with "Clinical Notes"). When a short
phrase in a label's place is no known wording, it is taken for the field whose wordings
share its rarest words, but only when the evidence points to that one field: at most half
its words unknown (one in a short label), every word saying a kind of value ("phone",
"date") matching, a date said to be one, and no other field as well supported. Such a
match is the weakest there is: it is read only for a field that no wording of its own has
found.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import snowballstemmer

from casework.plan.schema import FieldSpec

_MAX_WORDS = 5


@dataclass(frozen=True)
class LabelWords:
    """The words of a form's known wordings, field by field, and how widely each is used."""

    words: dict[str, frozenset[str]]  # field -> the words of its wordings
    stems: dict[str, frozenset[str]]  # field -> the stems of those words
    spread: dict[str, int]  # stem -> how many fields' wordings use it
    dated: frozenset[str]  # fields holding a date or a time
    ticked: frozenset[str]  # choice and yes/no fields, answered by ticking a box
    ignored: frozenset[str]  # words that tell no field from another (see `Wording.ignored`)
    kinds: frozenset[str]  # words naming a kind of value ("phone", "date")


def alternatives(text: str) -> list[str]:
    """The wordings a label printed with a slash offers: "Units/Visits" is "Units" or
    "Visits", "Denied Item/Service" is "Denied Item" or "Denied Service"."""
    match = re.search(r"(\w+)\s*/\s*(\w+)", text)
    if not match:
        return [text]
    before, after = text[:match.start()], text[match.end():]
    return [text, f"{before}{match[1]}{after}", f"{before}{match[2]}{after}"]


def label_words(fields: tuple[FieldSpec, ...], normalize: Callable[[str], str],
                ignored: frozenset[str], kinds: frozenset[str]) -> LabelWords:
    """The words of `fields`' wordings, each normalised by `normalize`, without `ignored`."""
    words = {spec.name: frozenset(w for label in spec.labels for text in alternatives(label)
                                  for w in normalize(text).split() if w not in ignored)
             for spec in fields}
    stems = {name: frozenset(stem(w) for w in field_words)
             for name, field_words in words.items()}
    spread: dict[str, int] = {}
    for field_stems in stems.values():
        for word in field_stems:
            spread[word] = spread.get(word, 0) + 1
    dated = frozenset(spec.name for spec in fields if spec.type in ("date", "time"))
    ticked = frozenset(spec.name for spec in fields if spec.type in ("choice", "boolean"))
    return LabelWords(words, stems, spread, dated, ticked, ignored, kinds)


@cache
def stem(word: str) -> str:
    """A normalised label word's stem ("filing", "filed" and "files" are all "file")."""
    return str(_STEMMER.stemWord(word))


_STEMMER = snowballstemmer.stemmer("english")


def word_match(text: str, index: LabelWords) -> str | None:
    """The one field whose wordings `text` (a normalised label) shares its telling words
    with, or None when the words do not single out a field."""
    words = [w for w in dict.fromkeys(text.split()) if w not in index.ignored]
    if not 1 <= len(words) <= _MAX_WORDS or any(c.isdigit() for c in text):
        return None
    stems = list(dict.fromkeys(stem(w) for w in words))
    known = [s for s in stems if s in index.spread]
    if not known or len(stems) - len(known) > max(1, len(stems) // 2):
        return None
    if len(stems) == 1 and (index.spread[known[0]] > 1
                            or (len(words[0]) < 5 and words[0] not in index.kinds)):
        # One common or short word ("Name", "Date") says too little, unless it names a kind
        # of value only one field holds ("DOB" on a form with one birth date).
        return None
    kinds = set(words) & index.kinds
    # Only its wording tells a date from what happened on it: "Date of Problem" is a date,
    # "Problem" is not.
    timed = bool(kinds & {"date", "time", "dob"})
    scores = sorted(((sum(1 / index.spread[s] for s in known if s in index.stems[name]), name)
                     for name, field_words in index.words.items()
                     if kinds <= field_words and (name in index.dated) <= timed),
                    reverse=True)
    if not scores or scores[0][0] == 0:
        return None
    best_score, best = scores[0]
    runner_up = scores[1][0] if len(scores) > 1 else 0.0
    shared = [s for s in known if s in index.stems[best]]
    telling = any(index.spread[s] == 1 for s in shared) or len(shared) == len(known)
    if len(stems) > len(known) and best in index.ticked:
        # A box's own option words ("This is urgent") are read by the choice rows, which
        # know a tick from an empty box; as a label they would answer for an empty box too.
        return None
    return best if telling and best_score > runner_up else None
