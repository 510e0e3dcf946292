"""Reading one corpus file in a worker process, reporting how it ended (for test_corpora)."""

from __future__ import annotations

import traceback
import warnings
from pathlib import Path

from ocr import ReadSettings, UnreadableDocument, inspect_document, read_document

# Small limits keep the sweep to minutes: long documents end as TooManyPages after inspection.
SWEEP_SETTINGS = ReadSettings(max_pages=3, page_timeout_s=20.0)


def read_one(path: str) -> tuple[str, str, str]:
    """("read", kind, pages) | ("unreadable", error class, reason) | ("bug", type, traceback)."""
    warnings.simplefilter("error")  # as strict as the test run itself
    try:
        inspect_document(Path(path), SWEEP_SETTINGS)
        reading = read_document(Path(path), SWEEP_SETTINGS)
    except UnreadableDocument as exc:
        return "unreadable", type(exc).__name__, exc.reason
    except Exception as exc:
        return "bug", type(exc).__name__, "".join(traceback.format_exception(exc))[-2000:]
    return "read", reading.kind, str(len(reading.pages))
