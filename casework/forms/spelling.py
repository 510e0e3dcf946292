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
from collections.abc import Callable, Iterable
from functools import cache, partial

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from casework.forms.text_fold import fold
from casework.plan.schema import FormSchema
from casework.plan.vocabulary import Vocabulary

_MIN_LENGTH = 5


def lexicon(schemas: Iterable[FormSchema], vocabulary: Vocabulary) -> frozenset[str]:
    """Every word the forms and the vocabulary print in a label or an option, folded."""
    texts: list[str] = []
    for schema in schemas:
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


def mender(known: frozenset[str]) -> Callable[[str], str]:
    """`mend` against the words in `known`, remembering each word it has mended."""
    choices = sorted(w for w in known if len(w) >= _MIN_LENGTH - 1)
    # Cached per lexicon (per rule set), not per process: each Wording holds its own.
    return cache(partial(_mend, known, choices))


def _mend(known: frozenset[str], choices: list[str], word: str) -> str:
    """`word` (folded, lower-case) as the label word it is a slip of, or unchanged."""
    if len(word) < _MIN_LENGTH or not word.isalpha() or word in known:
        return word
    allowed = 2 if len(word) >= 8 else 1
    near = process.extract(word, choices, scorer=Levenshtein.distance,
                           score_cutoff=allowed, limit=2)
    if not near:
        return word
    if len(near) > 1 and near[1][1] == near[0][1]:
        return word  # "forn" is as near "form" as "fora": no way to tell
    return near[0][0]
