"""Reading one small region of a page again, on its own, when what the page reading gave
for it failed a check (a phone with an impossible area code, a Medi-Cal ID one character
short).

Whole-page recognition reads a field's value among hundreds of other words; cut out,
enlarged and read as a single line (digits only where only digits belong), the same pixels
often give the right characters. Used by the form reader for values that fail their own
check, never for a whole page, so it costs a fraction of a second per doubtful field.
"""

from __future__ import annotations

import logging

from PIL import Image

from ocr.engine import engine_for
from ocr.errors import OcrEngineMissing, RecognitionTimeout
from ocr.page_image import page_gray
from ocr.results import Box, PageReading
from ocr.settings import ReadSettings
from ocr.timing import stage

log = logging.getLogger(__name__)

ENLARGE = 2  # small print read best at about twice its page size
LINE_TIMEOUT_S = 5.0


def read_region(page: PageReading, box: Box, allowed: str | None,
                settings: ReadSettings, *, inside: bool = False) -> str | None:
    """The text inside `box` (page-image pixels) read again as one line, with a margin of
    half a line around it (`inside`: only what lies within the box, as inside a ring drawn
    round a word); None when the page has no image or the engine cannot read it."""
    if page.source != "ocr" or not page.image_png:
        return None
    with stage("reread"):
        return _read_again(page, box, allowed, settings, inside)


def _read_again(page: PageReading, box: Box, allowed: str | None,
                settings: ReadSettings, inside: bool) -> str | None:
    image = page_gray(page.image_png)
    crop = _inside(image, box) if inside else _cut(image, box)
    try:
        engine = engine_for(settings.languages, settings.engine)
        words = engine.read_line(crop, page.dpi * ENLARGE, allowed, LINE_TIMEOUT_S)
    except (OcrEngineMissing, RecognitionTimeout, RuntimeError) as error:
        log.info("page %d: region not re-read (%s)", page.number, error)
        return None
    return " ".join(w.text for w in words) or None


def _cut(image: Image.Image, box: Box) -> Image.Image:
    margin = max(4.0, (box.y1 - box.y0) * 0.5)
    left, top = max(0, int(box.x0 - margin)), max(0, int(box.y0 - margin))
    right = min(image.width, int(box.x1 + margin))
    bottom = min(image.height, int(box.y1 + margin))
    crop = image.crop((left, top, max(right, left + 1), max(bottom, top + 1)))
    return crop.resize((crop.width * ENLARGE, crop.height * ENLARGE), Image.Resampling.LANCZOS)


def _inside(image: Image.Image, box: Box) -> Image.Image:
    """The middle of `box`, clear of its outline, on a white margin of its own height."""
    # A ring is thin: a fifth of its height in from each side clears it, even where a wide
    # oval runs close to the words at its ends.
    inset_x = inset_y = (box.y1 - box.y0) * 0.2
    crop = image.crop((int(box.x0 + inset_x), int(box.y0 + inset_y),
                       max(int(box.x1 - inset_x), int(box.x0 + inset_x) + 1),
                       max(int(box.y1 - inset_y), int(box.y0 + inset_y) + 1)))
    pad = max(4, crop.height // 2)
    framed = Image.new("L", (crop.width + 2 * pad, crop.height + 2 * pad), 255)
    framed.paste(crop, (pad, pad))
    return framed.resize((framed.width * ENLARGE, framed.height * ENLARGE),
                         Image.Resampling.LANCZOS)
