"""Words from a text layer's characters, joined and split as a person reading the page would.

A PDF says where each character is drawn, not where words are. Forms letter-space their
labels and values (charSpace, or one string per character), so the gap inside a word can be
wider than a fixed tolerance; other producers leave out the space character and only move the
next word along. Both are decided here from the gaps measured in ems of the characters' own
size, against the spacing (tracking) the neighbouring characters show.
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# Gaps are measured in ems (the smaller character's size). A space is about a quarter of an
# em in every common font and kerning rarely opens a gap of a tenth of one, so a gap this
# much wider than the tracking of the characters around it is a word break.
WORD_BREAK = 0.15
# A change of font or size with a visible gap is a label meeting its value, not one word.
FONT_CHANGE_BREAK = 0.08
# The widest gap taken as letter-spacing: charSpace 4 pt at 8 pt text is half an em.
# Evenly spaced characters further apart (a 0-10 scale, digits in comb boxes) stay apart,
# as they always have.
MAX_TRACKING = 0.6
# Two characters with nothing around them to show their spacing: pdfplumber's fixed
# tolerance in points, which this reader used for every gap before.
LONE_GAP_POINTS = 3.0
# How many neighbouring gaps on each side show the tracking of a stretch of text.
NEIGHBOURS = 3
# How far apart (in ems) the bottoms of neighbouring characters of one line may be.
SAME_LINE = 0.25
# A second copy of a character drawn within this many ems of the first (fake bold) is one.
DOUBLE_STRIKE = 0.1

# Compatibility forms a person reads as their plain letters: ligatures (ﬁ), full-width and
# half-width forms (１２３), no-break variants and styled letters. Superscripts, fractions and
# circled digits mean something of their own and are kept as printed.
_PLAIN_FORMS = ("<compat>", "<wide>", "<narrow>", "<noBreak>", "<font>")
_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-"})


@dataclass(frozen=True)
class LayerChar:
    """One character of a text layer in page points, origin top-left."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    font: str


@dataclass(frozen=True)
class LayerWord:
    """A word joined from a text layer's characters, with its box in page points."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float


def plain_text(text: str) -> str:
    """A character's text as a person reads it: ligatures opened, full-width digits plain,
    invisible marks (zero-width, soft hyphen, controls) gone, every kind of space a space."""
    if text.startswith("(cid:"):  # pdfminer's name for a glyph with no known character
        return text
    out: list[str] = []
    for ch in text:
        if ch.isspace():
            out.append(" ")
        elif unicodedata.category(ch) in ("Cc", "Cf"):
            continue
        elif unicodedata.decomposition(ch).startswith(_PLAIN_FORMS):
            out.append(unicodedata.normalize("NFKC", ch))
        else:
            out.append(ch)
    return "".join(out).translate(_HYPHENS)


def word_text(text: str) -> str:
    """A joined word's text, accents composed (a separately drawn accent joins its letter)."""
    return unicodedata.normalize("NFC", text).strip()


def join_words(chars: Iterable[LayerChar]) -> list[LayerWord]:
    """The words a person sees in these level characters, line by line, left to right."""
    words: list[LayerWord] = []
    for line in _lines(chars):
        words.extend(_line_words(_single_strike(line)))
    return words


def _lines(chars: Iterable[LayerChar]) -> list[list[LayerChar]]:
    """Characters grouped into lines, each line left to right.

    Characters of one baseline share the bottoms of their boxes to a fraction of a point,
    whatever their sizes (a bold 14 pt label, a 7 pt instruction, an 11 pt value), while
    their tops differ by the sizes; lines of small print a leading apart may overlap, but
    their bottoms do not come that close. A raised or lowered small character (a
    superscript, the A of a logo) joins the line whose letters it lies within.
    """
    lines: list[list[LayerChar]] = []
    top = bottom = 0.0
    previous: LayerChar | None = None
    for char in sorted(chars, key=lambda c: c.bottom):
        slack = SAME_LINE * _em(char, previous) if previous else 0.0
        if previous is None or not (
                char.bottom - previous.bottom <= slack
                or (char.top <= top + slack and char.bottom >= bottom - slack)):
            lines.append([])
            top, bottom = char.top, char.bottom
        lines[-1].append(char)
        top, bottom = min(top, char.top), max(bottom, char.bottom)
        previous = char
    return [sorted(line, key=lambda c: (c.x0, c.x1)) for line in lines]


def _single_strike(line: list[LayerChar]) -> list[LayerChar]:
    """The line without the second copies of characters printed twice to look bold."""
    kept: list[LayerChar] = []
    for char in line:
        if kept and _double_strike(kept[-1], char):
            continue
        kept.append(char)
    return kept


def _double_strike(kept: LayerChar, char: LayerChar) -> bool:
    # Only a character with a width: pdfminer gives every glyph of a font without
    # widths the same zero-width box, and those are different letters.
    near = DOUBLE_STRIKE * max(char.size, 1.0)
    return (kept.text == char.text and kept.font == char.font and char.x1 > char.x0
            and abs(kept.x0 - char.x0) <= near and abs(kept.top - char.top) <= near)


def _line_words(line: Sequence[LayerChar]) -> list[LayerWord]:
    """One line's characters cut into words at spaces and at gaps wider than its tracking."""
    chars: list[LayerChar] = []
    spaced: list[bool] = []  # whether a space character comes right before chars[i]
    pending = False
    for char in line:
        if char.text.isspace():
            pending = True
        elif char.text:
            chars.append(char)
            spaced.append(pending)
            pending = False
    if not chars:
        return []
    pairs = list(itertools.pairwise(chars))
    gaps = [_gap(a, b) for a, b in pairs]
    stretch = _stretches(chars)
    samples = _samples(gaps, spaced, stretch)
    words: list[LayerWord] = []
    current = [chars[0]]
    for i, (a, b) in enumerate(pairs):
        if spaced[i + 1] or _breaks(a, b, i, gaps, samples, stretch):
            words.append(_word(current))
            current = []
        current.append(b)
    words.append(_word(current))
    return [w for w in words if w.text and not w.text.startswith("(cid:")]


def _gap(a: LayerChar, b: LayerChar) -> float:
    """The blank between two neighbouring characters in ems of the smaller one."""
    return (b.x0 - a.x1) / _em(a, b)


def _em(a: LayerChar, b: LayerChar) -> float:
    return max(min(a.size, b.size), 1.0)


def _changed(a: LayerChar, b: LayerChar) -> bool:
    return a.font != b.font or abs(a.size - b.size) > 0.1 * max(a.size, b.size)


def _stretches(chars: Sequence[LayerChar]) -> list[int]:
    """For each character, which stretch of one font and size it belongs to."""
    numbers = [0]
    for a, b in itertools.pairwise(chars):
        numbers.append(numbers[-1] + 1 if _changed(a, b) else numbers[-1])
    return numbers


def _breaks(a: LayerChar, b: LayerChar, index: int, gaps: Sequence[float],
            samples: Sequence[float | None], stretch: Sequence[int]) -> bool:
    """Whether a word ends between neighbours a and b (gaps[index] apart)."""
    gap = gaps[index]
    if gap <= 0:
        return False
    left: list[float] = []
    j = index - 1
    while j >= 0 and stretch[j + 1] == stretch[index] and len(left) < NEIGHBOURS:
        if (sample := samples[j]) is not None:
            left.append(sample)
        j -= 1
    right: list[float] = []
    j = index + 1
    while j < len(gaps) and stretch[j] == stretch[index + 1] and len(right) < NEIGHBOURS:
        if (sample := samples[j]) is not None:
            right.append(sample)
        j += 1
    if not left and not right:
        # Nothing around shows how this text is spaced, so the fixed tolerance the reader
        # always had decides.
        return gap * _em(a, b) > LONE_GAP_POINTS
    tolerance = FONT_CHANGE_BREAK if _changed(a, b) else WORD_BREAK
    return gap > _tracking(gap, left, right) + tolerance


def _samples(gaps: Sequence[float], spaced: Sequence[bool],
             stretch: Sequence[int]) -> list[float | None]:
    """The gaps that can show a stretch's letter-spacing: inside one font and size, not
    across a space character, not wider than any tracking."""
    return [gap if stretch[j] == stretch[j + 1] and not spaced[j + 1] and gap <= MAX_TRACKING
            else None for j, gap in enumerate(gaps)]


def _tracking(gap: float, left: Sequence[float], right: Sequence[float]) -> float:
    """The letter-spacing a gap is measured against, from the nearest gaps either side.

    Each side's narrowest gap is its spacing inside words (its word breaks are wider).
    Where tracked text meets untracked text the two sides differ, and the gap belongs
    with the side it is most like.
    """
    sides = [max(min(side), 0.0) for side in (left, right) if side]
    return min(sides, key=lambda spacing: abs(gap - spacing))


def _word(chars: Sequence[LayerChar]) -> LayerWord:
    return LayerWord(word_text("".join(c.text for c in chars)),
                     min(c.x0 for c in chars), min(c.top for c in chars),
                     max(c.x1 for c in chars), max(c.bottom for c in chars))
