"""A case's letters, for the case window: every version, a preview, and what is done with it.

Generate (a new stored draft each time), print, send to the outbound fax folder behind a
cover page, record the sending (mailed, faxed, handed over — what meets the letter's clock):
each is a casework call on a worker thread; the box reloads after every change and emits
`changed` so the case window and the queue can refresh. Loading notices letters the fax server
has taken from the outbound folder.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import (
    QItemSelection,
    Qt,
    Signal,
)
from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from casework.actor import Actor
from casework.errors import UserError
from casework.letters.case_file import (
    CaseLetterFile,
    LetterView,
    case_letter_file,
    letter_pdf,
    mark_printed,
)
from casework.letters.issuing import IssuedLetter, generate_letter, preview_letter
from casework.letters.sending import (
    SEND_WORDS,
    Sending,
    SendMethod,
    collect_fax_pickups,
    record_sending,
    send_to_fax_folder,
)
from casework.permissions import Permission, allows
from casework.plan.letter_kinds import LetterKind
from casework.plan.timezone import plan_time
from casework.settings import Settings
from casework.workspace import Workspace
from desktop.case_clocks import shown_time
from desktop.errors import show_error
from desktop.letter_dialog import LANGUAGE_NAMES, LetterDialog
from desktop.letter_preview import (
    PRINT_DPI,
    LetterPreview,
    ask_printer,
    print_images,
    render_pages,
)
from desktop.operations import BackgroundOp
from desktop.row_table import RowTableModel
from desktop.send_dialog import SendDialog

COLUMNS = ("Letter", "Language", "Version", "Drafted (Pacific)", "By", "Printed", "Faxed",
           "Mailed", "Handed over")
DELIVERY_COLUMNS: dict[int, Callable[[LetterView], datetime | None]] = {
    5: lambda v: v.printed_at, 6: lambda v: v.faxed_at, 7: lambda v: v.mailed_at,
    8: lambda v: v.handed_at}
HIDDEN_COLUMNS = (2, 4)  # version, by
QUEUED = "queued"  # in the outbound fax folder, not yet taken by the fax server
DONE_STYLE = "color: #1b5e20;"
REFUSED_STYLE = "color: #8a1010;"


def kind_title(kind: str, kinds: Mapping[str, LetterKind]) -> str:
    """'Grievance acknowledgement' for 'grievance_acknowledgement' (a kind the rules no longer
    have reads as its words)."""
    known = kinds.get(kind)
    return known.title["en"] if known else kind.replace("_", " ").capitalize()


def _when(moment: datetime | None) -> str:
    return shown_time(moment) if moment else ""


def _day(moment: datetime | None) -> str:
    """The plan-time date alone: printed, faxed and mailed columns stay narrow."""
    return plan_time(moment).strftime("%m/%d/%Y") if moment else ""


class LetterTableModel(RowTableModel[LetterView]):
    """A case's letters, newest first; UserRole is the letter's id."""

    def __init__(self, kinds: Mapping[str, LetterKind]) -> None:
        super().__init__(COLUMNS, self._cell)
        self.kinds = kinds

    @property
    def letters(self) -> list[LetterView]:
        return self.rows

    def set_letters(self, letters: list[LetterView]) -> None:
        self.set_rows(letters)

    def row_of(self, letter_id: int) -> int | None:
        return next((n for n, v in enumerate(self.rows) if v.id == letter_id), None)

    def _cell(self, letter: LetterView, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(letter, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            state = "" if letter.sent_at else " — drafted, not sent"
            return (f"{kind_title(letter.kind, self.kinds)}: {letter.pages} "
                    f"page{'' if letter.pages == 1 else 's'}{state}"
                    f"\nVersion {self._text(letter, 2)}, drafted by {self._text(letter, 4)}")
        if role == Qt.ItemDataRole.ToolTipRole and column in DELIVERY_COLUMNS:
            moment = DELIVERY_COLUMNS[column](letter)
            return f"{shown_time(moment)} (Pacific)" if moment else None
        if role == Qt.ItemDataRole.UserRole:
            return letter.id
        return None

    def _text(self, letter: LetterView, column: int) -> str:
        faxed = _day(letter.faxed_at) or (QUEUED if letter.fax_queued_at else "")
        values = (kind_title(letter.kind, self.kinds),
                  LANGUAGE_NAMES.get(letter.language, letter.language), str(letter.version),
                  _when(letter.created_at), letter.author, _day(letter.printed_at), faxed,
                  _day(letter.mailed_at), _day(letter.handed_at))
        return values[column] if 0 <= column < len(values) else ""


class CaseLetters(QGroupBox):
    """The letters box of one case; `loaded` fires when its list arrives, `changed` after a
    change."""

    loaded = Signal()
    changed = Signal()
    printed = Signal(int)  # pages printed

    def __init__(self, ws: Workspace, actor: Actor, settings: Settings, case_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__("Letters", parent)
        self.ws = ws
        self.actor = actor
        self.settings = settings
        self.case_id = case_id
        self.file: CaseLetterFile | None = None
        self.dialog: QDialog | None = None
        self._select_after_load: int | None = None
        self.model = LetterTableModel(ws.rules.letter_kinds)
        self.preview = LetterPreview()
        self._build()
        self.reload()

    def _build(self) -> None:
        self.table = QTableView()
        self.table.setObjectName("letters")
        self.table.setAccessibleName("Letters of this case")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The letter's title takes what room is left (elided, whole in its tooltip), so the
        # delivery columns stay in view without a scroll bar.
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setWordWrap(False)
        # Version and author are in the title's tool tip: the preview gets their room.
        for hidden in HIDDEN_COLUMNS:
            self.table.hideColumn(hidden)
        self.table.selectionModel().selectionChanged.connect(self._chosen)
        self.message = QLabel("")
        self.message.setObjectName("letters_message")
        self.message.setWordWrap(True)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.table, 1)
        column.addLayout(self._buttons())
        column.addWidget(self.message)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(self.preview)
        # The letter is what is read here: the preview gets the larger share, so it opens
        # at a size its words can be read at.
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([460, 640])
        QVBoxLayout(self).addWidget(splitter)

    def _buttons(self) -> QHBoxLayout:
        self.generate_button = QPushButton("&Generate…")
        self.generate_button.setObjectName("generate_letter")
        self.generate_button.clicked.connect(self.ask_generate)
        self.print_button = QPushButton("&Print…")
        self.print_button.setObjectName("print_letter")
        self.print_button.clicked.connect(self.ask_print)
        self.fax_button = QPushButton("Send to &fax")
        self.fax_button.setObjectName("fax_letter")
        self.fax_button.setToolTip("Put the letter, behind a cover page, in the outbound fax "
                                   "folder for the fax server.")
        self.fax_button.clicked.connect(self.send_to_fax)
        self.sent_button = QPushButton("Record &sending…")
        self.sent_button.setObjectName("record_sending")
        self.sent_button.setToolTip("Record that the letter was mailed, faxed or handed over, "
                                    "and on which day: that, not generating, meets its clock.")
        self.sent_button.clicked.connect(self.ask_sending)
        row = QHBoxLayout()
        allowed = allows(self.actor.role, Permission.GENERATE_LETTERS)
        for button in (self.generate_button, self.print_button, self.fax_button,
                       self.sent_button):
            button.setVisible(allowed)
            row.addWidget(button)
        row.addStretch(1)
        self._enable_for(None)
        return row

    # Loading -------------------------------------------------------------------------------

    def reload(self, select: int | None = None) -> None:
        """Fetch the case's letters again; then select `select` (a letter id) or the newest."""
        self._select_after_load = select
        folder = self.settings.outbound_fax_folder

        def load() -> CaseLetterFile:
            collect_fax_pickups(self.ws, self.actor, folder)
            return case_letter_file(self.ws, self.actor, self.case_id)
        BackgroundOp(self, load).success(self.show_file).run()

    def show_file(self, file: CaseLetterFile) -> None:
        chosen = self._select_after_load or self.chosen_letter_id()
        self.file = file
        self.model.set_letters(list(file.letters))
        self._offer_generation(file)
        row = self.model.row_of(chosen) if chosen is not None else None
        if row is None and file.letters:
            row = 0
        if row is not None:
            self.table.selectRow(row)
        else:
            self.preview.clear("No letters yet for this case.")
            self._enable_for(None)
        self.loaded.emit()

    def chosen_letter(self) -> LetterView | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or not 0 <= rows[0].row() < len(self.model.letters):
            return None
        return self.model.letters[rows[0].row()]

    def chosen_letter_id(self) -> int | None:
        letter = self.chosen_letter()
        return letter.id if letter else None

    def _chosen(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        letter = self.chosen_letter()
        self._enable_for(letter)
        if letter is None:
            self.preview.clear()
            return
        letter_id = letter.id
        self.preview.show_letter(lambda: letter_pdf(self.ws, self.actor, letter_id))

    def _enable_for(self, letter: LetterView | None) -> None:
        for button in (self.print_button, self.fax_button, self.sent_button):
            button.setEnabled(letter is not None)
        self._offer_generation(self.file)

    def _offer_generation(self, file: CaseLetterFile | None) -> None:
        """Generate is offered only when some letter kind fits the case as it stands."""
        fits = file is not None and bool(file.kinds)
        self.generate_button.setEnabled(fits)
        self.generate_button.setToolTip(
            "" if fits or file is None else
            "No letter fits this case as it stands (its type, status or outcome).")

    # Actions -------------------------------------------------------------------------------

    def _do(self, fn: Callable[[], Any], done: Callable[[Any], None],
            select: Callable[[Any], int | None] | None = None,
            failed: Callable[[BaseException], None] | None = None) -> None:
        """Run a change off the GUI thread; on success say so, reload and emit `changed`."""
        def finished(result: Any) -> None:
            done(result)
            self.reload(select(result) if select else self.chosen_letter_id())
            self.changed.emit()
        self.message.clear()
        BackgroundOp(self, fn).success(finished).failure(failed or self._refused).run()

    def _refused(self, error: BaseException) -> None:
        """A refusal in plain words goes under the buttons; anything else to the presenter."""
        if isinstance(error, UserError):
            self._say(str(error), REFUSED_STYLE)
        else:
            show_error(self, error)

    def _say(self, text: str, style: str = DONE_STYLE) -> None:
        self.message.setStyleSheet(style)
        self.message.setText(text)

    def ask_generate(self, kind: str | None = None) -> LetterDialog | None:
        """Ask for the kind (`kind`, else the one the case's clocks call for), language and
        staff-written values, then generate."""
        if self.file is None or not self.file.kinds:
            return None
        kinds = [self.ws.rules.letter_kinds[name] for name in self.file.kinds
                 if name in self.ws.rules.letter_kinds]
        dialog = LetterDialog(self, kinds, kind or self.file.suggested_kind,
                              self.file.member_language, self.ws.rules.clinical_review.notice_kinds)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # The dialog stays open until the letter is made, so a refusal loses nothing typed.
        dialog.submit = lambda kind, language, values: self.generate(kind, language, values,
                                                                     dialog)
        dialog.preview = lambda kind, language, values: self.preview_draft(kind, language,
                                                                           values, dialog)
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()
        return dialog

    def generate(self, kind: str, language: str | None, values: dict[str, str],
                 dialog: LetterDialog | None = None) -> None:
        """Generate `kind` as a new stored version (language None: the member's); `dialog`,
        when it asked, closes once the letter is made and shows a refusal otherwise."""
        if self.file is None:
            return
        number = self.file.case_number

        def refused(error: BaseException) -> None:
            self._refused(error)
            if dialog is not None and isinstance(error, UserError):
                dialog.refuse(error)
            elif dialog is not None:
                dialog.reject()

        def issued(letter: IssuedLetter) -> None:
            if dialog is not None:
                dialog.finish()
            self._say(f"{kind_title(letter.kind, self.ws.rules.letter_kinds)} generated: "
                      f"version {letter.version}, "
                      f"{LANGUAGE_NAMES.get(letter.language, letter.language)}, "
                      f"{letter.pages} page{'' if letter.pages == 1 else 's'}.")
        self._do(lambda: generate_letter(self.ws, self.actor, self.settings.plan, number, kind,
                                         language, values), issued, lambda i: i.id, refused)

    def preview_draft(self, kind: str, language: str | None, values: dict[str, str],
                      dialog: LetterDialog) -> None:
        """Render `kind` as it would be generated now, without storing it, into `dialog`."""
        if self.file is None:
            return
        number = self.file.case_number

        def refused(error: BaseException) -> None:
            dialog.refuse(error)  # in the dialog, what was typed kept
            if not isinstance(error, UserError):
                show_error(self, error)
        def drawn(pdf: bytes) -> None:
            dialog.show_draft(pdf)
        BackgroundOp(self, lambda: preview_letter(self.ws, self.actor, self.settings.plan,
                                                  number, kind, language, values)).success(
            drawn).failure(refused).with_progress("Drawing the draft…").run()

    def send_to_fax(self) -> None:
        """Put the chosen letter, behind a cover page, in the outbound fax folder."""
        letter = self.chosen_letter()
        if letter is None:
            return
        if self.settings.outbound_fax_folder is None:
            self._say("No outbound fax folder is set, so nothing was sent. Ask the administrator "
                      "to set [letters] outbound_fax_folder in the settings file.",
                      REFUSED_STYLE)
            return
        folder, letter_id = self.settings.outbound_fax_folder, letter.id
        self._do(lambda: send_to_fax_folder(self.ws, self.actor, self.settings.plan, folder,
                                            letter_id),
                 lambda out: self._say(f"Queued for the fax server as {out.name}; it counts "
                                       "as faxed once the fax server takes it."))

    def ask_sending(self) -> SendDialog | None:
        """Ask how and on which day the chosen letter went out, then record it."""
        letter = self.chosen_letter()
        if letter is None:
            return None
        title = f"{kind_title(letter.kind, self.ws.rules.letter_kinds)}, version {letter.version}"
        dialog = SendDialog(title, letter.created_at, self.ws.now(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        letter_id = letter.id
        dialog.accepted.connect(lambda: self.record_sent(letter_id, *dialog.chosen()))
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()
        return dialog

    def record_sent(self, letter_id: int, method: SendMethod, day: date | None = None) -> None:
        """Record that letter `letter_id` went out by `method` on `day` (today when None)."""
        def said(sent: Sending) -> None:
            met = f" The {sent.clock_met} clock is met." if sent.clock_met else ""
            title = kind_title(sent.kind, self.ws.rules.letter_kinds)
            self._say(f"{title} version {sent.version} recorded as "
                      f"{SEND_WORDS[method]} {_day(sent.sent_at)}.{met}")
        self._do(lambda: record_sending(self.ws, self.actor, letter_id, method, day), said)

    def ask_print(self) -> QPrintDialog | None:
        """Ask which printer, then print the chosen letter's pages."""
        if self.chosen_letter() is None:
            return None
        return ask_printer(self, self.print_to)

    def print_to(self, printer: QPrinter) -> None:
        """Render the chosen letter for print on a worker, paint it, and record the printing."""
        letter = self.chosen_letter()
        if letter is None:
            return
        letter_id = letter.id
        self._say("Preparing the pages for the printer…")

        def paint(images: list[QImage]) -> None:
            try:
                pages = print_images(printer, images)
            except UserError as error:
                self._refused(error)
                return
            self._do(lambda: mark_printed(self.ws, self.actor, letter_id),
                     lambda _none: self._say(f"Sent {pages} page{'' if pages == 1 else 's'} "
                                             "to the printer."))
            self.printed.emit(pages)
        BackgroundOp(self, lambda: render_pages(letter_pdf(self.ws, self.actor, letter_id),
                                                PRINT_DPI)).success(paint).failure(
            self._refused).with_progress("Preparing the letter for printing…").run()
