"""The `tesseract` command through pytesseract, where no tesserocr wheel installs."""

from __future__ import annotations

import pytesseract
from PIL import Image

from ocr.errors import OcrEngineMissing, RecognitionTimeout
from ocr.preprocess import estimate_skew
from ocr.results import Box, Word

MIN_ORIENTATION_CONFIDENCE = 2.0
OSD_TIMEOUT_S = 30.0


class PytesseractEngine:
    """One `tesseract` process per page: slower than tesserocr, but needs only the program."""

    name = "pytesseract"

    def __init__(self, languages: tuple[str, ...]) -> None:
        self._lang = "+".join(languages)
        try:
            pytesseract.get_tesseract_version()
            installed = set(pytesseract.get_languages(config=""))
        except (pytesseract.TesseractNotFoundError, pytesseract.TesseractError, OSError) as exc:
            raise OcrEngineMissing("The tesseract program is not installed.") from exc
        missing = [lang for lang in languages if lang not in installed]
        if missing:
            raise OcrEngineMissing(f"Tesseract languages not installed: {', '.join(missing)}.")

    def measure_skew(self, image: Image.Image, dpi: int) -> float:
        """A projection-profile estimate on a small copy (no layout analysis to borrow)."""
        return estimate_skew(image, dpi)

    def recognize(self, image: Image.Image, dpi: int, timeout_s: float) -> list[Word]:
        """Words of the page from `tesseract ... tsv`, grouped into lines by block/par/line."""
        return self._words(image, f"--psm 3 --dpi {max(dpi, 70)}", timeout_s)

    def read_line(self, image: Image.Image, dpi: int, allowed: str | None,
                  timeout_s: float) -> list[Word]:
        """Words of an image holding one line, read in single-line mode, only `allowed`
        characters when given."""
        config = f"--psm 7 --dpi {max(dpi, 70)}"
        if allowed:
            config += f" -c tessedit_char_whitelist={allowed}"
        return self._words(image, config, timeout_s)

    def _words(self, image: Image.Image, config: str, timeout_s: float) -> list[Word]:
        try:
            data = pytesseract.image_to_data(image, lang=self._lang, config=config,
                                             timeout=timeout_s,
                                             output_type=pytesseract.Output.DICT)
        except RuntimeError as exc:
            if "timeout" in str(exc).lower():
                raise RecognitionTimeout from exc
            raise
        words: list[Word] = []
        lines: dict[tuple[int, int, int], int] = {}
        for i, text in enumerate(data["text"]):
            confidence = float(data["conf"][i])
            if not text or not text.strip() or confidence < 0:
                continue
            key = (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))
            line = lines.setdefault(key, len(lines))
            x, y = float(data["left"][i]), float(data["top"][i])
            w, h = float(data["width"][i]), float(data["height"][i])
            words.append(Word(text.strip(), min(1.0, confidence / 100),
                              Box(x, y, x + w, y + h), line))
        return words

    def detect_orientation(self, image: Image.Image, dpi: int) -> int:
        """Clockwise degrees the text is turned, from `tesseract --psm 0`; 0 when unsure."""
        try:
            osd = pytesseract.image_to_osd(image, config=f"--dpi {max(dpi, 70)}",
                                           output_type=pytesseract.Output.DICT,
                                           timeout=OSD_TIMEOUT_S)
        except (pytesseract.TesseractError, RuntimeError):
            return 0  # OSD refuses pages with too little text; upright is the safe guess
        if float(osd.get("orientation_conf", 0.0)) < MIN_ORIENTATION_CONFIDENCE:
            return 0
        return int(osd.get("orientation", 0)) % 360
