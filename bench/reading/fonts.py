"""Typefaces a form may be printed or typed in: reportlab's standard faces and TrueType fonts
found on the machine through fontconfig (DejaVu from fonts-dejavu-core)."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from functools import cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont


@dataclass(frozen=True)
class Face:
    """A regular and a bold font registered with reportlab."""

    name: str
    regular: str
    bold: str
    monospaced: bool = False


STANDARD = (Face("Helvetica", "Helvetica", "Helvetica-Bold"),
            Face("Times", "Times-Roman", "Times-Bold"),
            Face("Courier", "Courier", "Courier-Bold", monospaced=True))
# fontconfig patterns for the regular and bold styles of each TrueType face
TRUETYPE = (("DejaVu Sans", "DejaVu Sans", "DejaVu Sans:bold", False),
            ("DejaVu Serif", "DejaVu Serif", "DejaVu Serif:bold", False),
            ("DejaVu Sans Mono", "DejaVu Sans Mono", "DejaVu Sans Mono:bold", True),
            ("DejaVu Sans Condensed", "DejaVu Sans:condensed", "DejaVu Sans:condensed:bold", False))


def _font_file(pattern: str, family: str) -> str | None:
    """The file fontconfig gives for `pattern`, if it really is `family` (not a fallback)."""
    if shutil.which("fc-match") is None:
        return None
    found = subprocess.run(["fc-match", "-f", "%{family}|%{file}", pattern],
                           capture_output=True, text=True, check=False).stdout
    families, _, path = found.partition("|")
    return path if family.split()[0] in families and path else None


def _register(name: str, path: str) -> str:
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, path))
    return name


@cache
def faces() -> tuple[Face, ...]:
    """Every face available here: the three standard ones and the TrueType ones installed."""
    found = list(STANDARD)
    for name, regular, bold, mono in TRUETYPE:
        regular_file, bold_file = _font_file(regular, name), _font_file(bold, name)
        if regular_file and bold_file:
            key = name.replace(" ", "")
            found.append(Face(name, _register(key, regular_file),
                              _register(f"{key}-Bold", bold_file), mono))
    return tuple(found)
