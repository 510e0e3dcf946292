"""Mending OCR slips in the words of a printed label, against the words forms print.

A fax at standard resolution turns "Patient's Name" into "Patiant's Name" and "Birthdate"
into "Binhdate". Comparing whole labels forgives a slip, but the shared vocabulary maps
words one by one ("patient" is "member"), so a slipped word would keep its label from
meaning anything. Before that mapping, a word no form prints is replaced by the one word
forms do print that it is a slip away from: one letter in a word of five or more, two in
a word of eight or more. A word two known words are equally close to stays as it is.
"""

from __future__ import annotations

import itertools
import re
from functools import cache

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from casework.plan.schema import bundled_schemas
from casework.plan.vocabulary import bundled_vocabulary

_MIN_LENGTH = 5


@cache
def lexicon() -> frozenset[str]:
    """Every word the bundled forms and the vocabulary print in a label or an option, folded."""
    from casework.forms.labels import fold  # labels imports this module

    vocabulary = bundled_vocabulary()
    texts: list[str] = []
    for schema in bundled_schemas().values():
        texts.extend(schema.titles)
        for spec in schema.fields:
            texts.extend(spec.labels)
            texts.extend(w for _, wordings in spec.options for w in wordings)
    words: set[str] = set()
    for text in texts:
        printed = [w for w in re.split(r"[^a-z0-9]+", fold(text)) if w]
        words.update(printed)
        # Forms run two label words together too: "Birthdate", "Dropoff", "Pickup".
        words.update(a + b for a, b in itertools.pairwise(printed))
    words |= set(vocabulary.words) | set(vocabulary.words.values())
    words |= vocabulary.filler | vocabulary.heads | vocabulary.weak | vocabulary.kinds
    return frozenset(w for w in words if w.isalpha())


@cache
def _choices() -> list[str]:
    return sorted(w for w in lexicon() if len(w) >= _MIN_LENGTH - 1)


@cache
def mend(word: str) -> str:
    """`word` (folded, lower-case) as the label word it is a slip of, or unchanged."""
    if len(word) < _MIN_LENGTH or not word.isalpha() or word in lexicon():
        return word
    allowed = 2 if len(word) >= 8 else 1
    near = process.extract(word, _choices(), scorer=Levenshtein.distance,
                           score_cutoff=allowed, limit=2)
    if not near:
        return word
    if len(near) > 1 and near[1][1] == near[0][1]:
        return word  # "forn" is as near "form" as "fora": no way to tell
    return near[0][0]
