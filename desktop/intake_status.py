"""The intake line of the status bar: what background intake is doing, in a few words.

`IntakeState` is plain data the intake service emits; `IntakeStatus` only shows it. The words
never carry member data: the status bar is visible to anyone passing the desk.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QLabel, QWidget

from casework.intake.activity import IntakeActivity

STOPPED_STYLE = "color: #a01010;"


@dataclass(frozen=True)
class IntakeState:
    """One moment of background intake.

    phase: off (nothing to do here) | starting | idle | reading | stopping | stopped (an error;
    intake tries again) | ended (the window closed or the person signed out).
    """

    phase: str
    text: str
    detail: str = ""  # the tooltip: folders watched, the full reason

    @property
    def working(self) -> bool:
        return self.phase in {"starting", "idle", "reading", "stopping"}


def plural(count: int, word: str) -> str:
    """'1 document', '3 documents'."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def idle_text(activity: IntakeActivity) -> str:
    """'Intake idle — 14 documents today', with what other services are doing if anything."""
    text = f"Intake idle — {plural(activity.documents_today, 'document')} today"
    if activity.waiting:
        text += f", {activity.waiting} waiting to be read"
    if activity.reading_elsewhere:
        text += f"; another intake service is reading {activity.reading_elsewhere}"
    return text


def reading_text(documents: int, pages_done: int, pages_total: int | None) -> str:
    """'Reading 2 documents — page 12 of 40' (pages only when every page count is known)."""
    text = f"Reading {plural(documents, 'document')}"
    if pages_total:
        text += f" — page {min(pages_done + 1, pages_total)} of {pages_total}"
    return text


def stopped_text(reason: str, retry_at: str | None) -> str:
    """'Intake stopped: <reason> Trying again at 1:45 PM.'"""
    reason = reason.strip()
    if reason and reason[-1] not in ".!?":
        reason += "."
    again = f" Trying again at {retry_at}." if retry_at else ""
    return f"Intake stopped: {reason}{again}"


class IntakeStatus(QLabel):
    """A permanent status-bar widget showing the latest `IntakeState`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("intake_status")
        self.setContentsMargins(8, 0, 8, 0)
        self.setAccessibleName("Intake")
        self.state = IntakeState("starting", "Intake starting…")
        self.show_state(self.state)

    def show_state(self, state: IntakeState) -> None:
        """Show `state`; a stopped intake is shown in red so it is noticed."""
        self.state = state
        self.setText(state.text)
        self.setToolTip(state.detail or state.text)
        self.setStyleSheet(STOPPED_STYLE if state.phase == "stopped" else "")
