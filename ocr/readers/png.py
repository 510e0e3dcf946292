"""PNG files: one page (the first frame of an animated PNG)."""

from __future__ import annotations

from pathlib import Path

from ocr.readers.base import ReadContext
from ocr.readers.raster import decode_current, open_image, read_frames
from ocr.results import DocumentInfo, DocumentReading
from ocr.settings import ReadSettings

SIGNATURE = b"\x89PNG\r\n\x1a\n"
FORMATS = ("PNG",)


class PngReader:
    family = "png"

    def claims(self, head: bytes) -> bool:
        return head.startswith(SIGNATURE)

    def inspect(self, path: Path, settings: ReadSettings) -> DocumentInfo:
        open_image(path, 1, settings, FORMATS).close()
        return DocumentInfo("png", 1)

    def read(self, path: Path, context: ReadContext) -> DocumentReading:
        with open_image(path, 1, context.settings, FORMATS) as image:
            return read_frames("png", 1, lambda n: decode_current(image, n, context.settings),
                               context)
