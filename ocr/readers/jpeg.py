"""JPEG files: one page, turned as its EXIF orientation says (phone photos of forms)."""

from __future__ import annotations

from pathlib import Path

from ocr.readers.base import ReadContext
from ocr.readers.raster import decode_current, open_image, read_frames
from ocr.results import DocumentInfo, DocumentReading
from ocr.settings import ReadSettings

FORMATS = ("JPEG", "MPO")  # MPO: the multi-picture JPEG some cameras write


class JpegReader:
    family = "jpeg"

    def claims(self, head: bytes) -> bool:
        return head.startswith(b"\xff\xd8\xff")

    def inspect(self, path: Path, settings: ReadSettings) -> DocumentInfo:
        open_image(path, 1, settings, FORMATS).close()
        return DocumentInfo("jpeg", 1)

    def read(self, path: Path, context: ReadContext) -> DocumentReading:
        with open_image(path, 1, context.settings, FORMATS) as image:
            return read_frames("jpeg", 1, lambda n: decode_current(image, n, context.settings),
                               context)
