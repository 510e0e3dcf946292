"""Drawing a held-out form with reportlab in layouts the development generator never draws.

grid: bordered cells sharing their edges, the label in small capitals in each cell's top-left
corner and the value in the same cell; caption: the value written over a rule with its label
under it (signature-line style); rule: "LABEL ______" with the value on the rule in a
handwriting-like face; field_table: a ruled "Field | Value" table; sections: numbered
headings ("1. Patient Information") over "Label: value" lines whose labels may be bare
("Name", "NPI #") because the heading says whose they are.

Every page carries a fax header line across its top and a "Page x of y" footer; the form
also prints things no schema knows (office contact, form number). Choices are ticked as
☐/☒ glyphs, "[X]"/"[ ]", "(X)"/"( )" or drawn boxes.
"""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from reportlab.lib.pagesizes import letter
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from casework.letters.fonts import BODY, register_body_fonts
from tests.forms.generator.layouts import Item, draw_cover, wrap

LAYOUTS = ("grid", "caption", "rule", "field_table", "sections")
WIDTH, HEIGHT = letter
MARGIN = 50.0
FONT, BOLD, HAND = "Helvetica", "Helvetica-Bold", "Times-Italic"
GLYPHS = BODY  # the bundled DejaVu Sans has the ballot boxes
MARKS = ("glyph", "bracket", "paren", "drawn")


@dataclass
class Section:
    """A numbered part of the form and the items under it."""

    heading: str
    items: list[Item]


@dataclass
class Sheet:
    """A whole held-out form: its sections, fax header and extras."""

    title: str
    sections: list[Section]
    fax_from: str
    fax_time: str
    extras: list[tuple[str, str]] = field(default_factory=list)  # fields no schema knows
    letterhead: str = "Sierra Foothills Medical Group"


class Pen:
    """Draws on pages, starting a new one (with its header) when the page is full."""

    def __init__(self, canvas: Canvas, sheet: Sheet, rnd: random.Random, pages: int) -> None:
        self.c = canvas
        self.sheet = sheet
        self.rnd = rnd
        self.pages = pages
        self.page = 0
        self.y = 0.0
        self.mark = rnd.choice(MARKS)
        register_body_fonts()
        self.new_page()

    def new_page(self) -> None:
        if self.page:
            self.c.showPage()
        self.page += 1
        self.c.setFont("Courier", 8)
        self.c.drawString(MARGIN - 20, HEIGHT - 16,
                          f"FROM: {self.sheet.fax_from}   TO: 5595550100   {self.sheet.fax_time}"
                          f"   P.{self.page:03d}/{self.pages:03d}")
        self.c.setFont(FONT, 7.5)
        self.c.drawCentredString(WIDTH / 2, 24, f"Page {self.page} of {self.pages}")
        self.c.drawString(MARGIN, 24, "Form SFMG-114 (rev. 03/2025)")
        self.y = HEIGHT - 44

    def need(self, height: float) -> None:
        if self.y - height < 60:
            self.new_page()

    def options(self, x: float, y: float, options: list[tuple[str, bool]], size: float,
                limit: float) -> float:
        """Options from x on baseline y, wrapping before `limit`; returns the last baseline."""
        start = x
        for word, ticked in options:
            mark = {"glyph": "☒" if ticked else "☐", "bracket": "[X]" if ticked else "[ ]",
                    "paren": "(X)" if ticked else "( )", "drawn": ""}[self.mark]
            width = stringWidth(f"{mark or '[X]'} {word}", FONT, size) + 14
            if x + width > limit and x > start:
                x, y = start, y - size * 1.6
            if self.mark == "drawn":
                box = size * 0.9
                self.c.setLineWidth(0.8)
                self.c.rect(x, y - 1, box, box)
                if ticked:
                    self.c.line(x + 1.5, y + 0.5, x + box - 1.5, y + box - 2.5)
                    self.c.line(x + 1.5, y + box - 2.5, x + box - 1.5, y + 0.5)
                x += box + 4
            else:
                face = GLYPHS if self.mark == "glyph" else FONT
                self.c.setFont(face, size + (1 if self.mark == "glyph" else 0))
                self.c.drawString(x, y, mark)
                x += stringWidth(mark, face, size) + 4
            self.c.setFont(FONT, size)
            self.c.drawString(x, y, word)
            x += stringWidth(word, FONT, size) + 14
        return y

    def value(self, x: float, y: float, item: Item, width: float, size: float,
              face: str = FONT) -> float:
        """Options or wrapped text from baseline y; returns the baseline after the last line."""
        if item.options:
            return self.options(x, y, item.options, size, x + width) - size * 1.5
        self.c.setFont(face, size)
        for line in wrap(item.value, width, size) or [""]:
            self.c.drawString(x, y, line)
            y -= size * 1.35
        return y


def _rows(items: list[Item], per_row: int) -> list[list[Item]]:
    rows: list[list[Item]] = []
    for item in items:
        if rows and len(rows[-1]) < per_row and not item.wide and not rows[-1][0].wide:
            rows[-1].append(item)
        else:
            rows.append([item])
    return rows


def _lines(item: Item, width: float, size: float) -> int:
    """Lines the item's value needs in `width` (options wrap too)."""
    if item.options:
        printed = sum(stringWidth(f"[X] {word}", FONT, size) + 14 for word, _ in item.options)
        return max(1, int(printed // max(width, 1.0)) + 1)
    return max(1, len(wrap(item.value, width, size))) if item.long else 1


def draw_grid(pen: Pen, items: list[Item]) -> None:
    small, size = 6.8, 10.0
    for row in _rows(items, 3):
        width = (WIDTH - 2 * MARGIN) / len(row)
        height = 30 + (max(_lines(i, width - 10, size) for i in row) - 1) * size * 1.35
        pen.need(height)
        for index, item in enumerate(row):
            x = MARGIN + index * width
            pen.c.setLineWidth(0.7)
            pen.c.rect(x, pen.y - height, width, height)
            pen.c.setFont(FONT, small)
            pen.c.drawString(x + 3, pen.y - 8, item.label.upper())
            pen.value(x + 6, pen.y - 21, item, width - 12, size)
        pen.y -= height


def draw_caption(pen: Pen, items: list[Item]) -> None:
    size = 11.0
    for row in _rows(items, 2):
        gap = 24.0
        width = (WIDTH - 2 * MARGIN - gap * (len(row) - 1)) / len(row)
        lines = max(_lines(i, width, size) for i in row)
        pen.need(30 + lines * size * 1.35)
        bottom = pen.y - (lines - 1) * size * 1.35
        for index, item in enumerate(row):
            x = MARGIN + index * (width + gap)
            pen.value(x + 2, pen.y, item, width - 4, size, HAND if not item.options else FONT)
            pen.c.setLineWidth(0.6)
            pen.c.line(x, bottom - 4, x + width, bottom - 4)
            pen.c.setFont(FONT, 7.5)
            pen.c.drawString(x, bottom - 13, item.label)
        pen.y = bottom - 36


def draw_rule(pen: Pen, items: list[Item]) -> None:
    size = 10.0
    for row in _rows(items, 2):
        width = (WIDTH - 2 * MARGIN - 20 * (len(row) - 1)) / len(row)
        lines = 1
        for index, item in enumerate(row):
            x = MARGIN + index * (width + 20)
            pen.need(24)
            pen.c.setFont(BOLD, size)
            pen.c.drawString(x, pen.y, item.label)
            start = x + stringWidth(item.label, BOLD, size) + 6
            pen.c.setLineWidth(0.5)
            pen.c.line(start, pen.y - 2, x + width, pen.y - 2)
            if item.options:
                pen.options(start + 4, pen.y, item.options, size, x + width)
                continue
            text = wrap(item.value, x + width - start - 8, size + 1) or [""]
            pen.c.setFont(HAND, size + 1)
            pen.c.drawString(start + 6, pen.y + 1, text[0])
            rest = wrap(" ".join(text[1:]), width, size + 1)
            for number, line in enumerate(rest, start=1):
                pen.c.line(x, pen.y - 2 - number * 16, x + width, pen.y - 2 - number * 16)
                pen.c.drawString(x + 6, pen.y + 1 - number * 16, line)
            lines = max(lines, 1 + len(rest))
        pen.y -= 16 * lines + 12


def draw_field_table(pen: Pen, items: list[Item]) -> None:
    size, split = 10.0, MARGIN + 200
    pen.need(40)
    pen.c.setFillGray(0.88)
    pen.c.rect(MARGIN, pen.y - 6, WIDTH - 2 * MARGIN, 18, fill=1, stroke=1)
    pen.c.setFillGray(0)
    pen.c.setFont(BOLD, size)
    pen.c.drawString(MARGIN + 5, pen.y, "Field")
    pen.c.drawString(split + 6, pen.y, "Value")
    pen.c.line(split, pen.y - 6, split, pen.y + 12)
    pen.y -= 24
    for item in items:
        lines = _lines(item, WIDTH - MARGIN - split - 12, size)
        height = 8 + lines * size * 1.35
        pen.need(height)
        top = pen.y + size + 2
        pen.c.setFont(FONT, size)
        pen.c.drawString(MARGIN + 5, pen.y, item.label)
        pen.value(split + 6, pen.y, item, WIDTH - MARGIN - split - 12, size)
        pen.c.setLineWidth(0.6)
        pen.c.rect(MARGIN, top - height, WIDTH - 2 * MARGIN, height)
        pen.c.line(split, top, split, top - height)
        pen.y -= height


def draw_inline(pen: Pen, items: list[Item]) -> None:
    size = 10.0
    for item in items:
        colon = "" if item.label.endswith(("#", ".", "?")) else ":"
        label = f"{item.label}{colon}"
        lines = _lines(item, WIDTH - 2 * MARGIN - 160, size)
        pen.need(lines * size * 1.4 + 6)
        pen.c.setFont(BOLD, size)
        pen.c.drawString(MARGIN + 12, pen.y, label)
        x = MARGIN + 12 + max(150.0, stringWidth(label, BOLD, size) + 8)
        bottom = pen.value(x, pen.y, item, WIDTH - MARGIN - x, size)
        pen.y = min(bottom, pen.y - size * 1.35) - 7


def _draw_sections(pen: Pen, sheet: Sheet, body: Callable[[Pen, list[Item]], None],
                   numbered: bool) -> None:
    for number, section in enumerate(sheet.sections, start=1):
        pen.need(60)
        pen.c.setFont(BOLD, 11.5)
        heading = f"{number}. {section.heading}" if numbered else section.heading.upper()
        pen.c.drawString(MARGIN, pen.y, heading)
        pen.c.setLineWidth(1.0)
        pen.c.line(MARGIN, pen.y - 4, WIDTH - MARGIN, pen.y - 4)
        pen.y -= 22
        body(pen, section.items)
        pen.y -= 10


DRAWERS: dict[str, Callable[[Pen, list[Item]], None]] = {
    "grid": draw_grid, "caption": draw_caption, "rule": draw_rule,
    "field_table": draw_field_table, "sections": draw_inline,
}


def _draw(canvas: Canvas, sheet: Sheet, layout: str, rnd: random.Random, pages: int) -> int:
    pen = Pen(canvas, sheet, rnd, pages)
    pen.c.setFont(FONT, 8.5)
    pen.c.drawString(MARGIN, pen.y, sheet.letterhead + " · 1200 W Shaw Ave, Fresno CA")
    pen.y -= 26
    pen.c.setFont(BOLD, 15)
    pen.c.drawString(MARGIN, pen.y, sheet.title)
    pen.y -= 28
    _draw_sections(pen, sheet, DRAWERS[layout], numbered=layout == "sections")
    pen.need(30)
    pen.c.setFont(FONT, 9)
    pen.c.drawString(MARGIN, pen.y, "   ".join(f"{k}: {v}" for k, v in sheet.extras))
    canvas.showPage()
    return pen.page


def render_sheet(sheet: Sheet, layout: str, seed: str,
                 cover: list[tuple[str, str]] | None = None) -> bytes:
    """The form as a born-digital PDF (twice: once to count its pages for the headers)."""
    pages = 1
    for _ in range(2):
        buffer = io.BytesIO()
        canvas = Canvas(buffer, pagesize=letter)
        rnd = random.Random(seed)
        if cover is not None:
            draw_cover(canvas, cover, rnd)
            canvas.showPage()
        drawn = _draw(canvas, sheet, layout, rnd, pages)
        canvas.save()
        if drawn == pages:
            break
        pages = drawn
    return buffer.getvalue()
