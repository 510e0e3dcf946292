"""Tesseract behind one small interface, chosen once per process.

Workers are separate processes, so a module-level cache keeps one loaded engine per
(languages, choice) in each of them: loading eng+spa costs more than reading a small page.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Protocol

from PIL import Image

from ocr.errors import OcrEngineMissing
from ocr.results import Word

log = logging.getLogger(__name__)


class RecognitionTimeout(Exception):
    """Tesseract did not finish the page within its time limit."""


class OcrEngine(Protocol):
    """What the page recipe needs from an OCR engine."""

    name: str

    def measure_skew(self, image: Image.Image, dpi: int) -> float:
        """Degrees to turn the page counter-clockwise to level its lines (0 when unknown)."""
        ...

    def recognize(self, image: Image.Image, dpi: int, timeout_s: float) -> list[Word]:
        """Words with boxes (pixels of `image`), confidences 0..1 and line indices.

        Raises RecognitionTimeout when the page takes longer than `timeout_s`.
        """
        ...

    def detect_orientation(self, image: Image.Image, dpi: int) -> int:
        """Clockwise degrees (0/90/180/270) the page's text is turned; 0 when unsure."""
        ...


@lru_cache(maxsize=4)
def engine_for(languages: tuple[str, ...], choice: str = "auto") -> OcrEngine:
    """The engine for this process, created once and kept loaded.

    "auto" prefers tesserocr (Tesseract in-process) and falls back to the `tesseract` command
    through pytesseract; raises OcrEngineMissing when neither can read `languages`.
    """
    if choice not in {"auto", "tesserocr", "pytesseract"}:
        raise ValueError(f"unknown OCR engine {choice!r}")
    problems: list[str] = []
    if choice in {"auto", "tesserocr"}:
        try:
            from ocr.tesserocr_engine import TesserocrEngine

            return TesserocrEngine(languages)
        except (ImportError, OcrEngineMissing) as exc:
            if choice == "tesserocr":
                raise OcrEngineMissing(f"Tesseract (tesserocr) cannot start: {exc}") from exc
            problems.append(str(exc) or type(exc).__name__)
            log.info("tesserocr unavailable (%s); trying the tesseract command", exc)
    try:
        from ocr.pytesseract_engine import PytesseractEngine

        return PytesseractEngine(languages)
    except (ImportError, OcrEngineMissing) as exc:
        problems.append(str(exc) or type(exc).__name__)
        raise OcrEngineMissing("Tesseract is not installed or cannot read the languages "
                               f"{'+'.join(languages)}: {'; '.join(problems)}") from exc
