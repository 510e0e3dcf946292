"""Ruled lines printed on a form and what they say about fields.

Forms draw their structure: bordered cells holding a label in a corner and its value below
it, rules a value is written on ("Name ________"), rules with a caption under them
(signature-line style), headings underlined across the page. Words alone cannot tell these
apart; the lines can. The lines and the cells they close come from the page's geometry
(`geometry`), found once per page.
"""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image

from casework.forms.checkboxes import PageImage
from casework.forms.geometry import Line, PageGeometry, find_geometry
from ocr import Box


@dataclass(frozen=True)
class PageRules:
    """A page's horizontal and vertical lines."""

    horizontal: tuple[Line, ...]
    vertical: tuple[Line, ...]
    width: float
    unit: float  # the page's text height, the measure of every distance here
    geometry: PageGeometry | None = None  # the cells and tick boxes the lines make

    def cell(self, box: Box) -> Box | None:
        """The closed bordered cell `box` sits in, or None when it is not in one."""
        if self.geometry is not None:
            found = self.geometry.cell_at(box)
            if found is None or found.y1 - found.y0 > 12 * self.unit:
                return None
            return found
        middle_x, middle_y = (box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2
        slack = 0.3 * self.unit
        across = [v for v in self.vertical if v.y0 - slack <= middle_y <= v.y1 + slack]
        lefts = [v for v in across if v.x <= box.x0 + slack]
        rights = [v for v in across if v.x >= box.x1 - slack]
        spans = [h for h in self.horizontal if h.x0 - slack <= middle_x <= h.x1 + slack]
        tops = [h for h in spans if h.y <= box.y0 + slack]
        bottoms = [h for h in spans if h.y >= box.y1 - slack]
        if not (lefts and rights and tops and bottoms):
            return None
        left, right = max(lefts, key=lambda v: v.x), min(rights, key=lambda v: v.x)
        top, bottom = max(tops, key=lambda h: h.y), min(bottoms, key=lambda h: h.y)
        if bottom.y - top.y > 12 * self.unit:
            return None
        closed = (left.y0 <= top.y + slack and left.y1 >= bottom.y - slack
                  and right.y0 <= top.y + slack and right.y1 >= bottom.y - slack)
        return Box(left.x, top.y, right.x, bottom.y) if closed else None

    def tick_box_between(self, left: Box, right: Box) -> bool:
        """A tick box printed between two boxes on one line."""
        if self.geometry is None:
            return False
        middle = (left.y0 + left.y1 + right.y0 + right.y1) / 4
        return any(left.x1 - 1 <= t.box.x0 and t.box.x1 <= right.x0 + 1
                   and t.box.y0 - 0.3 * self.unit <= middle <= t.box.y1 + 0.3 * self.unit
                   for t in self.geometry.tick_boxes)

    def rule_above(self, box: Box) -> Line | None:
        """A rule just over `box` with nothing boxing it in: the line a caption sits under."""
        middle = (box.x0 + box.x1) / 2
        near = [h for h in self.horizontal if h.x0 <= middle <= h.x1
                and box.y0 - 0.8 * self.unit <= h.y <= box.y0 + 0.1 * self.unit]
        return max(near, key=lambda h: h.y) if near else None

    def rule_after(self, box: Box) -> Line | None:
        """A rule starting right after `box` at its foot: the line its value is written on."""
        near = [h for h in self.horizontal
                if box.x1 - 0.5 * self.unit <= h.x0 <= box.x1 + 2 * self.unit
                and (box.y0 + box.y1) / 2 <= h.y <= box.y1 + 0.6 * self.unit]
        if not near:
            return None
        rule = min(near, key=lambda h: h.x0)
        # The same line running on under the label is a box's edge, not a line to write on.
        under = any(abs(h.y - rule.y) <= 0.3 * self.unit and h.x0 < box.x1 - self.unit
                    for h in self.horizontal)
        return None if under else rule

    def _box_top(self, line: Line) -> bool:
        """The line is the top of a box (sides hang from its ends), not an underline."""
        slack = 0.5 * self.unit
        return any(abs(v.y0 - line.y) <= slack and v.y1 - line.y > slack
                   and (abs(v.x - line.x0) <= slack or abs(v.x - line.x1) <= slack)
                   for v in self.vertical)

    def underlines(self, box: Box) -> bool:
        """A rule across most of the page just under `box`: `box` is a heading. A faxed
        rule may have faded into pieces; pieces covering half its span count."""
        under = [h for h in self.horizontal
                 if box.y1 - 0.2 * self.unit <= h.y <= box.y1 + 0.9 * self.unit
                 and not self._box_top(h)]
        if not under or min(h.x0 for h in under) > box.x0 + self.unit:
            return False
        span = max(h.x1 for h in under) - min(h.x0 for h in under)
        inked = sum(h.x1 - h.x0 for h in under)
        return span >= 0.6 * self.width and inked >= 0.5 * span


def page_rules(image: PageImage, unit: float) -> PageRules:
    """The lines on a page, from the page's geometry (found once, see `geometry`)."""
    geometry = image.geometry(unit)
    return PageRules(geometry.horizontal, geometry.vertical, geometry.width, unit, geometry)


def find_rules(gray: Image.Image | None, unit: float) -> PageRules:
    """The lines on a page image (no lines when there is no image)."""
    geometry = find_geometry(gray, unit)
    return PageRules(geometry.horizontal, geometry.vertical, geometry.width, unit, geometry)
