"""Printable blank forms: one PDF per form and language, for providers and members to fill in.

Each page carries the plan's name, the form's title and, in its top right corner, a QR code
saying which form, version, language and page it is (see `form_code`), so a returned fax is
recognised before a word of it is read. The first page also says how to fill the form in
and where to fax it back. The plan's fax cover sheet is printed the same way; its code marks
a cover page, which never decides what the document behind it is.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from casework.atomic import write_atomically
from casework.forms.form_code import LANGUAGES, FormCode
from casework.forms.print_layout import (
    BOLD,
    FONT,
    LABEL_SIZE,
    MARGIN,
    OPTION_SIZE,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    QR_SIZE,
    TICK_GAP,
    FormLayout,
    PlacedField,
    PlannedPage,
    lay_out,
)
from casework.forms.print_wording import PrintedForm, printed_form, printed_form_types
from casework.plan.rulebook import Rulebook
from casework.settings import PlanDetails

_INK = (0.0, 0.0, 0.0)
# Answer boxes and writing lines are printed in "dropout" gray: plain to the person writing,
# gone on a fax or a scan, so OCR sees the answer and not a box edge glued to its first
# letter. Tick boxes stay black: their pixels tell a tick from an empty box.
_BOX_LINE = (0.68, 0.68, 0.68)
_WRITING_LINE = (0.8, 0.8, 0.8)


@dataclass(frozen=True)
class WrittenForm:
    """A blank form written to disk."""

    form_type: str
    language: str
    path: Path
    pages: int


def form_layout(form_type: str, language: str, rulebook: Rulebook) -> FormLayout:
    """Where every field of the blank form goes (for printing, or for filling one in), by
    `rulebook`'s schemas and wording files."""
    return lay_out(printed_form(form_type, language, rulebook))


def render_form(form_type: str, language: str, rulebook: Rulebook,
                plan: PlanDetails | None = None) -> bytes:
    """The blank form as a PDF. Raises RuleFileError when a wording is missing."""
    return render_layout(form_layout(form_type, language, rulebook), plan)


def render_layout(layout: FormLayout, plan: PlanDetails | None = None) -> bytes:
    """A laid-out blank form as a PDF."""
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, layout.form)
    for page in layout.pages:
        draw_page(canvas, layout, page, plan or PlanDetails())
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def new_canvas(buffer: io.BytesIO, form: PrintedForm) -> Canvas:
    """A letter-size canvas whose PDF is the same bytes every time (no dates, no random id)."""
    canvas = Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), invariant=True)
    canvas.setTitle(form.title)
    canvas.setAuthor("Intake Workstation")
    canvas.setSubject(FormCode(form.form_type, form.version, form.language, 1).payload())
    return canvas


def draw_page(canvas: Canvas, layout: FormLayout, page: PlannedPage, plan: PlanDetails) -> None:
    """One blank page: header, QR code, the fields' labels and boxes, the page number."""
    form = layout.form
    _draw_header(canvas, form, page, plan)
    _draw_qr(canvas, FormCode(form.form_type, form.version, form.language, page.number))
    for placed in page.fields:
        _draw_field(canvas, placed)
    if form.cover and page.fields:
        _draw_notice(canvas, form, min(f.box.y for f in page.fields) - 36, plan)
    words = _filled(form.words.page, plan, page.number, len(layout.pages))
    canvas.setFont(FONT, 9)
    canvas.drawCentredString(PAGE_WIDTH / 2, MARGIN - 8, words)


def _filled(words: str, plan: PlanDetails, page: int = 1, pages: int = 1) -> str:
    """The wording with every placeholder the wording file may use filled in."""
    return words.format(plan=plan.name, fax=plan.fax, phone=plan.member_services_phone,
                        tty=plan.tty, page=page, pages=pages)


def _draw_header(canvas: Canvas, form: PrintedForm, page: PlannedPage,
                 plan: PlanDetails) -> None:
    canvas.setFillColorRGB(*_INK)
    top = PAGE_HEIGHT - MARGIN
    canvas.setFont(BOLD, 10)
    canvas.drawString(MARGIN, top - 10, plan.name)
    title = form.title if page.first else f"{form.title} ({form.words.continued})"
    canvas.setFont(BOLD, 17)
    canvas.drawString(MARGIN, top - 38, title)
    if not page.first:
        return
    text_width = PAGE_WIDTH - 2 * MARGIN - QR_SIZE - 16
    y = top - 60
    canvas.setFont(FONT, 9.5)
    # A cover sheet has no tick boxes, so the filling-in instructions would not fit it.
    for line in [] if form.cover else _wrap(form.words.instructions, FONT, 9.5, text_width):
        canvas.drawString(MARGIN, y, line)
        y -= 12.5
    addressee = form.words.cover_to if form.cover else form.words.return_fax
    fax_line = _filled(addressee, plan)
    questions = _filled(form.words.questions, plan)
    for font, text in ((BOLD, fax_line), (FONT, questions)):
        canvas.setFont(font, 9.5)
        for line in _wrap(text, font, 9.5, text_width):
            canvas.drawString(MARGIN, y, line)
            y -= 12.5


def _draw_notice(canvas: Canvas, form: PrintedForm, top: float, plan: PlanDetails) -> None:
    notice = _filled(form.words.cover_notice, plan)
    canvas.setFont(FONT, 9.5)
    for i, line in enumerate(_wrap(notice, FONT, 9.5, PAGE_WIDTH - 2 * MARGIN)):
        canvas.drawString(MARGIN, top - i * 12.5, line)


def _draw_qr(canvas: Canvas, code: FormCode) -> None:
    widget = QrCodeWidget(code.payload(), barLevel="M", barBorder=2)
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(QR_SIZE, QR_SIZE,
                      transform=[QR_SIZE / (x1 - x0), 0, 0, QR_SIZE / (y1 - y0), 0, 0])
    drawing.add(widget)
    renderPDF.draw(drawing, canvas, PAGE_WIDTH - MARGIN - QR_SIZE + 6, PAGE_HEIGHT - MARGIN
                   - QR_SIZE + 6)


def _draw_field(canvas: Canvas, placed: PlacedField) -> None:
    canvas.setFillColorRGB(*_INK)
    canvas.setFont(BOLD, LABEL_SIZE)
    canvas.drawString(placed.label_x, placed.label_y, placed.field.label)
    if placed.options:
        # No frame around tick boxes: a frame's side next to a box reads as a tick.
        for option in placed.options:
            canvas.setLineWidth(0.9)
            canvas.rect(option.box.x, option.box.y, option.box.width, option.box.height)
            canvas.setFont(FONT, OPTION_SIZE)
            canvas.drawString(option.box.x + option.box.width + TICK_GAP, option.box.y + 1.5,
                              option.word)
        return
    box = placed.box
    canvas.setStrokeColorRGB(*_BOX_LINE)
    canvas.setLineWidth(0.8)
    canvas.rect(box.x, box.y, box.width, box.height)
    canvas.setStrokeColorRGB(*_INK)
    if placed.field.lines > 1:
        canvas.setStrokeColorRGB(*_WRITING_LINE)
        canvas.setLineWidth(0.5)
        for baseline in placed.line_baselines()[:-1]:
            canvas.line(box.x + 6, baseline - 3, box.x + box.width - 6, baseline - 3)
        canvas.setStrokeColorRGB(*_INK)


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if current and stringWidth(trial, font, size) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    return [*lines, current] if current else lines


def blank_form_path(folder: Path, form_type: str, language: str) -> Path:
    """Where the blank form is kept: `<folder>/<form type>.<language>.pdf`."""
    return folder / f"{form_type}.{language}.pdf"


def write_blank_forms(folder: Path, rulebook: Rulebook, languages: tuple[str, ...] = LANGUAGES,
                      plan: PlanDetails | None = None) -> list[WrittenForm]:
    """Every form `rulebook` prints, in each language, each written atomically into `folder`.

    All forms are rendered before any is written, so a missing wording leaves the folder
    as it was.
    """
    layouts = [form_layout(t, lang, rulebook) for t in printed_form_types(rulebook)
               for lang in languages]
    rendered = [(layout, render_layout(layout, plan)) for layout in layouts]
    written = []
    for layout, pdf in rendered:
        form = layout.form
        path = blank_form_path(folder, form.form_type, form.language)
        write_atomically(path, pdf)
        written.append(WrittenForm(form.form_type, form.language, path, len(layout.pages)))
    return written
