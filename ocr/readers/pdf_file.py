"""Opening a PDF with pdfium: passwords, page limits and rendering pages to images."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

import pypdfium2
import pypdfium2.raw as pdfium_c
from PIL import Image

from ocr.errors import (
    CorruptFile,
    PageTooLarge,
    PasswordProtected,
    TooManyPages,
    UnreadableDocument,
)
from ocr.readers.pdf_end import trim_after_end
from ocr.settings import ReadSettings

# Pages too big for settings.read_megapixels at the asked dpi are drawn coarser, down to this.
MIN_RENDER_DPI = 50


@dataclass
class OpenPdf:
    """An opened PDF and what opened it, so pypdf and pdfplumber can use the same password."""

    data: bytes
    document: pypdfium2.PdfDocument
    password: str | None
    has_form: bool
    junk_bytes: int = 0  # cut after the file's last %%EOF before parsing

    def __len__(self) -> int:
        return len(self.document)

    def close(self) -> None:
        with contextlib.suppress(Exception):  # closing must never hide the real error
            self.document.close()


def open_pdf(path: Path, settings: ReadSettings) -> OpenPdf:
    """Open the PDF, trying no password, then each configured one; check the page limit.
    Bytes after the end of its last revision are cut first (ocr/readers/pdf_end.py)."""
    data, junk = trim_after_end(path.read_bytes())
    for password in (None, *settings.pdf_passwords):
        try:
            document = pypdfium2.PdfDocument(data, password=password)
        except pypdfium2.PdfiumError as exc:
            code = getattr(exc, "err_code", None)
            if code == pdfium_c.FPDF_ERR_PASSWORD:
                continue
            if code == pdfium_c.FPDF_ERR_SECURITY:
                raise UnreadableDocument("The PDF is protected with a kind of encryption this "
                                         "program cannot open.") from exc
            raise CorruptFile("It is not a readable PDF.") from exc
        opened = OpenPdf(data, document, password, has_form=False, junk_bytes=junk)
        try:
            _check_pages(opened, settings)
            # pdfium's form environment (init_forms) is not used: it hangs in native code
            # on some malformed forms (qpdf's shared-unnamed-field.pdf). Filled fields are
            # still drawn from their appearance streams, and pypdf reads the values.
            opened.has_form = document.get_formtype() != pdfium_c.FORMTYPE_NONE
        except BaseException:
            opened.close()
            raise
        return opened
    raise PasswordProtected


def _check_pages(pdf: OpenPdf, settings: ReadSettings) -> None:
    pages = len(pdf.document)
    if pages == 0:
        raise CorruptFile("It has no pages.")
    if pages > settings.max_pages:
        raise TooManyPages(pages, settings.max_pages)


def render_dpi(pdf: OpenPdf, index: int, settings: ReadSettings) -> int:
    """settings.dpi, or less for a poster-sized page so it stays under read_megapixels."""
    width, height = pdf.document.get_page_size(index)
    dpi = settings.dpi
    megapixels = width * height * (dpi / 72) ** 2 / 1e6
    if megapixels <= settings.read_megapixels:
        return dpi
    fitted = int(dpi * (settings.read_megapixels / megapixels) ** 0.5)
    if fitted < MIN_RENDER_DPI:
        raise PageTooLarge(index + 1, megapixels, settings.read_megapixels)
    return fitted


def render(pdf: OpenPdf, index: int, dpi: int) -> Image.Image:
    """One page as an 8-bit grayscale image at `dpi`, form fields drawn."""
    page = pdf.document[index]
    try:
        bitmap = page.render(scale=dpi / 72, grayscale=True, may_draw_forms=False)
        image: Image.Image = bitmap.to_pil()
        return image if image.mode == "L" else image.convert("L")
    finally:
        page.close()
