"""The one place the window turns a failure into a message for the person at the desk.

Known failures (`CaseworkError`) are shown in their own words; anything else is a bug, shown
as a short notice and logged with its traceback. Exceptions that escape a Qt slot reach
`sys.excepthook`, which `install_error_hook` points here.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from casework.errors import CaseworkError, EnvironmentFailure

log = logging.getLogger(__name__)

UNEXPECTED = "An unexpected problem occurred; details are in the log."

# Boxes without a parent would be collected as soon as `show_error` returns; keep them here.
_open_boxes: set[QMessageBox] = set()

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def show_error(parent: QWidget | None, error: BaseException) -> QMessageBox:
    """Log `error` and show it in a message box (returned, already open, deleted on close)."""
    if isinstance(error, EnvironmentFailure):
        log.warning("environment failure: %s", error)
        icon, title, text = QMessageBox.Icon.Warning, "Cannot continue", str(error)
    elif isinstance(error, CaseworkError):
        log.info("not done: %s", error)
        icon, title, text = QMessageBox.Icon.Information, "Not done", str(error)
    else:
        log.error("unexpected failure", exc_info=(type(error), error, error.__traceback__))
        icon, title, text = QMessageBox.Icon.Critical, "Unexpected problem", UNEXPECTED
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, _owner(parent))
    box.setObjectName("error_message")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _open_boxes.add(box)
    box.finished.connect(lambda _result: _open_boxes.discard(box))
    # Window-modal and non-blocking: the slot that failed returns, the event loop goes on.
    box.open()
    return box


def install_error_hook() -> ExceptHook:
    """Route exceptions escaping Qt slots to `show_error`; returns the previous hook."""
    previous = sys.excepthook

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            previous(kind, error, tb)
            return
        if error.__traceback__ is None:
            error = error.with_traceback(tb)
        show_error(None, error)

    sys.excepthook = hook
    return previous


def _owner(parent: QWidget | None) -> QWidget | None:
    if parent is not None:
        return parent.window()
    app = QApplication.instance()
    active = app.activeWindow() if isinstance(app, QApplication) else None
    return active
