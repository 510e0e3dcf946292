"""One helper for all slow work: run it off the GUI thread, get the result back by signal.

    BackgroundOp(self, lambda: list_users(ws, actor)).success(self.show).with_progress(
        "Loading accounts…").run()

The callable never touches a widget; it returns plain data (ids, dataclasses), which arrives
on the GUI thread through a queued signal. Failures go to the error presenter unless a failure
callback is given. If the parent widget is gone by the time the result arrives, the callbacks
are skipped: there is nothing left to show it in.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop.errors import show_error

T = TypeVar("T")

PROGRESS_DELAY_MS = 400  # quick operations finish without a dialog flashing up


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits, the queued slots run there."""

    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, op: BackgroundOp[Any]) -> None:
        super().__init__()
        self.op = op
        self.finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)
        self.failed.connect(self._on_failed, Qt.ConnectionType.QueuedConnection)

    @Slot(object)
    def _on_finished(self, result: object) -> None:
        self.op.deliver_result(result)

    @Slot(object)
    def _on_failed(self, error: object) -> None:
        assert isinstance(error, BaseException)
        self.op.deliver_failure(error)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.fn = fn
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:  # delivered to the GUI thread, never swallowed
            self.relay.failed.emit(exc)
        else:
            self.relay.finished.emit(result)


class BackgroundOp(Generic[T]):
    """A call run on the shared thread pool, with success and failure callbacks."""

    _running: ClassVar[set[BackgroundOp[Any]]] = set()

    def __init__(self, parent: QWidget | None, fn: Callable[[], T]) -> None:
        self._parent = parent
        self._fn = fn
        self._on_success: Callable[[T], None] = lambda _result: None
        self._on_failure: Callable[[BaseException], None] | None = None
        self._label: str | None = None
        self._progress: QProgressDialog | None = None
        self._timer: QTimer | None = None
        self._relay = _Relay(self)

    def success(self, callback: Callable[[T], None]) -> BackgroundOp[T]:
        """Call `callback(result)` on the GUI thread when the call returns."""
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> BackgroundOp[T]:
        """Call `callback(error)` instead of showing the error presenter's message."""
        self._on_failure = callback
        return self

    def with_progress(self, label: str) -> BackgroundOp[T]:
        """Show a busy dialog saying `label` if the call takes longer than a moment."""
        self._label = label
        return self

    def run(self) -> None:
        """Start the call on a worker thread; returns at once."""
        BackgroundOp._running.add(self)  # keep alive until the result arrives
        if self._label is not None:
            self._timer = QTimer(singleShot=True, interval=PROGRESS_DELAY_MS)
            self._timer.timeout.connect(self._show_progress)
            self._timer.start()
        QThreadPool.globalInstance().start(_Job(self._fn, self._relay))

    @classmethod
    def running(cls) -> int:
        """How many operations have not yet delivered their result."""
        return len(cls._running)

    def deliver_result(self, result: T) -> None:
        if self._finish():
            self._on_success(result)

    def deliver_failure(self, error: BaseException) -> None:
        if not self._finish():
            return
        if self._on_failure is not None:
            self._on_failure(error)
        else:
            show_error(self._parent, error)

    def _finish(self) -> bool:
        """Tidy up; False when the parent widget was deleted meanwhile."""
        BackgroundOp._running.discard(self)
        if self._timer is not None:
            self._timer.stop()
        if self._progress is not None and shiboken6.isValid(self._progress):
            self._progress.close()
            self._progress.deleteLater()
        self._progress = None
        return self._parent is None or shiboken6.isValid(self._parent)

    def _show_progress(self) -> None:
        if self._parent is not None and not shiboken6.isValid(self._parent):
            return
        dialog = QProgressDialog(self._label or "", "", 0, 0, self._parent)
        dialog.setWindowTitle("Please wait")
        dialog.setCancelButton(None)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.show()
        self._progress = dialog
