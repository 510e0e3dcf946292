"""Reading one page image: square fax pixels, OCR, and a second pass turned upright if needed."""

from __future__ import annotations

import io

from PIL import Image, ImageOps

from ocr.engine import OcrEngine, RecognitionTimeout
from ocr.types import PageReading, ReadSettings, Word

# A page whose first pass found fewer words than this, or read them this poorly, is tried
# again after orientation detection (a second Tesseract pass, so only when needed).
FEW_WORDS = 8
POOR_CONFIDENCE = 0.55


def square_pixels(image: Image.Image, dpi: tuple[float, float]) -> tuple[Image.Image, int]:
    """Stretch a fax page with non-square pixels (204 x 98 dpi) so letters have their shape."""
    x_dpi, y_dpi = (float(dpi[0] or 0), float(dpi[1] or 0))
    if x_dpi <= 0 or y_dpi <= 0:
        return image, 300 if image.width > 2000 else 200
    if abs(x_dpi - y_dpi) / x_dpi > 0.1:
        gray = image.convert("L")
        height = round(image.height * x_dpi / y_dpi)
        image = gray.resize((image.width, height), Image.Resampling.BILINEAR)
    return image, round(x_dpi)


def page_png(image: Image.Image) -> bytes:
    """The page for the viewer: bilevel pages stay 1-bit, everything else grayscale."""
    buffer = io.BytesIO()
    out = image if image.mode in {"1", "L"} else image.convert("L")
    out.save(buffer, format="PNG", optimize=False, compress_level=1)
    return buffer.getvalue()


def _mean(words: list[Word]) -> float:
    return sum(w.confidence for w in words) / len(words) if words else 0.0


def ocr_page(
    image: Image.Image, dpi: int, number: int, engine: OcrEngine, settings: ReadSettings
) -> PageReading:
    """OCR one page image; a stuck page becomes an empty page with a warning."""
    gray = image if image.mode in {"L", "1"} else image.convert("L")
    warnings: list[str] = []
    rotation = 0
    try:
        words = engine.recognize(gray, settings.page_timeout_s)
        if len(words) < FEW_WORDS or _mean(words) < POOR_CONFIDENCE:
            gray, words, rotation = _try_upright(gray, words, engine, settings)
    except RecognitionTimeout:
        words = []
        warnings.append(f"Page {number} took too long to read and was left unread.")
    except RuntimeError as exc:  # the engine failed on this page only
        words = []
        warnings.append(f"Page {number} could not be read by the OCR engine ({exc}).")
    return PageReading(number=number, width=gray.width, height=gray.height, dpi=dpi,
                       source="ocr", words=words, text=words_to_text(words),
                       rotation=rotation, image_png=page_png(gray), warnings=warnings)


def _score(words: list[Word]) -> float:
    return sum(w.confidence for w in words)


def _try_upright(
    gray: Image.Image, words: list[Word], engine: OcrEngine, settings: ReadSettings
) -> tuple[Image.Image, list[Word], int]:
    """Ask OSD which way the page faces and keep the turned reading if it reads better.

    Engines differ on whether they report the page's rotation or the correction, so a
    quarter turn is tried both ways; the better-read result wins.
    """
    turn = engine.detect_rotation(gray)
    if not turn:
        return gray, words, 0
    best = (gray, words, 0)
    for angle in dict.fromkeys((turn, (360 - turn) % 360)):
        turned = gray.rotate(angle, expand=True)
        again = engine.recognize(turned, settings.page_timeout_s)
        if _score(again) > _score(best[1]) * 1.2:
            best = (turned, again, angle)
            if _mean(again) >= POOR_CONFIDENCE:
                break
    return best


def words_to_text(words: list[Word]) -> str:
    """Words joined into lines in reading order."""
    lines: dict[int, list[Word]] = {}
    for word in words:
        lines.setdefault(word.line, []).append(word)
    return "\n".join(" ".join(w.text for w in sorted(group, key=lambda w: w.box.x0))
                     for _, group in sorted(lines.items()))


def upright(image: Image.Image) -> Image.Image:
    """Apply an EXIF orientation (phone photos and some scanners)."""
    return ImageOps.exif_transpose(image) or image
