"""New phone case: staff take a grievance, appeal or request by phone and open its case.

The form follows the form type's schema. Values are checked as they are typed, by the same
casework checks Create uses, so what shows as fine is what the service accepts; a grievance is
never turned away as incomplete. The caller is looked up in the member roster.
"""

from __future__ import annotations

import itertools
from datetime import datetime

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from casework.actor import Actor
from casework.cases.phone_fields import (
    EntryCheck,
    PhoneForm,
    asks_expedited,
    check_entered_fields,
    phone_forms,
    priority_wording,
)
from casework.cases.phone_intake import PhoneCase, open_phone_case
from casework.forms.values import parse_date
from casework.permissions import Permission
from casework.plan.case_types import Priority
from casework.plan.timezone import PLAN_ZONE, plan_date
from casework.workspace import Workspace
from desktop.errors import show_error
from desktop.field_inputs import FieldInput, field_label
from desktop.member_search import MemberSearch
from desktop.operations import BackgroundOp

RECEIVED_FORMAT = "MM/dd/yyyy h:mm AP"
SHOWN_DATE = "%a %b %d, %Y"  # 'Tue Mar 14, 1961' under a date, so 03/04 is not misread
ERROR_STYLE = "color: #a00000;"
DONE_STYLE = "color: #1b5e20; font-weight: bold;"
# A call has no signature: the form's signature date is a paper form's question.
NOT_ON_A_CALL = frozenset({"signature_date"})


def as_qdatetime(moment: datetime) -> QDateTime:
    """A wall-clock time (no zone) as Qt's date-time editors take it, to the minute."""
    return QDateTime(QDate(moment.year, moment.month, moment.day),
                     QTime(moment.hour, moment.minute))


class PhoneIntakeDialog(QDialog):
    """The form of one call; stays open after Create, cleared for the next call."""

    case_created = Signal(int)

    def __init__(self, ws: Workspace, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        actor.require(Permission.WORK_CASES)
        self.ws = ws
        self.actor = actor
        self.forms: dict[str, PhoneForm] = {f.form_type: f for f in phone_forms(ws.rules)}
        self.inputs: dict[str, FieldInput] = {}
        self.touched: set[str] = set()
        self.carried: dict[str, str] = {}  # values kept when the form type changes
        self.check: EntryCheck | None = None
        self._confirm_missing = False
        self._received_edited = False
        self._syncing = False
        self.last_case: PhoneCase | None = None
        self.setWindowTitle("New phone case — Intake Workstation")
        self._build()
        self._fit_to_screen()
        self._show_form()

    # Layout --------------------------------------------------------------------------------

    def _build(self) -> None:
        self.form_type = QComboBox()
        self.form_type.setObjectName("form_type")
        for form in self.forms.values():
            self.form_type.addItem(form.label, form.form_type)
        self.form_type.setCurrentIndex(max(self.form_type.findData("grievance_form"), 0))
        self.form_type.currentIndexChanged.connect(self._show_form)
        self.search = MemberSearch(self.ws, self.actor, self)
        self.search.picked.connect(self._fill_member)
        self.fields_form = QFormLayout()
        self.fields_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        holder = QWidget()
        stack = QVBoxLayout(holder)
        stack.addLayout(self.fields_form)
        stack.addStretch(1)
        self.fields_area = QScrollArea()
        self.fields_area.setObjectName("fields")
        self.fields_area.setWidgetResizable(True)
        self.fields_area.setFrameShape(QFrame.Shape.NoFrame)
        self.fields_area.setWidget(holder)
        self.priority = QComboBox()
        self.priority.setObjectName("priority")
        self.priority.currentIndexChanged.connect(self._priority_changed)
        self.received = QDateTimeEdit()
        self.received.setObjectName("received_at")
        self.received.setDisplayFormat(RECEIVED_FORMAT)
        self.received.setCalendarPopup(True)
        self.received.dateTimeChanged.connect(self._received_changed)
        self.now_button = QPushButton("&Now")
        self.now_button.setAutoDefault(False)
        self.now_button.setToolTip("The call came in just now")
        self.now_button.clicked.connect(self.reset_received)
        self.summary = QLabel("")
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.create_button = QPushButton("&Create case")
        self.create_button.setObjectName("create")
        self.create_button.setAutoDefault(False)
        self.create_button.setToolTip("Ctrl+Enter")
        self.create_button.clicked.connect(self.create_case)
        self.close_button = QPushButton("Close")
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.create_case)
        self.setLayout(self._layout())
        self.reset_received()

    def _layout(self) -> QVBoxLayout:
        top = QFormLayout()
        top.addRow("Case &type:", self.form_type)
        find = QLabel("&Find the member:")
        find.setBuddy(self.search.box)
        top.addRow(find, self.search)
        received_label = QLabel("&Received:")
        received_label.setBuddy(self.received)
        priority_label = QLabel("&Priority:")
        priority_label.setBuddy(self.priority)
        when = QHBoxLayout()
        when.addWidget(priority_label)
        when.addWidget(self.priority, 3)
        when.addSpacing(12)
        when.addWidget(received_label)
        when.addWidget(self.received, 2)
        when.addWidget(self.now_button)
        legend = QLabel("* required")
        legend.setStyleSheet("color: #555555;")
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(legend)
        buttons.addSpacing(12)
        buttons.addWidget(self.create_button)
        buttons.addWidget(self.close_button)
        rule = QFrame()
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setFrameShadow(QFrame.Shadow.Sunken)
        layout = QVBoxLayout()
        layout.addLayout(top)
        layout.addWidget(rule)
        layout.addWidget(self.fields_area, 1)
        layout.addLayout(when)
        layout.addLayout(buttons)
        return layout

    def _fit_to_screen(self) -> None:
        screen = self.screen().availableGeometry()
        self.resize(min(780, screen.width() - 40), min(700, screen.height() - 60))

    def _show_form(self) -> None:
        """Lay out the fields of the chosen form type, keeping what was already typed."""
        self.carried |= {name: box.text() for name, box in self.inputs.items()
                         if not box.is_blank()}
        while self.fields_form.rowCount():
            self.fields_form.removeRow(0)
        self.inputs = {}
        self.touched = set()
        form = self.current_form()
        for spec in self.ws.rules.schemas[form.form_type].fields:
            if spec.name in NOT_ON_A_CALL:
                continue
            box = FieldInput(spec, suggestions=self._suggestions(spec.name))
            if spec.name in self.carried:
                box.set_text(self.carried[spec.name])
            box.edited.connect(lambda name=spec.name: self._edited(name))
            box.left.connect(lambda name=spec.name: self._left(name))
            if isinstance(box.editor, QLineEdit):
                # Enter moves on as Tab does, through the scroll area, which keeps it in view.
                box.editor.returnPressed.connect(box.editor.focusNextChild)
            self.fields_form.addRow(field_label(spec), box)
            box.show()  # at once, not on the next event loop turn, so checks can show on it
            self.inputs[spec.name] = box
        self._offer_priorities(form)
        self._chain_tab_order()
        self.refresh_checks()

    def _suggestions(self, name: str) -> tuple[str, ...]:
        return self.ws.rules.routing.languages if name == "preferred_language" else ()

    def _offer_priorities(self, form: PhoneForm) -> None:
        self._syncing = True
        try:
            self.priority.clear()
            today = plan_date(self.ws.now())
            for priority in form.priorities:
                words = ("Standard" if priority == Priority.STANDARD else
                         priority_wording(self.ws.rules, form.form_type, priority, today))
                self.priority.addItem(words, priority)
        finally:
            self._syncing = False
        self._follow_urgency()

    def _chain_tab_order(self) -> None:
        chain: list[QWidget] = [self.form_type, *self.search.tab_widgets(),
                                *(box.editor for box in self.inputs.values()),
                                self.priority, self.received, self.now_button,
                                self.create_button, self.close_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # State ---------------------------------------------------------------------------------

    def current_form(self) -> PhoneForm:
        return self.forms[str(self.form_type.currentData())]

    def texts(self) -> dict[str, str]:
        """What staff typed, by field name (blank boxes left out)."""
        return {name: box.text() for name, box in self.inputs.items() if not box.is_blank()}

    def chosen_priority(self) -> str:
        return str(self.priority.currentData() or Priority.STANDARD)

    def received_at(self) -> datetime | None:
        """When the call came in (None: now, at the moment of Create)."""
        if not self._received_edited:
            return None
        local = self.received.dateTime().toPython()
        assert isinstance(local, datetime)
        return local.replace(tzinfo=PLAN_ZONE)

    def reset_received(self) -> None:
        """Set the received time back to now."""
        now = self.ws.now().astimezone(PLAN_ZONE).replace(tzinfo=None, second=0, microsecond=0)
        self._syncing = True
        try:
            self.received.setMaximumDateTime(as_qdatetime(now).addDays(1))
            self.received.setDateTime(as_qdatetime(now))
        finally:
            self._syncing = False
        self._received_edited = False

    def _received_changed(self) -> None:
        if not self._syncing:
            self._received_edited = True

    # Checking ------------------------------------------------------------------------------

    def _edited(self, name: str) -> None:
        self._confirm_missing = False
        if name in ("urgency", "expedited"):
            self._follow_urgency()
        self.refresh_checks()

    def _left(self, name: str) -> None:
        self.touched.add(name)
        self.refresh_checks()

    def refresh_checks(self) -> None:
        """Re-check the whole form; show messages on fields the person has been through."""
        form = self.current_form()
        self.check = check_entered_fields(self.ws.rules, form.form_type, self.texts(),
                                          self.ws.now(), self.chosen_priority())
        for name, box in self.inputs.items():
            label = self.fields_form.labelForField(box)
            if isinstance(label, QLabel):
                required = name in self.check.required
                label.setText(field_label(box.spec) + (" *" if required else ""))
            # Not while a value is first typed ("3/" is no date yet): once the field is left.
            problem = self.check.problems.get(name) if name in self.touched else None
            box.show_problem(problem, self._note(box))
        self._summarise()

    def _note(self, box: FieldInput) -> str:
        if box.spec.type != "date" or box.is_blank():
            return ""
        if box.spec.name in (self.check.problems if self.check else {}):
            return ""
        day = parse_date(box.text())
        return datetime.fromisoformat(day).strftime(SHOWN_DATE) if day else ""

    def _summarise(self) -> None:
        check = self.check
        if check is None:
            return
        self.summary.setStyleSheet(ERROR_STYLE if check.blocking else "")
        if check.blocking:
            count = len(check.blocking)
            self.summary.setText(f"{count} value{'s' if count > 1 else ''} to correct before "
                                 "the case can be opened.")
        elif self._confirm_missing:
            self.summary.setText("Required values are empty; the case opens waiting for them. "
                                 "Press Create again to open it anyway.")
        elif self.current_form().never_incomplete and any(
                p.kind == "unverified" for p in check.problems.values()):
            self.summary.setText("The member is not fully identified: the case opens with a "
                                 "follow-up to identify them.")
        else:
            count = len(check.missing)
            self.summary.setText(f"{count} required value{'s are' if count > 1 else ' is'} "
                                 "still empty." if count else "")
        self.create_button.setText("Create &anyway" if self._confirm_missing else "&Create case")

    # Priority follows urgency ---------------------------------------------------------------

    def _follow_urgency(self) -> None:
        """An expedited request on the form makes the case expedited, and back."""
        if self._syncing:
            return
        asked = asks_expedited(self.ws.rules, self.current_form().form_type, self.texts())
        current = self.chosen_priority()
        wanted = Priority.EXPEDITED if asked else (
            Priority.STANDARD if current == Priority.EXPEDITED else current)
        index = self.priority.findData(wanted)
        if index >= 0 and wanted != current:
            self._syncing = True
            try:
                self.priority.setCurrentIndex(index)
            finally:
                self._syncing = False

    def _priority_changed(self) -> None:
        if self._syncing:
            return
        expedited = self.chosen_priority() == Priority.EXPEDITED
        self._syncing = True
        try:
            urgency = self.inputs.get("urgency")
            if urgency is not None and (expedited or urgency.text() == "expedited"):
                urgency.set_text("expedited" if expedited else "standard")
            flag = self.inputs.get("expedited")
            if flag is not None and isinstance(flag.editor, QCheckBox):
                flag.editor.setChecked(expedited)
        finally:
            self._syncing = False
        self.refresh_checks()

    # Member --------------------------------------------------------------------------------

    def _fill_member(self, texts: dict[str, str]) -> None:
        for name, text in texts.items():
            box = self.inputs.get(name)
            if box is not None and text:
                box.set_text(text)
                self.touched.add(name)
        self.refresh_checks()

    # Create --------------------------------------------------------------------------------

    def create_case(self) -> None:
        """Open the case on a worker, after the checks Create makes are shown."""
        if not self.create_button.isEnabled():
            return
        self.touched |= set(self.inputs)
        self.refresh_checks()
        check = self.check
        assert check is not None
        if check.blocking:
            wrong = {p.field for p in check.blocking}
            first = next(name for name in self.inputs if name in wrong)  # top of the form
            self.inputs[first].editor.setFocus()
            return
        if check.missing and not self.current_form().never_incomplete \
                and not self._confirm_missing:
            self._confirm_missing = True
            self._summarise()
            return
        form_type, texts = self.current_form().form_type, self.texts()
        priority = self.chosen_priority()
        received = self.received_at()
        self.create_button.setEnabled(False)
        BackgroundOp(self, lambda: open_phone_case(
            self.ws, self.actor, form_type, texts,
            None if priority == Priority.STANDARD else priority, received,
        )).success(self._created).failure(self._refused).with_progress(
            "Opening the case…").run()

    def _created(self, case: PhoneCase) -> None:
        self.create_button.setEnabled(True)
        name = self.inputs["member_name"].text() if "member_name" in self.inputs else ""
        self.clear()
        self.summary.setStyleSheet(DONE_STYLE)
        self.summary.setText(f"Opened {case.number}" + (f" for {name}." if name else "."))
        self.last_case = case
        self.case_created.emit(case.case_id)

    def _refused(self, error: BaseException) -> None:
        self.create_button.setEnabled(True)
        show_error(self, error)

    def clear(self) -> None:
        """Empty the form for the next call (the form type stays)."""
        self.carried = {}
        for box in self.inputs.values():
            box.set_text("")
        self.touched = set()
        self._confirm_missing = False
        self.search.clear()
        self.reset_received()
        self._show_form()
        self.form_type.setFocus(Qt.FocusReason.OtherFocusReason)

