"""TIFF files: multi-page, CCITT G3/G4 faxes at fax resolutions, loops in the page chain.

A chain that loops back is read up to the loop (those are all the distinct pages) with a
warning, so nothing a fax server sent is lost; a chain cut short is read up to the damage.
"""

from __future__ import annotations

from pathlib import Path

from ocr.errors import CorruptFile
from ocr.readers.base import ReadContext
from ocr.readers.raster import (
    DECODE_ERRORS,
    PageImage,
    decode_current,
    open_image,
    quiet_pillow,
    read_frames,
)
from ocr.readers.tiff_chain import count_pages
from ocr.results import DocumentInfo, DocumentReading
from ocr.settings import ReadSettings

FORMATS = ("TIFF",)


class TiffReader:
    family = "tiff"

    def claims(self, head: bytes) -> bool:
        return head[:4] in {b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"}

    def inspect(self, path: Path, settings: ReadSettings) -> DocumentInfo:
        chain = count_pages(path, settings.max_pages)
        open_image(path, 1, settings, FORMATS).close()
        return DocumentInfo("tiff", chain.pages)

    def read(self, path: Path, context: ReadContext) -> DocumentReading:
        chain = count_pages(path, context.settings.max_pages)
        if chain.loops:
            context.warnings.append(f"The file's list of pages loops back on itself; its "
                                    f"{chain.pages} distinct pages were read.")
        elif chain.broken:
            context.warnings.append(f"The file is cut short; the {chain.pages} pages before the "
                                    "damage were read.")
        with open_image(path, 1, context.settings, FORMATS) as image:

            def decode(number: int) -> PageImage:
                try:
                    with quiet_pillow():
                        image.seek(number - 1)
                except DECODE_ERRORS as exc:
                    raise CorruptFile(f"Page {number} is damaged.") from exc
                return decode_current(image, number, context.settings)

            return read_frames("tiff", chain.pages, decode, context)
