"""Reading a whole document: pick the reader from the file's bytes, then read every page."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from ocr.engine_protocol import OcrEngine
from ocr.errors import CorruptFile, OcrEngineMissing, UnreadableDocument
from ocr.page_image import forget_pages
from ocr.pdfium_lock import PDFIUM
from ocr.readers import ReadContext, reader_for
from ocr.results import DocumentInfo, DocumentReading
from ocr.settings import Progress, ReadSettings

log = logging.getLogger(__name__)
T = TypeVar("T")


def _as_unreadable(step: Callable[[], T], path: Path) -> T:
    """Run a reading step; any library failure on the file's contents becomes CorruptFile."""
    try:
        return step()
    except (UnreadableDocument, OcrEngineMissing):
        raise
    except Exception as exc:  # MemoryError and RecursionError included: bad data, not a bug
        log.info("%s is unreadable: %s: %s", path.name, type(exc).__name__, exc)
        raise CorruptFile() from exc


def inspect_document(path: Path, settings: ReadSettings) -> DocumentInfo:
    """The file's kind and page count, quickly and without OCR.

    Raises UnreadableDocument (with a plain `reason`) for files that cannot be read, and
    OSError only when the file itself cannot be opened from disk.
    """
    reader = reader_for(path)
    with PDFIUM:  # two intake services of one process may take files at once
        return _as_unreadable(lambda: reader.inspect(path, settings), path)


def read_document(path: Path, settings: ReadSettings, progress: Progress | None = None,
                  *, engine: OcrEngine | None = None) -> DocumentReading:
    """Every page's words, text and image, and any fillable-form values.

    `progress.advance()` is called once per page. `engine` replaces the process's Tesseract
    (tests pass a fault double). Raises UnreadableDocument for a file that cannot be read,
    OcrEngineMissing when a page needs OCR and Tesseract is not installed.
    """
    reader = reader_for(path)
    forget_pages()
    context = ReadContext(settings, progress, engine)
    return _as_unreadable(lambda: reader.read(path, context), path)
