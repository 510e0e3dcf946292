"""Honest fault doubles for the runner: readers that hang or crash like a stuck Tesseract.

They run in the runner's spawned workers, so they live at module level in an importable module.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from ocr import DocumentReading, ReadSettings, read_document


def hang_on_stuck(path: str, settings: ReadSettings) -> DocumentReading | str:
    """Reads normally, except a file whose bytes say STUCK never returns."""
    if b"STUCK" in Path(path).read_bytes():
        time.sleep(3600)
    return read_document(Path(path), settings)


def crash_on_crash(path: str, settings: ReadSettings) -> DocumentReading | str:
    """Reads normally, except a file whose bytes say CRASH kills its worker (a segfault)."""
    if b"CRASH" in Path(path).read_bytes():
        os._exit(139)
    return read_document(Path(path), settings)


def slow(path: str, settings: ReadSettings) -> DocumentReading | str:
    """Takes its time, so a test can stop the runner while a job is running."""
    time.sleep(30)
    return read_document(Path(path), settings)


def report_threads(path: str, settings: ReadSettings) -> DocumentReading | str:
    """Says, as a rejection reason, how many Tesseract threads its worker may use."""
    return f"OMP_THREAD_LIMIT={os.environ.get('OMP_THREAD_LIMIT')}"


def report_page_threads(path: str, settings: ReadSettings) -> DocumentReading | str:
    """Says, as a rejection reason, how many pages at once its worker was told to read."""
    return f"page_threads={settings.page_threads}"
