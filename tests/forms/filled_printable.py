"""Our printable blank forms filled in the way an office does (typed into the boxes, X in a
tick box) and sent back as a standard fax: 204 x 98 dpi, 1-bit, a little skewed."""

from __future__ import annotations

import io
from collections.abc import Mapping
from pathlib import Path

import pypdfium2
from PIL import Image
from reportlab.pdfgen.canvas import Canvas

from casework.forms.print_layout import PAGE_HEIGHT, PAGE_WIDTH, QR_SIZE, PlacedField
from casework.forms.printable import draw_page, form_layout, new_canvas
from casework.settings import PlanDetails
from tests.support.rules import BUNDLED_RULES

VALUE_FONT, VALUE_SIZE = "Helvetica", 11.5


def _write(canvas: Canvas, placed: PlacedField, value: str | list[str]) -> None:
    """Type the value into the field's box, or tick the box of the option it names."""
    if placed.options:
        for option in placed.options:
            if option.value == value:
                box = option.box
                canvas.setLineWidth(1.5)
                canvas.line(box.x + 1.5, box.y + 1.5, box.x + box.width - 1.5,
                            box.y + box.height - 1.5)
                canvas.line(box.x + 1.5, box.y + box.height - 1.5, box.x + box.width - 1.5,
                            box.y + 1.5)
        return
    lines = value if isinstance(value, list) else [value]
    canvas.setFont(VALUE_FONT, VALUE_SIZE)
    for text, baseline in zip(lines, placed.line_baselines(), strict=False):
        canvas.drawString(placed.box.x + 6, baseline, text)


def fill_form(form_type: str, language: str, values: Mapping[str, str | list[str]], *,
              hide_qr: bool = False) -> bytes:
    """The blank form with `values` written into its boxes; option fields take the option's
    value ("expedited", "yes"). `hide_qr` whites out the QR code, as a page cut short does."""
    layout = form_layout(form_type, language, BUNDLED_RULES)
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, layout.form)
    for page in layout.pages:
        draw_page(canvas, layout, page, PlanDetails())
        for placed in page.fields:
            if placed.field.name in values:
                _write(canvas, placed, values[placed.field.name])
        if hide_qr:
            canvas.setFillColorRGB(1, 1, 1)
            canvas.rect(PAGE_WIDTH - 160, PAGE_HEIGHT - 20 - QR_SIZE - 20, 160, QR_SIZE + 40,
                        stroke=0, fill=1)
            canvas.setFillColorRGB(0, 0, 0)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def standard_fax_pages(pdf: bytes, degrees: float = 1.5) -> list[Image.Image]:
    """Each page as a standard-resolution fax machine sends it: 204 x 98 dpi, 1-bit, skewed."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        pages = [page.render(scale=300 / 72, grayscale=True).to_pil().convert("L")
                 for page in document]
    finally:
        document.close()
    faxed = []
    for image in pages:
        turned = image.rotate(degrees, fillcolor=255, resample=Image.Resampling.BILINEAR)
        size = (round(turned.width * 204 / 300), round(turned.height * 98 / 300))
        small = turned.resize(size, Image.Resampling.LANCZOS)
        faxed.append(small.point(lambda v: 255 if v > 150 else 0, "1"))
    return faxed


def write_standard_fax(pdf: bytes, path: Path, degrees: float = 1.5) -> Path:
    """The PDF as a Group 4 TIFF standard fax at `path`."""
    pages = standard_fax_pages(pdf, degrees)
    pages[0].save(path, save_all=True, append_images=pages[1:], compression="group4",
                  dpi=(204, 98))
    return path
