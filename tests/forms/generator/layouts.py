"""Drawing a filled form with reportlab in one of four layouts.

inline: "Label: value" rows, sometimes two pairs a row; boxes: small-capital labels above
boxed cells; two_column: a ruled label column beside a value column; table: header cells of
labels over value cells. Choices are printed as checkboxes ticked with an X, a check mark or
a filled square, or as text marks ("[X] Expedited").
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass, field

from reportlab.lib.pagesizes import letter
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

LAYOUTS = ("inline", "boxes", "two_column", "table")
WIDTH, HEIGHT = letter
MARGIN = 54.0
FONT, BOLD = "Helvetica", "Helvetica-Bold"
LONG_TYPES = ("text",)


@dataclass
class Item:
    """One field as it goes on the page."""

    label: str
    value: str = ""  # printed text; empty for a left-blank field
    options: list[tuple[str, bool]] = field(default_factory=list)  # choices: (word, ticked)
    long: bool = False  # free text that may wrap

    @property
    def wide(self) -> bool:
        """Needs a row of its own in boxed and table layouts."""
        printed = sum(len(word) + 6 for word, _ in self.options)
        return self.long or printed > 26 or len(self.value) > 24


@dataclass
class Page:
    title: str
    items: list[Item]
    letterhead: str = "Central Valley Health Plan"


def wrap(text: str, width: float, size: float) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if stringWidth(trial, FONT, size) > width and current:
            lines.append(current)
            current = word
        else:
            current = trial
    return [*lines, current] if current else lines


class Drawer:
    """Draws items on a canvas, keeping a cursor down the page."""

    def __init__(self, canvas: Canvas, rnd: random.Random) -> None:
        self.c = canvas
        self.rnd = rnd
        self.y = HEIGHT - MARGIN
        self.mark_style = rnd.choice(["x", "check", "fill", "text"])

    def heading(self, page: Page) -> None:
        self.c.setFont(FONT, 9)
        self.c.drawString(MARGIN, self.y, page.letterhead)
        self.y -= 26
        self.c.setFont(BOLD, 15)
        self.c.drawString(MARGIN, self.y, page.title)
        self.y -= 30

    def options(self, x: float, y: float, options: list[tuple[str, bool]], size: float,
                limit: float = WIDTH - MARGIN) -> float:
        """Checkbox options from x on baseline y, wrapping before `limit`; returns the last
        baseline used."""
        start = x
        for word, ticked in options:
            needed = stringWidth(f"[X] {word}", FONT, size) + 4
            if x + needed > limit and x > start:
                x, y = start, y - size * 1.7
            if self.mark_style == "text":
                mark = "[X] " if ticked else "[ ] "
                self.c.setFont(FONT, size)
                self.c.drawString(x, y, mark + word)
                x += stringWidth(mark + word, FONT, size) + 14
                continue
            box = size * 0.9
            self.c.setLineWidth(0.8)
            self.c.rect(x, y - 1, box, box)
            if ticked:
                self._tick(x, y - 1, box)
            self.c.setFont(FONT, size)
            self.c.drawString(x + box + 4, y, word)
            x += box + 4 + stringWidth(word, FONT, size) + 14
        return y

    def _tick(self, x: float, y: float, box: float) -> None:
        self.c.setLineWidth(1.4)
        if self.mark_style == "x":
            self.c.line(x + 1.5, y + 1.5, x + box - 1.5, y + box - 1.5)
            self.c.line(x + 1.5, y + box - 1.5, x + box - 1.5, y + 1.5)
        elif self.mark_style == "check":
            path = self.c.beginPath()
            path.moveTo(x + 1.5, y + box * 0.5)
            path.lineTo(x + box * 0.4, y + 1.5)
            path.lineTo(x + box - 1, y + box - 1)
            self.c.drawPath(path)
        else:
            self.c.rect(x + 2, y + 2, box - 4, box - 4, fill=1)
        self.c.setLineWidth(0.8)

    def value_text(self, x: float, y: float, item: Item, width: float, size: float) -> float:
        """Draw a value (options, or wrapped text) from baseline y; returns the y after it."""
        if item.options:
            return self.options(x, y, item.options, size, x + width) - size * 1.6
        lines = wrap(item.value, width, size) or [""]
        self.c.setFont(FONT, size)
        for line in lines:
            self.c.drawString(x, y, line)
            y -= size * 1.35
        return y


def draw_inline(d: Drawer, page: Page) -> None:
    size = 10.5
    items = list(page.items)
    while items:
        item = items.pop(0)
        d.c.setFont(BOLD, size)
        label = f"{item.label}:"
        if item.long and d.rnd.random() < 0.5:
            d.c.drawString(MARGIN, d.y, label)
            d.y = d.value_text(MARGIN, d.y - size * 1.4, item, WIDTH - 2 * MARGIN, size) - 8
            continue
        pair = (not item.wide and items and not items[0].wide and not item.options
                and not items[0].options and d.rnd.random() < 0.5)
        width = (WIDTH / 2 - MARGIN - 10) if pair else WIDTH - 2 * MARGIN
        x = MARGIN + stringWidth(label, BOLD, size) + 6
        d.c.drawString(MARGIN, d.y, label)
        bottom = d.value_text(x, d.y, item, width - (x - MARGIN), size)
        if pair:
            other = items.pop(0)
            d.c.setFont(BOLD, size)
            d.c.drawString(WIDTH / 2 + 10, d.y, f"{other.label}:")
            ox = WIDTH / 2 + 10 + stringWidth(f"{other.label}:", BOLD, size) + 6
            d.value_text(ox, d.y, other, WIDTH - MARGIN - ox, size)
        d.y = min(bottom, d.y - size * 1.4) - 9


def draw_boxes(d: Drawer, page: Page) -> None:
    small, size, cell_h = 8.0, 10.5, 22.0
    items = list(page.items)
    while items:
        row = [items.pop(0)]
        per_row = 1 if row[0].wide else 3
        while len(row) < per_row and items and not items[0].wide:
            row.append(items.pop(0))
        width = (WIDTH - 2 * MARGIN - 8 * (len(row) - 1)) / len(row)
        lines = max(1, len(wrap(row[0].value, width - 8, size))) if row[0].long else 1
        height = cell_h + (lines - 1) * size * 1.35
        for i, item in enumerate(row):
            x = MARGIN + i * (width + 8)
            d.c.setFont(FONT, small)
            d.c.drawString(x + 1, d.y, item.label.upper())
            d.c.setLineWidth(0.6)
            d.c.rect(x, d.y - 4 - height, width, height)
            d.value_text(x + 5, d.y - 4 - 14, item, width - 10, size)
        d.y -= height + 26


def draw_two_column(d: Drawer, page: Page) -> None:
    size, split = 10.5, MARGIN + 190
    d.c.setLineWidth(0.6)
    d.c.line(MARGIN, d.y + 14, WIDTH - MARGIN, d.y + 14)
    for item in page.items:
        top = d.y + 14
        d.c.setFont(FONT, size)
        d.c.drawString(MARGIN + 5, d.y, item.label)
        bottom = d.value_text(split + 8, d.y, item, WIDTH - MARGIN - split - 14, size)
        row_bottom = min(bottom, d.y - size * 1.35) + 5
        d.c.line(MARGIN, row_bottom, WIDTH - MARGIN, row_bottom)
        d.c.line(MARGIN, top, MARGIN, row_bottom)
        d.c.line(split, top, split, row_bottom)
        d.c.line(WIDTH - MARGIN, top, WIDTH - MARGIN, row_bottom)
        d.y = row_bottom - 14


def draw_table(d: Drawer, page: Page) -> None:
    size, head = 10.0, 9.0
    items = list(page.items)
    while items:
        band = [items.pop(0)]
        limit = 1 if band[0].wide else 3
        while len(band) < limit and items and not items[0].wide:
            band.append(items.pop(0))
        width = (WIDTH - 2 * MARGIN) / len(band)
        lines = len(wrap(band[0].value, width - 10, size)) if band[0].long else 1
        value_h = 20 + (max(lines, 1) - 1) * size * 1.35
        d.c.setLineWidth(0.6)
        for i, item in enumerate(band):
            x = MARGIN + i * width
            d.c.rect(x, d.y - 6, width, 20)
            d.c.rect(x, d.y - 6 - value_h, width, value_h)
            d.c.setFont(BOLD, head)
            d.c.drawString(x + 5, d.y, item.label)
            d.value_text(x + 5, d.y - 20, item, width - 10, size)
        d.y -= 20 + value_h + 18


DRAWERS = {"inline": draw_inline, "boxes": draw_boxes, "two_column": draw_two_column,
           "table": draw_table}


def draw_cover(c: Canvas, lines: list[tuple[str, str]], rnd: random.Random) -> None:
    y = HEIGHT - 80
    c.setFont(BOLD, 26)
    c.drawString(MARGIN, y, rnd.choice(["FAX COVER SHEET", "FAX", "Facsimile Cover Sheet"]))
    y -= 50
    for label, value in lines:
        c.setFont(BOLD, 12)
        c.drawString(MARGIN, y, f"{label}:")
        c.setFont(FONT, 12)
        c.drawString(MARGIN + 110, y, value)
        y -= 26
    c.setFont(FONT, 9)
    notice = ("CONFIDENTIALITY NOTICE: This facsimile contains protected health information. "
              "Received in error? Notify the sender and destroy all copies.")
    for line in wrap(notice, WIDTH - 2 * MARGIN, 9):
        y -= 13
        c.drawString(MARGIN, y - 20, line)


def render_pdf(page: Page, layout: str, rnd: random.Random,
               cover: list[tuple[str, str]] | None = None) -> bytes:
    """The form (after an optional cover page) as a born-digital PDF."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=letter)
    if cover is not None:
        draw_cover(canvas, cover, rnd)
        canvas.showPage()
    drawer = Drawer(canvas, rnd)
    drawer.heading(page)
    DRAWERS[layout](drawer, page)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
