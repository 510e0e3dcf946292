"""PDFs page by page: the text layer where a page has one, OCR of the rendered page where not.

One reader serves born-digital, fillable and scanned PDFs because the choice is made per
page: a fax server's PDF often mixes a typed cover sheet with scanned pages. The document's
kind says what it turned out to be: "pdf_form" when it has fillable fields, "pdf_text" when
every page had a text layer, else "pdf_scanned".
"""

from __future__ import annotations

import logging
from pathlib import Path

import pypdfium2

from ocr.errors import CorruptFile, PageTooLarge, ParseTimeout
from ocr.layout import words_to_text
from ocr.page_image import page_png
from ocr.readers.base import PageToRead, ReadContext, empty_page
from ocr.readers.pdf_file import OpenPdf, open_pdf, render, render_dpi
from ocr.readers.pdf_form_fields import form_fields
from ocr.readers.pdf_text_layer import FEW_WORDS, TextLayer, has_text_layer
from ocr.results import DocumentInfo, DocumentReading, PageReading
from ocr.settings import ReadSettings
from ocr.time_limit import time_limit
from ocr.timing import stage

log = logging.getLogger(__name__)
# Trailing bytes a fax server or an editor may leave (padding, a stray line): not worth a word.
JUNK_WORTH_TELLING = 1024


def _kind(fields: dict[str, str], all_text: bool) -> str:
    if fields:
        return "pdf_form"
    return "pdf_text" if all_text else "pdf_scanned"


def _form_fields(pdf: OpenPdf, settings: ReadSettings, warnings: list[str]) -> dict[str, str]:
    """The filled-in fields, within the time limit; none (and a warning) past it."""
    if not pdf.has_form:
        return {}
    try:
        with time_limit(settings.page_timeout_s, "the form's fields"):
            return form_fields(pdf.data, pdf.password)
    except ParseTimeout:
        warnings.append("The form's filled-in fields took too long to read; its pages were "
                        "read as they look.")
        return {}


def _size(count: int) -> str:
    return f"{count / 1e6:,.0f} MB" if count >= 1e6 else f"{count / 1e3:,.0f} KB"


class PdfReader:
    """Text-layer, fillable and scanned PDFs."""

    family = "pdf"

    def claims(self, head: bytes) -> bool:
        # Some fax servers put a few bytes of junk before the header; pdfium copes.
        return b"%PDF-" in head

    def inspect(self, path: Path, settings: ReadSettings) -> DocumentInfo:
        """Kind and page count from pdfium's own text per page; no pdfplumber, no OCR."""
        pdf = open_pdf(path, settings)
        try:
            fields = _form_fields(pdf, settings, [])
            all_text = all(has_text_layer(pdf, i) for i in range(len(pdf)))
            return DocumentInfo(_kind(fields, all_text), len(pdf))
        finally:
            pdf.close()

    def read(self, path: Path, context: ReadContext) -> DocumentReading:
        pdf = open_pdf(path, context.settings)
        if pdf.junk_bytes > JUNK_WORTH_TELLING:
            context.warnings.append(f"The file carries {_size(pdf.junk_bytes)} of data after "
                                    "the end of the PDF; it was not read.")
        layer = TextLayer(pdf, context.settings.page_timeout_s)
        try:
            fields = _form_fields(pdf, context.settings, context.warnings)
            pages = self._read_pages(pdf, layer, context)
        finally:
            context.warnings.extend(layer.warnings)
            layer.close()
            pdf.close()
        if all(not p.image_png for p in pages):
            raise CorruptFile("None of its pages can be drawn.")
        warnings = [*context.warnings, *(w for p in pages for w in p.warnings)]
        all_text = all(p.source == "text_layer" for p in pages)
        return DocumentReading(_kind(fields, all_text), pages, fields, warnings)

    def _read_pages(self, pdf: OpenPdf, layer: TextLayer,
                    context: ReadContext) -> list[PageReading]:
        """Every page, drawn one by one (pdfium is one library for the process) and OCR'd in
        groups of settings.page_threads at once."""
        pages: list[PageReading] = []
        group = max(1, context.settings.page_threads)
        for first in range(0, len(pdf), group):
            drawn = [self._draw_page(pdf, layer, index, context)
                     for index in range(first, min(len(pdf), first + group))]
            readings = iter(context.ocr_pages([p for p in drawn if isinstance(p, PageToRead)]))
            for page in drawn:
                pages.append(next(readings) if isinstance(page, PageToRead) else page)
                context.page_done()
        return pages

    def _draw_page(self, pdf: OpenPdf, layer: TextLayer, index: int,
                   context: ReadContext) -> PageReading | PageToRead:
        """The page from its text layer, or drawn and waiting for OCR."""
        number = index + 1
        try:
            with stage("open"):
                dpi = render_dpi(pdf, index, context.settings)
                image = render(pdf, index, dpi)
        except PageTooLarge:
            raise
        except (pypdfium2.PdfiumError, ValueError, OSError, MemoryError) as exc:
            log.info("page %d cannot be drawn: %s", number, type(exc).__name__)
            return empty_page(number, f"Page {number} is damaged and could not be read.")
        if dpi != context.settings.dpi:
            context.warnings.append(f"Page {number} is unusually large and was read at {dpi} "
                                    "dpi.")
        if has_text_layer(pdf, index):
            words = layer.words(index, image.width, image.height)
            if len(words) >= FEW_WORDS:
                return PageReading(number=number, width=image.width, height=image.height,
                                   dpi=dpi, source="text_layer", words=words,
                                   text=words_to_text(words), rotation=0,
                                   image_png=page_png(image))
        return PageToRead(number, image, dpi)
