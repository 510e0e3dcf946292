"""Starting the window: first-start administrator or sign-in, then the main window."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QDialog

from casework import users
from casework.actor import Actor
from casework.settings import Settings
from casework.workspace import Workspace
from desktop.collector_pause import freeze_long_lived, release_long_lived
from desktop.errors import install_error_hook
from desktop.main_window import MainWindow
from desktop.sign_in import FirstAdminDialog, SignInDialog

APP_NAME = "Intake Workstation"
ORGANISATION = "intake-workstation"


class Workstation(QObject):
    """Sign-in (or first start), then the main window; signing out starts over.

    Emits `finished` when the person cancels the sign-in or quits the window.
    """

    finished = Signal()

    def __init__(self, ws: Workspace, settings: Settings, idle_ms: int | None = None) -> None:
        super().__init__()
        self.ws = ws
        self.settings = settings
        self.idle_ms = idle_ms
        self.dialog: FirstAdminDialog | SignInDialog | None = None
        self.window: MainWindow | None = None

    def start(self, username: str = "") -> None:
        """Show the first-start dialog on an empty database, else the sign-in."""
        dialog: FirstAdminDialog | SignInDialog
        if users.has_users(self.ws):
            dialog = SignInDialog(self.ws, username=username)
        else:
            dialog = FirstAdminDialog(self.ws)
        dialog.finished.connect(self._dialog_done)
        self.dialog = dialog
        dialog.show()

    def _dialog_done(self, result: int) -> None:
        dialog, self.dialog = self.dialog, None
        actor = dialog.actor if dialog is not None else None
        if dialog is not None:
            dialog.deleteLater()
        if result != QDialog.DialogCode.Accepted or actor is None:
            self.finished.emit()
            return
        self.open_window(actor)

    def open_window(self, actor: Actor) -> MainWindow:
        """Open the main window for a signed-in actor."""
        window = MainWindow(self.ws, actor, self.settings, idle_ms=self.idle_ms)
        window.signed_out.connect(self._signed_out)
        window.closed.connect(self._window_closed)
        self.window = window
        window.show()
        # What the open window holds lives all day; left to the collector, each full pass over
        # it stalls the window for most of a second.
        freeze_long_lived()
        return window

    def _signed_out(self) -> None:
        release_long_lived()
        window, self.window = self.window, None
        username = window.actor.username if window is not None else ""
        self.start(username)

    def _window_closed(self) -> None:
        release_long_lived()
        if self.window is not None:  # closed by Quit, not by signing out
            self.window = None
            self.finished.emit()


def run_gui(settings: Settings, workspace: Workspace) -> int:
    """Run the workstation until the person quits or cancels the sign-in."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANISATION)
    # Between sign-out and the next sign-in no window is open; the flow decides when to quit.
    app.setQuitOnLastWindowClosed(False)
    previous_hook = install_error_hook()
    flow = Workstation(workspace, settings)
    flow.finished.connect(app.quit)
    try:
        flow.start()
        return int(app.exec())
    finally:
        sys.excepthook = previous_hook
