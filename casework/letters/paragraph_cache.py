"""Paragraphs shared between letters: each text parsed and broken into lines once per process.

Most of a letter is the same from one letter to the next (the notices, the rights enclosure,
the taglines in fifteen languages), and reportlab spends much of a letter parsing those
paragraphs' markup and finding their line breaks. A paragraph seen before is made from its
parsed fragments, and its line breaks at a width it was already laid out at are reused. Each
letter still gets its own paragraph objects (platypus keeps layout state on them), so what
prints is exactly what a freshly made paragraph prints.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from functools import cache
from threading import Lock
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

# What Paragraph.wrap (and its line breaking) leaves on the paragraph for drawing and splitting.
_WRAP_STATE = ("width", "height", "blPara", "_wrapWidths", "_width_max",
               "_splitLongWordCount", "_hyphenations")


class ReusedParagraph(Paragraph):
    """A paragraph whose line breaks, by width, are shared with every copy of its text."""

    _breaks: dict[float, dict[str, Any]] | None = None  # None: a split part, laid out afresh

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """Lay the paragraph out at `availWidth`, reusing the line breaks found before."""
        breaks = self._breaks
        if breaks is None:
            return super().wrap(availWidth, availHeight)  # type: ignore[no-any-return]
        state = breaks.get(availWidth)
        if state is None:
            width, height = super().wrap(availWidth, availHeight)
            if "blPara" in self.__dict__:  # a width too narrow to lay out in leaves none
                breaks[availWidth] = {k: self.__dict__[k] for k in _WRAP_STATE
                                      if k in self.__dict__}
            return width, height
        self.__dict__.update(state)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Paragraph]:
        """Split across a page; reportlab writes spaces into the lines it splits, so a fresh
        layout of this paragraph is split, never the shared one (splits are few)."""
        if self._breaks is not None:
            Paragraph.wrap(self, availWidth, availHeight)
        return super().split(availWidth, availHeight)  # type: ignore[no-any-return]


@dataclass
class _Parsed:
    frags: list[Any]
    style: ParagraphStyle
    bullet: Any
    breaks: dict[float, dict[str, Any]] = field(default_factory=dict)


class ParagraphCache:
    """The paragraphs letters printed lately, parsed, by text and style; the least recently
    printed are forgotten, so a long-running service does not grow without bound."""

    def __init__(self, size: int = 2_000) -> None:
        self._size = size
        self._parsed: OrderedDict[tuple[Any, ...], _Parsed] = OrderedDict()
        self._lock = Lock()  # letters may be made on more than one worker thread

    def make(self, text: str, style: ParagraphStyle, bullet: str | None = None) -> Paragraph:
        """A new paragraph of `text` in `style`, from the parse kept for them if any."""
        key = (text, bullet, *_style_key(style))
        with self._lock:
            parsed = self._parsed.get(key)
            if parsed is not None:
                self._parsed.move_to_end(key)
        if parsed is None:
            made = ReusedParagraph(text, style, bulletText=bullet)
            parsed = _Parsed(made.frags, made.style, made.bulletText)
            with self._lock:
                self._parsed[key] = parsed
                if len(self._parsed) > self._size:
                    self._parsed.popitem(last=False)
        else:
            made = ReusedParagraph(None, parsed.style, bulletText=parsed.bullet,
                                   frags=parsed.frags)
        made._breaks = parsed.breaks
        return made


def _style_key(style: ParagraphStyle) -> tuple[Any, ...]:
    """What of a style decides how a paragraph parses and breaks (styles are made anew for
    each letter, with the same names for the same settings)."""
    return (style.name, style.fontName, style.fontSize, style.leading, style.leftIndent,
            style.rightIndent, style.firstLineIndent, style.alignment,
            getattr(style, "wordWrap", None), style.bulletIndent, style.bulletFontName)


@cache
def shared_paragraphs() -> ParagraphCache:
    """The one paragraph cache of this process, shared by every letter."""
    return ParagraphCache()
