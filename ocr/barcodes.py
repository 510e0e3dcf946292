"""Reading QR symbols off a page image: the form codes printed on the plan's blank forms.

A page arrives as a PNG at the dpi it was read at; a standard fax has already been stretched
to square pixels, so its symbol is blocky and a little skewed. The image is tried as it is
first; if nothing is found, a binarised copy at about 150 dpi is tried, which is what a fax's
gray, blurred edges need.
"""

from __future__ import annotations

import logging

import numpy as np
import zxingcpp
from PIL import Image, UnidentifiedImageError

from ocr.page_image import page_gray

log = logging.getLogger(__name__)

_RETRY_WIDTH = 1300  # pixels: about 150 dpi across a letter page
_THRESHOLD = 160


def read_qr_payloads(image_png: bytes) -> list[str]:
    """The text of every QR symbol on the page, top to bottom; [] when there is none."""
    if not image_png:
        return []
    try:
        gray = page_gray(image_png)
    except (UnidentifiedImageError, OSError, ValueError) as error:
        log.warning("a page image could not be opened to look for a QR code: %s", error)
        return []
    for candidate in (gray, _binarised(gray)):
        found = _decode(candidate)
        if found:
            return found
    return []


def _binarised(gray: Image.Image) -> Image.Image:
    """A smaller black-and-white copy: fax blur and speckle become clean modules."""
    if gray.width > _RETRY_WIDTH:
        height = round(gray.height * _RETRY_WIDTH / gray.width)
        gray = gray.resize((_RETRY_WIDTH, height), Image.Resampling.BOX)
    return gray.point(lambda v: 255 if v > _THRESHOLD else 0)


def _decode(image: Image.Image) -> list[str]:
    # The format is named at each call: a zxing object kept in a module global outlives the
    # library at exit, and every command would end by printing a leak report.
    qr_only = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
    # Handed over as an array made once: given the image, zxing copies its pixels twice.
    results = zxingcpp.read_barcodes(np.asarray(image), formats=qr_only)
    placed = sorted((r for r in results if r.valid and r.text),
                    key=lambda r: (r.position.top_left.y, r.position.top_left.x))
    return [r.text for r in placed]
