"""Splitting a fax: the clerk ticks the pages where a new document starts.

Page 1 always starts the first document; every ticked page starts the next one. The pages
show as thumbnails once they have loaded (off the GUI thread), as numbers until then.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from casework.documents.page_images import THUMBNAIL_WIDTH, PageThumbnail
from casework.documents.review import ReviewItem

STARTS = "starts a new document"


def groups_from_starts(page_count: int, starts: set[int]) -> list[list[int]]:
    """[[1, 2], [3]] for three pages where page 3 starts a new document."""
    groups: list[list[int]] = []
    for number in range(1, page_count + 1):
        if number == 1 or number in starts:
            groups.append([])
        groups[-1].append(number)
    return groups


def describe_groups(groups: list[list[int]]) -> str:
    """'2 documents: page 1 | pages 2–3'."""
    parts = [f"page {g[0]}" if len(g) == 1 else f"pages {g[0]}–{g[-1]}" for g in groups]
    count = f"{len(groups)} document{'s' if len(groups) != 1 else ''}"
    return f"{count}: {' | '.join(parts)}"


class SplitDialog(QDialog):
    """Mark where each new document starts; `groups()` gives the pages of each."""

    def __init__(self, item: ReviewItem, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Split document {item.document_id}")
        self.resize(780, 560)
        self.page_count = item.pages or 0
        intro = QLabel(f"<b>{item.original_name}</b> — tick each page that starts a new "
                       "document (Space ticks the chosen page). Page 1 always starts the first.")
        intro.setWordWrap(True)
        self.pages = QListWidget()
        self.pages.setObjectName("pages")
        self.pages.setAccessibleName("Pages")
        self.pages.setViewMode(QListView.ViewMode.IconMode)
        self.pages.setIconSize(QSize(THUMBNAIL_WIDTH, int(THUMBNAIL_WIDTH * 1.3)))
        self.pages.setResizeMode(QListView.ResizeMode.Adjust)
        self.pages.setMovement(QListView.Movement.Static)
        self.pages.setGridSize(QSize(THUMBNAIL_WIDTH + 40, int(THUMBNAIL_WIDTH * 1.3) + 70))
        self.pages.setWordWrap(True)
        for number in range(1, self.page_count + 1):
            entry = QListWidgetItem(f"Page {number}")
            entry.setData(Qt.ItemDataRole.UserRole, number)
            flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            if number > 1:
                flags |= Qt.ItemFlag.ItemIsUserCheckable
            entry.setFlags(flags)
            entry.setCheckState(Qt.CheckState.Checked if number == 1
                                else Qt.CheckState.Unchecked)
            self.pages.addItem(entry)
        self.pages.itemChanged.connect(self._update)
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
        self.ok = box.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("Split")
        self.ok.setObjectName("confirm")
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.summary)
        layout.addWidget(box)
        if self.page_count > 1:
            self.pages.setCurrentRow(1)  # the first page that can be ticked
        self.pages.setFocus()
        self._update()

    def _caption(self, number: int) -> str:
        """'Page 3' and which new document it goes to, kept up to date as pages are ticked."""
        for index, group in enumerate(self.groups(), 1):
            if number in group:
                starts = "starts document" if number == group[0] else "document"
                return f"Page {number}\n{starts} {index}"
        return f"Page {number}"

    def show_thumbnails(self, thumbnails: list[PageThumbnail]) -> None:
        """Put each page's picture (and its first words) beside its number."""
        for thumb in thumbnails:
            entry = self.pages.item(thumb.number - 1)
            if entry is None:
                continue
            if thumb.first_line:
                entry.setToolTip(thumb.first_line)
            image = QImage.fromData(thumb.png) if thumb.png else QImage()
            if not image.isNull():
                entry.setIcon(QIcon(QPixmap.fromImage(image)))

    def set_start(self, number: int, starts: bool = True) -> None:
        """Tick (or untick) page `number` as the start of a new document."""
        entry = self.pages.item(number - 1)
        if entry is not None and number > 1:
            entry.setCheckState(Qt.CheckState.Checked if starts else Qt.CheckState.Unchecked)

    def starts(self) -> set[int]:
        return {n + 1 for n in range(1, self.pages.count())
                if self.pages.item(n).checkState() == Qt.CheckState.Checked}

    def groups(self) -> list[list[int]]:
        """The page numbers of each new document, in order."""
        return groups_from_starts(self.page_count, self.starts())

    def _update(self, *_args: object) -> None:
        groups = self.groups()
        self.pages.blockSignals(True)  # captions are not ticks: no need to hear of them
        try:
            for n in range(self.pages.count()):
                self.pages.item(n).setText(self._caption(n + 1))
        finally:
            self.pages.blockSignals(False)
        if len(groups) < 2:
            self.summary.setText("Tick at least one page to start a second document.")
        else:
            self.summary.setText(f"Becomes {describe_groups(groups)}.")
        self.ok.setEnabled(len(groups) >= 2)
