"""Folder intake inside the workstation: the settings' watched folders, read on a thread.

The same `FolderIntake` as `main.py watch` runs on a Python thread of its own; its worker
processes are started with `spawn` (this process has Qt loaded). Progress comes back to the
GUI thread as signals. When the environment fails (database gone, Tesseract missing, a folder
unreachable) the reason is shown once and intake tries again later.

Several intake services may share one database: job leases see that no document is read
twice, so the workstation simply runs and says in its idle line when another service is busy.
"""

from __future__ import annotations

import logging
import threading
from datetime import timedelta

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QWidget

from casework.actor import Actor
from casework.cases.timezone import plan_time
from casework.errors import CaseworkError, EnvironmentFailure
from casework.intake.activity import intake_activity
from casework.intake.progress import DocumentUpdate
from casework.intake.runner import RunnerConfig
from casework.intake.service import FolderIntake
from casework.permissions import Permission, allows
from casework.settings import Settings, WatchFolder
from casework.workspace import Workspace
from desktop.errors import UNEXPECTED, show_error
from desktop.intake_status import IntakeState, idle_text, reading_text, stopped_text

log = logging.getLogger(__name__)
RETRY_SECONDS = 60.0
DONE = {"processed", "rejected", "lost", "released"}


def folder_problem(folder: WatchFolder) -> str | None:
    """Why a watched folder cannot be used, in words; None when it can."""
    try:
        folder.path.mkdir(parents=True, exist_ok=True)
        next(folder.path.iterdir(), None)
    except OSError as exc:
        return f"The watched folder {folder.path} cannot be reached ({exc.strerror or exc})."
    return None


class _Tally:
    """The documents of the current batch (taken since intake was last idle) and their pages."""

    def __init__(self) -> None:
        self.in_flight: dict[int, int | None] = {}
        self.pages_done = 0
        self.pages_total: int | None = 0

    def note(self, update: DocumentUpdate) -> bool:
        """Count one step; True when it changed what the status line says."""
        doc = update.document_id
        if doc is None:
            return False
        if update.status == "queued":
            self.in_flight[doc] = update.pages
            if self.pages_total is not None:
                self.pages_total = None if update.pages is None else self.pages_total + update.pages
            return True
        if update.status in DONE and doc in self.in_flight:
            pages = self.in_flight.pop(doc)
            self.pages_done += update.pages or pages or 0
            if not self.in_flight:
                self.pages_done, self.pages_total = 0, 0
            return True
        return False


class _Relay(QObject):
    """Lives on the GUI thread; the intake thread emits, queued slots run here."""

    state = Signal(object)
    update = Signal(object)
    failure = Signal(object)


class IntakeService(QObject):
    """Background folder intake for one signed-in person's window.

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
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._tally = _Tally()
        self._owner = ""
        self._last_reported: str | None = None
        self._relay = _Relay()
        self._relay.state.connect(self._on_state, Qt.ConnectionType.QueuedConnection)
        self._relay.update.connect(self._on_update, Qt.ConnectionType.QueuedConnection)
        self._relay.failure.connect(self._on_failure, Qt.ConnectionType.QueuedConnection)

    # Starting and stopping -----------------------------------------------------------------

    def start(self) -> None:
        """Start watching on a thread of its own; says why instead when there is nothing to do."""
        if self._thread is not None:
            return
        off = self._why_off()
        if off is not None:
            self._on_state(off)
            return
        self._stopping.clear()
        self._on_state(IntakeState("starting", "Intake starting…", self._folders_detail()))
        self._thread = threading.Thread(target=self._serve, name="folder-intake", daemon=True)
        self._thread.start()

    def stop(self) -> bool:
        """Stop taking files; documents being read get the runner's grace period to finish.

        Blocks until intake has stopped (its worker processes ended); False if it did not
        within the grace period and a margin, which only a stuck database can cause.
        """
        thread, self._thread = self._thread, None
        if thread is None:
            return True
        self._stopping.set()
        self._on_state(IntakeState("stopping", "Intake stopping — finishing the documents "
                                   "being read…"))
        thread.join(self.config.stop_grace_s + self.config.poll_s + 10.0)
        stopped = not thread.is_alive()
        self._on_state(IntakeState("ended", "Intake ended."))
        return stopped

    @property
    def running(self) -> bool:
        """Whether the intake thread is alive (it may be waiting to try again)."""
        return self._thread is not None and self._thread.is_alive()

    def _why_off(self) -> IntakeState | None:
        if not allows(self.actor.role, Permission.INGEST_DOCUMENTS):
            return IntakeState("off", "Intake off: this account does not take in documents",
                               "Documents in the watched folders are taken in at desks "
                               "signed in by intake staff or a supervisor.")
        if not self.settings.watch:
            return IntakeState("off", "Intake off: no folders to watch",
                               "Add [[watch]] folders to the settings file "
                               f"({self.settings.paths.config_file}) to read faxes and scans "
                               "here.")
        return None

    def _folders_detail(self) -> str:
        return "Watching " + "; ".join(f"{f.path} ({f.source})" for f in self.settings.watch)

    # The intake thread ---------------------------------------------------------------------

    def _serve(self) -> None:
        while not self._stopping.is_set():
            self._tally = _Tally()  # a failed run released its documents
            try:
                self._check_environment()
                intake = FolderIntake(self.ws, self.settings, self, self.config)
                self._owner = intake.runner.owner
                self._emit_idle()
                intake.run(self._stopping.is_set)
            except Exception as exc:  # any failure: say so, wait, try again
                if not isinstance(exc, CaseworkError):
                    log.exception("background intake failed")
                self._relay.failure.emit(exc)
                self._stopping.wait(self.retry_s)

    def _check_environment(self) -> None:
        """Folders reachable and the database answering, before any file is taken."""
        for folder in self.settings.watch:
            problem = folder_problem(folder)
            if problem:
                raise EnvironmentFailure(problem)
        intake_activity(self.ws, self.actor, self._owner)

    def _emit_idle(self) -> None:
        activity = intake_activity(self.ws, self.actor, self._owner)
        self._relay.state.emit(IntakeState("idle", idle_text(activity), self._folders_detail()))

    def update(self, update: DocumentUpdate) -> None:
        """IntakeProgress, called on the intake thread: count the step, pass it on."""
        self._relay.update.emit(update)
        if not self._tally.note(update) or self._stopping.is_set():
            return
        if self._tally.in_flight:
            text = reading_text(len(self._tally.in_flight), self._tally.pages_done,
                                self._tally.pages_total)
            self._relay.state.emit(IntakeState("reading", text, self._folders_detail()))
        else:
            self._emit_idle()

    # Back on the GUI thread ----------------------------------------------------------------

    @Slot(object)
    def _on_state(self, state: IntakeState) -> None:
        if self.state.phase == "ended" and state.phase != "starting":
            return  # a late step from the thread that just stopped
        self.state = state
        self.state_changed.emit(state)

    @Slot(object)
    def _on_update(self, update: DocumentUpdate) -> None:
        if update.status == "processed":
            self._last_reported = None  # reading works again: a new failure is news
        self.document_updated.emit(update)

    @Slot(object)
    def _on_failure(self, error: BaseException) -> None:
        reason = str(error) if isinstance(error, CaseworkError) else UNEXPECTED
        if self._thread is None:
            return  # stopped meanwhile: nobody is waiting for intake any more
        retry_at = plan_time(self.ws.now() + timedelta(seconds=self.retry_s))
        text = stopped_text(reason, f"{retry_at:%I:%M %p}".lstrip("0"))
        self._on_state(IntakeState("stopped", text, reason))
        if reason != self._last_reported:  # once per cause, not once per retry
            self._last_reported = reason
            show_error(self._window, error)
