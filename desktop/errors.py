"""The one place the window turns a failure into a message for the person at the desk."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QMessageBox, QWidget

from casework.errors import CaseworkError, EnvironmentFailure

log = logging.getLogger(__name__)


def show_error(parent: QWidget | None, error: BaseException) -> None:
    """Show a known failure in its own words; anything else as a short notice, logged in full."""
    if isinstance(error, EnvironmentFailure):
        log.warning("environment failure: %s", error)
        QMessageBox.warning(parent, "Cannot continue", str(error))
    elif isinstance(error, CaseworkError):
        QMessageBox.information(parent, "Not done", str(error))
    else:
        log.error("unexpected failure", exc_info=(type(error), error, error.__traceback__))
        QMessageBox.critical(parent, "Unexpected problem",
                             "An unexpected problem occurred; details are in the log file.")
