"""The page image kept for the viewer: cheap to encode, small to store."""

from __future__ import annotations

import io

from PIL import Image

BILEVEL_THRESHOLD = 128


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
    return buffer.getvalue()
