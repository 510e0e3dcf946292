"""The smallest proof that Qt and its platform plugins load: used by `--self-test`."""

from __future__ import annotations

import sys

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel


def show_and_close_a_window() -> str:
    """Show a label, let Qt paint it, close it; return the platform plugin's name."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    label = QLabel("Intake Workstation")
    label.show()
    app.processEvents()
    label.close()
    return QGuiApplication.platformName()
