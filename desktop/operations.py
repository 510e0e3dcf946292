"""One helper for all slow work: run it off the GUI thread, get the result back by signal.

    BackgroundOp(parent, lambda: list_cases(...)).success(show).run()

The operation never touches a widget; it returns plain data (ids, dataclasses), which arrive
on the GUI thread. Failures go to the error presenter unless a failure callback is given.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from desktop.errors import show_error

T = TypeVar("T")


class _Relay(QObject):
    finished = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.fn = fn
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.fn()
        except BaseException as exc:  # delivered to the GUI thread, never swallowed
            self.relay.failed.emit(exc)
        else:
            self.relay.finished.emit(result)


class BackgroundOp(Generic[T]):
    """A call run on the shared thread pool, with success and failure callbacks."""

    _running: ClassVar[set[BackgroundOp[Any]]] = set()

    def __init__(self, parent: QObject | None, fn: Callable[[], T]) -> None:
        self._parent = parent
        self._fn = fn
        self._on_success: Callable[[T], None] = lambda _result: None
        self._on_failure: Callable[[BaseException], None] | None = None
        self._relay = _Relay()

    def success(self, callback: Callable[[T], None]) -> BackgroundOp[T]:
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> BackgroundOp[T]:
        self._on_failure = callback
        return self

    def run(self) -> None:
        self._relay.finished.connect(self._finished)
        self._relay.failed.connect(self._failed)
        BackgroundOp._running.add(self)  # keep alive until the result arrives
        QThreadPool.globalInstance().start(_Job(self._fn, self._relay))

    def _finished(self, result: T) -> None:
        BackgroundOp._running.discard(self)
        self._on_success(result)

    def _failed(self, error: BaseException) -> None:
        BackgroundOp._running.discard(self)
        if self._on_failure is not None:
            self._on_failure(error)
        else:
            parent = self._parent
            from PySide6.QtWidgets import QWidget

            show_error(parent if isinstance(parent, QWidget) else None, error)
