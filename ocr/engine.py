"""Tesseract behind one small interface: tesserocr kept loaded, pytesseract as the fallback."""

from __future__ import annotations

import logging
import os
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from PIL import Image

from ocr.errors import OcrEngineMissing
from ocr.types import Box, Word

log = logging.getLogger(__name__)


class RecognitionTimeout(Exception):
    """Tesseract did not finish the page within its time limit."""


class OcrEngine(Protocol):
    def recognize(self, image: Image.Image, timeout_s: float) -> list[Word]: ...

    def detect_rotation(self, image: Image.Image) -> int: ...


def tessdata_dir() -> str | None:
    """Where the language data is: TESSDATA_PREFIX, else the system's usual folders."""
    given = os.environ.get("TESSDATA_PREFIX")
    if given and Path(given).is_dir():
        return given
    candidates = [
        *sorted(Path("/usr/share/tesseract-ocr").glob("*/tessdata")),
        Path("/usr/share/tessdata"),
        Path("/usr/local/share/tessdata"),
        Path(r"C:\Program Files\Tesseract-OCR\tessdata"),
    ]
    for candidate in candidates:
        if (candidate / "eng.traineddata").is_file():
            return str(candidate)
    return None


class TesserocrEngine:
    """One loaded Tesseract API per process, reused for every page."""

    def __init__(self, languages: tuple[str, ...]) -> None:
        import tesserocr

        self._tesserocr = tesserocr
        path = tessdata_dir()
        if path is None:
            raise OcrEngineMissing("Tesseract language data is not installed.")
        self._path = path
        try:
            self._api = tesserocr.PyTessBaseAPI(path=path, lang="+".join(languages),
                                                psm=tesserocr.PSM.AUTO)
        except RuntimeError as exc:
            raise OcrEngineMissing(
                f"Tesseract cannot load the languages {', '.join(languages)} from {path}."
            ) from exc
        self._osd: Any = None

    def recognize(self, image: Image.Image, timeout_s: float) -> list[Word]:
        tesserocr = self._tesserocr
        api = self._api
        api.SetImage(image)
        try:
            if not api.Recognize(timeout=int(timeout_s * 1000)):
                raise RecognitionTimeout
            words: list[Word] = []
            iterator = api.GetIterator()
            level = tesserocr.RIL.WORD
            line = -1
            for item in tesserocr.iterate_level(iterator, level):
                if item.IsAtBeginningOf(tesserocr.RIL.TEXTLINE):
                    line += 1
                text = item.GetUTF8Text(level)
                if not text or not text.strip():
                    continue
                box = item.BoundingBox(level)
                if box is None:
                    continue
                words.append(Word(text.strip(), max(0.0, item.Confidence(level)) / 100,
                                  Box(*map(float, box)), max(line, 0)))
            return words
        finally:
            api.Clear()

    def detect_rotation(self, image: Image.Image) -> int:
        tesserocr = self._tesserocr
        if self._osd is None:
            try:
                self._osd = tesserocr.PyTessBaseAPI(path=self._path, lang="osd",
                                                    psm=tesserocr.PSM.OSD_ONLY)
            except RuntimeError:
                return 0
        api = self._osd
        api.SetImage(image)
        try:
            result = api.DetectOrientationScript()
        except RuntimeError:
            return 0
        if not result or result.get("orient_conf", 0) < 2.0:
            return 0
        return int(result.get("orient_deg", 0)) % 360


class PytesseractEngine:
    """The `tesseract` command through pytesseract, where tesserocr does not install."""

    def __init__(self, languages: tuple[str, ...]) -> None:
        import pytesseract

        self._pt = pytesseract
        self._lang = "+".join(languages)
        try:
            pytesseract.get_tesseract_version()
        except (pytesseract.TesseractNotFoundError, OSError) as exc:
            raise OcrEngineMissing("The tesseract program is not installed.") from exc

    def recognize(self, image: Image.Image, timeout_s: float) -> list[Word]:
        try:
            data = self._pt.image_to_data(image, lang=self._lang, timeout=timeout_s,
                                          output_type=self._pt.Output.DICT)
        except RuntimeError as exc:  # pytesseract reports its timeout this way
            raise RecognitionTimeout from exc
        words: list[Word] = []
        lines: dict[tuple[int, int, int], int] = {}
        for i, text in enumerate(data["text"]):
            if not text or not text.strip() or float(data["conf"][i]) < 0:
                continue
            key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
            line = lines.setdefault(key, len(lines))
            x, y, w, h = (data[k][i] for k in ("left", "top", "width", "height"))
            words.append(Word(text.strip(), float(data["conf"][i]) / 100,
                              Box(x, y, x + w, y + h), line))
        return words

    def detect_rotation(self, image: Image.Image) -> int:
        try:
            osd = self._pt.image_to_osd(image, output_type=self._pt.Output.DICT, timeout=30)
        except Exception:  # OSD fails on pages with too little text; upright is the safe guess
            return 0
        return int(osd.get("rotate", 0)) % 360 if float(osd.get("orientation_conf", 0)) >= 2 else 0


@lru_cache(maxsize=4)
def engine_for(languages: tuple[str, ...], choice: str = "auto") -> OcrEngine:
    """The engine for this process, created once and kept loaded."""
    if choice in {"auto", "tesserocr"}:
        try:
            return TesserocrEngine(languages)
        except ImportError:
            if choice == "tesserocr":
                raise OcrEngineMissing("tesserocr is not installed.") from None
        except OcrEngineMissing:
            if choice == "tesserocr":
                raise
        log.info("tesserocr unavailable; using the tesseract command")
    return PytesseractEngine(languages)
