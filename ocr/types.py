"""What reading a document produces: pages of words with boxes and confidences."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True)
class Box:
    """Page-image pixel coordinates, origin top-left."""

    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class Word:
    text: str
    confidence: float  # 0..1; text-layer words are 1.0
    box: Box
    line: int  # index of the text line on its page


@dataclass
class PageReading:
    number: int  # 1-based
    width: int
    height: int
    dpi: int
    source: str  # "text_layer" | "ocr"
    words: list[Word]
    text: str
    rotation: int
    image_png: bytes
    warnings: list[str] = field(default_factory=list)


@dataclass
class DocumentReading:
    kind: str  # "pdf_text" | "pdf_form" | "pdf_scanned" | "tiff" | "png" | "jpeg"
    pages: list[PageReading]
    form_fields: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @property
    def ocr_confidence(self) -> float | None:
        """Mean confidence over OCR'd words; None when no page needed OCR."""
        scores = [w.confidence for p in self.pages if p.source == "ocr" for w in p.words]
        if not scores:
            return None if not any(p.source == "ocr" for p in self.pages) else 0.0
        return sum(scores) / len(scores)


@dataclass(frozen=True)
class DocumentInfo:
    kind: str
    pages: int


@dataclass(frozen=True)
class ReadSettings:
    languages: tuple[str, ...] = ("eng", "spa")
    pdf_passwords: tuple[str, ...] = ()
    dpi: int = 300
    max_pages: int = 300
    max_megapixels: float = 300.0
    page_timeout_s: float = 60.0
    engine: str = "auto"


class Progress(Protocol):
    def advance(self, n: int = 1) -> None: ...
