"""A letter's pages on screen (and on paper): rendered with pdfium on a worker, zoomable.

Pages are rendered to QImage on a worker thread (QImage, unlike QPixmap, may be built there);
the widget only scales what arrives. Printing paints the same kind of images, rendered finer.
"""

from __future__ import annotations

from collections.abc import Callable

import pypdfium2
from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QImage,
    QKeySequence,
    QPageSize,
    QPainter,
    QPixmap,
    QResizeEvent,
    QShortcut,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from casework.errors import InvalidValue
from desktop.operations import BackgroundOp
from ocr.pdfium_lock import PDFIUM

SCREEN_DPI = 144  # rendered finer than the screen so zooming in stays sharp
PRINT_DPI = 300
ACTUAL_SIZE_DPI = 96  # 100% shows a page at its paper size on a common screen
ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.25, 4.0
PAGE_GAP = 12


def render_pages(pdf: bytes, dpi: int) -> list[QImage]:
    """Every page of `pdf` as an RGB image at `dpi`; a file that is not a PDF says so."""
    with PDFIUM:
        try:
            document = pypdfium2.PdfDocument(pdf)
        except pypdfium2.PdfiumError as exc:
            raise InvalidValue(f"This letter's file cannot be shown: {exc}.") from None
        try:
            images = []
            for index in range(len(document)):
                page = document[index]
                bitmap = page.render(scale=dpi / 72)
                picture = bitmap.to_pil().convert("RGB")
                width, height = picture.size
                image = QImage(picture.tobytes(), width, height, 3 * width,
                               QImage.Format.Format_RGB888)
                images.append(image.copy())  # own the pixels: the buffer goes away
                page.close()
            return images
        finally:
            document.close()


def letter_printer() -> QPrinter:
    """A printer set up for the plan's letters: US Letter paper, full resolution."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.Letter))
    return printer


def ask_printer(parent: QWidget, chosen: Callable[[QPrinter], None]) -> QPrintDialog:
    """The print dialog for letters, shown without blocking; `chosen` gets the printer."""
    printer = letter_printer()
    dialog = QPrintDialog(printer, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.accepted.connect(lambda: chosen(printer))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.show()  # non-blocking, like open()
    return dialog


def print_images(printer: QPrinter, images: list[QImage]) -> int:
    """Paint each image as one printed page, as large as the paper allows; the pages printed."""
    printer.setFullPage(True)  # the letter already has its margins
    painter = QPainter()
    if not painter.begin(printer):
        raise InvalidValue("The printer could not be started; check it is connected and on.")
    try:
        for number, image in enumerate(images):
            if number:
                printer.newPage()
            area = painter.viewport()
            size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect(area.x() + (area.width() - size.width()) // 2,
                           area.y() + (area.height() - size.height()) // 2,
                           size.width(), size.height())
            painter.drawImage(target, image)
    finally:
        painter.end()
    return len(images)


class LetterPreview(QWidget):
    """The pages of one letter, one under the other; fit to width until the zoom is changed."""

    shown = Signal(int)  # page count, once the pages are on screen

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.images: list[QImage] = []
        self.page_labels: list[QLabel] = []
        self.zoom = 1.0
        self.fitting = True
        self._request = 0  # only the latest letter asked for is shown
        self.zoom_out_button = QPushButton("−")
        self.zoom_out_button.setObjectName("zoom_out")
        self.zoom_out_button.setToolTip("Zoom out (Ctrl+-)")
        self.zoom_out_button.clicked.connect(lambda: self.set_zoom(self.zoom / ZOOM_STEP))
        self.zoom_in_button = QPushButton("+")
        self.zoom_in_button.setObjectName("zoom_in")
        self.zoom_in_button.setToolTip("Zoom in (Ctrl++)")
        self.zoom_in_button.clicked.connect(lambda: self.set_zoom(self.zoom * ZOOM_STEP))
        self.fit_button = QPushButton("Fit &width")
        self.fit_button.setObjectName("fit_width")
        self.fit_button.clicked.connect(self.fit_width)
        for button in (self.zoom_out_button, self.zoom_in_button):
            button.setFixedWidth(32)
        self.zoom_label = QLabel("")
        self.zoom_label.setObjectName("zoom")
        self.zoom_label.setMinimumWidth(44)
        self.pages_label = QLabel("No letter chosen.")
        self.pages_label.setObjectName("pages")
        tools = QHBoxLayout()
        tools.addWidget(self.pages_label, 1)
        for widget in (self.zoom_out_button, self.zoom_label, self.zoom_in_button,
                       self.fit_button):
            tools.addWidget(widget)
        self.sheet = QWidget()
        self.sheet.setStyleSheet("background: #8a8f96;")
        self.sheet_layout = QVBoxLayout(self.sheet)
        self.sheet_layout.setSpacing(PAGE_GAP)
        self.sheet_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.pages_area = QScrollArea()
        self.pages_area.setObjectName("letter_pages")
        self.pages_area.setWidget(self.sheet)
        self.pages_area.setWidgetResizable(True)
        self.pages_area.setFrameShape(QFrame.Shape.StyledPanel)
        self.pages_area.setMinimumSize(QSize(280, 300))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(tools)
        layout.addWidget(self.pages_area, 1)
        self._enable_zoom(False)
        for keys, button in ((QKeySequence.StandardKey.ZoomIn, self.zoom_in_button),
                             (QKeySequence.StandardKey.ZoomOut, self.zoom_out_button)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(button.click)

    @property
    def page_count(self) -> int:
        return len(self.images)

    def show_letter(self, load: Callable[[], bytes]) -> None:
        """Fetch a letter's PDF with `load` and render it, both on a worker thread."""
        self._request += 1
        request = self._request
        self.pages_label.setText("Loading the letter…")
        BackgroundOp(self, lambda: render_pages(load(), SCREEN_DPI)).success(
            lambda images: self._arrived(request, images)).failure(
            lambda error: self._failed(request, error)).run()

    def clear(self, message: str = "No letter chosen.") -> None:
        """Show no pages, only `message`."""
        self._request += 1
        self.images = []
        self._rebuild()
        self.pages_label.setText(message)
        self._enable_zoom(False)

    def _arrived(self, request: int, images: list[QImage]) -> None:
        if request != self._request:
            return  # another letter was chosen meanwhile
        self.images = images
        self._rebuild()
        count = len(images)
        self.pages_label.setText(f"{count} page{'' if count == 1 else 's'}")
        self._enable_zoom(True)
        if self.fitting:
            self.fit_width()
        else:
            self._scale()
        self.shown.emit(count)

    def _failed(self, request: int, error: BaseException) -> None:
        if request != self._request:
            return
        self.clear(str(error) if isinstance(error, InvalidValue) else
                   "The letter could not be shown.")
        if not isinstance(error, InvalidValue):
            from desktop.errors import show_error

            show_error(self, error)

    def _rebuild(self) -> None:
        for label in self.page_labels:
            self.sheet_layout.removeWidget(label)
            label.deleteLater()
        self.page_labels = []
        for number, _image in enumerate(self.images, start=1):
            label = QLabel()
            label.setObjectName(f"page_{number}")
            label.setAccessibleName(f"Page {number} of {len(self.images)}")
            label.setStyleSheet("background: white; border: 1px solid #5d6168;")
            self.sheet_layout.addWidget(label)
            self.page_labels.append(label)

    def _enable_zoom(self, enabled: bool) -> None:
        for widget in (self.zoom_out_button, self.zoom_in_button, self.fit_button):
            widget.setEnabled(enabled)
        self.zoom_label.setText(f"{self.zoom:.0%}" if enabled else "")

    # Zoom ----------------------------------------------------------------------------------

    def set_zoom(self, zoom: float) -> None:
        """Show the pages at `zoom` (1.0 is paper size), within sensible limits."""
        self.fitting = False
        self.zoom = min(max(zoom, MIN_ZOOM), MAX_ZOOM)
        self._scale()

    def fit_width(self) -> None:
        """Zoom so a page fills the width of the view; kept when the view is resized."""
        self.fitting = True
        if not self.images:
            return
        margins = self.sheet_layout.contentsMargins()
        # Leave room for the vertical scroll bar a fitted page will bring, or a horizontal one
        # would appear for the few pixels it takes.
        bar = self.pages_area.verticalScrollBar().sizeHint().width()
        room = self.pages_area.width() - bar - margins.left() - margins.right() - 8
        paper_width = self.images[0].width() * ACTUAL_SIZE_DPI / SCREEN_DPI
        self.zoom = min(max(room / paper_width, MIN_ZOOM), MAX_ZOOM)
        self._scale()

    def _scale(self) -> None:
        factor = self.zoom * ACTUAL_SIZE_DPI / SCREEN_DPI
        for image, label in zip(self.images, self.page_labels, strict=True):
            size = QSize(round(image.width() * factor), round(image.height() * factor))
            label.setPixmap(QPixmap.fromImage(image.scaled(
                size, Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation)))
            label.setFixedSize(size)
        self.zoom_label.setText(f"{self.zoom:.0%}")
        self.sheet_layout.activate()  # lay the pages out now, not on the next paint

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.fitting and self.images:
            self.fit_width()
