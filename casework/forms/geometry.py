"""A page's printed geometry, found once before labels are read: ruled lines, the cells they
close, tick boxes and whether each is marked, and options circled by hand.

Forms say with lines what words cannot: a caption at the top of a bordered cell names what is
written in that cell; a box before a word is a choice, ticked when ink fills its inside. All of
it is found in the page image with OpenCV, the same way for scans, faxes and born-digital pages
(whose rendered image the reading carries; their PDF drawing objects are not carried through
`PageReading`, and the pixels of a rendered page are exact anyway):

- rules: the binarised ink opened with a long thin kernel (about a text height long) keeps
  only strokes longer than any letter's; pieces of one rule broken on a fax are joined;
- cells: the rules are drawn on an empty canvas and every closed, rectangular white region
  between them is a cell (grid tables give one per cell);
- tick boxes: ink outlines about a text height tall, square (or round), standing apart from
  any word; marked when their inside holds ink (an X, a check mark, a filled square);
- circles: a thin ellipse drawn around a word marks that word.

Every distance is measured in the page's text height (`unit`), so 300-dpi scans and 98-dpi
faxes are read alike.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import cv2
import numpy as np
from PIL import Image

from casework.forms.tick_shapes import find_shapes
from ocr import Box, Word

_INK = 150  # gray levels darker than this are ink
_PIECE = 1.2  # text heights: horizontal ink this long is no letter's stroke
_LONG_RULE = 2.5  # text heights: a horizontal rule is at least this long
_STROKE = 1.0  # text heights: vertical ink this tall is no letter's stroke
_TALL_RULE = 1.6  # text heights: a vertical rule is at least this tall

# Pages are read in worker processes, one per core: OpenCV's own threads would only
# contend with them (and a page's morphology is several times slower for it).
cv2.setNumThreads(1)


@dataclass(frozen=True)
class Line:
    """A straight printed line: x0..x1 by y0..y1 in page-image pixels (one of them thin)."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def y(self) -> float:
        return (self.y0 + self.y1) / 2

    @property
    def x(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(frozen=True)
class TickBox:
    """A printed box (or round button) for a choice, whether it is marked, and the word
    printed right after it (None when nothing follows it on its line)."""

    box: Box
    round: bool
    marked: bool
    fill: float  # share of its inner area inked
    word: Word | None = None


@dataclass(frozen=True)
class PageGeometry:
    """What the lines and boxes printed on one page say, in page-image pixels."""

    horizontal: tuple[Line, ...]
    vertical: tuple[Line, ...]
    cells: tuple[Box, ...]
    tick_boxes: tuple[TickBox, ...]
    circles: tuple[Box, ...]  # ellipses drawn around words
    width: float
    height: float
    unit: float  # the page's text height
    words: tuple[Word, ...] = field(default=(), repr=False)

    def cell_at(self, box: Box) -> Box | None:
        """The smallest cell `box` lies in (its middle inside, its edges no more than a
        third of a text height outside), or None."""
        middle_x, middle_y = (box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2
        slack = 0.35 * self.unit
        around = [c for c in self.cells if c.x0 < middle_x < c.x1 and c.y0 < middle_y < c.y1
                  and box.x0 >= c.x0 - slack and box.x1 <= c.x1 + slack
                  and box.y0 >= c.y0 - slack and box.y1 <= c.y1 + slack]
        return min(around, key=_area, default=None)

    def cell_of(self, word: Word) -> Box | None:
        """The cell a word is printed or written in."""
        return self.cell_at(word.box)

    def words_in(self, cell: Box) -> list[Word]:
        """The words whose middle lies in the cell, top to bottom and left to right."""
        inside = [w for w in self.words if self.cell_of(w) == cell]
        return sorted(inside, key=lambda w: ((w.box.y0 + w.box.y1) / 2, w.box.x0))

    def caption_of(self, cell: Box) -> list[Word]:
        """The cell's caption: the line of words at its top when more is written under it
        (or the caption is printed smaller than the rest); [] when the cell holds one line
        of ordinary words or nothing."""
        words = self.words_in(cell)
        if not words:
            return []
        top = min(w.box.y0 for w in words)
        first = [w for w in words if w.box.y0 <= top + 0.5 * self.unit
                 and (w.box.y0 + w.box.y1) / 2 <= cell.y0 + 0.5 * (cell.y1 - cell.y0)]
        rest = [w for w in words if w not in first]
        if not first:
            return []
        small = _median_height(first) <= 0.85 * _median_height(rest) if rest else False
        return sorted(first, key=lambda w: w.box.x0) if rest or small else []

    def tick_before(self, word: Word) -> TickBox | None:
        """The tick box printed just before `word` (or overlapping its first letter, where
        OCR read the box as part of the word), with no other word between them."""
        middle = (word.box.y0 + word.box.y1) / 2
        unit = self.unit
        near = [t for t in self.tick_boxes
                if t.box.y0 - 0.35 * unit <= middle <= t.box.y1 + 0.35 * unit
                and word.box.x0 - 2.6 * unit <= t.box.x1 <= word.box.x0 + 2.5 * unit
                and t.box.x0 < word.box.x0 + 0.5 * unit]
        for tick in sorted(near, key=lambda t: word.box.x0 - t.box.x1):
            between = [w for w in self.words if w is not word
                       and tick.box.x1 + 1 < (w.box.x0 + w.box.x1) / 2 < word.box.x0
                       and w.box.y0 < middle < w.box.y1 and any(c.isalnum() for c in w.text)
                       and not _over(w.box, tick.box)]
            if not between:
                return tick
        return None

    def box_read_as(self, word: Word) -> TickBox | None:
        """The tick box OCR read as this word ("[Y", "[]"): the word lies mostly on it."""
        width = word.box.x1 - word.box.x0
        middle = (word.box.y0 + word.box.y1) / 2
        for tick in self.tick_boxes:
            overlap = min(word.box.x1, tick.box.x1) - max(word.box.x0, tick.box.x0)
            if tick.box.y0 <= middle <= tick.box.y1 and overlap >= 0.6 * width:
                return tick
        return None

    def circled(self, word: Word) -> bool:
        """A ring drawn around the word (an option circled by hand)."""
        middle_x, middle_y = (word.box.x0 + word.box.x1) / 2, (word.box.y0 + word.box.y1) / 2
        return any(c.x0 < word.box.x0 + 0.3 * self.unit and c.x1 > word.box.x1 - 0.3 * self.unit
                   and c.x0 < middle_x < c.x1 and c.y0 < middle_y < c.y1 for c in self.circles)


def _area(box: Box) -> float:
    return (box.x1 - box.x0) * (box.y1 - box.y0)


def _median_height(words: list[Word]) -> float:
    heights = sorted(w.box.y1 - w.box.y0 for w in words)
    return heights[len(heights) // 2]


def _over(inner: Box, outer: Box) -> bool:
    """`inner` overlaps `outer` by half its width (a box OCR read as a word of its own)."""
    overlap = min(inner.x1, outer.x1) - max(inner.x0, outer.x0)
    return overlap >= 0.5 * (inner.x1 - inner.x0)


def empty_geometry(unit: float) -> PageGeometry:
    return PageGeometry((), (), (), (), (), 0.0, 0.0, unit)


def find_geometry(gray: Image.Image | None, unit: float,
                  words: tuple[Word, ...] | list[Word] = ()) -> PageGeometry:
    """The page's rules, cells, tick boxes and circles (nothing when there is no image)."""
    if gray is None or unit <= 0:
        return empty_geometry(unit)
    pixels = np.asarray(gray.convert("L") if gray.mode != "L" else gray, dtype=np.uint8)
    ink = cv2.threshold(pixels, _INK - 1, 255, cv2.THRESH_BINARY_INV)[1]
    # Lines are found at a coarser scale where the page is fine enough (300 dpi): a rule
    # survives halving, and a quarter of the pixels is a quarter of the work.
    # A fax read at its own 200 dpi is fine enough too: halving bridges its broken thin rules.
    scale = max(1, int(unit // 12), 2 if unit >= 18 else 1)
    coarse = ink
    if scale > 1:
        shrunk = cv2.resize(ink, (ink.shape[1] // scale, ink.shape[0] // scale),
                            interpolation=cv2.INTER_AREA)
        coarse = cv2.threshold(shrunk, 60, 255, cv2.THRESH_BINARY)[1]
    # The reader levels pages tilted 0.4 degrees or more; what tilt is left would make a
    # page-wide rule a tall box, so the lines are found on a levelled copy and put back.
    tilt = _tilt(coarse, unit / scale)
    if abs(math.tan(math.radians(tilt))) * coarse.shape[1] > 0.25 * unit / scale:
        centre = (coarse.shape[1] / 2, coarse.shape[0] / 2)
        turn = cv2.getRotationMatrix2D(centre, tilt, 1.0)
        coarse = cv2.warpAffine(coarse, turn, (coarse.shape[1], coarse.shape[0]),
                                flags=cv2.INTER_NEAREST, borderValue=0)
    else:
        tilt = 0.0  # too little to move a page-wide rule off its cells' corners
    back = _Back(scale, -tilt, coarse.shape[1] / 2, coarse.shape[0] / 2)
    # Gaps of a pixel or two in a rule are a fax's (or a faint scan's) dashes; on a halved
    # page they are gone already.
    bridge = 3 if scale == 1 else 1
    across = _rules(coarse, unit / scale, across=True, bridge=bridge)
    down = _rules(coarse, unit / scale, across=False, bridge=bridge)
    cells = [back.box(c) for c in _cells(coarse.shape, across, down, unit / scale)]
    horizontal, vertical = [back.line(h) for h in across], [back.line(v) for v in down]
    ticks, circles = find_shapes(ink, unit)
    height, width = ink.shape
    named = tuple(TickBox(t.box, t.round, t.marked, t.fill, _word_after(t.box, words, unit))
                  for t in ticks if not _in_word(t.box, words))
    return PageGeometry(tuple(horizontal), tuple(vertical), tuple(cells), named,
                        tuple(circles), float(width), float(height), unit, tuple(words))


@dataclass(frozen=True)
class _Back:
    """From the levelled, coarser copy back to the page image: each box keeps its size and
    is moved where its middle was before levelling."""

    scale: int
    degrees: float
    cx: float
    cy: float

    def point(self, x: float, y: float) -> tuple[float, float]:
        if self.degrees:
            theta = math.radians(self.degrees)
            cos, sin = math.cos(theta), math.sin(theta)
            dx, dy = x - self.cx, y - self.cy
            x, y = self.cx + dx * cos + dy * sin, self.cy - dx * sin + dy * cos
        return x * self.scale, y * self.scale

    def box(self, box: Box) -> Box:
        x, y = self.point((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2)
        half_w, half_h = (box.x1 - box.x0) * self.scale / 2, (box.y1 - box.y0) * self.scale / 2
        return Box(x - half_w, y - half_h, x + half_w, y + half_h)

    def line(self, line: Line) -> Line:
        moved = self.box(Box(line.x0, line.y0, line.x1, line.y1))
        return Line(moved.x0, moved.y0, moved.x1, moved.y1)


def _tilt(ink: np.ndarray, unit: float) -> float:
    """The degrees the page's long horizontal rules are tilted by (0 when level or when
    there are none), as OpenCV turns an image: positive counter-clockwise."""
    length = max(7, round(3 * unit)) | 1
    opened = cv2.morphologyEx(ink, cv2.MORPH_OPEN,
                              cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1)))
    outlines, _ = cv2.findContours(opened, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    angles: list[tuple[float, float]] = []
    for outline in outlines:
        w = cv2.boundingRect(outline)[2]
        if w < 8 * unit:
            continue
        vx, vy, _, _ = cv2.fitLine(outline, cv2.DIST_L2, 0, 0.01, 0.01).ravel().tolist()
        angles.append((math.degrees(math.atan2(vy, vx)), w))
    if not angles:
        return 0.0
    angles.sort()
    half, total = sum(w for _, w in angles) / 2, 0.0
    for angle, weight in angles:
        total += weight
        if total >= half:
            return angle
    return 0.0


def _in_word(box: Box, words: tuple[Word, ...] | list[Word]) -> bool:
    """The shape is a letter inside a word OCR read (an o, an O): the word starts well left
    of it. A box OCR glued to its word ("[]Other") is at the word's start."""
    middle_x, middle_y = (box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2
    reach = 0.4 * (box.x1 - box.x0)
    return any(w.box.x0 < box.x0 - reach and w.box.x1 > middle_x
               and w.box.y0 < middle_y < w.box.y1 and sum(c.isalnum() for c in w.text) >= 2
               for w in words)


def _word_after(box: Box, words: tuple[Word, ...] | list[Word], unit: float) -> Word | None:
    """The nearest word right of the box on its line."""
    middle = (box.y0 + box.y1) / 2
    after = [w for w in words if w.box.y0 - 0.3 * unit <= middle <= w.box.y1 + 0.3 * unit
             and w.box.x1 > box.x1 and (w.box.x0 + w.box.x1) / 2 > box.x1
             and w.box.x0 - box.x1 <= 2.6 * unit and any(c.isalnum() for c in w.text)]
    return min(after, key=lambda w: w.box.x0, default=None)


def _rules(ink: np.ndarray, unit: float, across: bool, bridge: int = 1) -> list[Line]:
    """Straight lines of one direction: ink that survives opening with a long thin kernel,
    pieces on one line a small gap apart joined (a faxed rule breaks into dashes)."""
    length = max(7, round((_PIECE if across else _STROKE) * unit)) | 1  # odd: no shift
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1) if across else (1, length))
    if bridge > 1:
        # A thin rule on a fax breaks into dashes a pixel or two apart: closed first, along
        # the line only and by less than letters of a word stand apart.
        ink = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, cv2.getStructuringElement(
            cv2.MORPH_RECT, (bridge, 1) if across else (1, bridge)))
    opened = cv2.morphologyEx(ink, cv2.MORPH_OPEN, kernel)
    outlines, _ = cv2.findContours(opened, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    pieces: list[list[float]] = []
    for outline in outlines:
        x, y, w, h = cv2.boundingRect(outline)
        along = w if across else h
        if cv2.contourArea(outline) / max(along, 1) > 0.4 * unit:
            continue  # a solid block (a blacked-out bar or a filled shape), not a line
        if across:
            pieces.append([x, y, x + w, y + h])
        else:  # worked on as if turned: x along the line
            pieces.append([y, x, y + h, x + w])
    gap = (0.8 if across else 0.5) * unit
    lines = _join(pieces, gap, slack=max(2.0, 0.12 * unit))
    least = (_LONG_RULE if across else _TALL_RULE) * unit
    kept = [p for p in lines if p[2] - p[0] >= least]
    if across:
        return sorted((Line(*p) for p in kept), key=lambda line: (line.y0, line.x0))
    return sorted((Line(p[1], p[0], p[3], p[2]) for p in kept), key=lambda line: (line.x0, line.y0))


def _join(pieces: list[list[float]], gap: float, slack: float) -> list[list[float]]:
    """Pieces (x0, y0, x1, y1 along x) on the same line, overlapping across it and at most
    `gap` apart along it, joined into one."""
    merged = sorted(pieces, key=lambda p: (p[0], p[1]))
    changed = True
    while changed:
        changed = False
        kept: list[list[float]] = []
        for piece in merged:
            other = next((k for k in kept if piece[1] <= k[3] + slack and piece[3] >= k[1] - slack
                          and piece[0] <= k[2] + gap and piece[2] >= k[0] - gap), None)
            if other is None:
                kept.append(list(piece))
                continue
            other[0], other[1] = min(other[0], piece[0]), min(other[1], piece[1])
            other[2], other[3] = max(other[2], piece[2]), max(other[3], piece[3])
            changed = True
        merged = kept
    return merged


def _cells(shape: tuple[int, ...], horizontal: list[Line], vertical: list[Line],
           unit: float) -> list[Box]:
    """Closed rectangles between the rules: the white regions of a canvas holding only the
    rules (drawn a little longer, so a corner a fax broke still closes)."""
    if not horizontal or not vertical:
        return []
    height, width = shape[0], shape[1]
    canvas = np.zeros((height, width), dtype=np.uint8)
    reach = round(0.3 * unit)
    thick = max(2, round(0.08 * unit))
    for line in horizontal:
        y = round(line.y)
        cv2.line(canvas, (round(line.x0) - reach, y), (round(line.x1) + reach, y), 255, thick)
    for line in vertical:
        x = round(line.x)
        cv2.line(canvas, (x, round(line.y0) - reach), (x, round(line.y1) + reach), 255, thick)
    outlines, hierarchy = cv2.findContours(canvas, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    if hierarchy is None:
        return []
    cells = []
    half = thick / 2
    for outline, link in zip(outlines, hierarchy[0], strict=True):
        if link[3] == -1:
            continue  # the outside of a group of lines; its holes are the cells
        x, y, w, h = cv2.boundingRect(outline)
        if w < 1.5 * unit or h < 0.9 * unit or cv2.contourArea(outline) < 0.85 * w * h:
            continue  # a sliver between two rules, or not a rectangle
        cells.append(Box(x - half, y - half, x + w + half, y + h + half))
    return cells
