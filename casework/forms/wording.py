"""The plan's words as forms reads them: one object per Rulebook, built once and shared.

Labels are compared after normalising with the rule set's vocabulary (resources/forms/
synonyms.yaml, or a site's copy): accents and punctuation dropped, OCR slips mended against
the words its forms print, interchangeable words mapped to one word (patient, recipient,
beneficiary and miembro all become "member"), and filler words removed. Everything worked
out from the rules is remembered here, per rule set, never in a module global: a site or a
test with other rules gets its own `Wording`.
"""

from __future__ import annotations

import re
import threading
import weakref
from collections.abc import Callable, Mapping
from functools import cache, partial

from casework.forms.label_words import LabelWords, label_words
from casework.forms.spelling import lexicon, mender
from casework.forms.text_fold import fold
from casework.plan.rulebook import Rulebook
from casework.plan.schema import FieldSpec, FormSchema
from casework.plan.vocabulary import Vocabulary


class Wording:
    """A rule set's vocabulary and the words its forms print, with what is derived from them
    (normalised labels, mended words, each form's label words) remembered as it is asked."""

    def __init__(self, schemas: Mapping[str, FormSchema], vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self.lexicon: frozenset[str] = lexicon(schemas.values(), vocabulary)
        # mend(word): a folded word as the label word it is an OCR slip of, or unchanged.
        self.mend: Callable[[str], str] = mender(self.lexicon)
        # normalize(text): a label reduced to the words carrying its meaning (see
        # `_normalize`). Called many thousands of times a page, so remembered per rule set;
        # the cached function holds no reference back to this object or its Rulebook.
        self.normalize: Callable[[str], str] = cache(partial(_normalize, vocabulary,
                                                             self.mend))
        self.kinds: frozenset[str] = vocabulary.kinds
        self.weak: frozenset[str] = vocabulary.weak
        self.heading_words: frozenset[str] = vocabulary.heading_words
        # Words that tell no field from another: headings' "information", "#", "number".
        self.ignored: frozenset[str] = vocabulary.heading_words | vocabulary.weak | {
            "#", "number"}
        # Every word naming what a field holds ("date", "number", "code"), of any type.
        self.all_type_words: frozenset[str] = frozenset(
            w for kinds in vocabulary.type_words.values() for w in kinds)
        self._label_words: dict[tuple[FieldSpec, ...], LabelWords] = {}
        # Every field label of the rule set's forms, normalised: a value that is one of them
        # is a label printed near another field, never a value.
        self.labels: frozenset[str] = frozenset(
            self.normalize(label) for schema in schemas.values() for spec in schema.fields
            for label in spec.labels)

    def label_words(self, fields: tuple[FieldSpec, ...]) -> LabelWords:
        """The words of `fields`' wordings (see `label_words`), worked out once per form."""
        found = self._label_words.get(fields)
        if found is None:
            found = label_words(fields, self.normalize, self.ignored, self.kinds)
            self._label_words[fields] = found
        return found

    def head(self, text: str) -> str | None:
        """The head of a label a preposition qualifies ("Issue under appeal" is an "issue"),
        normalised; None when there is no such head or it only says a type ("Date of ...")."""
        words = re.sub(r"[^a-z0-9# ]+", " ", fold(text)).split()
        cut = next((i for i, w in enumerate(words) if i and w in self.vocabulary.heads), None)
        if cut is None or cut == len(words) - 1:
            return None
        found = self.normalize(" ".join(words[:cut]))
        return found if len(found) >= 5 and not set(found.split()) <= self.all_type_words \
            else None

    def type_words(self, kind: str) -> frozenset[str]:
        """The words naming what a field of type `kind` holds ("date" for a date)."""
        return self.vocabulary.type_words.get(kind, frozenset())


def _normalize(vocabulary: Vocabulary, mend: Callable[[str], str], text: str) -> str:
    """A label reduced to the words that carry its meaning, in the vocabulary's words."""
    folded = fold(text)
    for pattern in vocabulary.ignore:
        folded = pattern.sub(" ", folded)
    folded = re.sub(r"[^a-z0-9# ]+", " ", folded.replace("#", " # "))
    folded = " ".join(mend(w) for w in folded.split())
    for pattern, replacement in vocabulary.phrases:
        folded = pattern.sub(replacement, folded)
    words = [vocabulary.words.get(w, w) for w in folded.split()]
    return " ".join(_singular(w) for w in words if w not in vocabulary.filler)


def _singular(word: str) -> str:
    """A plural label word as its singular ("Concerns" is "Concern"); "address",
    "diagnosis" and "status" end in s and are not plurals."""
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "is", "us")):
        return word[:-1]
    return word


# Keyed by the Rulebook itself (compared by identity): a rule set's Wording lives as long as
# the rule set does, and another rule set never sees it.
_BY_RULEBOOK: weakref.WeakKeyDictionary[Rulebook, Wording] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def wording_for(rulebook: Rulebook) -> Wording:
    """The Wording of `rulebook`'s schemas and vocabulary, built on first use."""
    with _LOCK:
        found = _BY_RULEBOOK.get(rulebook)
        if found is None:
            found = Wording(rulebook.schemas, rulebook.vocabulary)
            _BY_RULEBOOK[rulebook] = found
        return found
