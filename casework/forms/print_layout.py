"""Where each field of a printable blank form goes: a grid of labelled boxes, page by page.

The layout is the one our extractor reads best: each label printed once, alone above its
box, so it is found as a label and the answer under it is read as its value; boxes side by
side in a row, so the next label on the row bounds the answer; tick boxes printed before
their option words; free text in a tall box of its own. Sizes are PDF points (1/72 inch),
origin at the bottom left of a US letter page.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.pagesizes import letter
from reportlab.pdfbase.pdfmetrics import stringWidth

from casework.forms.print_wording import SIGNATURE, PrintedField, PrintedForm

PAGE_WIDTH, PAGE_HEIGHT = letter
MARGIN = 42.0
FONT, BOLD = "Helvetica", "Helvetica-Bold"
LABEL_SIZE = 10.0
OPTION_SIZE = 10.5
TICK_BOX = 10.0
TICK_GAP = 7.0  # box to word: nearer, OCR glues the box to a short word ("Sí")
LINE_PITCH = 20.0  # between written lines of a free-text box
BOX_HEIGHT = 26.0  # a one-line answer box: room for handwriting
LABEL_GAP = 3.5  # label baseline above its box
ROW_GAP = 15.0  # between one row's boxes and the next row's labels
COLUMN_GAP = 10.0
GRID = 12  # a row is 12 units wide
HEADER_HEIGHT = 118.0  # first page: plan, title, instructions, return fax
CONTINUED_HEIGHT = 84.0  # later pages: plan and title
FOOTER_HEIGHT = 30.0
QR_SIZE = 72.0  # one inch: survives a standard (98 dpi) fax with room to spare

# Units of the 12-unit grid a field of each type takes at least: enough for what is written
# there (a name, ten digits, a list of codes) in an ordinary hand.
_SPANS = {"name": 6, "text": 6, "address": 6, "date": 3, "time": 3, "phone": 3, "npi": 3,
          "member_id": 3, "identifier": 4, "icd10_list": 6, "procedure_list": 6, "integer": 2,
          SIGNATURE: 9}


@dataclass(frozen=True)
class Rect:
    """A rectangle: left, bottom, width and height."""

    x: float
    y: float
    width: float
    height: float

    @property
    def top(self) -> float:
        return self.y + self.height


@dataclass(frozen=True)
class PlacedOption:
    """A tick box and the option word printed after it."""

    value: str
    word: str
    box: Rect


@dataclass(frozen=True)
class PlacedField:
    """A field on the page: its label's baseline start, its answer box, its tick boxes."""

    field: PrintedField
    label_x: float
    label_y: float
    box: Rect
    options: tuple[PlacedOption, ...] = ()

    def line_baselines(self) -> list[float]:
        """Where the written lines of the box run, top first."""
        if self.field.lines == 1:
            return [self.box.y + 8.0]
        first = self.box.top - LINE_PITCH + 5.0
        return [first - i * LINE_PITCH for i in range(self.field.lines)]


@dataclass(frozen=True)
class PlannedPage:
    """One page's fields and whether it carries the full header."""

    number: int
    fields: tuple[PlacedField, ...]

    @property
    def first(self) -> bool:
        return self.number == 1


@dataclass(frozen=True)
class FormLayout:
    """Every page of one blank form."""

    form: PrintedForm
    pages: tuple[PlannedPage, ...]


OPTION_LINE = TICK_BOX + 12.0  # one line of tick boxes
OPTION_SPACE = 18.0  # after an option's word, before the next option's box


def _option_width(word: str) -> float:
    return TICK_BOX + TICK_GAP + float(stringWidth(word, FONT, OPTION_SIZE)) + OPTION_SPACE


def _options_width(field: PrintedField) -> float:
    return sum(_option_width(word) for _, word in field.options)


def _option_lines(field: PrintedField, width: float) -> list[list[tuple[str, str]]]:
    """The options in order, as many to a line as fit the box's width (never splitting one
    option from its box)."""
    lines: list[list[tuple[str, str]]] = [[]]
    used = 0.0
    for value, word in field.options:
        needed = _option_width(word)
        if lines[-1] and used + needed - OPTION_SPACE > width - 2:  # no space after the last
            lines.append([])
            used = 0.0
        lines[-1].append((value, word))
        used += needed
    return lines


def _span(field: PrintedField) -> int:
    """Grid units the field needs: by its type, widened for a long label or many options."""
    unit = (PAGE_WIDTH - 2 * MARGIN) / GRID
    if field.type == "text" and field.lines > 1:
        return GRID
    base = _SPANS.get(field.type, 3)
    needed = stringWidth(field.label, BOLD, LABEL_SIZE) + 8
    if field.options:
        needed = max(needed, _options_width(field))
    return min(GRID, max(base, int(-(-needed // unit))))


def _box_height(field: PrintedField, width: float) -> float:
    if field.options:
        return OPTION_LINE * len(_option_lines(field, width))
    if field.lines > 1:
        return field.lines * LINE_PITCH + 6.0
    return BOX_HEIGHT


def _rows(fields: tuple[PrintedField, ...]) -> list[list[tuple[PrintedField, int]]]:
    """Fields in schema order packed into rows of the grid."""
    rows: list[list[tuple[PrintedField, int]]] = []
    used = GRID
    for field in fields:
        span = _span(field)
        if used + span > GRID or field.type == SIGNATURE:  # a signature starts the last row
            rows.append([])
            used = 0
        rows[-1].append((field, span))
        used += span
    return rows


def _place_row(row: list[tuple[PrintedField, int]], top: float) -> tuple[list[PlacedField], float]:
    """The row's fields from `top` down, stretched to the full width; returns the row bottom."""
    width = PAGE_WIDTH - 2 * MARGIN - COLUMN_GAP * (len(row) - 1)
    units = sum(span for _, span in row)
    widths = [width * span / units for _, span in row]
    height = max(_box_height(field, w) for (field, _), w in zip(row, widths, strict=True))
    label_y = top - LABEL_SIZE
    box_top = label_y - LABEL_GAP
    placed = []
    x = MARGIN
    for (field, _span_units), box_width in zip(row, widths, strict=True):
        box = Rect(x, box_top - height, box_width, height)
        placed.append(PlacedField(field, x + 1, label_y, box, _place_options(field, box)))
        x += box_width + COLUMN_GAP
    return placed, box_top - height


def _place_options(field: PrintedField, box: Rect) -> tuple[PlacedOption, ...]:
    """Tick boxes in the middle of the box, or line by line from its top when they need more
    than one line."""
    lines = _option_lines(field, box.width)
    placed = []
    for number, line in enumerate(lines):
        x = box.x + 2
        y = (box.y + (box.height - TICK_BOX) / 2 if len(lines) == 1 else
             box.top - (number + 1) * OPTION_LINE + (OPTION_LINE - TICK_BOX) / 2)
        for value, word in line:
            placed.append(PlacedOption(value, word, Rect(x, y, TICK_BOX, TICK_BOX)))
            x += _option_width(word)
    return tuple(placed)


def lay_out(form: PrintedForm) -> FormLayout:
    """The form's fields placed on as many pages as they need."""
    pages: list[list[PlacedField]] = [[]]
    top = PAGE_HEIGHT - MARGIN - HEADER_HEIGHT
    for row in _rows(form.fields):
        placed, bottom = _place_row(row, top)
        if bottom < MARGIN + FOOTER_HEIGHT and pages[-1]:
            pages.append([])
            top = PAGE_HEIGHT - MARGIN - CONTINUED_HEIGHT
            placed, bottom = _place_row(row, top)
        pages[-1].extend(placed)
        top = bottom - ROW_GAP
    return FormLayout(form, tuple(PlannedPage(i, tuple(fields))
                                  for i, fields in enumerate(pages, start=1)))
