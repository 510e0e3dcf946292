"""A letter as it would be generated now, before any version is stored: the draft is only
looked at, and the letter dialog behind it keeps what was typed."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from desktop.letter_preview import LetterPreview

DRAFT_NOTE = ("Draft — not stored, not sent. Close it to change what you wrote; Generate "
              "stores it as a new version.")


class DraftPreview(QDialog):
    """The pages of a draft letter, zoomable, with a note that nothing was stored."""

    def __init__(self, parent: QWidget | None, title: str, pdf: bytes) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Draft: {title}")
        self.resize(760, 900)
        note = QLabel(DRAFT_NOTE)
        note.setObjectName("draft_note")
        note.setWordWrap(True)
        note.setStyleSheet("font-weight: bold; color: #7a4b00;")
        self.preview = LetterPreview()
        self.preview.show_letter(lambda: pdf)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.preview, 1)
        layout.addWidget(buttons)
