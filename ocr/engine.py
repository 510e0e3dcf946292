"""Which Tesseract engine reads pages, chosen once per process.

The engines implement `ocr.engine_protocol.OcrEngine`; this module only picks one, and none of
them imports it.

Workers are separate processes, so a module-level cache keeps one loaded engine per
(languages, choice) in each of them: loading eng+spa costs more than reading a small page.
"""

from __future__ import annotations

import logging
from functools import lru_cache

from ocr.engine_protocol import OcrEngine
from ocr.errors import OcrEngineMissing

log = logging.getLogger(__name__)


@lru_cache(maxsize=8)
def engine_for(languages: tuple[str, ...], choice: str = "auto", slot: int = 0) -> OcrEngine:
    """The engine for this process, created once and kept loaded; `slot` n > 0 is a further
    engine for a page read at the same time in another thread (an engine is not shared).

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
