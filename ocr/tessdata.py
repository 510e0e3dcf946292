"""Finding Tesseract's language data on this machine."""

from __future__ import annotations

import os
import sys
from pathlib import Path

# Where installers and package managers put tessdata, newest Tesseract first.
_SYSTEM_GLOBS = (
    ("/usr/share/tesseract-ocr", "*/tessdata"),
    ("/usr/share/tesseract-ocr", "tessdata"),
    ("/usr/local/share/tesseract-ocr", "*/tessdata"),
    ("/usr/share", "tessdata"),
    ("/usr/local/share", "tessdata"),
    ("/opt/homebrew/share", "tessdata"),
    ("/opt/local/share", "tessdata"),
)
_WINDOWS_DIRS = (r"C:\Program Files\Tesseract-OCR\tessdata",
                 r"C:\Program Files (x86)\Tesseract-OCR\tessdata")


def _has_language_data(folder: Path) -> bool:
    return folder.is_dir() and any(folder.glob("*.traineddata"))


def _tesserocr_default() -> Path | None:
    try:
        import tesserocr
    except ImportError:
        return None
    try:
        path, _languages = tesserocr.get_languages()
    except RuntimeError:
        return None
    # Wheels that bundle their own Tesseract report "./" when they know no location.
    return Path(path) if path and path not in {"./", "."} else None


def find_tessdata() -> Path | None:
    """The tessdata folder: TESSDATA_PREFIX, tesserocr's default, then common system places."""
    given = os.environ.get("TESSDATA_PREFIX")
    candidates: list[Path] = []
    if given:
        # Tesseract 3 wanted the parent of tessdata; accept either.
        candidates += [Path(given), Path(given) / "tessdata"]
    default = _tesserocr_default()
    if default is not None:
        candidates.append(default)
    for root, pattern in _SYSTEM_GLOBS:
        candidates += sorted(Path(root).glob(pattern), reverse=True)
    if sys.platform == "win32":
        candidates += [Path(p) for p in _WINDOWS_DIRS]
    return next((c for c in candidates if _has_language_data(c)), None)


def missing_languages(tessdata: Path, languages: tuple[str, ...]) -> list[str]:
    """Languages asked for whose .traineddata file is not in `tessdata`."""
    return [lang for lang in languages if not (tessdata / f"{lang}.traineddata").is_file()]
