"""Making a page image fit for OCR: gray pixels, square pixels, upright, level."""

from __future__ import annotations

import itertools
import math
import struct
from collections.abc import Callable

import cv2
import numpy as np
from PIL import ExifTags, Image, ImageOps

# A reading worker has one core: OpenCV's own threads would only fight Tesseract for it.
cv2.setNumThreads(1)

# Pixels less than this far from square are read as they are (a 204 x 196 fine fax is 4% off,
# which Tesseract does not notice; stretching it would only add gray edges and time).
SQUARE_TOLERANCE = 0.05
# Skews smaller than this do not hurt Tesseract; turning the image would cost a pass.
MIN_DESKEW_DEGREES = 0.4
MAX_DESKEW_DEGREES = 10.0
# Fax page widths in pixels (A4/letter, B4, A3 at 204 dpi; the half-width 102 dpi mode).
FAX_WIDTHS = {1728: 204, 2048: 204, 2432: 204, 864: 102}
# Source rows turned gray at a time when a page is resized (see gray_resized).
BAND_ROWS = 1024


def to_gray(image: Image.Image) -> Image.Image:
    """8-bit grayscale from any Pillow mode: palettes, alpha on white, 16-bit, CMYK."""
    if image.mode == "L":
        return image
    if image.mode in {"1", "RGB", "CMYK", "YCbCr", "LAB", "HSV"}:
        return image.convert("L")
    if image.mode.startswith("I;16") or image.mode in {"I", "F"}:
        # 16-bit scanners: keep the top 8 bits.
        return image.convert("I").point(lambda v: v * (1 / 256)).convert("L")
    if "A" in image.getbands() or image.mode in {"P", "PA"}:
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(background, rgba).convert("L")
    return image.convert("L")


def upright_exif(image: Image.Image) -> Image.Image:
    """Apply an EXIF orientation tag (phone photos, some scanners) to the pixels: a turned
    copy, or `image` itself when its EXIF block says it is upright (no copy of a large page).

    Only the EXIF block counts; a TIFF's own orientation tag is not followed.
    """
    raw = image.info.get("exif")
    if not raw:
        return image
    exif = Image.Exif()
    try:
        exif.load(raw)
    except (SyntaxError, ValueError, TypeError, struct.error, OSError):
        return image  # a damaged EXIF block says nothing about the page
    if exif.get(ExifTags.Base.Orientation, 1) == 1:
        return image
    return ImageOps.exif_transpose(image.copy()) or image


def sensible_dpi(image: Image.Image, dpi: object) -> tuple[float, float]:
    """The image's (x, y) resolution, guessed from its size when the tags are absent or silly."""
    x = y = 0.0
    if isinstance(dpi, tuple) and len(dpi) == 2:
        try:
            x, y = float(dpi[0]), float(dpi[1])
        except (TypeError, ValueError):
            x = y = 0.0
    if 50 <= x <= 1200 and 50 <= y <= 1200 and (x, y) not in {(72.0, 72.0), (96.0, 96.0)}:
        return x, y
    if image.width in FAX_WIDTHS and image.mode == "1":
        # An untagged fax: a letter page is about 11 inches, so its height says fine or standard.
        fine = image.height / image.width > 0.9
        return float(FAX_WIDTHS[image.width]), (196.0 if fine else 98.0)
    # An untagged scan: assume the page is letter width (8.5 inches).
    guess = min(600.0, max(100.0, round(image.width / 8.5 / 50) * 50.0))
    return guess, guess


def square_pixels(image: Image.Image, dpi: tuple[float, float],
                  max_pixels: float = math.inf) -> tuple[Image.Image, int]:
    """The page with (nearly) square pixels, and the one resolution Tesseract is told.

    A fine fax (204 x 196) is read as it is, at their mean; a standard fax (204 x 98, squashed
    to half height) gets each pixel row doubled exactly, which reads better than a 204/98
    stretch (no new gray edges, no speckle smeared into blobs). Any other odd shape is
    stretched to the larger resolution. The result never holds more than `max_pixels`: the
    size is worked out before any pixel is made, and a bigger page gets a lower resolution.
    """
    x_dpi, y_dpi = dpi
    pixels = image.width * image.height
    if _near(x_dpi, y_dpi) and pixels <= max_pixels:
        return image, round((x_dpi + y_dpi) / 2)
    if _near(x_dpi, 2 * y_dpi) and 2 * pixels <= max_pixels:
        doubled = image.resize((image.width, image.height * 2), Image.Resampling.NEAREST)
        return doubled, round((x_dpi + 2 * y_dpi) / 2)
    target = max(x_dpi, y_dpi)
    fitted = fitting_dpi(image.size, dpi, max_pixels)
    # Rounded down when fitted to the limit: never a pixel over it.
    size_of: Callable[[float], int] = math.floor if fitted < target else round
    target = min(target, fitted)
    size = (max(1, size_of(image.width * target / x_dpi)),
            max(1, size_of(image.height * target / y_dpi)))
    return gray_resized(image, size), round(target)


def gray_resized(image: Image.Image, size: tuple[int, int]) -> Image.Image:
    """`image` in gray at `size`, made a band of rows at a time so that a large black-and-white
    or colour page never has a full-size gray copy.

    Bilinear on gray keeps stroke edges soft, which Tesseract reads better than blocky 1-bit.
    Each band is resized from a source box that ends exactly where the next begins, with a
    margin for the filter, so the bands meet without a seam.
    """
    if image.mode == "L":
        return image.resize(size, Image.Resampling.BILINEAR)
    rows_scale = image.height / size[1]
    band = max(1, int(BAND_ROWS / max(rows_scale, 1.0)))
    margin = 2 + math.ceil(rows_scale)
    result = Image.new("L", size, 255)
    for top in range(0, size[1], band):
        bottom = min(size[1], top + band)
        y0, y1 = top * rows_scale, bottom * rows_scale
        first = max(0, math.floor(y0) - margin)
        last = min(image.height, math.ceil(y1) + margin)
        strip = to_gray(image.crop((0, first, image.width, last)))
        part = strip.resize((size[0], bottom - top), Image.Resampling.BILINEAR,
                            box=(0, y0 - first, image.width, y1 - first))
        result.paste(part, (0, top))
    return result


def fitting_dpi(size: tuple[int, int], dpi: tuple[float, float], max_pixels: float) -> float:
    """The highest square resolution at which a page of `size` pixels at `dpi` holds no more
    than `max_pixels`."""
    width_in, height_in = size[0] / dpi[0], size[1] / dpi[1]
    return math.sqrt(max_pixels / (width_in * height_in))


def _near(a: float, b: float) -> bool:
    return abs(a - b) / max(a, b, 1.0) <= SQUARE_TOLERANCE


def turn(image: Image.Image, clockwise: int) -> Image.Image:
    """The page turned clockwise by a multiple of 90 degrees (lossless)."""
    transposes = {90: Image.Transpose.ROTATE_270, 180: Image.Transpose.ROTATE_180,
                  270: Image.Transpose.ROTATE_90}
    step = clockwise % 360
    return image.transpose(transposes[step]) if step in transposes else image


def level(image: Image.Image, degrees: float) -> Image.Image:
    """The page turned counter-clockwise by a small angle about its middle, bilinear, corners
    filled with white.

    OpenCV turns a page in a fifth of the time Pillow's rotate takes (7 against 32 ms for a
    fine fax), to the same pixels within one gray level: the centre is given as Pillow takes
    it, in pixel centres.
    """
    pixels = np.asarray(to_gray(image), dtype=np.uint8)
    height, width = pixels.shape
    turn = cv2.getRotationMatrix2D((width / 2 - 0.5, height / 2 - 0.5), degrees, 1.0)
    levelled = cv2.warpAffine(pixels, turn, (width, height), flags=cv2.INTER_LINEAR,
                              borderMode=cv2.BORDER_CONSTANT, borderValue=255)
    return Image.fromarray(levelled)


def needs_deskew(degrees: float) -> bool:
    """Whether a measured skew is worth a turn: big enough to matter, small enough to trust."""
    return MIN_DESKEW_DEGREES <= abs(degrees) <= MAX_DESKEW_DEGREES


def estimate_skew(image: Image.Image, dpi: int, max_degrees: float = 5.0) -> float:
    """Degrees to turn counter-clockwise to level the text, by projection profiles.

    On a ~75-dpi copy, the angle whose row sums vary most is the one where text lines run
    horizontal. Pillow only: each row's mean comes from resizing the image to one column.
    """
    scale = min(1.0, 75 / max(dpi, 1))
    small = to_gray(image).resize((max(1, round(image.width * scale)),
                                   max(1, round(image.height * scale))),
                                  Image.Resampling.BOX)
    ink = ImageOps.invert(small)  # text becomes bright so rotation fill (0) adds no ink

    def sharpness(angle: float) -> float:
        turned = ink.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=0)
        column = turned.resize((1, turned.height), Image.Resampling.BOX)
        rows = column.tobytes()
        return float(sum((b - a) ** 2 for a, b in itertools.pairwise(rows)))

    best, best_score = 0.0, sharpness(0.0)
    step = 0.5
    candidates = [i * step for i in range(-int(max_degrees / step), int(max_degrees / step) + 1)]
    for angle in candidates:
        score = sharpness(angle)
        if score > best_score * 1.02:
            best, best_score = angle, score
    for fine in (best - 0.25, best + 0.25):
        score = sharpness(fine)
        if score > best_score:
            best, best_score = fine, score
    return best
