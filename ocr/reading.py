"""Reading a whole document: pick the reader from the file's bytes, then every page."""

from __future__ import annotations

import logging
from pathlib import Path

from ocr import image_reader, pdf_reader
from ocr.engine import engine_for
from ocr.errors import CorruptFile, UnreadableDocument
from ocr.page_ocr import ocr_page
from ocr.sniff import sniff
from ocr.types import DocumentInfo, DocumentReading, PageReading, Progress, ReadSettings

log = logging.getLogger(__name__)


def inspect_document(path: Path, settings: ReadSettings) -> DocumentInfo:
    """The file's kind and page count, quickly and without OCR; raises UnreadableDocument."""
    kind = sniff(path)
    try:
        if kind == "pdf":
            pdf = pdf_reader.open_pdf(path, settings)
            try:
                return DocumentInfo("pdf", len(pdf.document))
            finally:
                pdf.close()
        return DocumentInfo(kind, image_reader.count_frames(path, settings))
    except UnreadableDocument:
        raise
    except (MemoryError, RecursionError, Exception) as exc:
        raise CorruptFile() from exc


def read_document(
    path: Path, settings: ReadSettings, progress: Progress | None = None
) -> DocumentReading:
    """Every page's words, text and image; raises UnreadableDocument with a plain reason."""
    kind = sniff(path)
    try:
        if kind == "pdf":
            return _read_pdf(path, settings, progress)
        return _read_images(path, kind, settings, progress)
    except UnreadableDocument:
        raise
    except (MemoryError, RecursionError, Exception) as exc:
        log.info("unreadable %s: %s", kind, type(exc).__name__)
        raise CorruptFile() from exc


def _read_pdf(path: Path, settings: ReadSettings, progress: Progress | None) -> DocumentReading:
    pdf = pdf_reader.open_pdf(path, settings)
    try:
        fields = pdf_reader.form_fields(pdf)
        layer = pdf_reader.text_layer_words(pdf, settings)
        pages: list[PageReading] = []
        for index in pdf_reader.page_indexes(pdf):
            if index in layer:
                pages.append(pdf_reader.text_layer_page(pdf, index, layer[index], settings))
            else:
                image = pdf_reader.render(pdf, index, settings.dpi, settings)
                engine = engine_for(settings.languages, settings.engine)
                pages.append(ocr_page(image, settings.dpi, index + 1, engine, settings))
            if progress is not None:
                progress.advance()
    finally:
        pdf.close()
    if fields:
        kind = "pdf_form"
    elif all(p.source == "text_layer" for p in pages):
        kind = "pdf_text"
    else:
        kind = "pdf_scanned"
    return DocumentReading(kind, pages, fields, [w for p in pages for w in p.warnings])


def _read_images(path: Path, kind: str, settings: ReadSettings,
                 progress: Progress | None) -> DocumentReading:
    engine = engine_for(settings.languages, settings.engine)
    pages: list[PageReading] = []
    for number, (image, dpi) in enumerate(image_reader.frames(path, settings), start=1):
        pages.append(ocr_page(image, dpi, number, engine, settings))
        if progress is not None:
            progress.advance()
    return DocumentReading(kind, pages, {}, [w for p in pages for w in p.warnings])
