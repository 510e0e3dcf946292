"""The answer written beside its label on the label's own row ("Member Name: Ana Ruiz")."""

from __future__ import annotations

from casework.forms.labels import LabelHit
from ocr import Word


def inline_answer(hit: LabelHit, right: float) -> list[Word]:
    """Words after the label on its row, up to the next label or a word ending in a colon."""
    words: list[Word] = []
    for word in hit.row.words[hit.last + 1:]:
        if word.box.x0 >= right - 1:
            break
        if word.text.strip() in (":", ";", "|") and not words:
            continue
        if words and word.text.rstrip().endswith(":") and not word.text[:-1].isdigit():
            if len(words) < 4 and not any(_has_digit(w) for w in words):
                words = []  # the rest of a longer label ("... History:"): the answer follows
                continue
            break  # a label this schema does not know starts here
        words.append(word)
    return _without_hint(words)


def _ringed(word: Word, words: list[Word]) -> bool:
    """A bracketed word much taller than the words around it: a hand-drawn ring."""
    heights = sorted(w.box.y1 - w.box.y0 for w in words if w is not word)
    usual = heights[len(heights) // 2] if heights else 0.0
    return word.text.rstrip(":").endswith(")") and usual > 0 and \
        word.box.y1 - word.box.y0 >= 1.6 * usual


def _has_digit(word: Word) -> bool:
    return any(c.isdigit() for c in word.text)


def _without_hint(words: list[Word]) -> list[Word]:
    """The words without a bracketed hint printed after the label ("(First, Last)"); a
    bracket holding digits is part of the answer ("(559) 555-0142")."""
    if not words or not words[0].text.startswith("("):
        return words
    if _ringed(words[0], words):
        return words  # "(Y)": a ring drawn round an answer, read by OCR as brackets
    for end, word in enumerate(words[:5]):
        if _has_digit(word):
            return words
        if word.text.rstrip(":").endswith(")"):
            return words[end + 1:]
    return words
