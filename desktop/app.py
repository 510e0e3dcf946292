"""Starting the window: first-start administrator or sign-in, then the main window."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QDialog

from casework import users
from casework.actor import Actor
from casework.settings import Settings
from casework.workspace import Workspace
from desktop.main_window import MainWindow
from desktop.sign_in import FirstAdminDialog, SignInDialog


def sign_in(ws: Workspace) -> Actor | None:
    """Ask for the first administrator or a sign-in; None when the person cancels."""
    dialog: FirstAdminDialog | SignInDialog
    dialog = FirstAdminDialog(ws) if not users.has_users(ws) else SignInDialog(ws)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.actor


class _Session:
    """Remembers whether the window closed by signing out (show the sign-in again) or quitting."""

    def __init__(self) -> None:
        self.signed_out = False

    def mark_signed_out(self) -> None:
        self.signed_out = True


def run_gui(settings: Settings, ws: Workspace) -> int:
    """Run the workstation until the last window closes; sign-out returns to the sign-in."""
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Intake Workstation")
    app.setOrganizationName("intake-workstation")
    while True:
        actor = sign_in(ws)
        if actor is None:
            return 0
        window = MainWindow(ws, actor, settings)
        session = _Session()
        window.signed_out.connect(session.mark_signed_out)
        window.show()
        app.exec()
        if not session.signed_out:
            return 0
