"""The form's fields beside the page: check each against the page, correct it, accept the document.

Keyboard first: Tab moves between values, Enter saves the value under the cursor (and moves on),
F8 jumps to the next doubtful field (read unsurely, with a problem, or required and empty).
Doubt is shown in words and a sign, not by colour alone. Choosing a field asks the viewer to
outline it (`field_chosen`). Every save is a casework call on a worker thread.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QFocusEvent, QKeySequence
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from casework.actor import Actor
from casework.documents.document_fields import (
    DocumentFields,
    FieldView,
    RosterMatch,
    document_fields,
)
from casework.documents.verification import accept_document, correct_field
from casework.permissions import Permission, allows
from casework.workspace import Workspace
from desktop.case_clocks import shown_time
from desktop.field_inputs import ONE_LINE_TEXT
from desktop.long_value import LongValueEdit, doubtful_style
from desktop.operations import BackgroundOp

DOUBT_SIGN = "⚠"
PROBLEM_STYLE = "color: #b3261e;"
SAVED_STYLE = "color: #1b5e20;"
UNSAVED = "✎ not saved (Enter)"
DOUBTFUL_EDIT_STYLE = "QLineEdit { background: #fff4ce; border: 2px solid #c77700; }"


def confidence_words(view: FieldView) -> str:
    """How surely a value was read, in words a clerk scans at a glance."""
    if view.required and not view.value:
        return f"{DOUBT_SIGN} missing"
    if view.corrected_by:
        done = "✓ typed" if view.value else "cleared"
        return f"{done} by {view.corrected_by}"
    if view.confidence is None:
        return ""
    percent = f"{view.confidence:.0%}"
    if view.needs_review:
        return f"{DOUBT_SIGN} check ({percent})"
    # A name is trusted only when the roster confirms it; its reading's own percent (names
    # are never sure by themselves) would make a clerk doubt what is checked.
    return "✓ as in the roster" if view.roster == "matched" else f"✓ {percent}"


class ValueEdit(QLineEdit):
    """One field's value; tells the panel when it gains focus."""

    focused = Signal(str)

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self.setObjectName(f"value_{name}")

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.focused.emit(self.name)


def value_edit(view: FieldView) -> ValueEdit | LongValueEdit:
    """A line for a value, several wrapped lines for free text (a description, a reason)."""
    if view.kind == "text" and view.name not in ONE_LINE_TEXT:
        return LongValueEdit(view.name)
    return ValueEdit(view.name)


class FieldRow(QObject):
    """The widgets of one field: label, value, how surely read, and what is wrong."""

    def __init__(self, view: FieldView, parent: QObject) -> None:
        super().__init__(parent)
        self.view = view
        self.label = QLabel()
        self.edit = value_edit(view)
        self.label.setBuddy(self.edit)
        self.sureness = QLabel()
        self.sureness.setObjectName(f"sureness_{view.name}")
        self.sureness.setMinimumWidth(110)
        self.problem = QLabel()
        self.problem.setObjectName(f"problem_{view.name}")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(PROBLEM_STYLE)
        self.edit.textEdited.connect(self._typed)
        self.show(view)

    def show(self, view: FieldView, keep_typing: bool = False) -> None:
        """Show `view`; with `keep_typing`, text being typed is left alone."""
        self.view = view
        required = " *" if view.required else ""
        self.label.setText(f"{escape(view.label)}{required}")
        self.label.setToolTip(f"Page {view.page}" if view.page else "Not found on the page")
        if not (keep_typing and self.edit.isModified()):
            self.edit.setText(view.value)
            self.edit.setModified(False)
            self.edit.setCursorPosition(0)
        self.edit.setPlaceholderText("missing" if view.required else "")
        self.edit.setStyleSheet(doubtful_style(self.edit) if view.doubtful else "")
        self.edit.setToolTip(self._tooltip(view))
        self.sureness.setToolTip(
            "How likely the reading is right, from how it was found. Readings marked "
            "“check” are not trusted until a person compares them with the page.")
        self._typed()
        self.problem.setText(" ".join(f"{DOUBT_SIGN} {p}" for p in view.problems))
        self.problem.setStyleSheet(PROBLEM_STYLE)
        self.problem.setVisible(bool(view.problems))

    @property
    def unsaved(self) -> bool:
        """Something typed here differs from the saved value and Enter was not pressed."""
        return self.edit.isModified() and self.edit.text().strip() != self.view.value

    def _typed(self, *_text: str) -> None:
        self.sureness.setText(UNSAVED if self.unsaved else confidence_words(self.view))

    def refuse(self, message: str) -> None:
        """Say why the typed value was not saved (the typing stays in the box)."""
        self.problem.setText(f"{DOUBT_SIGN} {message}")
        self.problem.setVisible(True)

    @staticmethod
    def _tooltip(view: FieldView) -> str:
        whole = f"{view.value}\n\n" if len(view.value) > 30 else ""  # a long value is cut off
        if view.corrected_by and view.corrected_at:
            read = view.read or "nothing"
            return (f"{whole}The page was read as “{read}”; corrected by {view.corrected_by} "
                    f"on {shown_time(view.corrected_at)}.")
        return f"{whole}Press Enter to save a change."


class FieldVerification(QWidget):
    """The fields of one document; `changed` after a saved correction or acceptance."""

    loaded = Signal()
    changed = Signal()
    saved = Signal(str)  # the field just saved
    field_chosen = Signal(int, object)  # page, box (or None)

    def __init__(self, ws: Workspace, actor: Actor, document_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.actor = actor
        self.document_id = document_id
        self.fields: DocumentFields | None = None
        self.rows: dict[str, FieldRow] = {}
        self.may_correct = allows(actor.role, Permission.REVIEW_DOCUMENTS)
        self._build()

    # Layout --------------------------------------------------------------------------------

    def _build(self) -> None:
        self.header = QLabel("Loading the fields…")
        self.header.setObjectName("fields_header")
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)
        self.matches = QLabel()
        self.matches.setObjectName("matches")
        self.matches.setTextFormat(Qt.TextFormat.RichText)
        self.matches.setWordWrap(True)
        self.grid = QGridLayout()
        self.grid.setColumnStretch(1, 1)
        self.grid.setVerticalSpacing(2)
        holder = QWidget()
        outer = QVBoxLayout(holder)
        outer.addLayout(self.grid)
        outer.addStretch(1)
        self.scroller = QScrollArea()
        self.scroller.setWidgetResizable(True)
        self.scroller.setWidget(holder)
        self.message = QLabel()
        self.message.setObjectName("fields_message")
        self.message.setWordWrap(True)
        self.accept_button = QPushButton("&Accept document")
        self.accept_button.setObjectName("accept_document")
        self.accept_button.setToolTip("The fields match the page: mark the document verified.")
        self.accept_button.clicked.connect(self.accept)
        self.accept_button.setVisible(self.may_correct)
        row = QHBoxLayout()
        row.addWidget(self.message, 1)
        row.addWidget(self.accept_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._toolbar())
        layout.addWidget(self.header)
        layout.addWidget(self.matches)
        layout.addWidget(self.scroller, 1)
        layout.addLayout(row)

    def _toolbar(self) -> QToolBar:
        bar = QToolBar()
        bar.setObjectName("field_tools")
        self.next_doubtful_action = QAction(f"{DOUBT_SIGN} Next doubtful field", self)
        self.next_doubtful_action.setShortcut(QKeySequence(Qt.Key.Key_F8))
        self.next_doubtful_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.next_doubtful_action.setToolTip(
            "Go to the next field read unsurely, with a problem, or required and empty (F8)")
        self.next_doubtful_action.triggered.connect(self.next_doubtful)
        self.addAction(self.next_doubtful_action)
        bar.addAction(self.next_doubtful_action)
        self.doubt_count = QLabel()
        self.doubt_count.setObjectName("doubt_count")
        bar.addWidget(self.doubt_count)
        return bar

    def _add_rows(self, fields: DocumentFields) -> None:
        previous: QWidget | None = None
        for view in fields.fields:
            row = FieldRow(view, self)
            line = self.grid.rowCount()
            self.grid.addWidget(row.label, line, 0, Qt.AlignmentFlag.AlignVCenter)
            self.grid.addWidget(row.edit, line, 1)
            self.grid.addWidget(row.sureness, line, 2)
            self.grid.addWidget(row.problem, line + 1, 1, 1, 2)
            row.edit.setReadOnly(not self.may_correct)
            row.edit.returnPressed.connect(lambda name=view.name: self.save(name))
            row.edit.focused.connect(self.choose)
            if previous is not None:
                QWidget.setTabOrder(previous, row.edit)
            previous = row.edit
            self.rows[view.name] = row
        if not fields.fields:
            self.grid.addWidget(QLabel("This document was not recognised as one of our forms, "
                                       "so it has no fields to check."), 0, 0, 1, 3)

    # Loading -------------------------------------------------------------------------------

    def load(self) -> None:
        """Fetch the fields on a worker thread."""
        BackgroundOp(self, lambda: document_fields(self.ws, self.actor, self.document_id)
                     ).success(self.show_fields).run()

    def reload(self) -> None:
        """Read the fields afresh, rows and all (the document was filed as another form)."""
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.rows = {}
        self.load()

    def show_fields(self, fields: DocumentFields) -> None:
        first = not self.rows
        self.fields = fields
        if first:
            self._add_rows(fields)
        for view in fields.fields:
            if view.name in self.rows:
                self.rows[view.name].show(view, keep_typing=True)
        self._show_header(fields)
        self.matches.setText(matches_html(fields.matches, self._birth_date_differs(fields)))
        self.matches.setVisible(bool(fields.matches))
        doubtful = sum(v.doubtful for v in fields.fields)
        self.doubt_count.setText(f"  {doubtful} to check" if doubtful else "  nothing to check")
        self.next_doubtful_action.setEnabled(doubtful > 0)
        self.accept_button.setEnabled(not fields.verified and bool(fields.fields))
        self.loaded.emit()

    @staticmethod
    def _birth_date_differs(fields: DocumentFields) -> bool:
        """Whether the roster's birth date for the matched member is not the form's."""
        return any(v.name == "member_dob" and any("roster" in p for p in v.problems)
                   for v in fields.fields)

    def _show_header(self, fields: DocumentFields) -> None:
        state = (f"<span style='{SAVED_STYLE}'>✓ Verified by {escape(fields.verified_by or '')} "
                 f"on {shown_time(fields.verified_at)}</span>"
                 if fields.verified and fields.verified_at else "Not yet verified")
        cases = escape(f" · case {', '.join(fields.cases)}") if fields.cases else ""
        cases += f"<br>{escape(fields.arrived_by)}" if fields.arrived_by else ""
        general = "".join(f"<br><span style='{PROBLEM_STYLE}'>{DOUBT_SIGN} {escape(p)}</span>"
                          for p in fields.problems)
        grievance = ("<br><i>A grievance is accepted even with gaps; what is missing becomes a "
                     "follow-up.</i>" if fields.never_incomplete else "")
        sure = ("" if fields.form_type == "unknown"
                else f" &nbsp;(recognised {fields.confidence:.0%} sure)")
        self.header.setText(
            f"<span style='font-size:13pt; font-weight:bold'>{escape(fields.form_label)}</span>"
            f"{sure}{cases}<br>"
            f"<b>{state}</b>{general}{grievance}")

    # Moving about --------------------------------------------------------------------------

    def editor(self, name: str) -> ValueEdit | LongValueEdit:
        """The value box of the field `name`."""
        return self.rows[name].edit

    def choose(self, name: str) -> None:
        """The person is on this field: outline it on the page."""
        view = self.rows[name].view
        self.scroller.ensureWidgetVisible(self.rows[name].edit, 10, 40)
        if view.page is not None:
            self.field_chosen.emit(view.page, view.box)

    def unsaved_fields(self) -> list[str]:
        """The labels of fields with typing not yet saved."""
        return [row.view.label for row in self.rows.values() if row.unsaved]

    def focused_field(self) -> str | None:
        return next((n for n, r in self.rows.items() if r.edit.hasFocus()), None)

    def next_doubtful(self) -> str | None:
        """Go to the next doubtful field after the one with the cursor (wrapping); its name."""
        if self.fields is None:
            return None
        names = [v.name for v in self.fields.fields]
        here = self.focused_field()
        start = names.index(here) + 1 if here in names else 0
        for name in names[start:] + names[:start]:
            if self.rows[name].view.doubtful:
                self.focus_field(name)
                return name
        self.say("No field is doubtful.")
        return None

    def focus_field(self, name: str) -> None:
        edit = self.rows[name].edit
        edit.setFocus(Qt.FocusReason.OtherFocusReason)
        edit.selectAll()
        self.choose(name)

    def _move_on(self, name: str) -> None:
        names = list(self.rows)
        at = names.index(name)
        if at + 1 < len(names):
            self.focus_field(names[at + 1])

    # Changes -------------------------------------------------------------------------------

    def say(self, text: str, problem: bool = False) -> None:
        """Show a line under the fields: what was done, or (in red, with a sign) what was not."""
        self.message.setText(f"{DOUBT_SIGN} {text}" if problem else text)
        self.message.setStyleSheet(PROBLEM_STYLE if problem else SAVED_STYLE)

    def save(self, name: str) -> None:
        """Save what is typed in the field `name` (Enter), then go to the next field."""
        row = self.rows[name]
        text = row.edit.text()
        if not self.may_correct or text.strip() == row.view.value:
            row.edit.setModified(False)
            self._move_on(name)
            return
        self.message.clear()

        def saved(fields: DocumentFields) -> None:
            row.edit.setModified(False)
            self.show_fields(fields)
            self.say(f"{row.view.label} saved.")
            self.saved.emit(name)
            self.changed.emit()

        def refused(error: BaseException) -> None:
            row.refuse(str(error))
            self.say(f"{row.view.label} was not saved.", problem=True)
            self.focus_field(name)

        BackgroundOp(self, lambda: correct_field(self.ws, self.actor, self.document_id, name,
                                                 text)).success(saved).failure(refused).run()
        self._move_on(name)

    def accept(self) -> None:
        """Mark the document verified; a refusal is shown in its own words."""
        def accepted(fields: DocumentFields) -> None:
            self.show_fields(fields)
            self.say("Document accepted as verified.")
            self.changed.emit()

        def refused(error: BaseException) -> None:
            self.say(str(error), problem=True)

        BackgroundOp(self, lambda: accept_document(self.ws, self.actor, self.document_id)
                     ).success(accepted).failure(refused).run()


def matches_html(matches: list[RosterMatch], birth_date_differs: bool = False) -> str:
    """The roster matches as short lines: found or not, eligible or not, what was corrected.
    A member matched by ID and name whose birth date differs is not shown as a plain match."""
    lines = []
    for match in matches:
        if match.matched and birth_date_differs and match.role == "Member":
            found = (f"<span style='{PROBLEM_STYLE}'>{DOUBT_SIGN} ID and name match "
                     f"<b>{escape(match.name or '')}</b> ({escape(match.identifier or '')}), "
                     "but the birth date does not: check it is the same person</span>")
        elif match.matched:
            found = (f"✓ matched <b>{escape(match.name or '')}</b> "
                     f"({escape(match.identifier or '')})")
        elif match.candidates:
            found = f"{DOUBT_SIGN} several possible: {escape(', '.join(match.candidates))}"
        else:
            found = f"{DOUBT_SIGN} not found in the roster"
        if match.eligible is True:
            found += ", eligible on the service date"
        elif match.eligible is False:
            found += f", <b>{DOUBT_SIGN} not eligible on the service date</b>"
        fixes = "".join(f"<br>&nbsp;&nbsp;&nbsp;{escape(c)}" for c in match.corrections)
        lines.append(f"{escape(match.role)}: {found}{fixes}")
    return "<br>".join(lines)
