"""Letters due today: acknowledgements and resolutions whose clock falls due today or has passed,
and every letter drafted for a running clock but not yet sent.

Open a case from here (`case_opened`), generate the chosen letters, or generate every one that
needs no staff wording at once, as `letters due --generate` does; a letter that needs wording
(a resolution's explanation) is named, never guessed. A drafted letter stays listed as
"drafted, not sent" until someone records it mailed, faxed or handed over (Record sending…) or
the fax server takes it from the outbound folder: sending meets the clock, drafting does not.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from casework.actor import Actor
from casework.errors import UserError
from casework.letters.case_file import (
    DueLetterRow,
    due_drafts_pdf,
    due_letter_rows,
    generate_chosen,
    mark_printed,
)
from casework.letters.issuing import BatchOutcome, generate_due
from casework.letters.sending import SendMethod, collect_fax_pickups, record_sending
from casework.permissions import Permission, allows
from casework.plan.letter_kinds import LetterKind
from casework.settings import Settings
from casework.workspace import Workspace
from desktop.case_clocks import shown_time
from desktop.case_letters import kind_title
from desktop.case_table import DUE_TODAY, OVERDUE
from desktop.letter_preview import PRINT_DPI, ask_printer, print_images, render_pages
from desktop.operations import BackgroundOp
from desktop.row_table import RowTableModel
from desktop.send_dialog import SendDialog

COLUMNS = ("Case", "Member", "Letter", "Due (Pacific)", "Standing")
DRAFTED = "drafted, not sent"


def standing(row: DueLetterRow) -> str:
    """'overdue', 'due today', 'drafted, not sent' or 'drafted, not sent — overdue'."""
    if row.drafted:
        return f"{DRAFTED} — overdue" if row.overdue else DRAFTED
    return "overdue" if row.overdue else "due today"


class DueLetterModel(RowTableModel[DueLetterRow]):
    """Letters due, most overdue first; UserRole is the case id."""

    def __init__(self, kinds: Mapping[str, LetterKind]) -> None:
        super().__init__(COLUMNS, self._cell)
        self.kinds = kinds

    def _cell(self, row: DueLetterRow, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return (row.case_number, row.member_name, kind_title(row.kind, self.kinds),
                    shown_time(row.due_at), standing(row))[column]
        if role == Qt.ItemDataRole.BackgroundRole and column in {3, 4}:
            return OVERDUE if row.overdue else DUE_TODAY if not row.drafted else None
        if role == Qt.ItemDataRole.UserRole:
            return row.case_id
        return None


def outcome_text(outcomes: list[BatchOutcome], kinds: Mapping[str, LetterKind]) -> str:
    """'2 of 3 letters generated. Not generated: GRV-… grievance resolution: …'."""
    made = sum(1 for o in outcomes if o.letter_id is not None)
    noun = "letter" if len(outcomes) == 1 else "letters"
    text = f"{made} of {len(outcomes)} {noun} generated."
    refused = [f"{o.case_number} {kind_title(o.kind, kinds).lower()}: {o.problem}"
               for o in outcomes if o.letter_id is None]
    if refused:
        text += " Not generated (open the case to write what they need): " + "; ".join(refused)
    return text


class LettersDue(QDialog):
    """Non-modal window of the letters due today and overdue."""

    loaded = Signal()
    generated = Signal(list)  # the BatchOutcomes of the last generation
    case_opened = Signal(int)
    printed = Signal(int, int)  # letters and pages sent to the printer

    def __init__(self, ws: Workspace, actor: Actor, settings: Settings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        actor.require(Permission.VIEW_CASES)
        self.ws = ws
        self.actor = actor
        self.settings = settings
        self.setWindowTitle("Letters due today — Intake Workstation")
        self.setModal(False)
        self.resize(900, 520)
        self.model = DueLetterModel(ws.rules.letter_kinds)
        self.table = QTableView()
        self.table.setObjectName("due_letters")
        self.table.setAccessibleName("Letters due today and overdue")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.open_chosen_case())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._enable())
        self.summary = QLabel("Loading…")
        self.summary.setObjectName("summary")
        self.message = QLabel("")
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(self._buttons())
        self.refresh()

    def _buttons(self) -> QHBoxLayout:
        self.open_button = QPushButton("&Open case")
        self.open_button.setObjectName("open_case")
        self.open_button.clicked.connect(self.open_chosen_case)
        self.generate_button = QPushButton("&Generate selected")
        self.generate_button.setObjectName("generate_selected")
        self.generate_button.clicked.connect(self.generate_selected)
        self.generate_all_button = QPushButton("Generate &all that need no wording")
        self.generate_all_button.setObjectName("generate_all")
        self.generate_all_button.setToolTip("Acknowledgements and every letter whose content "
                                            "comes from the case; resolutions that need "
                                            "wording are listed, not generated.")
        self.generate_all_button.clicked.connect(self.generate_all)
        self.sent_button = QPushButton("Record &sending…")
        self.sent_button.setObjectName("record_sending")
        self.sent_button.setToolTip("Record that the chosen drafted letters were mailed, faxed "
                                    "or handed over: that meets their clocks.")
        self.sent_button.clicked.connect(self.ask_sending)
        self.print_button = QPushButton("&Print drafted…")
        self.print_button.setObjectName("print_drafted")
        self.print_button.setToolTip("Print every drafted letter due today or overdue, in due "
                                     "order, in one go; printing is not sending.")
        self.print_button.clicked.connect(self.ask_print)
        allowed = allows(self.actor.role, Permission.GENERATE_LETTERS)
        for button in (self.generate_button, self.generate_all_button, self.sent_button,
                       self.print_button):
            button.setVisible(allowed)
        self.refresh_button = QPushButton("&Refresh")
        self.refresh_button.clicked.connect(self.refresh)
        close = QPushButton("&Close")
        close.clicked.connect(self.close)
        row = QHBoxLayout()
        for button in (self.open_button, self.generate_button, self.generate_all_button,
                       self.sent_button, self.print_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.refresh_button)
        row.addWidget(close)
        return row

    def refresh(self) -> None:
        """Notice faxes the fax server took, then fetch the letters due again."""
        folder = self.settings.outbound_fax_folder

        def load() -> list[DueLetterRow]:
            collect_fax_pickups(self.ws, self.actor, folder)
            return due_letter_rows(self.ws, self.actor)
        BackgroundOp(self, load).success(self.show_rows).run()

    def show_rows(self, rows: list[DueLetterRow]) -> None:
        self.model.set_rows(rows)
        late = sum(1 for r in rows if r.overdue)
        drafted = sum(1 for r in rows if r.drafted)
        if not rows:
            self.summary.setText("No letters are due today.")
        else:
            waiting = f"; {drafted} drafted, not sent" if drafted else ""
            self.summary.setText(f"{len(rows)} letter{'' if len(rows) == 1 else 's'} due: "
                                 f"{late} overdue, {len(rows) - late} due today{waiting}.")
        self._enable()
        self.loaded.emit()

    def chosen(self) -> list[DueLetterRow]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.rows[r] for r in rows if 0 <= r < len(self.model.rows)]

    def _enable(self) -> None:
        chosen = self.chosen()
        self.open_button.setEnabled(len(chosen) == 1)
        self.generate_button.setEnabled(any(not r.drafted for r in chosen))
        self.sent_button.setEnabled(any(r.drafted for r in chosen))
        self.generate_all_button.setEnabled(any(not r.drafted for r in self.model.rows))
        self.print_button.setEnabled(any(r.drafted for r in self.model.rows))

    def open_chosen_case(self) -> None:
        chosen = self.chosen()
        if len(chosen) == 1:
            self.case_opened.emit(chosen[0].case_id)

    def generate_selected(self) -> None:
        """Generate the chosen letters not yet drafted (in the member's language)."""
        pairs = [(r.case_number, r.kind) for r in self.chosen() if not r.drafted]
        if pairs:
            self._generate(lambda: generate_chosen(self.ws, self.actor, self.settings.plan,
                                                   pairs))

    def generate_all(self) -> None:
        """Generate every letter due that needs no staff wording; name the others."""
        self._generate(lambda: generate_due(self.ws, self.actor, self.settings.plan))

    def _generate(self, fn: Callable[[], list[BatchOutcome]]) -> None:
        self.generate_button.setEnabled(False)
        self.generate_all_button.setEnabled(False)
        self.message.clear()

        def done(outcomes: list[BatchOutcome]) -> None:
            self.message.setText(outcome_text(outcomes, self.ws.rules.letter_kinds))
            self.generated.emit(outcomes)
            self.refresh()
        BackgroundOp(self, fn).success(done).failure(self._failed).with_progress(
            "Generating letters…").run()

    def ask_sending(self) -> SendDialog | None:
        """Ask how and on which day the chosen drafted letters went out, then record it."""
        drafted = [r for r in self.chosen() if r.drafted and r.drafted_at is not None]
        if not drafted:
            return None
        what = (f"{drafted[0].case_number} "
                f"{kind_title(drafted[0].kind, self.ws.rules.letter_kinds).lower()}"
                if len(drafted) == 1 else f"{len(drafted)} drafted letters")
        latest = max(r.drafted_at for r in drafted if r.drafted_at is not None)
        dialog = SendDialog(what, latest, self.ws.now(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        ids = [r.drafted_letter_id for r in drafted if r.drafted_letter_id is not None]
        dialog.accepted.connect(lambda: self.record_sent(ids, *dialog.chosen()))
        dialog.open()
        return dialog

    def record_sent(self, letter_ids: list[int], method: SendMethod,
                    day: date | None = None) -> None:
        """Record each letter as sent by `method` on `day` (today when None)."""
        def run() -> int:
            for letter_id in letter_ids:
                record_sending(self.ws, self.actor, letter_id, method, day)
            return len(letter_ids)

        def done(count: int) -> None:
            self.message.setText(f"{count} letter{'' if count == 1 else 's'} recorded as sent.")
            self.refresh()
        BackgroundOp(self, run).success(done).failure(self._failed).run()

    def ask_print(self) -> QPrintDialog | None:
        """Ask which printer, then print every drafted letter due."""
        if not any(r.drafted for r in self.model.rows):
            return None
        return ask_printer(self, self.print_to)

    def print_to(self, printer: QPrinter) -> None:
        """Join the drafted letters due and render them on a worker, paint them on `printer`,
        then record each letter as printed."""
        self.print_button.setEnabled(False)
        self.message.setText("Preparing the drafted letters for the printer…")

        def prepare() -> tuple[tuple[int, ...], list[QImage]]:
            pdf, ids = due_drafts_pdf(self.ws, self.actor)
            return ids, render_pages(pdf, PRINT_DPI) if ids else []

        def paint(prepared: tuple[tuple[int, ...], list[QImage]]) -> None:
            ids, images = prepared
            if not ids:
                self.message.setText("No drafted letter is due; nothing was printed.")
                self._enable()
                return
            try:
                pages = print_images(printer, images)
            except UserError as error:
                self._failed(error)
                return

            def record() -> None:
                for letter_id in ids:
                    mark_printed(self.ws, self.actor, letter_id)

            def done(_none: None) -> None:
                self.message.setText(f"Sent {len(ids)} letter{'' if len(ids) == 1 else 's'} "
                                     f"({pages} pages) to the printer. Record the sending once "
                                     "they are in the mail.")
                self.printed.emit(len(ids), pages)
                self.refresh()
            BackgroundOp(self, record).success(done).failure(self._failed).run()
        BackgroundOp(self, prepare).success(paint).failure(self._failed).with_progress(
            "Preparing the letters for printing…").run()

    def _failed(self, error: BaseException) -> None:
        from desktop.errors import show_error

        self._enable()
        show_error(self, error)
