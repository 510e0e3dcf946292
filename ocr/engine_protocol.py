"""What the page recipe needs from an OCR engine, apart from any engine that provides it.

The engines import this module and the factory (`ocr.engine`) imports the engines, so no
module imports one that imports it back.
"""

from __future__ import annotations

from typing import Protocol

from PIL import Image

from ocr.results import Word


class OcrEngine(Protocol):
    """What the page recipe needs from an OCR engine."""

    name: str

    def measure_skew(self, image: Image.Image, dpi: int) -> float:
        """Degrees to turn the page counter-clockwise to level its lines (0 when unknown)."""
        ...

    def recognize(self, image: Image.Image, dpi: int, timeout_s: float) -> list[Word]:
        """Words with boxes (pixels of `image`), confidences 0..1 and line indices.

        Raises RecognitionTimeout (ocr.errors) when the page takes longer than `timeout_s`.
        """
        ...

    def read_line(self, image: Image.Image, dpi: int, allowed: str | None,
                  timeout_s: float) -> list[Word]:
        """Words of an image holding one line (a field's value cut from its page), read in
        single-line mode and, when `allowed` is given, as those characters only."""
        ...

    def detect_orientation(self, image: Image.Image, dpi: int) -> int:
        """Clockwise degrees (0/90/180/270) the page's text is turned; 0 when unsure."""
        ...
