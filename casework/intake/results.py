"""What intake says about each file: the `ingest --json` contract."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass
class IngestResult:
    """One file's outcome. Later stages add keys to `extra` (form, fields, problems, case…)."""

    file: str
    sha256: str | None
    status: str  # processed | duplicate | rejected
    reason: str | None
    received_at: datetime | None
    pages: int | None
    ocr_confidence: float | None
    document_id: int | None
    extra: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """The result as JSON-ready values; keys of `extra` follow the fixed ones."""
        body: dict[str, Any] = {
            "file": self.file,
            "sha256": self.sha256,
            "status": self.status,
            "reason": self.reason,
            "received_at": self.received_at.isoformat() if self.received_at else None,
            "pages": self.pages,
            "ocr_confidence": (round(self.ocr_confidence, 4)
                               if self.ocr_confidence is not None else None),
            "document_id": self.document_id,
        }
        body.update(self.extra)
        return body

    def to_json(self) -> str:
        """One line of `ingest --json` output."""
        return json.dumps(self.as_dict(), ensure_ascii=False, default=str)
