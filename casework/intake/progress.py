"""Progress is a Protocol the pipeline calls: the CLI prints a line, the desktop emits a signal."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Protocol

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DocumentUpdate:
    """One step of one document, without member data: id, file name, pages, status, reason.

    status: queued (taken, waiting to be read) | duplicate | processed | rejected | retry
    (a failed attempt that will run again) | released (put back when intake stopped).
    """

    document_id: int | None
    file_name: str
    status: str
    pages: int | None = None
    reason: str | None = None

    def line(self) -> str:
        """The line a headless service prints for this step."""
        who = f"document {self.document_id}" if self.document_id is not None else "file"
        pages = f", {self.pages} {'page' if self.pages == 1 else 'pages'}" if self.pages else ""
        why = f" — {self.reason}" if self.reason else ""
        return f"{who} {self.file_name}: {self.status}{pages}{why}"

    def log_line(self) -> str:
        """The same without the file's name, which often holds a member's: for the log."""
        who = f"document {self.document_id}" if self.document_id is not None else "a file"
        pages = f", {self.pages} {'page' if self.pages == 1 else 'pages'}" if self.pages else ""
        why = f" — {self.reason}" if self.reason else ""
        return f"{who}: {self.status}{pages}{why}"


class IntakeProgress(Protocol):
    """What intake reports as it goes; implementations must not block for long."""

    def update(self, update: DocumentUpdate) -> None:
        """Called once per document step, from the thread that runs intake."""


class LogProgress:
    """Progress into the log file (for `ingest`, whose stdout carries only JSON)."""

    def update(self, update: DocumentUpdate) -> None:
        log.info("%s", update.log_line())
