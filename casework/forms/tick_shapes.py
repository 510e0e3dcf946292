"""Tick boxes and hand-drawn circles, found among the outlines of a page's ink (OpenCV).

A tick box is a square or round outline about a text height tall standing alone, marked when
its inner area holds ink (an X, a check mark, a fill); a circle is a thin ring around a word.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np

from ocr import Box

_MARKED = 0.08  # share of a tick box's inner area inked when it is marked


@dataclass(frozen=True)
class Shape:
    box: Box
    round: bool
    marked: bool
    fill: float


def find_shapes(ink: np.ndarray, unit: float) -> tuple[list[Shape], list[Box]]:
    """Tick boxes (square and round) and circles around words, from the outlines of ink."""
    contours, hierarchy = cv2.findContours(ink, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    if hierarchy is None:
        return [], []
    links = hierarchy[0]
    ticks: list[Shape] = []
    circles: list[Box] = []
    small, large = 0.42 * unit, 1.9 * unit
    for index, contour in enumerate(contours):
        if links[index][3] != -1:
            continue  # a hole
        x, y, w, h = cv2.boundingRect(contour)
        shape = _tick_box(ink, contour, (x, y, w, h), unit) \
            if small <= w <= large and small <= h <= large and 0.7 <= w / h <= 1.45 else None
        if shape is not None:
            ticks.append(shape)
        # A ring round a short word ("(No)") is barely wider than it is tall.
        elif unit <= h <= 3.5 * unit and w >= 1.05 * h and w <= 14 * unit \
                and _ring(contour, _holes(contours, links, index), w, h):
            circles.append(Box(float(x), float(y), float(x + w), float(y + h)))
    # A filled square inside a box is the box's mark, not a box of its own.
    ticks = [t for t in ticks if not any(o is not t and _inside(t.box, o.box) for o in ticks)]
    return ticks, circles


def _inside(inner: Box, outer: Box) -> bool:
    return (inner.x0 >= outer.x0 and inner.x1 <= outer.x1 and inner.y0 >= outer.y0
            and inner.y1 <= outer.y1)


def _tick_box(ink: np.ndarray, contour: np.ndarray, rect: tuple[int, int, int, int],
              unit: float) -> Shape | None:
    """A square or round outline standing alone (not a letter of a word), and its state."""
    x, y, w, h = rect
    area = cv2.contourArea(contour)
    filled = area / max(w * h, 1)
    perimeter = cv2.arcLength(contour, True)
    if perimeter <= 0:
        return None
    circularity = 4 * math.pi * area / (perimeter * perimeter)
    corners = len(cv2.approxPolyDP(contour, 0.08 * perimeter, True))
    # A box filled solid on a fax loses its corners a little: four corners still say square.
    square = corners == 4 and filled >= 0.8
    round_ = (not square and 0.68 <= filled <= 0.86 and circularity >= 0.72
              and min(w, h) >= 0.55 * unit)
    # Letters of a word stand closer together than a box stands from its word; an O is
    # round like a button, so a round shape needs a wider berth.
    if not (square or round_) or not _alone(ink, x, y, w, h, (0.3 if round_ else 0.15) * h):
        return None
    if round_:
        # A round button: the inner disc, half its radius.
        cx, cy, rx, ry = x + w / 2, y + h / 2, w / 4, h / 4
        inner = ink[int(cy - ry):int(cy + ry) + 1, int(cx - rx):int(cx + rx) + 1]
    else:
        inset_x, inset_y = max(2, round(w * 0.24)), max(2, round(h * 0.24))
        inner = ink[y + inset_y:y + h - inset_y, x + inset_x:x + w - inset_x]
    if inner.size == 0:
        return None
    fill = float(np.count_nonzero(inner)) / inner.size
    if not round_ and fill < 0.9 and not _outlined(ink, x, y, w, h):
        return None  # a blob with a square outline but no box's sides (a smudge, a letter)
    return Shape(Box(float(x), float(y), float(x + w), float(y + h)), round_, fill > _MARKED,
                  fill)


def _outlined(ink: np.ndarray, x: int, y: int, w: int, h: int) -> bool:
    """The rectangle's four sides are mostly ink (a printed box, not a letter like "H")."""
    region = ink[y:y + h, x:x + w] > 0
    depth = max(2, round(min(w, h) * 0.15))
    top = region[:depth].any(axis=0).mean()
    bottom = region[-depth:].any(axis=0).mean()
    left = region[:, :depth].any(axis=1).mean()
    right = region[:, -depth:].any(axis=1).mean()
    return bool(min(top, bottom, left, right) >= 0.85)


def _alone(ink: np.ndarray, x: int, y: int, w: int, h: int, berth: float) -> bool:
    """No ink within `berth` pixels left or right of the shape (a letter has its word's
    other letters there)."""
    gap = max(2, round(berth))
    top, bottom = y + h // 4, y + h - h // 4
    left = ink[top:bottom, max(0, x - gap):max(0, x - 1)]
    right = ink[top:bottom, x + w + 1:x + w + gap]
    return all(band.size == 0 or np.count_nonzero(band) <= 0.03 * band.size
               for band in (left, right))


def _holes(contours: Sequence[np.ndarray], links: np.ndarray, index: int) -> float:
    """The area of the holes in an outline."""
    total, child = 0.0, int(links[index][2])
    while child != -1:
        total += cv2.contourArea(contours[child])
        child = int(links[child][0])
    return total


def _ring(contour: np.ndarray, holes: float, w: int, h: int) -> bool:
    """A thin oval outline (a hand-drawn circle around a word): most of it is hole."""
    if len(contour) < 5:
        return False
    area = cv2.contourArea(contour)
    if holes < 0.6 * area or not 0.66 <= area / max(w * h, 1) <= 0.88:
        return False  # a rectangle's outline fills its box; an oval about pi/4 of it
    (_, _), (a, b), _ = cv2.fitEllipse(contour)
    ellipse = math.pi * a * b / 4
    return ellipse > 0 and 0.85 <= area / ellipse <= 1.15
