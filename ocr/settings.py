"""How to read documents (passed in, never read from globals) and how to report progress."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class ReadSettings:
    """Limits and choices for reading one document."""

    languages: tuple[str, ...] = ("eng", "spa")
    pdf_passwords: tuple[str, ...] = ()
    dpi: int = 300  # PDF pages are rendered at this resolution
    max_pages: int = 300
    # The most a page may hold once decoded, in millions of bytes of gray (a colour pixel is
    # three): a bigger page is a decompression bomb, not a scan (a letter page at 700 dpi is 46).
    max_megapixels: float = 48.0
    # Tesseract needs about 7 bytes a pixel: pages are read at no more than this many
    # megapixels (a letter page at 470 dpi, tabloid at 325), so a worker stays under 400 MB on any
    # input; a bigger page is read at a lower resolution, with a warning.
    read_megapixels: float = 20.0
    page_timeout_s: float = 60.0
    engine: str = "auto"  # "auto" | "tesserocr" | "pytesseract"
    # Faxes of these resolutions ("fine", "standard") are enlarged to 300 dpi before reading;
    # others are read at their own resolution (see ocr/enlarge.py for the measurement).
    enlarge_faxes: tuple[str, ...] = ("standard",)
    # On faxes of these resolutions, lines holding a word Tesseract was unsure of are read
    # again enlarged, on their own (ocr/line_rereading.py).
    reread_faxes: tuple[str, ...] = ()
    # Pages of one document read at once, each by its own Tesseract (intake raises it when a
    # long document comes while other workers are idle; extra engines cost ~100 MB each).
    page_threads: int = 1


class Progress(Protocol):
    """Told once per page read; the desktop adapts it to a signal, tests count calls."""

    def advance(self, n: int = 1) -> None: ...
