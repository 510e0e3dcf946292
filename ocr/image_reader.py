"""TIFF (multi-page, CCITT fax), PNG and JPEG files as page images."""

from __future__ import annotations

import struct
import warnings
from collections.abc import Iterator
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from ocr.errors import CorruptFile, PageTooLarge, TooManyPages
from ocr.page_ocr import square_pixels, upright
from ocr.types import ReadSettings

# We check page size ourselves (PageTooLarge) before decoding, so Pillow's own bomb guard,
# which warns or raises without saying which limit we chose, is switched off.
Image.MAX_IMAGE_PIXELS = None


def _open(path: Path) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return Image.open(path)
    except UnidentifiedImageError as exc:
        raise CorruptFile("the image data is not readable") from exc
    except (OSError, ValueError, SyntaxError) as exc:
        raise CorruptFile(str(exc)[:120]) from exc


def count_frames(path: Path, settings: ReadSettings) -> int:
    """Pages in the image file, stopping past the limit (a looping page chain never ends)."""
    image = _open(path)
    try:
        frames = 0
        while True:
            frames += 1
            if frames > settings.max_pages:
                raise TooManyPages(frames, settings.max_pages)
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    image.seek(frames)
            except EOFError:
                return frames
            except (OSError, ValueError, SyntaxError, struct.error) as exc:
                if frames >= 1:
                    return frames  # the pages before the damage are still worth reading
                raise CorruptFile(str(exc)[:120]) from exc
    finally:
        image.close()


def frames(path: Path, settings: ReadSettings) -> Iterator[tuple[Image.Image, int]]:
    """Each page decoded, upright and with square pixels, with its dpi."""
    total = count_frames(path, settings)
    image = _open(path)
    try:
        for index in range(total):
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    image.seek(index)
                    megapixels = image.width * image.height / 1e6
                    if megapixels > settings.max_megapixels:
                        raise PageTooLarge(megapixels, settings.max_megapixels)
                    image.load()
                    page = upright(image.copy())
            except (OSError, ValueError, SyntaxError, struct.error, MemoryError) as exc:
                raise CorruptFile(f"page {index + 1}: {str(exc)[:100]}") from exc
            if page.mode not in {"1", "L", "RGB"}:
                page = _normalise_mode(page)
            dpi = image.info.get("dpi", (0, 0))
            yield square_pixels(page, dpi if isinstance(dpi, tuple) else (dpi, dpi))
    finally:
        image.close()


def _normalise_mode(page: Image.Image) -> Image.Image:
    """Palettes, alpha, CMYK and 16-bit pages become 8-bit grayscale for OCR."""
    try:
        if page.mode in {"I;16", "I;16B", "I;16L", "I", "F"}:
            return page.point(lambda v: v / 256).convert("L")
        if page.mode in {"RGBA", "LA", "PA"} or "A" in page.getbands():
            background = Image.new("RGB", page.size, "white")
            background.paste(page.convert("RGBA"), mask=page.convert("RGBA").getchannel("A"))
            return background.convert("L")
        return page.convert("L")
    except (ValueError, OSError) as exc:
        raise CorruptFile(f"unusual image format {page.mode}") from exc
