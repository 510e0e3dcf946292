"""Faxes read at scan resolution, with their words kept in the page's own pixels.

A 200-dpi fax gives Tesseract small print a few pixels tall with 1-bit stair-step edges; it
sometimes slips on them ('M1711' for 'M17.11'). Softening the steps and enlarging to about
300 dpi before reading cuts some of those slips. Measured with bench/reading_accuracy.py on
standard faxes (fields exact, development / held-out; false alarms; held-out trusted
precision) against Tesseract's CPU seconds for the page:

    read as they are (rows doubled)          83.4% / 70.0%   1 / 5   98.6%   0.43-0.48 s
    unsure lines enlarged, read again        84.1% / 70.3%   1 / 4   98.8%
    smoothed, not enlarged                   84.6% / 71.6%   2 / 4  100.0%   0.48-0.53 s
    smoothed and enlarged to 250 dpi         85.8% / 71.7%   3 / 3  100.0%   0.52-0.58 s
    smoothed and enlarged to 300 dpi         84.9% / 72.1%   1 / 3  100.0%   0.66-0.72 s

Every cheaper way reads fewer held-out fields right, and reading them as they are lets wrong
values through as trusted, so standard faxes are enlarged whole to 300 dpi by default. The
price: the tesseract command reads the same page, squashed, for about 0.85 CPU-s in all, so
intake reads standard faxes at about the command's own rate (0.9-1.0x in
bench/ocr_throughput.py), short of the 1.2x target; enlarge_faxes=() would buy most of that
speed for about two held-out fields in a hundred. Fine faxes did
better read as they are than enlarged (88.8% / 74.1%; with unsure lines read again 87.8% /
74.8%, so their lines are not). The line re-reading also replaced words of a row such that a
"Yes ☐ No ☒" answer was lost. So whole pages are enlarged when ReadSettings.enlarge_faxes
names their kind of fax (standard, by default); the line re-reading (reread_faxes, off by
default) enlarges crops the same way. The page the viewer shows is not changed.
"""

from __future__ import annotations

from dataclasses import replace

from PIL import Image, ImageFilter

from ocr.engine_protocol import OcrEngine
from ocr.results import Box, Word

# The resolution they are read at: what Tesseract's models see most.
READ_DPI = 300
# Gaussian radius, in the page's own pixels, that turns 1-bit stair steps into gray edges;
# without it enlarging only makes the steps bigger (measured worse than not enlarging).
SMOOTHING = 1.0


def read_scale(dpi: int) -> float:
    """How much a page at `dpi` is enlarged to be read at READ_DPI (1.0: read as it is)."""
    if dpi <= 0 or dpi >= READ_DPI:
        return 1.0
    return READ_DPI / dpi


def enlarge(image: Image.Image, scale: float) -> Image.Image:
    """The page `scale` times bigger in gray, its 1-bit stair steps smoothed."""
    gray = image if image.mode == "L" else image.convert("L")
    if SMOOTHING > 0:
        gray = gray.filter(ImageFilter.GaussianBlur(SMOOTHING))
    size = (round(gray.width * scale), round(gray.height * scale))
    return gray.resize(size, Image.Resampling.BICUBIC)


def _shrink_box(box: Box, scale: float) -> Box:
    return Box(box.x0 / scale, box.y0 / scale, box.x1 / scale, box.y1 / scale)


class EnlargingEngine:
    """An engine that reads every image `scale` times bigger and answers for the original.

    Word boxes come back in the pixels of the image it was given, so the page's size,
    resolution and the boxes drawn over it in the viewer stay in one coordinate system.
    """

    def __init__(self, engine: OcrEngine, scale: float) -> None:
        self.name = engine.name
        self._engine = engine
        self._scale = scale
        # measure_skew and recognize usually get the same image: enlarging it once hands
        # the engine the same object twice, so tesserocr reuses its layout analysis.
        self._source: Image.Image | None = None
        self._enlarged: Image.Image | None = None

    def _big(self, image: Image.Image) -> Image.Image:
        if image is not self._source or self._enlarged is None:
            self._source, self._enlarged = image, enlarge(image, self._scale)
        return self._enlarged

    def _dpi(self, dpi: int) -> int:
        return round(dpi * self._scale)

    def measure_skew(self, image: Image.Image, dpi: int) -> float:
        """The wrapped engine's skew of the enlarged page (an angle does not scale)."""
        return self._engine.measure_skew(self._big(image), self._dpi(dpi))

    def recognize(self, image: Image.Image, dpi: int, timeout_s: float) -> list[Word]:
        """Words read from the enlarged page, their boxes in `image`'s pixels."""
        try:
            words = self._engine.recognize(self._big(image), self._dpi(dpi), timeout_s)
        finally:
            self._source = self._enlarged = None  # a page's pixels are not kept past its read
        return [replace(w, box=_shrink_box(w.box, self._scale)) for w in words]

    def read_line(self, image: Image.Image, dpi: int, allowed: str | None,
                  timeout_s: float) -> list[Word]:
        """A region is cut from the shown page and enlarged by its reader already."""
        return self._engine.read_line(image, dpi, allowed, timeout_s)

    def detect_orientation(self, image: Image.Image, dpi: int) -> int:
        """Which way up needs no fine detail: the page is looked at as it is."""
        return self._engine.detect_orientation(image, dpi)
