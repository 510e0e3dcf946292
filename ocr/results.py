"""What reading a document produces: pages of words with boxes and confidences."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Box:
    """A rectangle in page-image pixel coordinates, origin top-left."""

    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class Word:
    """One word as read: its text, how sure the reader is (0..1), where it is, and its line."""

    text: str
    confidence: float  # 0..1; text-layer words are 1.0
    box: Box
    line: int  # index of the text line on its page; words of one line share it


@dataclass
class PageReading:
    """One page: its image (after squaring, turning and deskewing) and the words on it."""

    number: int  # 1-based
    width: int
    height: int
    dpi: int
    source: str  # "text_layer" | "ocr"
    words: list[Word]
    text: str  # reading-order text, lines separated by "\n"
    rotation: int  # clockwise degrees the page was turned before OCR (0/90/180/270)
    image_png: bytes  # grayscale or 1-bit PNG at `dpi`, for a viewer
    warnings: list[str] = field(default_factory=list)


@dataclass
class DocumentReading:
    """Every page of a document, its fillable-form values and anything a clerk should know."""

    kind: str  # "pdf_text" | "pdf_form" | "pdf_scanned" | "tiff" | "png" | "jpeg"
    pages: list[PageReading]
    form_fields: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @property
    def ocr_confidence(self) -> float | None:
        """Mean confidence over OCR'd words; None when no page was OCR'd.

        A page that was OCR'd but yielded no words (blank, or left unread) counts as 0.0 so
        that a document of unread pages does not look like a born-digital one.
        """
        ocr_pages = [p for p in self.pages if p.source == "ocr"]
        if not ocr_pages:
            return None
        scores = [w.confidence for p in ocr_pages for w in p.words]
        return sum(scores) / len(scores) if scores else 0.0


@dataclass(frozen=True)
class DocumentInfo:
    """What a quick look at a file tells: its kind (as in DocumentReading) and page count."""

    kind: str
    pages: int
