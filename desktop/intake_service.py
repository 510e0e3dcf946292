"""Folder intake inside the workstation: the settings' watched folders, read in the background.

Intake runs in a process of its own, spawned (never forked: this process has Qt loaded). It
takes, reads and files exactly as `main.py watch` does, with its own database session and its
own pool of reading workers. A reader thread here turns what it reports into signals on the
GUI thread. (A thread in this process was tried first: saving a reading and recognising its
form is pure Python that holds the interpreter lock, and froze the window for up to a second
per document; bench/gui_heartbeat.py measures it.)

Several intake services may share one database: job leases see that no document is read
twice, and a file two of them reach together is recorded once; a site that wants one collector
sets `[intake] in_window = false` and the window leaves intake to its `watch` service. Closing
the window never waits for a page: what was being read goes back to the queue.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import queue
import threading
from dataclasses import replace
from datetime import timedelta
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from multiprocessing.queues import Queue

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QWidget

from casework.actor import Actor
from casework.db.states import DocumentStatus
from casework.errors import EnvironmentFailure, UserError
from casework.intake.progress import DocumentUpdate
from casework.intake.runner import RunnerConfig
from casework.permissions import Permission, allows
from casework.plan.timezone import plan_time
from casework.settings import Settings
from casework.workspace import Workspace
from desktop.errors import show_error
from desktop.intake_process import (
    Failure,
    IntakeJob,
    IntakeState,
    folders_detail,
    serve,
    stopped_text,
)

log = logging.getLogger(__name__)
RETRY_SECONDS = 60.0
# Closing the window waits this long for intake to hand back what it was reading and end;
# then it is ended (what it held goes back to the queue at the next start).
STOP_WAIT_S = 1.2
END_WAIT_S = 0.3
READ_POLL_S = 0.2
ELSEWHERE_TEXT = "Intake runs elsewhere: the office's intake service takes in faxes and scans"


class _Relay(QObject):
    """Lives on the GUI thread; the reader thread emits, the queued slot runs here."""

    message = Signal(object)


class IntakeService(QObject):
    """Background folder intake while one person's window is open.

    Construct with (ws, actor, settings, parent); `start()`, `stop()`. Emits `state_changed`
    (an `IntakeState`, for `IntakeStatus`) and `document_updated` (a `DocumentUpdate`).
    """

    state_changed = Signal(object)
    document_updated = Signal(object)

    def __init__(self, ws: Workspace, actor: Actor, settings: Settings,
                 parent: QWidget | None = None, *, config: RunnerConfig | None = None,
                 retry_s: float = RETRY_SECONDS) -> None:
        super().__init__(parent)
        self.ws = ws
        self.actor = actor
        self.settings = settings
        self.config = config or RunnerConfig()
        self.retry_s = retry_s
        self.state = IntakeState("starting", "Intake starting…")
        self._window = parent
        self._process: BaseProcess | None = None
        self._reader: threading.Thread | None = None
        self._stop: Connection | None = None  # the window's end of the pipe that says stop
        self._last_reported: str | None = None
        self._relay = _Relay()
        self._relay.message.connect(self._on_message, Qt.ConnectionType.QueuedConnection)
        app = QCoreApplication.instance()
        if app is not None:  # quitting without closing the window must still end intake
            app.aboutToQuit.connect(self.stop)

    # Starting and stopping -----------------------------------------------------------------

    def start(self) -> None:
        """Start intake in its own process; says why instead when there is nothing to do."""
        if self._process is not None:
            return
        off = self._why_off()
        if off is not None:
            self._on_state(off)
            return
        self._on_state(IntakeState("starting", "Intake starting…", folders_detail(self.settings)))
        context = multiprocessing.get_context("spawn")
        stop_pipe, self._stop = context.Pipe(duplex=False)
        outbox: Queue[object] = context.Queue()
        # No grace when the window closes: a page being read is read again at the next start.
        config = replace(self.config, stop_grace_s=0.0)
        job = IntakeJob(self.ws.db.url.render_as_string(hide_password=False),
                        self.ws.store.root, self.settings, self.actor, config, self.retry_s)
        process = context.Process(target=serve, args=(job, outbox, stop_pipe), name="intake")
        process.start()
        stop_pipe.close()  # the intake process holds its own end now
        self._process = process
        self._reader = threading.Thread(target=self._read, args=(process, outbox),
                                        name="intake-reports", daemon=True)
        self._reader.start()

    def stop(self) -> bool:
        """Stop intake now: nothing new is taken, and documents being read go back to the queue,
        to be read again at the next start. Returns within about one and a half seconds.

        False if the intake process did not end in time and had to be ended.
        """
        process, self._process = self._process, None
        if process is None or self._stop is None:
            return True
        stop, self._stop = self._stop, None
        with contextlib.suppress(OSError):  # a process that died has closed its end already
            stop.send(True)
        stop.close()
        self._on_state(IntakeState("stopping", "Intake stopping…"))
        process.join(STOP_WAIT_S)
        stopped = not process.is_alive()
        if not stopped:
            log.warning("intake did not stop in time; ending it (what it was reading is read "
                        "again at the next start)")
            process.terminate()
            process.join(END_WAIT_S)
            if process.is_alive():
                process.kill()
                process.join(END_WAIT_S)
        if self._reader is not None:
            self._reader.join(READ_POLL_S + 0.1)
        self._on_state(IntakeState("ended", "Intake ended."))
        return stopped

    @property
    def running(self) -> bool:
        """Whether the intake process is alive (it may be waiting to try again)."""
        return self._process is not None and self._process.is_alive()

    @property
    def pid(self) -> int | None:
        """The intake process's id while it runs."""
        return self._process.pid if self._process is not None else None

    def _why_off(self) -> IntakeState | None:
        if not self.settings.intake.in_window:
            return IntakeState("off", ELSEWHERE_TEXT,
                               "Faxes and scans are taken in and read by the office's intake "
                               "service, not by this window; what it files shows here as "
                               "usual. ([intake] in_window = false in "
                               f"{self.settings.paths.config_file})")
        if not allows(self.actor.role, Permission.INGEST_DOCUMENTS):
            return IntakeState("off", "Intake off: this account does not take in documents",
                               "Documents in the watched folders are taken in at desks "
                               "signed in by intake staff or a supervisor.")
        if not self.settings.watch and not self.settings.mailboxes:
            return IntakeState("off", "Intake off: no folders to watch",
                               "Add [[watch]] folders or a [[mailbox]] to the settings file "
                               f"({self.settings.paths.config_file}) to read faxes and scans "
                               "here.")
        return None

    # The reader thread ---------------------------------------------------------------------

    def _read(self, process: BaseProcess, outbox: Queue[object]) -> None:
        """Pass on what the intake process reports until it says it has ended (or dies)."""
        while True:
            try:
                message = outbox.get(timeout=READ_POLL_S)
            except queue.Empty:
                if not process.is_alive():
                    return
                continue
            if message is None:
                return
            self._relay.message.emit(message)

    # Back on the GUI thread ----------------------------------------------------------------

    @Slot(object)
    def _on_message(self, message: object) -> None:
        if self._process is None:
            return  # a late report from the process that was just stopped
        if isinstance(message, IntakeState):
            self._on_state(message)
        elif isinstance(message, DocumentUpdate):
            if message.status == DocumentStatus.PROCESSED:
                self._last_reported = None  # reading works again: a new failure is news
            self.document_updated.emit(message)
        elif isinstance(message, Failure):
            self._on_failure(message)

    def _on_state(self, state: IntakeState) -> None:
        self.state = state
        self.state_changed.emit(state)

    def _on_failure(self, failure: Failure) -> None:
        retry_at = plan_time(self.ws.now() + timedelta(seconds=self.retry_s))
        text = stopped_text(failure.reason, f"{retry_at:%I:%M %p}".lstrip("0"))
        self._on_state(IntakeState("stopped", text, failure.reason))
        if failure.reason == self._last_reported:
            return  # once per cause, not once per retry
        self._last_reported = failure.reason
        error: Exception
        if failure.kind == "environment":
            error = EnvironmentFailure(failure.reason)
        elif failure.kind == "refused":
            error = UserError(failure.reason)
        else:
            error = RuntimeError(f"background intake: {failure.reason}")
        show_error(self._window, error)

