"""Reading one page image with Tesseract: level it, read it, turn it upright only if needed."""

from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass, replace

from PIL import Image

from ocr.engine_protocol import OcrEngine
from ocr.enlarge import EnlargingEngine, read_scale
from ocr.errors import OcrEngineMissing, RecognitionTimeout
from ocr.layout import drop_doubled, level_box, line_direction, turn_box, words_to_text
from ocr.line_rereading import reread_unsure_lines
from ocr.page_image import page_png
from ocr.preprocess import level, needs_deskew, to_gray, turn
from ocr.results import PageReading, Word
from ocr.timing import stage

log = logging.getLogger(__name__)

# A first pass with fewer words than this, or read this poorly, may be a sideways or
# upside-down page; only then is orientation detection (and a second pass) worth its time.
FEW_WORDS = 12
POOR_CONFIDENCE = 0.6
# A turned reading must beat the first one clearly to be kept.
BETTER_BY = 1.2
# Tilts from here on are levelled before reading (see _level_and_read).
REREAD_SKEW = 1.2


@dataclass
class _Pass:
    image: Image.Image
    words: list[Word]
    rotation: int

    @property
    def score(self) -> float:
        return sum(w.confidence for w in self.words)

    @property
    def mean(self) -> float:
        return self.score / len(self.words) if self.words else 0.0


def _level_and_read(engine: OcrEngine, image: Image.Image, dpi: int, rotation: int,
                    deadline: float) -> _Pass:
    """Read the page level: the skew comes from the layout analysis Tesseract needs anyway.

    Tesseract follows a slight tilt by itself, so below REREAD_SKEW the page is read as it
    is and the image and word boxes are levelled afterwards (no second layout analysis);
    a bigger tilt costs digits their spacing, so that page is levelled and then read.
    """
    skew = engine.measure_skew(image, dpi)
    if needs_deskew(skew) and abs(skew) >= REREAD_SKEW:
        image, skew = level(image, skew), 0.0
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise RecognitionTimeout
    words = drop_doubled(engine.recognize(image, dpi, remaining))
    if needs_deskew(skew):
        width, height = image.size
        words = [replace(w, box=level_box(w.box, width, height, skew)) for w in words]
        image = level(image, skew)
    return _Pass(image, words, rotation)


def _turn_sideways(reading: _Pass) -> _Pass:
    """A sideways page Tesseract read as vertical lines: turn the image and the boxes.

    The words are already right; only their geometry is turned, so no second pass is needed.
    """
    turned = line_direction(reading.words)
    if turned not in {90, 270}:
        return reading
    rotation = 360 - turned
    width, height = reading.image.size
    words = [replace(w, box=turn_box(w.box, width, height, rotation)) for w in reading.words]
    return _Pass(turn(reading.image, rotation), words, rotation)


def _looks_misread(reading: _Pass) -> bool:
    return len(reading.words) < FEW_WORDS or reading.mean < POOR_CONFIDENCE


def _try_upright(engine: OcrEngine, first: _Pass, original: Image.Image, dpi: int,
                 deadline: float) -> _Pass:
    turned = engine.detect_orientation(original, dpi)
    if not turned or time.monotonic() >= deadline:
        return first
    # OSD reports how far the text is turned clockwise; turning back is the rest of the circle.
    rotation = (360 - turned) % 360
    try:
        second = _level_and_read(engine, turn(original, rotation), dpi, rotation, deadline)
    except RecognitionTimeout:
        return first  # out of time for the second look: the first reading stands
    return second if second.score > first.score * BETTER_BY else first


def recognize_page(image: Image.Image, dpi: int, number: int, engine: OcrEngine,
                   timeout_s: float, *, bilevel: bool = False, enlarge: bool = False,
                   reread_lines: bool = False, max_pixels: float = math.inf) -> PageReading:
    """OCR one page image (square pixels already) into a PageReading, at its own resolution
    unless `enlarge` (then at 300 dpi, its words answered in the page's own pixels);
    `reread_lines`: lines holding an unsure word are read again enlarged, on their own.
    An enlarged page never holds more than `max_pixels`.

    A page that runs out of time or makes the engine fail becomes an empty page with a
    warning; the rest of the document is still read. `bilevel` pages (faxes) are kept 1-bit
    for the viewer even when squaring their pixels made them gray.
    """
    bilevel = bilevel or image.mode == "1"
    gray = to_gray(image)
    scale = min(read_scale(dpi), math.sqrt(max_pixels / (image.width * image.height))) \
        if enlarge else 1.0
    if scale > 1:
        engine = EnlargingEngine(engine, scale)
    deadline = time.monotonic() + timeout_s
    result = _Pass(gray, [], 0)
    warnings: list[str] = []
    try:
        result = _level_and_read(engine, gray, dpi, 0, deadline)
        if _looks_misread(result):
            result = _try_upright(engine, result, gray, dpi, deadline)
        result = _turn_sideways(result)
        if reread_lines and time.monotonic() < deadline:
            with stage("reread"):
                words = reread_unsure_lines(result.image, dpi, result.words, engine, deadline)
            result = _Pass(result.image, words, result.rotation)
    except RecognitionTimeout:
        warnings.append(f"Page {number} took too long to read and was left unread.")
    except OcrEngineMissing:
        raise
    except Exception as exc:  # the engine failed on this page only; keep the document
        log.warning("OCR engine failed on page %d: %s: %s", number, type(exc).__name__, exc)
        warnings.append(f"Page {number} could not be read by the OCR engine and was left "
                        "unread.")
    shown = result.image if result.image is not gray else (image if bilevel else gray)
    return PageReading(number=number, width=shown.width, height=shown.height, dpi=dpi,
                       source="ocr", words=result.words, text=words_to_text(result.words),
                       rotation=result.rotation, image_png=page_png(shown, bilevel),
                       warnings=warnings)
