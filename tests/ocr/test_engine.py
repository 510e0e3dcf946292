"""The OCR engine: loaded once, a fallback that reads as well, and faults kept to one page."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PIL import Image

from ocr import OcrEngineMissing, ReadSettings, read_document
from ocr.engine import engine_for
from ocr.errors import RecognitionTimeout
from ocr.results import Word
from tests.ocr.conftest import recall


class HangingEngine:
    """Behaves like Tesseract on a page it cannot finish: works until the limit, then gives up."""

    name = "hanging"

    def measure_skew(self, image: Image.Image, dpi: int) -> float:
        return 0.0

    def recognize(self, image: Image.Image, dpi: int, timeout_s: float) -> list[Word]:
        time.sleep(timeout_s)
        raise RecognitionTimeout

    def detect_orientation(self, image: Image.Image, dpi: int) -> int:
        return 0


class CrashingEngine(HangingEngine):
    name = "crashing"

    def recognize(self, image: Image.Image, dpi: int, timeout_s: float) -> list[Word]:
        raise RuntimeError("simulated engine failure")


def test_the_engine_is_loaded_once_per_process() -> None:
    assert engine_for(("eng", "spa")) is engine_for(("eng", "spa"))


def test_a_page_that_times_out_becomes_an_empty_page_with_a_warning(
        docs: dict[str, Path]) -> None:
    """GIVEN an engine that never finishes in time THEN each page is kept, empty, with a warning."""
    reading = read_document(docs["multi"], ReadSettings(page_timeout_s=0.05),
                            engine=HangingEngine())
    assert len(reading.pages) == 3
    assert all(p.words == [] and p.text == "" and p.image_png for p in reading.pages)
    assert reading.pages[1].warnings == ["Page 2 took too long to read and was left unread."]
    assert len(reading.warnings) == 3
    assert reading.ocr_confidence == 0.0


def test_an_engine_crash_costs_only_the_page(docs: dict[str, Path]) -> None:
    reading = read_document(docs["scan_png"], ReadSettings(), engine=CrashingEngine())
    assert reading.pages[0].warnings == [
        "Page 1 could not be read by the OCR engine and was left unread."]


def test_the_real_engine_honours_its_time_limit(docs: dict[str, Path]) -> None:
    started = time.monotonic()
    reading = read_document(docs["scan_png"], ReadSettings(page_timeout_s=0.01))
    assert time.monotonic() - started < 5
    assert reading.pages[0].warnings == ["Page 1 took too long to read and was left unread."]


def test_the_fallback_engine_reads_as_well(docs: dict[str, Path]) -> None:
    """The tesseract command through pytesseract, for machines where tesserocr will not install."""
    reading = read_document(docs["fax_standard"], ReadSettings(engine="pytesseract"))
    page = reading.pages[0]
    assert recall(page.text) >= 0.97
    assert page.words[0].line == 0 and page.words[0].text == "Prior"
    assert all(0 <= w.confidence <= 1 for w in page.words)


def test_the_fallback_engine_turns_an_upside_down_page(docs: dict[str, Path]) -> None:
    page = read_document(docs["turned_180"], ReadSettings(engine="pytesseract")).pages[0]
    assert page.rotation == 180 and recall(page.text) >= 0.97


@pytest.mark.parametrize("choice", ["auto", "tesserocr", "pytesseract"])
def test_a_missing_language_is_the_machines_fault(docs: dict[str, Path], choice: str) -> None:
    with pytest.raises(OcrEngineMissing):
        read_document(docs["scan_png"], ReadSettings(languages=("xx_missing",), engine=choice))
