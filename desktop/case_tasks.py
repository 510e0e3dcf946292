"""The case window's tasks: the list, Done, and Add task… (a to-do with an optional due day).

The box changes nothing itself: it asks, and emits what was asked for; the case window makes
the casework call and reloads.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from casework.cases.clocks import END_OF_DAY
from casework.cases.views import TaskView
from casework.plan.timezone import PLAN_ZONE
from desktop.case_lists import fill_tasks


def due_moment(day: date) -> datetime:
    """The end of `day` in the plan's time zone: a task due on a day is due all of it."""
    return datetime.combine(day, END_OF_DAY, PLAN_ZONE)


class AddTaskDialog(QDialog):
    """What to do, and by which day (optional)."""

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add a task")
        self.description = QLineEdit()
        self.description.setObjectName("task_description")
        self.description.setPlaceholderText("e.g. Call the member about the pharmacy's records")
        self.description.setMinimumWidth(420)
        self.has_due = QCheckBox("Due by")
        self.has_due.setObjectName("task_has_due")
        self.due = QDateEdit(QDate(today.year, today.month, today.day))
        self.due.setObjectName("task_due")
        self.due.setDisplayFormat("MM/dd/yyyy")
        self.due.setCalendarPopup(True)
        self.due.setMinimumDate(QDate(today.year, today.month, today.day))
        self.due.setEnabled(False)
        self.has_due.toggled.connect(self.due.setEnabled)
        due_row = QHBoxLayout()
        due_row.addWidget(self.has_due)
        due_row.addWidget(self.due)
        due_row.addStretch(1)
        form = QFormLayout()
        form.addRow("&What to do:", self.description)
        form.addRow("", due_row)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Add task")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.description.textChanged.connect(self._check)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._check()

    def _check(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.description.text().strip()))

    def chosen(self) -> tuple[str, datetime | None]:
        """The description and, when a day was chosen, the end of that day."""
        due = self.due.date().toPython() if self.has_due.isChecked() else None
        assert due is None or isinstance(due, date)
        return self.description.text().strip(), due_moment(due) if due else None


class CaseTasksBox(QGroupBox):
    """Emits `add_asked` (description, due or None) and `done_asked` (task id)."""

    add_asked = Signal(str, object)
    done_asked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Tasks", parent)
        self.task_list: list[TaskView] = []
        self.tasks = QListWidget()
        self.tasks.setObjectName("tasks")
        self.tasks.setWordWrap(True)
        self.tasks.currentItemChanged.connect(self._chosen)
        self.add_button = QPushButton("Add &task…")
        self.add_button.setObjectName("add_task")
        self.done_button = QPushButton("&Done")
        self.done_button.setObjectName("task_done")
        self.done_button.setEnabled(False)
        self.done_button.clicked.connect(self._done_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        buttons.addWidget(self.done_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tasks, 1)
        layout.addLayout(buttons)

    def show_tasks(self, tasks: list[TaskView]) -> None:
        """List `tasks`, open ones first as the person works them."""
        self.task_list = list(tasks)
        fill_tasks(self.tasks, sorted(tasks, key=lambda t: t.done_at is not None))
        self._chosen()

    def open_task(self) -> int | None:
        """The chosen task's id when it is still open."""
        item = self.tasks.currentItem()
        if item is None:
            return None
        task_id = item.data(Qt.ItemDataRole.UserRole)
        open_ids = {t.id for t in self.task_list if t.done_at is None}
        return int(task_id) if task_id in open_ids else None

    def ask_add(self, today: date) -> AddTaskDialog:
        """Ask what the task is; on Add, emit `add_asked`."""
        dialog = AddTaskDialog(today, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.add_asked.emit(*dialog.chosen()))
        dialog.open()
        return dialog

    def _chosen(self, *_args: object) -> None:
        self.done_button.setEnabled(self.open_task() is not None)

    def _done_clicked(self) -> None:
        task_id = self.open_task()
        if task_id is not None:
            self.done_asked.emit(task_id)
