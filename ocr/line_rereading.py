"""Lines of a fax page Tesseract was unsure of, read again enlarged, on their own.

A standard fax read at its own resolution gets most words right; its slips gather in small
print ('M1711' for 'M17.11', '13000' for 'L3000'), where Tesseract's own confidence drops.
Enlarging the whole page to 300 dpi mends those and costs half as much reading time again for
every page; enlarging only the lines holding an unsure word, cut out and read as one line,
mends them for a fraction of that. A line read again replaces the first reading only when
Tesseract is surer of it.
"""

from __future__ import annotations

import logging
import time
from dataclasses import replace

from PIL import Image

from ocr.engine_protocol import OcrEngine
from ocr.enlarge import READ_DPI, enlarge
from ocr.errors import RecognitionTimeout
from ocr.results import Box, Word

log = logging.getLogger(__name__)

# A line holding a word read less sure than this is read again.
UNSURE = 0.80
# At most this many lines per page: a page of nothing but doubt is not worth the time.
MAX_LINES = 40
LINE_TIMEOUT_S = 3.0


def _lines(words: list[Word]) -> dict[int, list[Word]]:
    lines: dict[int, list[Word]] = {}
    for word in words:
        lines.setdefault(word.line, []).append(word)
    return lines


def _mean(words: list[Word]) -> float:
    return sum(w.confidence for w in words) / len(words) if words else 0.0


def _span(words: list[Word]) -> Box:
    return Box(min(w.box.x0 for w in words), min(w.box.y0 for w in words),
               max(w.box.x1 for w in words), max(w.box.y1 for w in words))


def reread_unsure_lines(image: Image.Image, dpi: int, words: list[Word], engine: OcrEngine,
                        deadline: float) -> list[Word]:
    """`words` with each unsure line (a word under UNSURE) read again enlarged to 300 dpi,
    kept where Tesseract is surer of the new reading; boxes stay in `image`'s pixels. Lines
    left when the page's time (`deadline`, monotonic) is up keep their first reading."""
    if dpi <= 0 or dpi >= READ_DPI:
        return words
    scale = READ_DPI / dpi
    unsure = [(n, line) for n, line in _lines(words).items()
              if any(w.confidence < UNSURE for w in line)]
    unsure.sort(key=lambda item: _mean(item[1]))
    mended: dict[int, list[Word]] = {}
    for number, line in unsure[:MAX_LINES]:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            break
        again = _read_line(image, _span(line), scale, engine, min(LINE_TIMEOUT_S, remaining))
        if again and _mean(again) > _mean(line):
            mended[number] = [replace(w, line=number) for w in again]
    if not mended:
        return words
    kept = [w for w in words if w.line not in mended]
    return sorted([*kept, *(w for line in mended.values() for w in line)],
                  key=lambda w: (w.line, w.box.x0))


def _read_line(image: Image.Image, box: Box, scale: float, engine: OcrEngine,
               timeout_s: float) -> list[Word]:
    margin = max(3.0, (box.y1 - box.y0) * 0.3)
    left, top = max(0, int(box.x0 - margin)), max(0, int(box.y0 - margin))
    right = min(image.width, int(box.x1 + margin) + 1)
    bottom = min(image.height, int(box.y1 + margin) + 1)
    if right - left < 2 or bottom - top < 2:
        return []
    crop = enlarge(image.crop((left, top, right, bottom)), scale)
    try:
        words = engine.read_line(crop, READ_DPI, None, timeout_s)
    except RecognitionTimeout:
        return []
    except Exception as exc:  # a second look that fails must not cost the page its first
        log.info("line not read again: %s: %s", type(exc).__name__, exc)
        return []
    return [replace(w, box=Box(left + w.box.x0 / scale, top + w.box.y0 / scale,
                               left + w.box.x1 / scale, top + w.box.y1 / scale))
            for w in words]
