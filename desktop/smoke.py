"""The smallest proof that the workstation's window opens: used by `--self-test`."""

from __future__ import annotations

import sys

from PySide6.QtCore import QThreadPool, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from casework.actor import Actor
from casework.settings import Settings
from casework.workspace import Workspace
from desktop.main_window import MainWindow


def open_and_close_main_window(ws: Workspace, actor: Actor, settings: Settings) -> str:
    """Open the real main window for `actor`, let Qt paint it once, close it.

    Returns the platform plugin's name (a bundle missing its plugins fails before this).
    """
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    window = MainWindow(ws, actor, settings)
    window.show()
    # One pass of the real event loop: the window is laid out and painted, then we leave.
    QTimer.singleShot(0, app.quit)
    app.exec()
    window.close()
    window.deleteLater()
    # The queue's first load may still be running on a worker; it must not outlive the caller's
    # database.
    QThreadPool.globalInstance().waitForDone(10_000)
    return QGuiApplication.platformName()
