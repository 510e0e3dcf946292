"""Whether a checkbox printed before a word is ticked: from the page's pixels, or its text.

A box counts as ticked when its inside holds ink (an X, a check mark, a filled square);
an empty box has ink only on its border. Text marks ("[X] Expedited", "☒") count too, which
is how a text layer or an OCR engine often reports a printed tick.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from PIL import Image

from casework.forms.geometry import PageGeometry, find_geometry
from casework.forms.page_layout import Row
from ocr import Box, PageReading, Word
from ocr.page_image import page_gray

TICKED_MARKS = {"[x]", "(x)", "x", "☒", "☑", "✓", "✔", "■", "[✓]", "[✔]", "✗", "✘", "[x", "x]",
                "®", "&", "%", "[xx]", "xx", "[*]", "*"}
EMPTY_MARKS = {"☐", "□", "[]", "[ ]", "o", "0", "()", "[", "]", "lj", "u", "d", "q"}


# Letters OCR makes of a box, ticked or empty, and the stroke of its tick.
_BOX_LETTERS: Final = frozenset("MWXxVvKkUODIyJj/|[](){}_✓✔☑☒☐□®&%*#@")


def glued_box_cuts(text: str) -> list[int]:
    """Where a word OCR glued to the box before it may start: "MNo", "MWYes", "MvYes",
    "K]Yes" hold a box's (and its tick's) letters before a capital, "Msi" before a short
    answer in lower case. Candidates only: a cut counts where what is left is an option."""
    return [cut for cut in range(1, 4)
            if set(text[:cut]) <= _BOX_LETTERS and (
                text[cut:cut + 1].isupper()
                # a short answer printed in lower case: "Msi", "Ono" (a box, then "sí", "no")
                or (text[:cut].isupper() and text[cut:].isalpha() and text[cut:].islower()
                    and 2 <= len(text) - cut <= 3))]


@dataclass
class PageImage:
    """A page's pixels, decoded once and only when a checkbox needs looking at."""

    page: PageReading
    _image: Image.Image | None = field(default=None, init=False)
    _geometry: PageGeometry | None = field(default=None, init=False)

    def gray(self) -> Image.Image | None:
        if self._image is None and self.page.image_png:
            self._image = page_gray(self.page.image_png)
        return self._image

    def geometry(self, unit: float) -> PageGeometry:
        """The page's lines, cells and tick boxes, found once (`unit`: its text height)."""
        if self._geometry is None:
            self._geometry = find_geometry(self.gray(), unit, self.page.words)
        return self._geometry


def _mark_before(row: Row, word: Word, unit: float) -> Word | None:
    """The short non-word token printed just before `word`, which is often the box itself."""
    before = [w for w in row.words if w.box.x1 <= word.box.x0 + 1]
    if not before:
        return None
    previous = before[-1]
    if word.box.x0 - previous.box.x1 > 2.5 * unit:
        return None
    return previous if looks_like_mark(previous) else None


def looks_like_mark(word: Word) -> bool:
    """A token OCR made of a printed box: "[]", "[X]", "_]", "[Ml]", "☐"."""
    text = _mark_text(word)
    if text in TICKED_MARKS or text in EMPTY_MARKS:
        return True
    return len(text) <= 4 and sum(c.isalpha() for c in text) <= 2 and not text.isalnum()



def ticked(row: Row, word: Word, unit: float, image: PageImage) -> bool | None:
    """True or False when a checkbox precedes `word`, None when there is none.

    A tick box the page geometry found before the word decides, and a ring drawn around the
    word marks it. Otherwise a printed tick mark read as text ("[X]", "☒") is taken at its
    word, then the pixels before the word are searched for a box, and an empty-box mark
    ("[ ]", "☐") is the last resort.
    """
    geometry = image.geometry(unit)
    if geometry.box_read_as(word) is not None:
        return None  # the word is a box OCR read as letters ("[Y"), not an option after one
    box = geometry.tick_before(word)
    if box is not None:
        return box.marked
    if geometry.circled(word):
        return True
    mark = _mark_before(row, word, unit)
    text = _mark_text(mark) if mark is not None else ""
    glued = word.text.strip().lower()  # "[X]Yes", "[]No": OCR joined the mark to the word
    if text in TICKED_MARKS or glued.startswith(("[x", "☒", "☑", "[✓", "[✔")):
        return True
    if mark is not None and _typed_empty(row, mark):
        return False
    from_pixels = _box_state(image, row, word, mark, unit)
    if from_pixels is not None:
        return from_pixels
    if text in EMPTY_MARKS or glued.startswith(("[]", "[ ]", "☐", "□")):
        return False
    return None


def ringed(words: list[Word], unit: float, image: PageImage) -> bool:
    """A ring drawn round an option's words: small enough that the page's geometry took it
    for a round tick box with the words as its ink, or read by OCR as brackets round them,
    taller than any printed bracket ("(N)")."""
    if not words:
        return False
    first, last = words[0].text.strip(), words[-1].text.strip()
    tall = max(w.box.y1 for w in words) - min(w.box.y0 for w in words)
    if first.startswith("(") and last.endswith(")") and tall >= 1.6 * unit:
        return True  # OCR read the ring as brackets, and the word's box holds the ring
    geometry = image.geometry(unit)
    inked = Box(min(w.box.x0 for w in words), min(w.box.y0 for w in words),
                max(w.box.x1 for w in words), max(w.box.y1 for w in words))
    ring = geometry.box_read_as(words[0])
    return ring is not None and ring.round and ring.box.x0 <= inked.x0 \
        and ring.box.x1 >= inked.x1 and ring.box.y0 <= inked.y0 and ring.box.y1 >= inked.y1


def _typed_empty(row: Row, mark: Word) -> bool:
    """"[ ]" or "( )" typed as text (two brackets with a space between): an empty choice.
    Their pixels look like a box with ink inside, so the text decides."""
    closing = _mark_text(mark)
    if closing not in ("]", ")"):
        return False
    before = [w for w in row.words if w.box.x1 <= mark.box.x0 + 1]
    return bool(before) and _mark_text(before[-1]) == ("[" if closing == "]" else "(")


def _mark_text(word: Word) -> str:
    """A mark's text without the specks OCR adds around it ("'[X]" is "[x]")."""
    return word.text.strip().strip("'‘’`.,:;").lower()


def _search_area(row: Row, word: Word, mark: Word | None, unit: float,
                 into_word: bool = False) -> Box:
    """Where the box can be: before the word, or (`into_word`) also over its start, since
    OCR may read the box as part of the word or drop its glyph but keep its width."""
    into = word.box.x0 - 1
    if into_word:
        into = word.box.x0 + min(2.0 * unit, (word.box.x1 - word.box.x0) * 0.6)
    if mark is not None:
        return Box(mark.box.x0 - 0.3 * unit, row.top - 0.4 * unit, into, row.bottom + 0.4 * unit)
    before = [w.box.x1 for w in row.words
              if w.box.x1 <= word.box.x0 - 1 and len(w.text) > 2 and not looks_like_mark(w)]
    left = max([word.box.x0 - 2.6 * unit, *(x + 2 for x in before)])
    return Box(left, row.top - 0.4 * unit, into, row.bottom + 0.4 * unit)


def _vertical_run(dark: list[bool], width: int, column: int, middle: int,
                  height: int) -> tuple[int, int]:
    """Top and bottom of the inked run through `middle` in one column."""
    top = bottom = middle
    while top > 0 and dark[(top - 1) * width + column]:
        top -= 1
    while bottom < height - 1 and dark[(bottom + 1) * width + column]:
        bottom += 1
    return top, bottom + 1


@dataclass(frozen=True)
class _Pixels:
    dark: list[bool]
    width: int
    height: int

    def row_share(self, y: int, left: int, right: int) -> float:
        """The share of row y inked between two columns."""
        if not 0 <= y < self.height or right <= left:
            return 0.0
        return sum(self.dark[y * self.width + x] for x in range(left, right)) / (right - left)

    def thickness(self, x: int, y: int, step: int) -> int:
        """How many inked pixels run from (x, y) in direction `step` along the row."""
        count = 0
        while 0 <= x < self.width and self.dark[y * self.width + x]:
            count += 1
            x += step
        return count

    def has_rule(self, y: int, left: int, right: int) -> bool:
        """A horizontal side near row y: rows within two pixels mostly inked."""
        return any(self.row_share(r, left, right) >= 0.7 for r in range(y - 2, y + 3))


def _find_box(pixels: _Pixels, middle: int, unit: float) -> tuple[int, int, int, int] | None:
    """The box nearest the word: two vertical sides about a side's length apart, joined by
    a top and a bottom side. Letters and table rules do not have all four."""
    width, height, dark = pixels.width, pixels.height, pixels.dark
    band = range(max(0, middle - int(unit * 0.25)), min(height, middle + int(unit * 0.25)))
    inked = [sum(dark[y * width + x] for y in band) / max(len(band), 1) for x in range(width)]
    sides = [x for x in range(width) if inked[x] >= 0.6]
    for right in reversed(sides):
        top, bottom = _vertical_run(dark, width, right, middle, height)
        side = bottom - top
        if not 0.45 * unit <= side <= 2.0 * unit:
            continue
        lefts = sorted((x for x in sides if right - 1.35 * side <= x <= right - 0.65 * side),
                       key=lambda x: abs(right - x - side))
        if pixels.thickness(right, middle, -1) > max(2, 0.18 * side):
            continue  # a letter's stroke (the O of "Other"), not a box's thin side
        for left in lefts:
            if pixels.thickness(left, middle, 1) > max(3, 0.3 * side):
                continue
            if pixels.has_rule(top, left, right) and pixels.has_rule(bottom - 1, left, right):
                return left, top, right, bottom
        ticked_out = _box_under_tick(pixels, right, top, bottom, middle, sides)
        if ticked_out is not None:
            return ticked_out
    return None


def _box_under_tick(pixels: _Pixels, right: int, top: int, bottom: int, middle: int,
                    sides: list[int]) -> tuple[int, int, int, int] | None:
    """A box whose tick runs out over its top ("☑" drawn with a long stroke): the side's
    run is longer than the box, so its top and bottom are the inked rows inside the run."""
    for left in (x for x in sides if right - (bottom - top) <= x <= right - 0.3 * (bottom - top)):
        box_top = next((y for y in range(top, middle)
                        if pixels.row_share(y, left, right) >= 0.7), None)
        box_bottom = next((y for y in range(bottom - 1, middle, -1)
                           if pixels.row_share(y, left, right) >= 0.7), None)
        if box_top is None or box_bottom is None or box_bottom - box_top < 4:
            continue
        if 0.75 <= (right - left) / (box_bottom - box_top) <= 1.33:
            return left, box_top, right, box_bottom + 1
    return None


def _box_state(image: PageImage, row: Row, word: Word, mark: Word | None,
               unit: float) -> bool | None:
    """Whether the box before the word holds ink inside; None when there is no box. The box
    is looked for over the word's start too (OCR may keep a dropped box's width in the word),
    unless the word is read surely as letters from its first one (the bold "E" of
    "Expedited" holds a box's four sides)."""
    clean = word.confidence >= 0.9 and word.text[:1].isalpha() and \
        not any(c in word.text[:3] for c in "[]()|{}") and not glued_box_cuts(word.text)
    for into_word in ((False,) if clean else (False, True)):
        state = _box_state_in(image, row, word, mark, unit, into_word)
        if state is not None:
            return state
    return None


def _box_state_in(image: PageImage, row: Row, word: Word, mark: Word | None, unit: float,
                  into_word: bool) -> bool | None:
    gray = image.gray()
    if gray is None:
        return None
    area = _search_area(row, word, mark, unit, into_word)
    crop = gray.crop((int(area.x0), int(area.y0), int(area.x1), int(area.y1)))
    width, height = crop.size
    if width < 4 or height < 4:
        return None
    pixels = _Pixels([v < 128 for v in crop.tobytes()], width, height)
    middle = min(max(int((row.top + row.bottom) / 2 - area.y0), 0), height - 1)
    found = _find_box(pixels, middle, unit)
    if found is None:
        return None
    left, top, right, bottom = found
    inset_x, inset_y = max(2, round((right - left) * 0.25)), max(2, round((bottom - top) * 0.25))
    inside = [pixels.dark[y * width + x] for y in range(top + inset_y, bottom - inset_y)
              for x in range(left + inset_x, right - inset_x + 1)]
    if not inside:
        return None
    return sum(inside) / len(inside) > 0.08
