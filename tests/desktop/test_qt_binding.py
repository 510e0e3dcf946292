"""The Qt binding itself: a fault in it crashes the window however correct our code is."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    fired = Signal(object)


def test_delivering_signals_keeps_python_reference_counts() -> None:
    """GIVEN a Python slot WHEN it receives many signals THEN no interpreter constant loses a
    reference (PySide6 6.12.0 dropped one from True per delivery; after a few thousand the
    interpreter aborts, taking the clerk's window with it)."""
    emitter = _Emitter()
    received: list[int] = []
    emitter.fired.connect(lambda value: received.append(1))
    before = (sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(None))
    for _ in range(500):
        emitter.fired.emit(None)
    after = (sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(None))
    assert len(received) == 500
    assert after == before
