"""What forms analysis hands on: extracted fields and the problems found with them."""

from __future__ import annotations

from dataclasses import dataclass

from ocr import Box

Value = str | int | bool | list[str]


@dataclass(frozen=True)
class Evidence:
    """What a field's reading rests on; `casework.forms.trust` turns it into a calibrated
    confidence and decides whether a person must look."""

    source: str  # "fillable", "text" (a PDF's text layer), "scan" or "fax" (read by OCR)
    label: str  # how its label matched: "exact", "close", "fuzzy", "unlisted" or "fillable"
    relation: str  # where the value sat: "inline", "below", "cell", "caption", "tick", "fillable"
    ocr: float = 1.0  # the least sure word of the value (1.0 for text layers)
    rivals: int = 0  # other places on the page as likely to be this field's label
    read: float = 1.0  # the reading's own sureness: its label's match and its words' OCR
    shared: bool = False  # its label's words name another field too ("Phone" twice over)
    reread: bool = False  # the first reading failed its check; this one, read from the crop, passed
    confirmed: bool = False  # OCR was unsure of a word; the crop read alone gave the same value
    clipped: bool = False  # the value runs to the page's edge: more of it may be cut off


@dataclass(frozen=True)
class ExtractedField:
    """One field's value as the JSON contract writes it, and where and how surely it was read."""

    value: Value
    confidence: float  # 0..1
    page: int | None  # 1-based; None for a fillable-PDF value
    box: Box | None  # page-image pixels of the value (or of its label when the value is a tick)
    raw: str  # the text it was parsed from
    evidence: Evidence | None = None  # None for values a person typed
    needs_review: bool = True  # a person must look before the value is trusted


@dataclass(frozen=True)
class UnreadField:
    """A choice whose printed options were found on a page read by OCR, with no answer that
    could be taken from them (no tick seen, ticks that disagree, boxes too faint to judge)."""

    field: str
    page: int
    box: Box  # page-image pixels of the options

    def to_json(self) -> dict[str, object]:
        """Where the unread options are, as the JSON contract writes boxes."""
        box = self.box
        return {"field": self.field, "page": self.page,
                "box": [round(box.x0), round(box.y0), round(box.x1), round(box.y1)]}


@dataclass(frozen=True)
class Extraction:
    """The fields read from a document, and the choices found but not read."""

    fields: dict[str, ExtractedField]
    unread: dict[str, UnreadField]


@dataclass(frozen=True)
class Problem:
    """Something wrong or missing, with a message plain enough to read aloud."""

    field: str
    kind: str  # "missing" | "invalid" | "unverified"
    message: str

    def to_json(self) -> dict[str, str]:
        """The problem as the JSON contract writes it."""
        return {"field": self.field, "kind": self.kind, "message": self.message}
