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


def _box_state(image: PageImage, row: Row, word: Word, mark: Word | None,
               unit: float) -> bool | None:
    gray = image.gray()
    if gray is None:
        return None
    area = _search_area(row, word, mark, unit)
    crop = gray.crop((int(area.x0), int(area.y0), int(area.x1), int(area.y1)))
    if crop.width < 4 or crop.height < 4:
        return None
    dark = crop.point(lambda v: 255 if v < 128 else 0)
    bounds = dark.getbbox()
    if bounds is None:
        return None
    width, height = bounds[2] - bounds[0], bounds[3] - bounds[1]
    if not (0.5 * unit <= width <= 2.6 * unit and 0.5 * unit <= height <= 2.6 * unit):
        return None
    if not 0.5 <= width / max(height, 1) <= 2.0:
        return None
    inset_x, inset_y = max(2, round(width * 0.25)), max(2, round(height * 0.25))
    inner = dark.crop((bounds[0] + inset_x, bounds[1] + inset_y,
                       bounds[2] - inset_x, bounds[3] - inset_y))
    pixels = inner.width * inner.height
    if pixels == 0:
        return None
    ink = sum(inner.histogram()[128:]) / pixels
    return ink > 0.08
