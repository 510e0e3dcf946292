"""What forms analysis hands on: extracted fields and the problems found with them."""

from __future__ import annotations

from dataclasses import dataclass

from ocr import Box

Value = str | int | bool | list[str]


@dataclass(frozen=True)
class ExtractedField:
    """One field's value as the JSON contract writes it, and where and how surely it was read."""

    value: Value
    confidence: float  # 0..1
    page: int | None  # 1-based; None for a fillable-PDF value
    box: Box | None  # page-image pixels of the value (or of its label when the value is a tick)
    raw: str  # the text it was parsed from


@dataclass(frozen=True)
class Problem:
    """Something wrong or missing, with a message plain enough to read aloud."""

    field: str
    kind: str  # "missing" | "invalid" | "unverified"
    message: str

    def to_json(self) -> dict[str, str]:
        """The problem as the JSON contract writes it."""
        return {"field": self.field, "kind": self.kind, "message": self.message}
