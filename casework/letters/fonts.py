"""TrueType fonts for letters, embedded in every PDF so it prints the same anywhere.

The body font (DejaVu Sans, bundled under resources/fonts) carries Latin with Spanish and
Vietnamese accents, Cyrillic, Armenian and Arabic. Hindi, Punjabi, Khmer, Lao and Thai are
printed in the bundled Noto Sans fonts of their scripts, shaped by HarfBuzz (their letters
join and reorder). Chinese, Japanese and Korean need a second font; the first TrueType font
found on the machine that has the glyphs is used for those taglines, and a tagline no font can
print is left out and reported (never printed as empty boxes).
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from casework.errors import EnvironmentFailure
from casework.letters.font_subsets import keep_subsets

BODY = "LetterSans"
BODY_BOLD = "LetterSans-Bold"

# TrueType (glyf-outline) fonts with Han and/or Hangul glyphs, by file name, in order of
# preference. OpenType/CFF fonts such as Noto CJK cannot be embedded by reportlab.
FALLBACK_FILES = (
    "wqy-microhei.ttc",  # Debian fonts-wqy-microhei: Chinese and Korean
    "wqy-zenhei.ttc",  # Debian fonts-wqy-zenhei
    "DroidSansFallbackFull.ttf",  # Debian fonts-droid-fallback
    "NanumGothic.ttf",  # Debian fonts-nanum: Korean
    "uming.ttc",  # Debian fonts-arphic-uming: Chinese
    "msyh.ttc",  # Windows: Microsoft YaHei
    "malgun.ttf",  # Windows: Malgun Gothic
)


# Bundled Noto Sans fonts for scripts whose letters join and reorder (shaped by HarfBuzz), and
# the code points that send a text to them rather than to the body font.
SCRIPT_FONTS = (
    ("LetterDevanagari", "NotoSansDevanagari-Regular.ttf", range(0x0900, 0x0980)),
    ("LetterGurmukhi", "NotoSansGurmukhi-Regular.ttf", range(0x0A00, 0x0A80)),
    ("LetterThai", "NotoSansThai-Regular.ttf", range(0x0E00, 0x0E80)),
    ("LetterLao", "NotoSansLao-Regular.ttf", range(0x0E80, 0x0F00)),
    ("LetterKhmer", "NotoSansKhmer-Regular.ttf", range(0x1780, 0x1800)),
)

_UNKNOWN = "\0unknown"


class FontMissing(EnvironmentFailure):
    """The bundled letter font cannot be loaded."""


@dataclass
class FontSet:
    """The registered body fonts and the fallback fonts found for other scripts."""

    fallback_dirs: tuple[Path, ...]
    _fallbacks: list[tuple[str, frozenset[int]]] | None = field(default=None, repr=False)
    # Notices and taglines repeat in every letter: remember which font each text needed.
    _chosen: dict[str, str | None] = field(default_factory=dict, repr=False)
    _runs: dict[str, list[tuple[str, str]] | None] = field(default_factory=dict, repr=False)

    @property
    def regular(self) -> str:
        return BODY

    @property
    def bold(self) -> str:
        return BODY_BOLD

    def font_for(self, text: str) -> str | None:
        """The registered font that has every glyph of `text`, or None if no font has them."""
        if text.isascii():
            return BODY  # the body font has every printable ASCII character
        found = self._chosen.get(text, _UNKNOWN)
        if found is _UNKNOWN:
            if len(self._chosen) > 20_000:
                self._chosen.clear()  # a long-running service must not grow without bound
            found = self._chosen[text] = self._search(text)
        return found

    def script_runs(self, text: str) -> list[tuple[str, str]] | None:
        """`text` cut into (font, run) pieces when it is written in a bundled script font's
        script: that script in its font, the phone numbers and Latin between in the body
        font. None when no bundled script font is needed; empty when a run cannot print."""
        if text.isascii():
            return None
        if text not in self._runs:
            if len(self._runs) > 2_000:
                self._runs.clear()
            self._runs[text] = self._cut(text)
        return self._runs[text]

    def _cut(self, text: str) -> list[tuple[str, str]] | None:
        scripts = [(name, script) for name, _filename, script in SCRIPT_FONTS
                   if any(ord(char) in script for char in text)]
        if not scripts:
            return None
        runs: list[tuple[str, str]] = []
        for char in text:
            font = next((name for name, script in scripts if ord(char) in script), BODY)
            if char.isspace() and runs:
                font = runs[-1][0]  # a space goes with the words before it
            if runs and runs[-1][0] == font:
                runs[-1] = (font, runs[-1][1] + char)
            else:
                runs.append((font, char))
        for font, run in runs:
            if not {ord(c) for c in run if not c.isspace()} <= _coverage(font):
                return []
        return runs

    def _search(self, text: str) -> str | None:
        needed = {ord(char) for char in text if not char.isspace()}
        for name, _filename, script in SCRIPT_FONTS:
            if any(point in script for point in needed):
                return name if needed <= _coverage(name) else None
        if needed <= _coverage(BODY):
            return BODY
        for name, coverage in self._fallback_fonts():
            if needed <= coverage:
                return name
        return None

    def _fallback_fonts(self) -> list[tuple[str, frozenset[int]]]:
        # Looked for only when a tagline needs it: walking font folders costs a moment.
        if self._fallbacks is None:
            self._fallbacks = [
                (name, _coverage(name)) for name in _register_fallbacks(self.fallback_dirs)
            ]
        return self._fallbacks


def default_font_dirs() -> tuple[Path, ...]:
    """The usual font folders of Linux, macOS and Windows that exist on this computer."""
    candidates = [
        Path("/usr/share/fonts"),
        Path("/usr/local/share/fonts"),
        Path.home() / ".local" / "share" / "fonts",
        Path.home() / ".fonts",
        Path("/Library/Fonts"),
        Path("/System/Library/Fonts"),
        Path(os.environ.get("WINDIR", "C:\\Windows")) / "Fonts",
    ]
    return tuple(path for path in candidates if path.is_dir())


@cache
def default_fonts() -> FontSet:
    """The font set letters use: bundled body fonts plus whatever fallbacks this computer has."""
    register_body_fonts()
    return FontSet(default_font_dirs())


def font_set(fallback_dirs: Iterable[Path]) -> FontSet:
    """A font set looking for fallback fonts in `fallback_dirs` only."""
    register_body_fonts()
    return FontSet(tuple(fallback_dirs))


@cache
def register_body_fonts() -> None:
    """Register the bundled DejaVu Sans (regular and bold) as one family with reportlab, and
    the bundled script fonts."""
    folder = files("resources") / "fonts"
    fonts = [(BODY, "DejaVuSans.ttf", False), (BODY_BOLD, "DejaVuSans-Bold.ttf", False)]
    fonts += [(name, filename, True) for name, filename, _script in SCRIPT_FONTS]
    for name, filename, shaped in fonts:
        try:
            data = (folder / filename).read_bytes()
            # Latin, Cyrillic and (already reshaped) Arabic print as they are; shaping the
            # body font would only slow every letter down.
            font = TTFont(name, io.BytesIO(data), shapable=shaped)
            # The script fonts print only the taglines: the same glyphs in every letter.
            pdfmetrics.registerFont(keep_subsets(font) if shaped else font)
        except (OSError, TTFError) as exc:
            raise FontMissing(
                f"The letter font {filename} cannot be loaded ({exc}); reinstall the program."
            ) from exc
    for bold, italic in ((0, 0), (0, 1), (1, 0), (1, 1)):
        addMapping(BODY, bold, italic, BODY_BOLD if bold else BODY)


@cache
def _coverage(font_name: str) -> frozenset[int]:
    font = pdfmetrics.getFont(font_name)
    return frozenset(font.face.charToGlyph)


@cache
def _register_fallbacks(dirs: tuple[Path, ...]) -> tuple[str, ...]:
    found: dict[str, Path] = {}
    for folder in dirs:
        for path in sorted(folder.rglob("*")):
            if path.name in FALLBACK_FILES and path.name not in found:
                found[path.name] = path
    names = []
    for filename in FALLBACK_FILES:
        if filename not in found:
            continue
        name = "LetterFallback-" + Path(filename).stem
        try:
            pdfmetrics.registerFont(keep_subsets(TTFont(name, str(found[filename]),
                                                        subfontIndex=0, shapable=False)))
        except (OSError, TTFError):
            continue  # a damaged or CFF-outline font: try the next one
        names.append(name)
    return tuple(names)
