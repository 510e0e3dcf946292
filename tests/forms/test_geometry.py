"""The page geometry finds what a form draws, where it is drawn, on scans and faxes alike.

One reportlab page holds the structures forms are built of: boxed cells with a small caption
at their top, a ruled table, a "Label ____" line, a caption under a rule, and tick boxes
(square and round) ticked with an X, a check mark and a fill, left empty, or an option
circled by hand. It is read with the real reader as born-digital PDF, 300-dpi scan, fine and
standard fax, and the geometry must find each thing within a text height of where it was drawn.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen.canvas import Canvas

from casework.forms.checkboxes import PageImage, ticked
from casework.forms.geometry import PageGeometry
from casework.forms.page_layout import build_layout
from casework.forms.rules import page_rules
from ocr import Box, PageReading, ReadSettings, Word, read_document
from tests.forms.conftest import check
from tests.forms.generator.corpus import GeneratedForm, make_form, write_variant

WIDTH, HEIGHT = letter
LEFT = 54.0

CAPTIONS = (("MEMBER NAME", "Rosa Delgado"), ("DATE OF BIRTH", "03/14/1961"),
            ("MEMBER ID", "91234567A"), ("REQUESTING NPI", "1234567893"),
            ("PHONE", "(559) 555-0142"), ("FAX", "(559) 555-0199"))
CELL_W, CELL_H, GRID_TOP = 168.0, 34.0, 700.0
TABLE = (("Diagnosis", "J45.909"), ("Procedure", "94640"), ("Units", "12"))
TABLE_TOP, TABLE_ROW, TABLE_SPLIT, TABLE_RIGHT = 590.0, 22.0, 150.0, 400.0
SIGN_Y, RULE_Y = 490.0, 440.0

# Tick boxes: (word, how it is marked, round?)
TICKS = (("Urgent", "x", False), ("Routine", "check", False), ("Retro", "fill", False),
         ("Other", "", False), ("Yes", "fill", True), ("No", "", True))
TICK_Y, TICK_SIZE = 380.0, 9.5
CIRCLE_Y = 340.0


@dataclass(frozen=True)
class Drawn:
    """Where things were drawn, in PDF points (origin bottom-left)."""

    cells: list[tuple[float, float, float, float]]  # x0, y_top, x1, y_bottom
    ticks: list[tuple[str, bool, bool, float, float]]  # word, marked, round, x0, y0


def _draw() -> tuple[bytes, Drawn]:
    buffer = io.BytesIO()
    c = Canvas(buffer, pagesize=letter)
    c.setFont("Helvetica-Bold", 14)
    c.drawString(LEFT, 740, "Service Request")
    cells = []
    c.setLineWidth(0.7)
    for i, (caption, value) in enumerate(CAPTIONS):
        x, top = LEFT + (i % 3) * CELL_W, GRID_TOP - (i // 3) * CELL_H
        c.rect(x, top - CELL_H, CELL_W, CELL_H)
        c.setFont("Helvetica", 7)
        c.drawString(x + 3, top - 9, caption)
        c.setFont("Helvetica", 10.5)
        c.drawString(x + 5, top - 25, value)
        cells.append((x, top, x + CELL_W, top - CELL_H))
    for k, (label, value) in enumerate(TABLE):
        top = TABLE_TOP - k * TABLE_ROW
        for x0, x1 in ((LEFT, LEFT + TABLE_SPLIT), (LEFT + TABLE_SPLIT, LEFT + TABLE_RIGHT)):
            c.rect(x0, top - TABLE_ROW, x1 - x0, TABLE_ROW)
            cells.append((x0, top, x1, top - TABLE_ROW))
        c.setFont("Helvetica-Bold", 10)
        c.drawString(LEFT + 5, top - 15, label)
        c.setFont("Helvetica", 10)
        c.drawString(LEFT + TABLE_SPLIT + 5, top - 15, value)
    c.setFont("Helvetica", 10.5)
    c.drawString(LEFT, SIGN_Y, "Signature")  # a line to write on after its label
    c.line(LEFT + 52, SIGN_Y - 2, LEFT + 300, SIGN_Y - 2)
    c.drawString(LEFT + 4, RULE_Y + 3, "11/02/2026")  # written on a rule, captioned below
    c.line(LEFT, RULE_Y, LEFT + 200, RULE_Y)
    c.setFont("Helvetica", 7)
    c.drawString(LEFT, RULE_Y - 9, "Caption below")
    ticks = []
    x = LEFT
    for word, mark, round_ in TICKS:
        s = TICK_SIZE
        c.setLineWidth(0.8)
        if round_:
            c.circle(x + s / 2, TICK_Y + s / 2, s / 2)
            if mark:
                c.circle(x + s / 2, TICK_Y + s / 2, s / 4, fill=1)
        else:
            c.rect(x, TICK_Y, s, s)
            c.setLineWidth(1.4)
            if mark == "x":
                c.line(x + 1.5, TICK_Y + 1.5, x + s - 1.5, TICK_Y + s - 1.5)
                c.line(x + 1.5, TICK_Y + s - 1.5, x + s - 1.5, TICK_Y + 1.5)
            elif mark == "check":
                path = c.beginPath()
                path.moveTo(x + 1.5, TICK_Y + s * 0.5)
                path.lineTo(x + s * 0.4, TICK_Y + 1.5)
                path.lineTo(x + s - 1, TICK_Y + s - 1)
                c.drawPath(path)
            elif mark == "fill":
                c.rect(x + 2, TICK_Y + 2, s - 4, s - 4, fill=1)
        c.setFont("Helvetica", 10.5)
        c.drawString(x + s + 4, TICK_Y + 1, word)
        ticks.append((word, bool(mark), round_, x, TICK_Y))
        x += s + 4 + c.stringWidth(word, "Helvetica", 10.5) + 22
    c.setFont("Helvetica", 10.5)
    c.drawString(LEFT, CIRCLE_Y, "Standard")
    c.drawString(LEFT + 90, CIRCLE_Y, "Expedited")
    c.setLineWidth(1.0)
    c.ellipse(LEFT + 84, CIRCLE_Y - 6, LEFT + 148, CIRCLE_Y + 13)  # circled by hand
    c.showPage()
    c.save()
    return buffer.getvalue(), Drawn(cells, ticks)


@dataclass(frozen=True)
class Read:
    page: PageReading
    geometry: PageGeometry
    unit: float
    drawn: Drawn
    image: PageImage

    def px(self, x: float, y: float) -> tuple[float, float]:
        """A PDF point's place on the page image."""
        return x * self.page.width / WIDTH, (HEIGHT - y) * self.page.height / HEIGHT

    def word(self, text: str) -> Word:
        found = [w for w in self.page.words if w.text.strip(".,:;") == text]
        assert found, (text, [w.text for w in self.page.words])
        return found[0]

    def near(self, box: Box, x: float, y: float, tolerance: float = 1.0) -> bool:
        return (abs(box.x0 - x) <= tolerance * self.unit
                and abs(box.y0 - y) <= tolerance * self.unit)


@pytest.fixture(scope="module", params=["born_digital", "scan", "fax_fine", "fax_standard"])
def read(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Read:
    pdf, drawn = _draw()
    folder: Path = tmp_path_factory.mktemp(f"geometry-{request.param}")
    path = write_variant(GeneratedForm("geometry", pdf, {}), request.param, folder)
    page = read_document(path, ReadSettings()).pages[0]
    unit = build_layout(page).text_height
    image = PageImage(page)
    return Read(page, image.geometry(unit), unit, drawn, image)


def test_every_drawn_cell_is_found_where_it_was_drawn(read: Read) -> None:
    for x0, top, x1, bottom in read.drawn.cells:
        (left, upper), (right, lower) = read.px(x0, top), read.px(x1, bottom)
        found = [c for c in read.geometry.cells
                 if abs(c.x0 - left) <= 0.6 * read.unit and abs(c.x1 - right) <= 0.6 * read.unit
                 and abs(c.y0 - upper) <= 0.6 * read.unit and abs(c.y1 - lower) <= 0.6 * read.unit]
        assert len(found) == 1, ((x0, top, x1, bottom), read.geometry.cells)


def test_a_cell_s_small_top_line_is_its_caption(read: Read) -> None:
    for _, value in CAPTIONS:
        written = read.word(value.split()[0])
        cell = read.geometry.cell_of(written)
        assert cell is not None, value
        caption = read.geometry.caption_of(cell)
        assert caption, value
        assert all(w.box.y1 < written.box.y0 + 0.2 * read.unit for w in caption)
        assert written not in caption
    if read.page.source == "text_layer" or read.page.dpi >= 300:
        name = read.geometry.cell_of(read.word("Rosa"))
        assert name is not None
        assert [w.text for w in read.geometry.caption_of(name)] == ["MEMBER", "NAME"]


def test_a_table_s_label_and_value_are_in_cells_side_by_side(read: Read) -> None:
    label, value = read.geometry.cell_of(read.word("Procedure")), \
        read.geometry.cell_of(read.word("94640"))
    assert label is not None and value is not None and label != value
    assert abs(label.y0 - value.y0) <= 0.5 * read.unit and label.x1 <= value.x0 + read.unit


def test_rules_to_write_on_and_to_caption_are_found(read: Read) -> None:
    rules = page_rules(read.image, read.unit)
    signature = read.word("Signature")
    after = rules.rule_after(signature.box)
    assert after is not None
    assert after.x1 - after.x0 >= 0.8 * (248 * read.page.width / WIDTH)
    caption = [w for w in read.page.words if w.text == "below"]
    assert caption, [w.text for w in read.page.words]
    above = rules.rule_above(caption[0].box)
    assert above is not None and above.y < caption[0].box.y0
    assert rules.cell(signature.box) is None


def test_tick_boxes_are_found_with_their_state_and_word(read: Read) -> None:
    for word, marked, round_, x, y in read.drawn.ticks:
        left, top = read.px(x, y + TICK_SIZE)
        found = [t for t in read.geometry.tick_boxes if read.near(t.box, left, top, 0.6)]
        assert len(found) == 1, (word, read.geometry.tick_boxes)
        box = found[0]
        assert box.marked is marked, (word, box)
        assert box.round is round_, (word, box)
        # The word after it (OCR may glue the box to it: "[]Other").
        assert box.word is not None and box.word.box.x1 > box.box.x1 + read.unit
        if read.page.dpi >= 300:
            assert box.word.text.endswith(word), (word, box.word)


def test_ticked_reads_each_option_s_box(read: Read) -> None:
    """What the choice reader asks of each option word: is the box before it ticked."""
    layout = build_layout(read.page)
    states = {}
    for word, _, _, x, y in read.drawn.ticks:
        left, top = read.px(x + TICK_SIZE, y + TICK_SIZE)
        row = next(r for r in layout.rows if r.top - read.unit <= top <= r.bottom)
        option = min((w for w in row.words if w.box.x1 > left + read.unit),
                     key=lambda w: abs(w.box.x0 - left))
        states[word] = ticked(row, option, layout.text_height, read.image)
    assert states == {word: bool(mark) for word, mark, _ in TICKS}


def test_a_circled_word_is_marked_and_its_neighbour_is_not(read: Read) -> None:
    left, top = read.px(LEFT + 84, CIRCLE_Y + 13)
    right, bottom = read.px(LEFT + 148, CIRCLE_Y - 6)
    assert [c for c in read.geometry.circles
            if read.near(c, left, top, 0.6) and abs(c.x1 - right) <= 0.6 * read.unit
            and abs(c.y1 - bottom) <= 0.6 * read.unit], read.geometry.circles
    assert not read.geometry.circled(read.word("Standard"))
    # The ring may cost OCR the word on a fax; where it was read, it is the circled one.
    circled = [w for w in read.page.words if "xped" in w.text]
    assert all(read.geometry.circled(w) for w in circled)


def test_no_tick_boxes_are_seen_in_words(read: Read) -> None:
    """Letters such as O and D are not tick boxes: only the six drawn ones are found."""
    assert len(read.geometry.tick_boxes) == len(TICKS), read.geometry.tick_boxes


@pytest.mark.parametrize(("form_type", "variant", "floor"), [
    ("prior_auth_request", "scan", 0.95),
    ("grievance_form", "fax_fine", 0.9),
    ("appeal_request", "fax_standard", 0.85),
])
def test_captions_at_the_top_of_cells_find_their_values(form_type: str, variant: str,
                                                         floor: float, tmp_path: Path) -> None:
    """The commonest prior-authorization look: a grid of bordered cells, each a small
    caption at its top and the value written under it inside the cell."""
    result = check(make_form(form_type, "cells", seed=4), variant, tmp_path)
    assert result.analysis.form_type == form_type
    assert result.rate >= floor, result.wrong
