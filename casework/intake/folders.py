"""Rules about files in watched folders: which are complete, and where taken files go."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

from casework.db.states import DocumentStatus

TEMPORARY_SUFFIXES = (".tmp", ".part", ".crdownload", ".partial", ".download", ".filepart")
OUTPUT_FOLDERS = (DocumentStatus.PROCESSED, DocumentStatus.REJECTED)


def is_temporary_name(path: Path) -> bool:
    """Names that scanners, fax servers, browsers and Office give to files still being written."""
    name = path.name
    return (name.startswith((".", "~$")) or name.lower().endswith(TEMPORARY_SUFFIXES)
            or name.endswith("~"))


def is_in_output_folder(path: Path, root: Path) -> bool:
    """True for anything under <root>/processed or <root>/rejected (never taken again)."""
    try:
        relative = path.relative_to(root)
    except ValueError:
        return False
    return bool(relative.parts) and relative.parts[0] in OUTPUT_FOLDERS


def move_out(path: Path, root: Path, outcome: DocumentStatus, day: date) -> Path:
    """Move a taken file to <root>/processed/YYYY-MM-DD/ or <root>/rejected/, never overwriting."""
    folder = (root / outcome / day.isoformat() if outcome == DocumentStatus.PROCESSED
              else root / outcome)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / path.name
    counter = 1
    while target.exists():
        target = folder / f"{path.stem}-{counter}{path.suffix}"
        counter += 1
    shutil.move(str(path), str(target))
    return target


def shown_name(text: str) -> str:
    """A file name or path as text that can be stored and printed whatever its bytes: bytes
    that are not UTF-8 appear as escapes (\\xff), so no name stops a batch."""
    return os.fsencode(text).decode("utf-8", "backslashreplace")
