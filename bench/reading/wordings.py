"""The frozen label wordings of wordings.yaml, one half at a time."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

WORDINGS_FILE = Path(__file__).with_name("wordings.yaml")
HALVES = ("development", "held_out")


@cache
def _data() -> dict[str, Any]:
    return yaml.safe_load(WORDINGS_FILE.read_text("utf-8"))


def _pool(node: dict[str, Any], half: str, spanish: bool) -> tuple[str, ...]:
    english = tuple(node.get(half, ()))
    if not spanish:
        return english
    return tuple(node.get(f"{half}_es", ())) or english  # no Spanish wording: English one


@dataclass(frozen=True)
class Wordings:
    """What one half prints: titles, field labels, option words, section headings."""

    half: str

    def title(self, form_type: str, spanish: bool) -> tuple[str, ...]:
        """Title wordings of a form type."""
        return _pool(_data()["titles"][form_type], self.half, spanish)

    def labels(self, form_type: str, field: str, spanish: bool) -> tuple[str, ...]:
        """Label wordings of a field; a form type's own entry wins over the shared one."""
        fields = _data()["fields"]
        return _pool(fields.get(f"{form_type}.{field}") or fields[field], self.half, spanish)

    def has_options(self, field: str, value: str) -> bool:
        """Whether the frozen wordings print this option (options added to a schema after
        the split have none, and are not drawn)."""
        return value in _data()["options"].get(field, {})

    def options(self, field: str, value: str, spanish: bool) -> tuple[str, ...]:
        """Words printed beside the tick box of one canonical option."""
        return _pool(_data()["options"][field][value], self.half, spanish)

    def heading(self, group: str, spanish: bool) -> tuple[str, ...]:
        """Headings of a numbered section naming a group of fields."""
        return _pool(_data()["sections"][group], self.half, spanish)

    def sublabels(self, field: str, spanish: bool) -> tuple[str, ...]:
        """Bare labels of a field printed under its section heading ("Name", "NPI")."""
        node = _data()["sublabels"].get(field)
        return _pool(node, self.half, spanish) if node else ()

    def cover(self, line: str, spanish: bool) -> tuple[str, ...]:
        """Wordings of a fax cover sheet's title or one of its lines (to, from, fax, ...)."""
        return _pool(_data()["cover"][line], self.half, spanish)

    def yes_no(self, spanish: bool) -> tuple[tuple[str, str], ...]:
        """Answer word pairs (shared by both halves)."""
        pairs = _data()["yes_no"]["shared_es" if spanish else "shared"]
        return tuple((yes, no) for yes, no in pairs)


def fold(text: str) -> str:
    """Lower case without accents."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> set[str]:
    """The words of `text`: lower-cased, accents folded, split on non-alphanumerics."""
    return {w for w in re.split(r"[^a-z0-9]+", fold(text)) if w}


def _wordings_of(node: object, half: str) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in (half, f"{half}_es"):
                yield from value
            else:
                yield from _wordings_of(value, half)


def all_wordings(half: str) -> list[str]:
    """Every wording of one half (titles, labels, options, headings, cover lines)."""
    return list(_wordings_of(_data(), half))


def held_out_only_words() -> set[str]:
    """Words printed in some held-out wording and in no development wording."""
    development = set().union(*map(words, all_wordings("development")))
    held_out = set().union(*map(words, all_wordings("held_out")))
    return {w for w in held_out - development if not w.isdigit()}
