"""Tesseract in-process through tesserocr: one loaded API per process, reused for every page."""

from __future__ import annotations

import math
import time

import tesserocr
from PIL import Image

from ocr.errors import OcrEngineMissing, RecognitionTimeout
from ocr.results import Box, Word
from ocr.tessdata import find_tessdata, missing_languages

# OSD below this confidence is a guess; turning a page on a guess costs a whole extra pass.
MIN_ORIENTATION_CONFIDENCE = 2.0


class TesserocrEngine:
    """Tesseract kept loaded; pixels are handed over raw (no PNG/BMP round trip)."""

    name = "tesserocr"

    def __init__(self, languages: tuple[str, ...]) -> None:
        tessdata = find_tessdata()
        if tessdata is None:
            raise OcrEngineMissing("Tesseract language data (tessdata) is not installed.")
        missing = missing_languages(tessdata, languages)
        if missing:
            raise OcrEngineMissing(f"Tesseract languages not installed: {', '.join(missing)}.")
        self._tessdata = str(tessdata)
        try:
            self._api = tesserocr.PyTessBaseAPI(path=self._tessdata, lang="+".join(languages),
                                                psm=tesserocr.PSM.AUTO)
        except RuntimeError as exc:
            raise OcrEngineMissing(f"Tesseract cannot load {'+'.join(languages)}.") from exc
        self._osd: tesserocr.PyTessBaseAPI | None = None
        self._line: tesserocr.PyTessBaseAPI | None = None  # single-line mode, for re-reading
        self._languages = "+".join(languages)
        # The image whose layout measure_skew already analysed.
        self._laid_out: Image.Image | None = None

    def _set_image(self, api: tesserocr.PyTessBaseAPI, image: Image.Image, dpi: int) -> None:
        gray = image if image.mode == "L" else image.convert("L")
        # Tesseract copies the bytes into an image of its own (ImageThresholder::SetImage), so
        # the buffer is dropped at once: on a big page it is tens of megabytes.
        api.SetImageBytes(gray.tobytes(), gray.width, gray.height, 1, gray.width)
        api.SetSourceResolution(max(dpi, 70))

    def measure_skew(self, image: Image.Image, dpi: int) -> float:
        """The layout analysis Recognize needs anyway, read for its deskew angle.

        Recognize on the same image reuses this layout, so measuring costs nothing extra.
        """
        self._set_image(self._api, image, dpi)
        self._laid_out = image
        layout = self._api.AnalyseLayout()
        if layout is None:
            return 0.0
        weighted = total = 0.0
        for block in tesserocr.iterate_level(layout, tesserocr.RIL.BLOCK):
            box = block.BoundingBox(tesserocr.RIL.BLOCK)
            if box is None:
                continue
            area = float((box[2] - box[0]) * (box[3] - box[1]))
            weighted += block.Orientation()[3] * area
            total += area
        return math.degrees(weighted / total) if total else 0.0

    def recognize(self, image: Image.Image, dpi: int, timeout_s: float) -> list[Word]:
        """Words of the page, or RecognitionTimeout when Tesseract ran out of time."""
        api = self._api
        if image is not self._laid_out:
            self._set_image(api, image, dpi)
        self._laid_out = None
        started = time.monotonic()
        try:
            if not api.Recognize(timeout=max(1, int(timeout_s * 1000))):
                if time.monotonic() - started >= timeout_s * 0.9:
                    raise RecognitionTimeout
                raise RuntimeError("Tesseract could not recognise the page")
            return _words(api)
        finally:
            api.Clear()

    def load_line_reader(self) -> tesserocr.PyTessBaseAPI:
        """The single-line reader (for re-reading regions), loaded on first use; a worker
        loads it as it starts, so no document pays for loading it (about a second)."""
        if self._line is None:
            self._line = tesserocr.PyTessBaseAPI(path=self._tessdata, lang=self._languages,
                                                 psm=tesserocr.PSM.SINGLE_LINE)
        return self._line

    def read_line(self, image: Image.Image, dpi: int, allowed: str | None,
                  timeout_s: float) -> list[Word]:
        """Words of an image holding one line, read in single-line mode, only `allowed`
        characters when given."""
        api = self.load_line_reader()
        api.SetVariable("tessedit_char_whitelist", allowed or "")
        self._set_image(api, image, dpi)
        try:
            if not api.Recognize(timeout=max(1, int(timeout_s * 1000))):
                raise RecognitionTimeout
            return _words(api)
        finally:
            api.Clear()

    def detect_orientation(self, image: Image.Image, dpi: int) -> int:
        """Clockwise degrees the text is turned, from Tesseract's OSD; 0 when unsure."""
        if self._osd is None:
            try:
                self._osd = tesserocr.PyTessBaseAPI(path=self._tessdata, lang="osd",
                                                    psm=tesserocr.PSM.OSD_ONLY)
            except RuntimeError:
                return 0  # no osd.traineddata: leave pages as they are
        try:
            self._set_image(self._osd, image, dpi)
            result = self._osd.DetectOrientationScript()
        except RuntimeError:
            return 0
        finally:
            self._osd.Clear()
        if not result or result.get("orient_conf", 0.0) < MIN_ORIENTATION_CONFIDENCE:
            return 0
        return int(result.get("orient_deg", 0)) % 360


def _words(api: tesserocr.PyTessBaseAPI) -> list[Word]:
    iterator = api.GetIterator()
    if iterator is None:
        return []
    word_level, line_level = tesserocr.RIL.WORD, tesserocr.RIL.TEXTLINE
    words: list[Word] = []
    line = -1
    for item in tesserocr.iterate_level(iterator, word_level):
        if line < 0 or item.IsAtBeginningOf(line_level):
            line += 1
        try:
            text = item.GetUTF8Text(word_level)
        except RuntimeError:  # tesserocr's way of saying the layout found no text here
            continue
        box = item.BoundingBox(word_level)
        if not text or not text.strip() or box is None:
            continue
        confidence = min(1.0, max(0.0, item.Confidence(word_level) / 100))
        words.append(Word(text.strip(), confidence, Box(*(float(v) for v in box)), line))
    return words
