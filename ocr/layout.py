"""Words into lines and lines into text: the geometry both text layers and OCR share."""

from __future__ import annotations

import math
from collections.abc import Iterable

from ocr.results import Box, Word


def words_to_text(words: Iterable[Word]) -> str:
    """Reading-order text: lines in the order they were numbered, words left to right."""
    lines: dict[int, list[Word]] = {}
    for word in words:
        lines.setdefault(word.line, []).append(word)
    return "\n".join(" ".join(w.text for w in sorted(group, key=lambda w: w.box.x0))
                     for _, group in sorted(lines.items()))


def group_into_lines(boxes: Iterable[tuple[str, Box]]) -> list[Word]:
    """Text-layer words (confidence 1.0) numbered by line, top to bottom.

    A word joins the current line when its vertical middle falls inside the line's first
    word; text layers carry no line structure of their own that survives every producer.
    """
    ordered = sorted(boxes, key=lambda item: (item[1].y0, item[1].x0))
    words: list[Word] = []
    line = -1
    band: Box | None = None
    for text, box in ordered:
        middle = (box.y0 + box.y1) / 2
        if band is None or not band.y0 <= middle <= band.y1:
            line += 1
            band = box
        words.append(Word(text, 1.0, box, line))
    # Within a line, left to right, so text and word order agree.
    words.sort(key=lambda w: (w.line, w.box.x0))
    return words


def line_direction(words: Iterable[Word]) -> int:
    """Which way lines run, from consecutive words of each line in reading order.

    0 when they run left to right; otherwise the clockwise degrees the text is turned
    (90: lines run downwards, 270: upwards, 180: right to left). Tesseract reads sideways
    text as vertical lines, so this finds a sideways page without a second pass.
    """
    dx = dy = 0.0
    previous: Word | None = None
    for word in words:
        if previous is not None and previous.line == word.line:
            dx += (word.box.x0 + word.box.x1 - previous.box.x0 - previous.box.x1) / 2
            dy += (word.box.y0 + word.box.y1 - previous.box.y0 - previous.box.y1) / 2
        previous = word
    if abs(dy) > 2 * abs(dx):
        return 90 if dy > 0 else 270
    return 180 if dx < 0 and abs(dx) > 2 * abs(dy) else 0


def turn_box(box: Box, width: int, height: int, clockwise: int) -> Box:
    """Where `box` lands when its width x height page is turned clockwise by 90/180/270."""
    step = clockwise % 360
    if step == 90:
        return Box(height - box.y1, box.x0, height - box.y0, box.x1)
    if step == 180:
        return Box(width - box.x1, height - box.y1, width - box.x0, height - box.y0)
    if step == 270:
        return Box(box.y0, width - box.x1, box.y1, width - box.x0)
    return box


def level_box(box: Box, width: int, height: int, degrees: float) -> Box:
    """Where a word's box lands when its page is turned counter-clockwise by a small angle.

    The centre turns with the page; the size is the word's own, recovered from the box
    that enclosed it while it was tilted.
    """
    theta = math.radians(degrees)
    cos, sin = math.cos(theta), math.sin(theta)
    cx, cy = width / 2, height / 2
    mx, my = (box.x0 + box.x1) / 2 - cx, (box.y0 + box.y1) / 2 - cy
    # Screen coordinates run downwards, so a counter-clockwise turn lifts points on the right.
    nx, ny = cx + mx * cos + my * sin, cy - mx * sin + my * cos
    w, h = box.x1 - box.x0, box.y1 - box.y0
    a, b = abs(cos), abs(sin)
    det = a * a - b * b
    true_w = min(w, max(1.0, (w * a - h * b) / det)) if det > 0.1 else w
    true_h = min(h, max(1.0, (h * a - w * b) / det)) if det > 0.1 else h
    return Box(nx - true_w / 2, ny - true_h / 2, nx + true_w / 2, ny + true_h / 2)


_CELL = 64.0  # pixels: the grid words are looked up in when checking for overlaps


def drop_doubled(words: list[Word]) -> list[Word]:
    """The words without those Tesseract read twice as a second, overlapping line.

    Now and then (a faxed line of small print) Tesseract returns one printed line as two
    lines over each other ("Member ember has has chronic chronic"). A word lying mostly
    on a surer word of another line is such a second reading and goes; words side by side
    on one line never overlap that much, so nothing printed is lost.
    """
    kept: list[Word] = []
    grid: dict[tuple[int, int], list[Word]] = {}
    for word in sorted(words, key=lambda w: -w.confidence):
        cells = _cells(word.box)
        near = {id(k): k for cell in cells for k in grid.get(cell, [])}
        if any(k.line != word.line and _covered(word.box, k.box) for k in near.values()):
            continue
        kept.append(word)
        for cell in cells:
            grid.setdefault(cell, []).append(word)
    order = {id(w): i for i, w in enumerate(words)}
    return sorted(kept, key=lambda w: order[id(w)])


def _cells(box: Box) -> list[tuple[int, int]]:
    return [(x, y) for x in range(int(box.x0 // _CELL), int(box.x1 // _CELL) + 1)
            for y in range(int(box.y0 // _CELL), int(box.y1 // _CELL) + 1)]


def _covered(box: Box, by: Box) -> bool:
    """Half or more of `box` lies inside `by`."""
    width = min(box.x1, by.x1) - max(box.x0, by.x0)
    height = min(box.y1, by.y1) - max(box.y0, by.y0)
    area = (box.x1 - box.x0) * (box.y1 - box.y0)
    return width > 0 and height > 0 and area > 0 and width * height >= 0.5 * area
