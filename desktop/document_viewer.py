"""The page viewer: a document's pages at a readable size, with what was read on them.

Fit to width by default; zoom (Ctrl++ / Ctrl+- / Ctrl+wheel), turn, page through (PgDown /
PgUp or the thumbnail strip), show the OCR word boxes on demand, and `highlight` a field's box.
Pages are fetched and decoded on a worker thread (QImage, unlike QPixmap, may be built there).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QBrush,
    QColor,
    QIcon,
    QImage,
    QKeyEvent,
    QKeySequence,
    QPen,
    QPixmap,
    QResizeEvent,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsPixmapItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from casework.actor import Actor
from casework.documents.pages import PageView, document_pages
from casework.workspace import Workspace
from desktop.errors import show_error
from desktop.operations import BackgroundOp

ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.05, 8.0
THUMB_WIDTH = 80
HIGHLIGHT_PAD = 16  # pixels around a field's box, so the pen does not cover the ink
Rect = tuple[int, int, int, int]


@dataclass(frozen=True)
class LoadedPage:
    """A page with its image decoded and its thumbnail made, ready for the screen."""

    page: PageView
    image: QImage
    thumbnail: QImage


def load_pages(ws: Workspace, actor: Actor, document_id: int) -> list[LoadedPage]:
    """Fetch the pages (audited as one viewing) and decode their images; run off the GUI."""
    loaded = []
    for page in document_pages(ws, actor, document_id):
        image = QImage.fromData(page.image_png)
        if image.isNull():  # an unreadable image shows as a blank page of the right size
            image = QImage(max(page.width, 1), max(page.height, 1), QImage.Format.Format_RGB32)
            image.fill(Qt.GlobalColor.white)
        thumb = image.scaledToWidth(THUMB_WIDTH, Qt.TransformationMode.SmoothTransformation)
        loaded.append(LoadedPage(page, image, thumb))
    return loaded


class PageCanvas(QGraphicsView):
    """The view itself: page keys and Ctrl+wheel go to the viewer, the rest scrolls."""

    def __init__(self, viewer: DocumentViewer) -> None:
        super().__init__(viewer)
        self.viewer = viewer
        self.setObjectName("page_canvas")
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setBackgroundBrush(QBrush(QColor("#5f6368")))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            if event.angleDelta().y() > 0:
                self.viewer.zoom_in()
            elif event.angleDelta().y() < 0:
                self.viewer.zoom_out()
            event.accept()
            return
        super().wheelEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_PageDown:
            self.viewer.next_page()
        elif event.key() == Qt.Key.Key_PageUp:
            self.viewer.previous_page()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.viewer.fitting:
            self.viewer.fit_width()


class DocumentViewer(QWidget):
    """The pages of one document; `loaded` fires when they arrive, `page_shown(n)` on each page."""

    loaded = Signal()
    page_shown = Signal(int)

    def __init__(self, ws: Workspace, actor: Actor, document_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.actor = actor
        self.document_id = document_id
        self.pages: list[LoadedPage] = []
        self.current = 0  # 1-based; 0 until the pages arrive
        self.zoom = 1.0
        self.rotation = 0  # degrees clockwise, as the person turned the page
        self.fitting = True
        self.highlighted: tuple[int, Rect] | None = None
        self.scene = QGraphicsScene(self)
        self.page_item = QGraphicsPixmapItem()
        self.page_item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene.addItem(self.page_item)
        self.word_items: list[QGraphicsRectItem] = []
        self.highlight_item = self._highlight_item()
        self._build()

    # Layout --------------------------------------------------------------------------------

    def _build(self) -> None:
        self.canvas = PageCanvas(self)
        self.canvas.setScene(self.scene)
        self.thumbnails = QListWidget()
        self.thumbnails.setObjectName("thumbnails")
        self.thumbnails.setViewMode(QListView.ViewMode.IconMode)
        self.thumbnails.setFlow(QListView.Flow.TopToBottom)
        self.thumbnails.setWrapping(False)
        self.thumbnails.setMovement(QListView.Movement.Static)
        self.thumbnails.setIconSize(QSize(THUMB_WIDTH, round(THUMB_WIDTH * 1.3)))
        self.thumbnails.setFixedWidth(THUMB_WIDTH + 36)
        self.thumbnails.setSpacing(4)
        # White pages need a darker ground to be seen as pages.
        self.thumbnails.setStyleSheet("QListWidget#thumbnails { background: #dadce0; }")
        self.thumbnails.currentRowChanged.connect(lambda row: self.show_page(row + 1))
        self.page_label = QLabel("Loading pages…")
        self.page_label.setObjectName("page_label")
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.thumbnails)
        body.addWidget(self.canvas, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._toolbar())
        layout.addLayout(body, 1)

    def _action(self, text: str, slot: Callable[..., object],
                keys: QKeySequence | QKeySequence.StandardKey | str | None = None,
                tip: str = "") -> QAction:
        action = QAction(text, self)
        if keys is not None:
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{tip or text} ({shortcut})" if shortcut else tip or text)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _toolbar(self) -> QToolBar:
        bar = QToolBar()
        bar.setObjectName("viewer_tools")
        self.previous_action = self._action("◀ Previous", self.previous_page, "PgUp",
                                            "Previous page")
        self.next_action = self._action("Next ▶", self.next_page, "PgDown", "Next page")
        self.zoom_out_action = self._action("−", self.zoom_out, QKeySequence.StandardKey.ZoomOut,
                                            "Zoom out")
        self.zoom_in_action = self._action("+", self.zoom_in, QKeySequence.StandardKey.ZoomIn,
                                           "Zoom in")
        self.fit_action = self._action("Fit width", self.fit_width, "Ctrl+0",
                                       "Fit the page to the width of the window")
        self.rotate_action = self._action("Turn ↻", self.rotate, "Ctrl+R",
                                          "Turn the page a quarter clockwise")
        self.words_action = self._action("Show read words", self.set_words_visible, "Ctrl+Shift+W",
                                         "Outline every word as it was read")
        self.words_action.setCheckable(True)
        for action in (self.previous_action, self.next_action):
            bar.addAction(action)
        bar.addWidget(self.page_label)
        bar.addSeparator()
        for action in (self.zoom_out_action, self.zoom_in_action, self.fit_action,
                       self.rotate_action):
            bar.addAction(action)
        bar.addSeparator()
        bar.addAction(self.words_action)
        return bar

    def _highlight_item(self) -> QGraphicsRectItem:
        item = QGraphicsRectItem()
        pen = QPen(QColor("#d93025"))
        pen.setWidth(3)
        pen.setCosmetic(True)  # as thick at any zoom
        item.setPen(pen)
        item.setBrush(QBrush(QColor(255, 214, 0, 70)))
        item.setZValue(2)
        item.setVisible(False)
        self.scene.addItem(item)
        return item

    # Loading -------------------------------------------------------------------------------

    def load(self) -> None:
        """Fetch the pages on a worker thread and show the first."""
        BackgroundOp(self, lambda: load_pages(self.ws, self.actor, self.document_id)).success(
            self.show_pages).failure(self._not_loaded).with_progress("Opening the pages…").run()

    def show_pages(self, pages: list[LoadedPage]) -> None:
        self.pages = pages
        self.thumbnails.blockSignals(True)
        self.thumbnails.clear()
        for loaded in pages:
            item = QListWidgetItem(QIcon(QPixmap.fromImage(loaded.thumbnail)),
                                   f"Page {loaded.page.number}")
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter)
            self.thumbnails.addItem(item)
        self.thumbnails.blockSignals(False)
        # One page needs no strip to page through: the page gets the room.
        self.thumbnails.setVisible(len(pages) > 1)
        if pages:
            wanted = self.highlighted[0] if self.highlighted else 1
            self.show_page(wanted)
            if self.highlighted:
                self.highlight(*self.highlighted)
        else:
            self.page_label.setText("This document has no pages.")
        self.loaded.emit()

    def _not_loaded(self, error: BaseException) -> None:
        self.page_label.setText("  The pages cannot be shown.  ")
        show_error(self, error)

    # Paging --------------------------------------------------------------------------------

    @property
    def page_count(self) -> int:
        return len(self.pages)

    def show_page(self, number: int) -> None:
        """Show page `number` (1-based; out-of-range numbers are ignored)."""
        if not 1 <= number <= self.page_count or number == self.current:
            return
        self.current = number
        loaded = self.pages[number - 1]
        self.page_item.setPixmap(QPixmap.fromImage(loaded.image))
        self.scene.setSceneRect(QRectF(0, 0, loaded.image.width(), loaded.image.height()))
        self._draw_words()
        on_this_page = self.highlighted is not None and self.highlighted[0] == number
        self.highlight_item.setVisible(on_this_page)
        self.page_label.setText(f"  Page {number} of {self.page_count}  ")
        self.previous_action.setEnabled(number > 1)
        self.next_action.setEnabled(number < self.page_count)
        self.thumbnails.blockSignals(True)
        self.thumbnails.setCurrentRow(number - 1)
        self.thumbnails.blockSignals(False)
        if self.fitting:  # pages of one fax may differ in size
            self.fit_width()
        else:
            self._apply_transform()
        self.page_shown.emit(number)

    def next_page(self) -> None:
        self.show_page(self.current + 1)

    def previous_page(self) -> None:
        self.show_page(self.current - 1)

    # Zoom and turn -------------------------------------------------------------------------

    def zoom_in(self) -> None:
        self._set_zoom(self.zoom * ZOOM_STEP)

    def zoom_out(self) -> None:
        self._set_zoom(self.zoom / ZOOM_STEP)

    def _set_zoom(self, zoom: float) -> None:
        self.fitting = False
        self.zoom = min(MAX_ZOOM, max(MIN_ZOOM, zoom))
        self._apply_transform()

    def fit_width(self) -> None:
        """Scale the page so its width fills the view (the default)."""
        self.fitting = True
        if not self.current:
            return
        rect = self.scene.sceneRect()
        turned = self.rotation % 180 == 90
        width = rect.height() if turned else rect.width()
        available = self.canvas.viewport().width() - 4
        if width > 0 and available > 0:
            self.zoom = min(MAX_ZOOM, max(MIN_ZOOM, available / width))
        self._apply_transform()

    def rotate(self) -> None:
        """Turn the page a quarter clockwise (for viewing; the stored page is not changed)."""
        self.rotation = (self.rotation + 90) % 360
        if self.fitting:
            self.fit_width()
        else:
            self._apply_transform()

    def _apply_transform(self) -> None:
        self.canvas.setTransform(QTransform().scale(self.zoom, self.zoom).rotate(self.rotation))

    # Words and highlights ------------------------------------------------------------------

    def set_words_visible(self, visible: bool) -> None:
        """Outline every word as it was read (off by default: it hides the ink)."""
        self.words_action.setChecked(visible)
        self._draw_words()

    @property
    def words_visible(self) -> bool:
        return self.words_action.isChecked()

    def _draw_words(self) -> None:
        for item in self.word_items:
            self.scene.removeItem(item)
        self.word_items = []
        if not self.words_visible or not self.current:
            return
        pen = QPen(QColor(26, 115, 232, 200))
        pen.setCosmetic(True)
        doubtful = QBrush(QColor(249, 171, 0, 60))
        for word in self.pages[self.current - 1].page.words:
            item = QGraphicsRectItem(word.x0, word.y0, word.x1 - word.x0, word.y1 - word.y0)
            item.setPen(pen)
            if word.confidence < 0.8:
                item.setBrush(doubtful)
            item.setToolTip(f"{word.text} ({word.confidence:.0%} sure)")
            item.setZValue(1)
            self.scene.addItem(item)
            self.word_items.append(item)

    def highlight(self, page: int, box: Rect | None) -> None:
        """Show `page`, outline `box` (page-image pixels) on it and scroll it into view."""
        if box is None:
            self.highlighted = None
            self.highlight_item.setVisible(False)
            self.show_page(page)
            return
        self.highlighted = (page, box)
        if not self.pages:
            return  # shown once the pages arrive
        self.show_page(page)
        x0, y0, x1, y1 = box
        rect = QRectF(x0, y0, x1 - x0, y1 - y0).adjusted(-HIGHLIGHT_PAD, -HIGHLIGHT_PAD,
                                                         HIGHLIGHT_PAD, HIGHLIGHT_PAD)
        self.highlight_item.setRect(rect)
        self.highlight_item.setVisible(self.current == page)
        self.canvas.ensureVisible(rect, 60, 60)

    def clear_highlight(self) -> None:
        self.highlighted = None
        self.highlight_item.setVisible(False)
