"""The case window's notes and tasks, one list row each, newest note last."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from casework.cases.views import CaseDetail, TaskView
from desktop.case_clocks import shown_time


def _placeholder(words: str) -> QListWidgetItem:
    item = QListWidgetItem(words)
    item.setFlags(Qt.ItemFlag.NoItemFlags)
    return item


def fill_notes(widget: QListWidget, detail: CaseDetail) -> None:
    """Every note of the case with its time and author, and what note it corrects."""
    widget.clear()
    for note in detail.notes:
        corrects = f" (corrects note {note.corrects_note_id})" if note.corrects_note_id else ""
        item = QListWidgetItem(f"{shown_time(note.created_at)} · {note.author}{corrects}\n"
                               f"{note.text}")
        item.setData(Qt.ItemDataRole.UserRole, note.id)
        widget.addItem(item)
    if not detail.notes:
        widget.addItem(_placeholder("No notes yet."))
    widget.scrollToBottom()


def fill_tasks(widget: QListWidget, tasks: list[TaskView]) -> None:
    """Every task, done ones greyed with when they were done, each with its due time."""
    widget.clear()
    for task in tasks:
        due = f" · due {shown_time(task.due_at)}" if task.due_at else ""
        done = f"✓ done {shown_time(task.done_at)} — " if task.done_at else ""
        item = QListWidgetItem(f"{done}{task.description}{due}")
        item.setData(Qt.ItemDataRole.UserRole, task.id)
        if task.done_at:
            item.setForeground(Qt.GlobalColor.gray)
        widget.addItem(item)
    if not tasks:
        widget.addItem(_placeholder("No tasks."))
