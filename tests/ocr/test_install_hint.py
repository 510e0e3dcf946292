"""A computer without Tesseract is told what to install, in the words of its own system."""

from __future__ import annotations

import pytest

from ocr.errors import OcrEngineMissing, install_hint


@pytest.mark.parametrize(("platform", "words"), [
    ("win32", "C:\\Program Files\\Tesseract-OCR"),
    ("linux", "apt-get install tesseract-ocr tesseract-ocr-eng tesseract-ocr-spa"),
    ("darwin", "brew install tesseract"),
])
def test_the_hint_names_what_to_install_on_each_system(platform: str, words: str) -> None:
    assert words in install_hint(platform)


def test_the_missing_engine_message_carries_the_problem_and_the_hint() -> None:
    error = OcrEngineMissing("Tesseract languages not installed: spa.")
    assert str(error).startswith("Tesseract languages not installed: spa. Install Tesseract OCR 5")
    assert error.problem == "Tesseract languages not installed: spa."
