"""The taglines' fonts embedded without cutting and compressing the same subset for each letter.

reportlab embeds in every PDF the glyphs it used of each font: it cuts them out of the font
file and compresses them, every time. The taglines print the same text in the same script
fonts (Thai, Khmer, Lao, Chinese …) in every letter, so each of those fonts embeds the same
glyphs letter after letter. For those fonts the subset made from a list of glyphs, and its
compressed bytes, are kept (the last few per font), so the PDF is the same byte for byte and
made with a fraction of the work. The body font's glyphs differ from letter to letter (names,
addresses), so it is left to reportlab.
"""

from __future__ import annotations

import zlib
from collections import OrderedDict
from threading import Lock
from typing import Any

from reportlab.pdfbase.pdfdoc import PDFStreamFilterZCompress, PDFZCompress
from reportlab.pdfbase.ttfonts import TTFont

KEPT_PER_FONT = 16


class _KeptFlate(PDFStreamFilterZCompress):
    """Flate compression that remembers what it compressed last: the kept subsets."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._done: OrderedDict[bytes, bytes] = OrderedDict()
        self._lock = Lock()

    def encode(self, text: bytes | str) -> bytes:
        """The compressed bytes, made once for a kept subset."""
        if isinstance(text, str):
            return zlib.compress(text.encode("utf8"))
        with self._lock:
            done = self._done.get(text)
            if done is not None:
                self._done.move_to_end(text)
                return done
        done = zlib.compress(text)
        with self._lock:
            self._done[text] = done
            if len(self._done) > self._size:
                self._done.popitem(last=False)
        return done


class _KeptSubsets:
    """One font's subsets by glyph list, the most recently embedded kept."""

    def __init__(self, font: TTFont, flate: _KeptFlate) -> None:
        self._face = font.face
        self._make = font.face.makeSubset
        self._add = font.face.addSubsetObjects
        self._flate = flate
        self._made: OrderedDict[tuple[int, ...], bytes] = OrderedDict()
        self._lock = Lock()

    def make(self, subset: list[int]) -> bytes:
        """The font file of the glyphs `subset`, cut once for each glyph list."""
        key = tuple(subset)
        with self._lock:
            made = self._made.get(key)
            if made is not None:
                self._made.move_to_end(key)
                return made
        cut: bytes = self._make(subset)
        with self._lock:
            self._made[key] = cut
            if len(self._made) > KEPT_PER_FONT:
                self._made.popitem(last=False)
        return cut

    def add(self, doc: Any, fontname: str, subset: list[int]) -> Any:
        """Add the subset to the PDF as reportlab does, its bytes compressed once."""
        reference = self._add(doc, fontname, subset)
        # reportlab files the font's stream under this name; were that to change, the stream
        # is simply compressed anew each time.
        stream = doc.idToObject.get(f"fontFile:{self._face.filename}({fontname})")
        if stream is not None and getattr(stream, "filters", None) == [PDFZCompress]:
            stream.filters = [self._flate]
        return reference


def keep_subsets(font: TTFont) -> TTFont:
    """`font`, embedding each subset it has embedded before from the kept bytes."""
    kept = _KeptSubsets(font, _KeptFlate(KEPT_PER_FONT))
    font.face.makeSubset = kept.make
    font.face.addSubsetObjects = kept.add
    return font
