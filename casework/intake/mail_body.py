"""An e-mail's written text as a document: a PDF with a text layer, so the pages read, the
forms recognise and the document window shows it exactly as they do a born-digital fax."""

from __future__ import annotations

import io
from importlib.resources import files

from reportlab.lib.pagesizes import letter
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

FONT = "MailBody"  # DejaVu Sans: Spanish and most of what members write
SIZE = 11
LEADING = 15
MARGIN = 72
MAX_PAGES = 50  # a body longer than this is cut, and the document says so


def _register_font() -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        data = (files("resources") / "fonts" / "DejaVuSans.ttf").read_bytes()
        pdfmetrics.registerFont(TTFont(FONT, io.BytesIO(data)))


def body_pdf(sender: str, subject: str, sent: str, body: str) -> bytes:
    """The message's subject as its title, who sent it when, then its text, wrapped onto letter
    pages. No "Date:" or "Subject:" labels: forms would read them as their own fields."""
    _register_font()
    width, height = letter
    lines = [*simpleSplit(subject, FONT, SIZE, width - 2 * MARGIN),
             f"(e-mail sent by {sender}{', ' + sent if sent else ''})", ""]
    for paragraph in _printable(body).split("\n"):
        lines.extend(simpleSplit(paragraph, FONT, SIZE, width - 2 * MARGIN) or [""])
    per_page = int((height - 2 * MARGIN) // LEADING)
    if len(lines) > per_page * MAX_PAGES:
        lines = [*lines[:per_page * MAX_PAGES - 1],
                 f"[The message goes on; only the first {MAX_PAGES} pages are shown here.]"]
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=letter, invariant=True)
    pdf.setTitle(subject[:200] or "E-mail message")
    for start in range(0, max(len(lines), 1), per_page):
        pdf.setFont(FONT, SIZE)
        y = height - MARGIN
        for line in lines[start:start + per_page]:
            pdf.drawString(MARGIN, y, line)
            y -= LEADING
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _printable(text: str) -> str:
    """Control characters out (a tab is a few spaces); line ends made one kind."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    return "".join(ch for ch in text if ch == "\n" or ch >= " ")
