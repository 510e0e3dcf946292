"""Opening PDFs and images into pages of words: text layers, form fields and Tesseract OCR."""

from ocr.document import inspect_document, read_document
from ocr.errors import OcrEngineMissing, UnreadableDocument
from ocr.results import Box, DocumentInfo, DocumentReading, PageReading, Word
from ocr.settings import Progress, ReadSettings

__all__ = [
    "Box",
    "DocumentInfo",
    "DocumentReading",
    "OcrEngineMissing",
    "PageReading",
    "Progress",
    "ReadSettings",
    "UnreadableDocument",
    "Word",
    "inspect_document",
    "read_document",
]
