"""The intake line of the status bar: what background intake is doing, in a few words.

It only shows the `IntakeState` the intake service emits. The words never carry member data:
the status bar is visible to anyone passing the desk.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from desktop.intake_process import IntakeState

STOPPED_STYLE = "color: #a01010;"


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
