"""One window of each thing: opening it again brings the open one to the front."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import QWidget

Window = TypeVar("Window", bound=QWidget)


def bring_forward(window: Window) -> Window:
    """Show `window`, or raise it when it is already open somewhere behind."""
    if window.isVisible():
        window.raise_()
        window.activateWindow()
    else:
        window.show()
    return window
