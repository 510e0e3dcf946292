"""Whether a checkbox printed before a word is ticked: from the page's pixels, or its text.

A box counts as ticked when its inside holds ink (an X, a check mark, a filled square);
an empty box has ink only on its border. Text marks ("[X] Expedited", "☒") count too, which
is how a text layer or an OCR engine often reports a printed tick.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from PIL import Image

from casework.forms.page_layout import Row
from ocr import Box, PageReading, Word

TICKED_MARKS = {"[x]", "(x)", "x", "☒", "☑", "✓", "✔", "■", "[✓]", "[✔]", "✗", "✘", "[x", "x]",
                "®", "&", "%", "[xx]", "xx", "[*]", "*"}
EMPTY_MARKS = {"☐", "□", "[]", "[ ]", "o", "0", "()", "[", "]", "lj", "u", "d", "q"}


@dataclass
class PageImage:
    """A page's pixels, decoded once and only when a checkbox needs looking at."""

    page: PageReading
    _image: Image.Image | None = field(default=None, init=False)

    def gray(self) -> Image.Image | None:
        if self._image is None and self.page.image_png:
            with Image.open(io.BytesIO(self.page.image_png)) as opened:
                self._image = opened.convert("L")
        return self._image


def _mark_before(row: Row, word: Word, unit: float) -> Word | None:
    """The short non-word token printed just before `word`, which is often the box itself."""
    before = [w for w in row.words if w.box.x1 <= word.box.x0 + 1]
    if not before:
        return None
    previous = before[-1]
    if word.box.x0 - previous.box.x1 > 2.5 * unit:
        return None
    text = previous.text.strip().lower()
    if text in TICKED_MARKS or text in EMPTY_MARKS or not any(c.isalpha() for c in text):
        return previous
    return None


def ticked(row: Row, word: Word, unit: float, image: PageImage) -> bool | None:
    """True or False when a checkbox precedes `word`, None when there is none."""
    mark = _mark_before(row, word, unit)
    from_pixels = _box_state(image, row, word, mark, unit)
    if from_pixels is not None:
        return from_pixels
    if mark is not None:
        text = mark.text.strip().lower()
        if text in TICKED_MARKS:
            return True
        if text in EMPTY_MARKS:
            return False
    return None


def _search_area(row: Row, word: Word, mark: Word | None, unit: float) -> Box:
    if mark is not None:
        pad = 0.3 * unit
        return Box(mark.box.x0 - pad, row.top - pad, word.box.x0 - 1, row.bottom + pad)
    before = [w.box.x1 for w in row.words if w.box.x1 <= word.box.x0 - 1]
    left = max([word.box.x0 - 2.4 * unit, *(x + 2 for x in before)])
    return Box(left, row.top - 0.4 * unit, word.box.x0 - 1, row.bottom + 0.4 * unit)


def _vertical_run(dark: list[bool], width: int, column: int, middle: int,
                  height: int) -> tuple[int, int]:
    """Top and bottom of the inked run through `middle` in one column."""
    top = bottom = middle
    while top > 0 and dark[(top - 1) * width + column]:
        top -= 1
    while bottom < height - 1 and dark[(bottom + 1) * width + column]:
        bottom += 1
    return top, bottom + 1


def _box_state(image: PageImage, row: Row, word: Word, mark: Word | None,
               unit: float) -> bool | None:
    """Find the box nearest the word by its two vertical sides and say whether its inside
    holds ink. A side is a column inked across the text band; the left side is looked for
    where a square box would put it, so rules and column dividers nearby are not taken."""
    gray = image.gray()
    if gray is None:
        return None
    area = _search_area(row, word, mark, unit)
    crop = gray.crop((int(area.x0), int(area.y0), int(area.x1), int(area.y1)))
    width, height = crop.size
    if width < 4 or height < 4:
        return None
    dark = [v < 128 for v in crop.getdata()]
    middle = min(max(int((row.top + row.bottom) / 2 - area.y0), 0), height - 1)
    band = range(max(0, middle - int(unit * 0.25)), min(height, middle + int(unit * 0.25)))
    inked = [sum(dark[y * width + x] for y in band) / max(len(band), 1) for x in range(width)]
    right = next((x for x in range(width - 1, -1, -1) if inked[x] >= 0.6), None)
    if right is None or not dark[middle * width + right]:
        return None
    top, bottom = _vertical_run(dark, width, right, middle, height)
    side = bottom - top
    if not 0.45 * unit <= side <= 2.0 * unit:
        return None
    candidates = [x for x in range(max(0, right - int(1.3 * side)), right - int(0.7 * side))
                  if inked[x] >= 0.6]
    if not candidates:
        return None
    left = min(candidates, key=lambda x: abs(right - x - side))
    inset_x, inset_y = max(2, round((right - left) * 0.25)), max(2, round(side * 0.25))
    inside = [dark[y * width + x] for y in range(top + inset_y, bottom - inset_y)
              for x in range(left + inset_x, right - inset_x + 1)]
    if not inside:
        return None
    return sum(inside) / len(inside) > 0.08
