"""The pages of the settings window. Each shows part of the settings and gives it back edited
(`apply`); checking and saving are casework's (casework/settings_file.py)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from casework.settings import OcrSettings, Settings, WatchFolder
from casework.settings_file import WATCH_SOURCES, join_database_url, split_database_url

NOTE_STYLE = "color: #555555;"
HIDDEN = "••••••••"
SPIN_WIDTH = 180  # a number box as wide as the page reads as a text box
SOURCE_WORDS = {"fax": "Fax", "scan": "Scan"}


def note(text: str) -> QLabel:
    """A grey sentence explaining a page."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(NOTE_STYLE)
    return label


class FolderField(QWidget):
    """A folder path typed in or chosen with Browse…."""

    def __init__(self, name: str, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line = QLineEdit()
        self.line.setObjectName(name)
        self.line.setPlaceholderText(placeholder)
        browse = QPushButton("Browse…")
        browse.setAutoDefault(False)
        browse.clicked.connect(self._browse)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line, 1)
        layout.addWidget(browse)
        self.setFocusProxy(self.line)

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Choose a folder", self.line.text())
        if chosen:
            self.line.setText(chosen)

    def text(self) -> str:
        return self.line.text().strip()

    def set_text(self, text: str) -> None:
        self.line.setText(text)


class WatchTab(QWidget):
    """Watched folders: a list on the left, the chosen one's details on the right."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.folders: list[WatchFolder] = []
        self.list = QListWidget()
        self.list.setObjectName("watch_folders")
        self.list.setAccessibleName("Watched folders")
        self.list.currentRowChanged.connect(self._show_folder)
        self.list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.add_button = QPushButton("&Add folder")
        self.add_button.clicked.connect(self.add_folder)
        self.remove_button = QPushButton("Re&move folder")
        self.remove_button.clicked.connect(self.remove_folder)
        self.path = FolderField("watch_path", "the folder faxes or scans arrive in")
        self.source = QComboBox()
        self.source.setObjectName("watch_source")
        for source in WATCH_SOURCES:
            self.source.addItem(SOURCE_WORDS[source], source)
        self.settle = QDoubleSpinBox()
        self.settle.setObjectName("watch_settle")
        self.settle.setRange(0, 600)
        self.settle.setDecimals(1)
        self.settle.setSuffix(" seconds")
        self.settle.setMaximumWidth(SPIN_WIDTH)
        self.polling = QCheckBox("Look for new files every few seconds (for network shares)")
        self.polling.setObjectName("watch_polling")
        self.path.line.textEdited.connect(self._edited)
        self.source.currentIndexChanged.connect(self._edited)
        self.settle.valueChanged.connect(self._edited)
        self.polling.toggled.connect(self._edited)
        # One collector per folder: a site whose `watch` service collects turns this off.
        self.in_window = QCheckBox("Take in documents in this window (turn off where an "
                                   "intake service collects these folders)")
        self.in_window.setObjectName("intake_in_window")
        self.details = QWidget()
        form = QFormLayout(self.details)
        form.addRow("&Folder:", self.path)
        form.addRow("&Source:", self.source)
        form.addRow("Take a file once unchanged for:", self.settle)
        form.addRow("", self.polling)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        left.addLayout(buttons)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addWidget(self.details, 1, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addWidget(note("Files that arrive in these folders are taken in, read and "
                              "filed. A file is taken only once it has stopped changing."))
        layout.addLayout(body, 1)
        layout.addWidget(self.in_window)
        self._loading = False

    def load(self, settings: Settings) -> None:
        self.folders = list(settings.watch)
        self.in_window.setChecked(settings.intake.in_window)
        self._refill(0)

    def apply(self, settings: Settings) -> Settings:
        intake = replace(settings.intake, in_window=self.in_window.isChecked())
        return replace(settings, watch=tuple(self.folders), intake=intake)

    def add_folder(self) -> None:
        """A new entry, ready to be given its folder."""
        self.folders.append(WatchFolder(Path(), "fax"))
        self._refill(len(self.folders) - 1)
        self.path.line.setFocus()

    def remove_folder(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.folders):
            del self.folders[row]
            self._refill(min(row, len(self.folders) - 1))

    def select(self, number: int) -> None:
        """Show the `number`th folder (1-based, as refusals name them)."""
        if 1 <= number <= len(self.folders):
            self.list.setCurrentRow(number - 1)

    def _refill(self, row: int) -> None:
        self._loading = True
        try:
            self.list.clear()
            for folder in self.folders:
                item = QListWidgetItem(self._describe(folder))
                item.setToolTip(str(folder.path))
                self.list.addItem(item)
        finally:
            self._loading = False
        self.list.setCurrentRow(row)
        self._show_folder(self.list.currentRow())

    def _describe(self, folder: WatchFolder) -> str:
        path = str(folder.path) if str(folder.path) not in ("", ".") else "(no folder yet)"
        return f"{SOURCE_WORDS.get(folder.source, folder.source)}:  {path}"

    def _show_folder(self, row: int) -> None:
        if self._loading:
            return
        has = 0 <= row < len(self.folders)
        self.details.setEnabled(has)
        self.remove_button.setEnabled(has)
        if not has:
            return
        folder = self.folders[row]
        self._loading = True
        try:
            self.path.set_text("" if str(folder.path) == "." else str(folder.path))
            self.source.setCurrentIndex(max(self.source.findData(folder.source), 0))
            self.settle.setValue(folder.settle_seconds)
            self.polling.setChecked(folder.polling)
        finally:
            self._loading = False

    def _edited(self) -> None:
        row = self.list.currentRow()
        if self._loading or not 0 <= row < len(self.folders):
            return
        folder = WatchFolder(Path(self.path.text()).expanduser(), str(self.source.currentData()),
                             float(self.settle.value()), self.polling.isChecked())
        self.folders[row] = folder
        item = self.list.item(row)
        if item is not None:
            item.setText(self._describe(folder))


class DatabaseTab(QWidget):
    """The database address, its password apart and hidden, and a connection test."""

    test_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.url = QLineEdit()
        self.url.setObjectName("database_url")
        self.url.setPlaceholderText("sqlite:///path/to/file  or  postgresql://user@host/name")
        self.password = QLineEdit()
        self.password.setObjectName("database_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("only for PostgreSQL with a password")
        self.test_button = QPushButton("&Test connection")
        self.test_button.setObjectName("test_connection")
        self.test_button.setAutoDefault(False)
        self.test_button.clicked.connect(lambda: self.test_requested.emit(self.full_url()))
        self.result = QLabel("")
        self.result.setObjectName("connection_result")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.override = note("")
        self.override.hide()
        form = QFormLayout()
        form.addRow("&Address:", self.url)
        form.addRow("Pass&word:", self.password)
        layout = QVBoxLayout(self)
        layout.addWidget(note("The database holds every case, document and audit event. "
                              "Several workstations share one PostgreSQL database; one alone "
                              "can use a SQLite file."))
        layout.addLayout(form)
        row = QHBoxLayout()
        row.addWidget(self.test_button)
        row.addWidget(self.result, 1)
        layout.addLayout(row)
        layout.addWidget(self.override)
        layout.addStretch(1)

    def load(self, settings: Settings, override: str = "") -> None:
        url, password = split_database_url(settings.database_url)
        self.url.setText(url)
        self.password.setText(password)
        self.override.setText(override)
        self.override.setVisible(bool(override))

    def full_url(self) -> str:
        return join_database_url(self.url.text().strip(), self.password.text())

    def apply(self, settings: Settings) -> Settings:
        return replace(settings, database_url=self.full_url())

    def show_result(self, text: str, worked: bool) -> None:
        self.result.setText(text)
        self.result.setStyleSheet("color: #1b5e20;" if worked else "color: #a00000;")


class OcrTab(QWidget):
    """Languages (those Tesseract has installed), limits, and passwords tried on PDFs."""

    def __init__(self, installed: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.installed = installed
        self.engine = "auto"
        self.languages = QListWidget()
        self.languages.setObjectName("ocr_languages")
        self.languages.setAccessibleName("OCR languages")
        self.timeout = QDoubleSpinBox()
        self.timeout.setObjectName("ocr_timeout")
        self.timeout.setRange(1, 3600)
        self.timeout.setDecimals(0)
        self.timeout.setSuffix(" seconds")
        self.timeout.setMaximumWidth(SPIN_WIDTH)
        self.max_pages = QSpinBox()
        self.max_pages.setObjectName("ocr_max_pages")
        self.max_pages.setRange(1, 100_000)
        self.max_pages.setSuffix(" pages")
        self.max_pages.setMaximumWidth(SPIN_WIDTH)
        self.passwords: list[str] = []
        self.password_list = QListWidget()
        self.password_list.setObjectName("pdf_passwords")
        self.password_list.setAccessibleName("PDF passwords (hidden)")
        self.new_password = QLineEdit()
        self.new_password.setObjectName("new_pdf_password")
        self.new_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_password.setPlaceholderText("a password senders use")
        self.new_password.returnPressed.connect(self.add_password)
        add = QPushButton("Add")
        add.clicked.connect(self.add_password)
        remove = QPushButton("Remove")
        remove.clicked.connect(self.remove_password)
        for button in (add, remove):
            button.setAutoDefault(False)
        adding = QHBoxLayout()
        adding.addWidget(self.new_password, 1)
        adding.addWidget(add)
        adding.addWidget(remove)
        self.password_list.setMaximumHeight(90)
        self.languages.setMaximumHeight(110)
        form = QFormLayout()
        form.addRow("&Languages:", self.languages)
        form.addRow("&Time limit per page:", self.timeout)
        form.addRow("&Most pages read:", self.max_pages)
        form.addRow("PDF &passwords:", self.password_list)
        form.addRow("", adding)
        layout = QVBoxLayout(self)
        layout.addWidget(note("Pages are read in the languages ticked here, in that order. "
                              "A language Tesseract has no data for cannot be read."))
        layout.addLayout(form)
        layout.addStretch(1)

    def load(self, settings: Settings) -> None:
        ocr = settings.ocr
        self.engine = ocr.engine
        self.languages.clear()
        for code in [*ocr.languages, *(c for c in self.installed if c not in ocr.languages)]:
            missing = "" if code in self.installed else "  (not installed on this machine)"
            item = QListWidgetItem(code + missing)
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if code in ocr.languages
                               else Qt.CheckState.Unchecked)
            self.languages.addItem(item)
        self.timeout.setValue(ocr.page_timeout_seconds)
        self.max_pages.setValue(ocr.max_pages)
        self.passwords = list(ocr.pdf_passwords)
        self._show_passwords()

    def chosen_languages(self) -> tuple[str, ...]:
        items = [self.languages.item(i) for i in range(self.languages.count())]
        return tuple(str(i.data(Qt.ItemDataRole.UserRole)) for i in items
                     if i.checkState() == Qt.CheckState.Checked)

    def add_password(self) -> None:
        text = self.new_password.text()
        if text and text not in self.passwords:
            self.passwords.append(text)
            self._show_passwords()
        self.new_password.clear()

    def remove_password(self) -> None:
        row = self.password_list.currentRow()
        if 0 <= row < len(self.passwords):
            del self.passwords[row]
            self._show_passwords()

    def _show_passwords(self) -> None:
        self.password_list.clear()
        for number in range(1, len(self.passwords) + 1):
            self.password_list.addItem(f"Password {number}: {HIDDEN}")

    def apply(self, settings: Settings) -> Settings:
        ocr = OcrSettings(self.chosen_languages(), tuple(self.passwords),
                          float(self.timeout.value()), int(self.max_pages.value()), self.engine)
        return replace(settings, ocr=ocr)
