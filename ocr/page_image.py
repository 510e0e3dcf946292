"""The page image kept for the viewer: cheap to encode, small to store, and its pixels kept at
hand for the analysis that follows the reading in the same process."""

from __future__ import annotations

import io
import threading
from collections import OrderedDict

from PIL import Image

BILEVEL_THRESHOLD = 128
# Pages whose pixels are kept after encoding (or decoding) them: analysis looks at a page
# right after it is read (QR codes, tick boxes, values read again), and decoding its PNG for
# each look cost a 300-dpi page about 15 ms a time. A page is 4-9 MB, so only a few are kept,
# and fewer when they are big: a worker must stay within its memory on any page.
KEPT_PAGES = 3
KEPT_BYTES = 24_000_000

_kept: OrderedDict[int, tuple[bytes, Image.Image]] = OrderedDict()
_lock = threading.Lock()  # pages of one document may be read in parallel threads


def page_png(image: Image.Image, bilevel: bool = False) -> bytes:
    """PNG of the page: 1-bit when the source was bilevel (faxes), else 8-bit grayscale.

    Fast zlib settings: the page is encoded once per read and a smaller file is not worth
    seconds of a worker's time.
    """
    if bilevel and image.mode != "1":
        image = image.point(lambda v: 255 if v >= BILEVEL_THRESHOLD else 0, mode="1")
    elif image.mode not in {"1", "L"}:
        image = image.convert("L")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False, compress_level=1)
    png = buffer.getvalue()
    _keep(png, image)
    return png


def page_gray(image_png: bytes) -> Image.Image:
    """The 8-bit gray pixels of a page PNG, without decoding it again when this process made
    or opened it lately; shared, so never drawn on. Raises what Pillow raises on bad data."""
    with _lock:
        kept = _kept.get(id(image_png))
        if kept is not None and kept[0] is image_png:
            _kept.move_to_end(id(image_png))
            image = kept[1]
            if image.mode == "L":
                return image
        else:
            image = None
    if image is None:
        with Image.open(io.BytesIO(image_png)) as opened:
            image = opened.convert("L")
    else:
        image = image.convert("L")
    _keep(image_png, image)
    return image


def _keep(png: bytes, image: Image.Image) -> None:
    # Keyed by the bytes object itself (held here, so its id is not reused): pages with the
    # same pixels read twice are two entries, never one mistaken for the other.
    with _lock:
        _kept[id(png)] = (png, image)
        _kept.move_to_end(id(png))
        while len(_kept) > KEPT_PAGES or (len(_kept) > 1 and _kept_bytes() > KEPT_BYTES):
            _kept.popitem(last=False)


def _kept_bytes() -> int:
    return sum(image.width * image.height for _, image in _kept.values())


def forget_pages() -> None:
    """Drop the kept pixels: a new document's analysis never looks at the last one's pages."""
    with _lock:
        _kept.clear()
