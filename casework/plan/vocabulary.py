"""The label vocabulary forms share (resources/forms/synonyms.yaml): synonyms, filler words,
weak qualifiers and the words naming what a field holds. Policy is data: a bad file is
refused with its name, line and reason."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable

from casework.plan.rule_files import Fields, RuleFileError, parse_yaml

VOCABULARY_FILE = "synonyms.yaml"
_KEYS = ("ignore", "phrases", "words", "filler", "heads", "weak", "kinds", "heading_words",
         "type_words", "opposites")


@dataclass(frozen=True)
class Vocabulary:
    """How labels are reduced to the words that carry their meaning."""

    ignore: tuple[re.Pattern[str], ...]
    phrases: tuple[tuple[re.Pattern[str], str], ...]
    words: dict[str, str]  # a word -> the word it means
    filler: frozenset[str]
    heads: frozenset[str]  # prepositions ending a label's head ("Issue | under appeal")
    weak: frozenset[str]
    kinds: frozenset[str]  # words naming a kind of value ("npi", "phone", "date")
    heading_words: frozenset[str]  # heading words naming no one ("information")
    type_words: dict[str, frozenset[str]]  # field type -> words naming what it holds
    # a word -> the words naming the other end of what it names ("start" -> "end", "to")
    opposites: dict[str, frozenset[str]] = field(default_factory=dict)


def _pattern(text: object, fields: Fields, key: str) -> re.Pattern[str]:
    if not isinstance(text, str) or not text.strip():
        raise fields.fail(key, f"every entry of '{key}' must be a non-empty pattern")
    try:
        return re.compile(text)
    except re.error as error:
        raise fields.fail(key, f"the pattern '{text}' in '{key}' is not valid ({error})") \
            from error


def _word_list(value: object, fields: Fields, key: str) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
        raise fields.fail(key, f"'{key}' must be a list of words")
    return frozenset(w.strip().lower() for w in value)


def _phrases(fields: Fields) -> tuple[tuple[re.Pattern[str], str], ...]:
    found = []
    for entry in fields.items("phrases", required=False):
        phrase = Fields(entry, fields.source, fields.line_of("phrases"), "a phrase")
        phrase.reject_unknown(("says", "means"))
        means = phrase.text("means")
        assert means is not None  # required
        found.append((_pattern(phrase.text("says"), phrase, "says"), means.lower()))
    return tuple(found)


def _meanings(fields: Fields, key: str) -> dict[str, frozenset[str]]:
    raw = fields.mapping.get(key)
    if raw is None:
        return {}
    nested = Fields(raw, fields.source, fields.line_of(key), f"'{key}'")
    return {str(name): _word_list(value, nested, str(name))
            for name, value in nested.mapping.items()}


def parse_vocabulary(text: str, source: str) -> Vocabulary:
    """The vocabulary in `text`, or RuleFileError naming `source`, the line and the reason."""
    top = Fields(parse_yaml(text, source), source, 1, "the vocabulary file")
    top.reject_unknown(_KEYS)
    words: dict[str, str] = {}
    for meaning, synonyms in _meanings(top, "words").items():
        for word in synonyms:
            if word in words and words[word] != meaning:
                raise top.fail("words", f"the word '{word}' is given two meanings "
                                        f"('{words[word]}' and '{meaning}')")
            words[word] = meaning.lower()
    return Vocabulary(
        ignore=tuple(_pattern(p, top, "ignore") for p in top.items("ignore", required=False)),
        phrases=_phrases(top), words=words,
        filler=_word_list(top.mapping.get("filler", []), top, "filler"),
        heads=_word_list(top.mapping.get("heads", []), top, "heads"),
        weak=_word_list(top.mapping.get("weak", []), top, "weak"),
        kinds=_word_list(top.mapping.get("kinds", []), top, "kinds"),
        heading_words=_word_list(top.mapping.get("heading_words", []), top, "heading_words"),
        type_words=_meanings(top, "type_words"),
        opposites=_symmetric(_meanings(top, "opposites")),
    )


def _symmetric(pairs: dict[str, frozenset[str]]) -> dict[str, frozenset[str]]:
    """Each word's opposites, both ways round: "start: [end]" also makes "end" start's."""
    found: dict[str, set[str]] = {}
    for word, others in pairs.items():
        for other in others:
            found.setdefault(word, set()).add(other)
            found.setdefault(other, set()).add(word)
    return {word: frozenset(others) for word, others in found.items()}


def load_vocabulary(entry: Traversable | None = None) -> Vocabulary:
    """The vocabulary in `entry` (default: the bundled resources/forms/synonyms.yaml)."""
    target = entry if entry is not None else resources.files("resources") / "forms" / \
        VOCABULARY_FILE
    try:
        text = target.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise RuleFileError(str(target), None, f"the file cannot be read ({error})") from error
    return parse_vocabulary(text, str(target))

