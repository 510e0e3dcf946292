"""Making a page image fit for OCR: gray pixels, square pixels, upright, level."""

from __future__ import annotations

import itertools

from PIL import Image, ImageOps

# Pixels less than this far from square are read as they are (a 204 x 196 fine fax is 4% off,
# which Tesseract does not notice; stretching it would only add gray edges and time).
SQUARE_TOLERANCE = 0.05
# Skews smaller than this do not hurt Tesseract; turning the image would cost a pass.
MIN_DESKEW_DEGREES = 0.4
MAX_DESKEW_DEGREES = 10.0
# Fax page widths in pixels (A4/letter, B4, A3 at 204 dpi; the half-width 102 dpi mode).
FAX_WIDTHS = {1728: 204, 2048: 204, 2432: 204, 864: 102}


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
    """Apply an EXIF orientation tag (phone photos, some scanners) to the pixels."""
    return ImageOps.exif_transpose(image) or image


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


def square_pixels(image: Image.Image, dpi: tuple[float, float]) -> tuple[Image.Image, int]:
    """The page with (nearly) square pixels, and the one resolution Tesseract is told.

    A fine fax (204 x 196) is read as it is, at their mean; a standard fax (204 x 98, squashed
    to half height) gets each pixel row doubled exactly, which reads better than a 204/98
    stretch (no new gray edges, no speckle smeared into blobs). Any other odd shape is
    stretched to the larger resolution.
    """
    x_dpi, y_dpi = dpi
    if _near(x_dpi, y_dpi):
        return image, round((x_dpi + y_dpi) / 2)
    if _near(x_dpi, 2 * y_dpi):
        doubled = image.resize((image.width, image.height * 2), Image.Resampling.NEAREST)
        return doubled, round((x_dpi + 2 * y_dpi) / 2)
    target = max(x_dpi, y_dpi)
    size = (round(image.width * target / x_dpi), round(image.height * target / y_dpi))
    # Bilinear on gray keeps stroke edges soft, which Tesseract reads better than blocky 1-bit.
    return to_gray(image).resize(size, Image.Resampling.BILINEAR), round(target)


def _near(a: float, b: float) -> bool:
    return abs(a - b) / max(a, b, 1.0) <= SQUARE_TOLERANCE


def turn(image: Image.Image, clockwise: int) -> Image.Image:
    """The page turned clockwise by a multiple of 90 degrees (lossless)."""
    transposes = {90: Image.Transpose.ROTATE_270, 180: Image.Transpose.ROTATE_180,
                  270: Image.Transpose.ROTATE_90}
    step = clockwise % 360
    return image.transpose(transposes[step]) if step in transposes else image


def level(image: Image.Image, degrees: float) -> Image.Image:
    """The page turned counter-clockwise by a small angle, corners filled with white."""
    gray = to_gray(image)
    return gray.rotate(degrees, resample=Image.Resampling.BILINEAR, fillcolor=255)


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
