"""Page geometry for reading forms: words grouped into rows, rows cut into segments at wide gaps.

OCR line numbers are not enough: Tesseract gives the two columns of one printed row different
line numbers, and a text layer may give a whole ruled row one line. Rows are rebuilt here from
the word boxes, so every layout (inline, boxed cells, two columns, tables) is seen the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from statistics import median

from ocr import Box, PageReading, Word


@dataclass(frozen=True)
class Row:
    """Words whose boxes share a horizontal band, left to right."""

    index: int
    words: tuple[Word, ...]
    top: float
    bottom: float

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass(frozen=True)
class PageLayout:
    """One page's rows and the typical text height, in page-image pixels."""

    page: PageReading
    rows: tuple[Row, ...]
    text_height: float  # median word height: the unit for gaps and distances

    def rows_below(self, row: Row, max_distance: float) -> list[Row]:
        """Rows starting below `row` and within `max_distance` of its bottom, nearest first."""
        return [r for r in self.rows[row.index + 1:]
                if r.top >= row.bottom - 0.3 * self.text_height
                and r.top - row.bottom <= max_distance]


def _center(word: Word) -> float:
    return (word.box.y0 + word.box.y1) / 2


def build_layout(page: PageReading) -> PageLayout:
    """Group the page's words into rows.

    The reader's own lines are kept whole (OCR knows which words run together even when a
    skewed fax puts them at slightly different heights); lines whose middles sit within half
    a text height of each other are one printed row (two columns of one row, for instance).
    """
    words = [w for w in page.words if w.text.strip()]
    heights = [w.box.y1 - w.box.y0 for w in words if w.box.y1 > w.box.y0]
    unit = median(heights) if heights else page.dpi / 6
    lines: dict[int, list[Word]] = {}
    for word in words:
        lines.setdefault(word.line, []).append(word)
    rows: list[list[Word]] = []
    centers: list[float] = []
    for line in sorted(lines.values(), key=lambda ws: median(_center(w) for w in ws)):
        center = median(_center(w) for w in line)
        if rows and abs(center - centers[-1]) <= 0.45 * unit:
            rows[-1].extend(line)
            centers[-1] = median(_center(w) for w in rows[-1])
            continue
        rows.append(list(line))
        centers.append(center)
    bands = [band for band in rows if not is_fax_header(band, page)]
    built = tuple(
        Row(i, tuple(sorted(band, key=lambda w: w.box.x0)),
            min(w.box.y0 for w in band), max(w.box.y1 for w in band))
        for i, band in enumerate(bands)
    )
    return PageLayout(page, built, unit)


_CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b")
_STAMP = re.compile(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b|\bP\.?\s?\d{1,3}\b|\bpage\s*\d", re.I)


def is_fax_header(words: list[Word], page: PageReading) -> bool:
    """The line a fax machine prints across the top of every page (sender, number, date,
    time, page counter): not part of the form, and its "TO:" is no field's label."""
    if not words or max(w.box.y1 for w in words) > 0.05 * page.height:
        return False
    text = " ".join(w.text for w in sorted(words, key=lambda w: w.box.x0))
    return bool(_CLOCK.search(text) and _STAMP.search(text))


def segments(row: Row, unit: float) -> list[tuple[Word, ...]]:
    """The row cut wherever two words are further apart than ordinary word spacing."""
    parts: list[list[Word]] = []
    for word in row.words:
        if parts and word.box.x0 - parts[-1][-1].box.x1 <= 1.3 * unit:
            parts[-1].append(word)
        else:
            parts.append([word])
    return [tuple(p) for p in parts]


def union(words: tuple[Word, ...] | list[Word]) -> Box:
    """The box around several words."""
    return Box(min(w.box.x0 for w in words), min(w.box.y0 for w in words),
               max(w.box.x1 for w in words), max(w.box.y1 for w in words))


def join(words: tuple[Word, ...] | list[Word]) -> str:
    """The words' text with single spaces."""
    return " ".join(w.text for w in words)
