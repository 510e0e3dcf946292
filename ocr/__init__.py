"""Opening PDFs and images into pages of words: text layers, form fields and Tesseract OCR."""

from ocr.errors import OcrEngineMissing, UnreadableDocument
from ocr.reading import inspect_document, read_document
from ocr.types import (
    Box,
    DocumentInfo,
    DocumentReading,
    PageReading,
    Progress,
    ReadSettings,
    Word,
)

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
