"""Decoding raster pages with Pillow, safely: size checked first, errors in plain words."""

from __future__ import annotations

import contextlib
import logging
import math
import struct
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from ocr.errors import CorruptFile, PageTooLarge, UnreadableDocument
from ocr.preprocess import sensible_dpi, square_pixels, to_gray, upright_exif
from ocr.readers.base import PageToRead, ReadContext, empty_page
from ocr.results import DocumentReading, PageReading
from ocr.settings import ReadSettings
from ocr.timing import stage

log = logging.getLogger(__name__)
# Black-and-white pages under this resolution came by fax.
FAX_BELOW_DPI = 250

# What Pillow and its codecs raise on damaged data (struct.error from truncated tags,
# SyntaxError from some plugin parsers, ZeroDivisionError from nonsense resolution tags).
DECODE_ERRORS: tuple[type[BaseException], ...] = (
    OSError, ValueError, SyntaxError, struct.error, EOFError, IndexError, KeyError, TypeError,
    ZeroDivisionError, AttributeError, MemoryError, Image.DecompressionBombError,
)


@contextlib.contextmanager
def quiet_pillow() -> Iterator[None]:
    """Pillow warns about odd tags and big images; we check size ourselves (PageTooLarge)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


def open_image(path: Path, number: int, settings: ReadSettings,
               formats: tuple[str, ...]) -> Image.Image:
    """Open lazily (headers only) as one of `formats`; raise CorruptFile or PageTooLarge."""
    try:
        with quiet_pillow():
            image = Image.open(path, formats=formats)
    except Image.DecompressionBombError as exc:
        raise PageTooLarge(number, _megapixels_of(exc), settings.max_megapixels) from exc
    except UnidentifiedImageError as exc:
        raise CorruptFile("Its image data is not readable.") from exc
    except DECODE_ERRORS as exc:
        raise CorruptFile() from exc
    return image


def _megapixels_of(exc: BaseException) -> float:
    # Pillow's message is "Image size (N pixels) exceeds limit ..."; the number is all we want.
    for token in str(exc).replace("(", " ").split():
        if token.isdigit():
            return int(token) / 1e6
    return float("inf")


def check_size(image: Image.Image, number: int, settings: ReadSettings) -> None:
    """Refuse a page whose pixels would not fit in memory before decoding any of them.

    A black-and-white pixel counts as a gray one (it becomes one to be read); a colour pixel
    as three.
    """
    megapixels = image.width * image.height / 1e6
    limit = settings.max_megapixels / max(1, len(image.getbands()))
    if megapixels > limit:
        raise PageTooLarge(number, megapixels, limit)


@dataclass(frozen=True)
class PageImage:
    image: Image.Image  # square pixels, upright
    dpi: int
    bilevel: bool  # the source was black and white (a fax): keep the viewer's copy 1-bit
    fax: str | None = None  # "fine" or "standard" for a black-and-white page under 250 dpi
    warning: str | None = None  # what the clerk should know about how it was read


def fax_resolution(dpi: tuple[float, float], bilevel: bool) -> str | None:
    """"standard" (rows half as dense as columns), "fine", or None for a page that is no fax."""
    x_dpi, y_dpi = dpi
    if not bilevel or max(x_dpi, y_dpi) >= FAX_BELOW_DPI:
        return None
    return "standard" if y_dpi < 0.75 * x_dpi else "fine"


def decode_current(image: Image.Image, number: int, settings: ReadSettings) -> PageImage:
    """The frame `image` is on, decoded, upright, with square pixels."""
    tags = _drafted(image, settings)
    check_size(image, number, settings)
    try:
        with quiet_pillow():
            with stage("open"):
                image.load()
                dpi = sensible_dpi(image, tags)
                bilevel = image.mode == "1"
                # Gray before turning: a colour page's copies are a third of the size.
                gray = image if image.mode in {"1", "L"} else to_gray(image)
                page = upright_exif(gray)
                if page.size != image.size:  # turned a quarter: x and y resolution swap
                    dpi = (dpi[1], dpi[0])
            with stage("square"):
                squared, square_dpi = square_pixels(page, dpi, settings.read_megapixels * 1e6)
                if squared is image:  # a TIFF's next frame is decoded into the same object
                    squared = image.copy()
                elif getattr(image, "n_frames", 1) == 1:
                    # The decoded file (a 48-megapixel photo is 48 MB even in gray) is not
                    # needed once the page to read is made: freed now, not after reading.
                    image.close()
            return PageImage(squared, square_dpi, bilevel, fax_resolution(dpi, bilevel),
                             _lowered(number, dpi, square_dpi))
    except UnreadableDocument:
        raise
    except DECODE_ERRORS as exc:
        raise CorruptFile(f"Page {number} is damaged.") from exc


def _drafted(image: Image.Image, settings: ReadSettings) -> object:
    """Have a JPEG decoded straight to gray, and smaller by a power of two when it is more
    than a page can be read at; its resolution tags, scaled to match."""
    tags = image.info.get("dpi")
    if image.format not in {"JPEG", "MPO"}:
        return tags
    width = image.width
    fit = min(1.0, math.sqrt(settings.read_megapixels * 1e6 / (image.width * image.height)))
    image.draft("L", (math.ceil(image.width * fit), math.ceil(image.height * fit)))
    if image.width != width and isinstance(tags, tuple) and len(tags) == 2:
        shrink = image.width / width
        with contextlib.suppress(TypeError, ValueError):
            tags = (float(tags[0]) * shrink, float(tags[1]) * shrink)
    return tags


def _lowered(number: int, dpi: tuple[float, float], read_dpi: int) -> str | None:
    """The warning for a page read coarser than it was scanned, to stay within memory."""
    if read_dpi >= 0.95 * max(dpi):
        return None
    return f"Page {number} is unusually large and was read at {read_dpi} dpi."


def _decode(number: int, decode: Callable[[int], PageImage], context: ReadContext,
            failures: list[CorruptFile]) -> PageToRead | PageReading:
    """The frame ready to read, or (damaged) an empty page with a warning."""
    try:
        page = decode(number)
    except PageTooLarge:
        raise
    except CorruptFile as exc:
        log.info("page %d undecodable: %s", number, exc.__cause__)
        failures.append(exc)
        return empty_page(number, f"Page {number} is damaged and could not be read.")
    if page.warning:
        context.warnings.append(page.warning)
    return PageToRead(number, page.image, page.dpi, page.bilevel,
                      page.fax in context.settings.enlarge_faxes,
                      page.fax in context.settings.reread_faxes)


def read_frames(kind: str, count: int, decode: Callable[[int], PageImage],
                context: ReadContext) -> DocumentReading:
    """OCR each frame; a damaged frame among good ones becomes an empty page with a warning.

    Frames are decoded in groups of settings.page_threads and each group read at once, so
    a long fax is read in parallel without holding all its pages' pixels.
    """
    pages: list[PageReading] = []
    failures: list[CorruptFile] = []
    group = max(1, context.settings.page_threads)
    for first in range(1, count + 1, group):
        numbers = range(first, min(count, first + group - 1) + 1)
        decoded = {n: _decode(n, decode, context, failures) for n in numbers}
        readings = iter(context.ocr_pages([p for p in decoded.values()
                                           if isinstance(p, PageToRead)]))
        for number in numbers:
            done = decoded[number]
            pages.append(next(readings) if isinstance(done, PageToRead) else done)
            context.page_done()
    if len(failures) == count:
        raise failures[0]
    warnings = [*context.warnings, *(w for p in pages for w in p.warnings)]
    return DocumentReading(kind, pages, {}, warnings)
