"""New cases appear without a manual refresh, and a new expedited case is announced.

A timer asks the database every few seconds what arrived since the last look (one primary-key
range read, on a background operation). Anything new emits `arrived`, which the main window
connects to its refresh. An expedited case is announced in the system tray when there is one,
else in an `ExpeditedBanner` inside the window. Neither ever names the member: the screen may
be seen by others.
"""

from __future__ import annotations

import logging
from datetime import datetime

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSystemTrayIcon,
    QToolButton,
    QWidget,
)

from casework.actor import Actor
from casework.cases.arrivals import ArrivalMark, Arrivals, CaseArrival, arrivals_since, latest_mark
from casework.permissions import Permission, allows
from casework.plan.case_types import CASE_TYPE_LABELS
from casework.plan.timezone import plan_date, plan_time
from casework.settings import Settings
from casework.workspace import Now, Workspace
from desktop.operations import BackgroundOp

log = logging.getLogger(__name__)
POLL_MS = 5_000
TRAY_MESSAGE_MS = 15_000
BANNER_STYLE = ("#expedited_banner { background: #fbe7b5; border: 1px solid #d9a400; "
                "border-radius: 4px; }")


def announcement(case: CaseArrival, now: datetime) -> str:
    """'Expedited grievance GRV-2026-000123 arrived at 9:30 AM.'

    A case received on another day (a fax sent last night) names the day too.
    """
    label = CASE_TYPE_LABELS.get(case.case_type, case.case_type.replace("_", " "))
    received = plan_time(case.received_at)
    when = f"at {received:%I:%M %p}".replace("at 0", "at ")
    if received.date() != plan_date(now):
        when = f"on {received:%m/%d/%Y} {when}"
    return f"Expedited {label} {case.number} arrived {when}."


class ExpeditedBanner(QWidget):
    """A strip above the queue: the oldest expedited case not yet seen, with Open and Dismiss.

    Emits `open_case` with the case id when Open is pressed; the next waiting case then shows.
    """

    open_case = Signal(int)

    def __init__(self, now: Now, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.now = now
        self.setObjectName("expedited_banner")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(BANNER_STYLE)
        self.setAccessibleName("Expedited case arrived")
        self.waiting: list[CaseArrival] = []
        self.message = QLabel()
        self.message.setObjectName("expedited_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("font-weight: bold;")
        self.open_button = QPushButton("&Open")
        self.open_button.setObjectName("open_expedited")
        self.open_button.clicked.connect(self._open)
        self.dismiss_button = QToolButton()
        self.dismiss_button.setObjectName("dismiss_expedited")
        self.dismiss_button.setText("Dismiss")
        self.dismiss_button.setToolTip("Hide this notice (the cases stay in their queues)")
        self.dismiss_button.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.open_button)
        layout.addWidget(self.dismiss_button)
        # One line tall above the queue, however much room the window has.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.hide()

    def announce(self, cases: list[CaseArrival]) -> None:
        """Add expedited cases to those waiting and show the oldest."""
        self.waiting.extend(cases)
        self._show_first()

    def dismiss(self) -> None:
        """Forget every waiting case and hide."""
        self.waiting.clear()
        self.hide()

    def _open(self) -> None:
        if self.waiting:
            case = self.waiting.pop(0)
            self.open_case.emit(case.id)
        self._show_first()

    def _show_first(self) -> None:
        if not self.waiting:
            self.hide()
            return
        more = len(self.waiting) - 1
        text = announcement(self.waiting[0], self.now())
        if more:
            text += f" {more} more expedited {'case is' if more == 1 else 'cases are'} waiting."
        self.message.setText(text)
        self.show()


class CaseNotifier(QObject):
    """Polls for arrivals while the window is open.

    Construct with (ws, actor, settings, parent); `start()`, `stop()`, `poll()`. Emits
    `arrived` (new cases or documents: refresh the queue), `expedited` (a list of
    `CaseArrival`) and `open_case` (a case id, when a notice's Open was chosen).
    """

    arrived = Signal()
    expedited = Signal(object)
    open_case = Signal(int)

    def __init__(self, ws: Workspace, actor: Actor, settings: Settings,
                 parent: QWidget | None = None, *, interval_ms: int = POLL_MS,
                 use_tray: bool | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.actor = actor
        self.settings = settings
        self.banner = ExpeditedBanner(ws.now, parent)
        self.banner.open_case.connect(self.open_case)
        self._parent = parent
        self._mark: ArrivalMark | None = None
        self._polling = False
        self._failure: str | None = None
        self._tray_case: int | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll)
        tray = QSystemTrayIcon.isSystemTrayAvailable() if use_tray is None else use_tray
        self.tray = self._tray() if tray else None

    def _tray(self) -> QSystemTrayIcon:
        icon = QIcon.fromTheme("mail-message-new")
        if self._parent is not None and icon.isNull():
            icon = self._parent.windowIcon()
        tray = QSystemTrayIcon(icon, self)
        tray.setToolTip("Intake Workstation")
        tray.messageClicked.connect(self._tray_clicked)
        return tray

    @property
    def enabled(self) -> bool:
        """Only people who see cases are told about them."""
        return allows(self.actor.role, Permission.VIEW_CASES)

    def start(self) -> None:
        """Note what is there now (that is not news), then look again every few seconds."""
        if not self.enabled or self.timer.isActive():
            return
        if self.tray is not None:
            self.tray.show()
        self.timer.start()
        self.poll()

    def stop(self) -> None:
        """Stop looking; a look already under way is ignored when it returns."""
        self.timer.stop()
        if self.tray is not None:
            self.tray.hide()

    def poll(self) -> None:
        """Look for arrivals now (unless a look is already under way)."""
        if self._polling or not self.enabled:
            return
        self._polling = True
        mark = self._mark
        BackgroundOp(self._parent, lambda: self._look(mark)).success(self._arrivals).failure(
            self._failed).run()

    def _look(self, mark: ArrivalMark | None) -> Arrivals | ArrivalMark:
        if mark is None:
            return latest_mark(self.ws, self.actor)
        return arrivals_since(self.ws, self.actor, mark)

    def _arrivals(self, result: Arrivals | ArrivalMark) -> None:
        self._polling = False
        self._failure = None
        if not self.timer.isActive():
            return  # stopped meanwhile
        if isinstance(result, ArrivalMark):
            self._mark = result
            return
        self._mark = result.mark
        if result.any:
            self.arrived.emit()
        urgent = [case for case in result.cases if case.expedited]
        if urgent:
            self.expedited.emit(urgent)
            self._announce(urgent)

    def _failed(self, error: BaseException) -> None:
        # The intake line and the next refresh say when the database is gone; a box every
        # few seconds would only bury the window.
        self._polling = False
        if str(error) != self._failure:
            self._failure = str(error)
            log.warning("could not look for new cases: %s", error)

    def _announce(self, urgent: list[CaseArrival]) -> None:
        if self.tray is None:
            self.banner.announce(urgent)
            return
        first = urgent[0]
        text = announcement(first, self.ws.now())
        if len(urgent) > 1:
            text += f" {len(urgent) - 1} more arrived with it."
        self._tray_case = first.id
        self.tray.showMessage("Expedited case", text,
                              QSystemTrayIcon.MessageIcon.Warning, TRAY_MESSAGE_MS)

    def _tray_clicked(self) -> None:
        if self._tray_case is not None:
            self.open_case.emit(self._tray_case)
