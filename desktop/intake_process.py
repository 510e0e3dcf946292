"""Background intake's own process: watch, take, read and file, and say how it is going.

No Qt here: `serve` runs in a process the workstation spawns, so that taking files, saving
readings and recognising forms (pure Python, holding the interpreter lock for long stretches)
never hold up the window. That process owns its own database session, as a `watch` service
does; job leases keep it and any other service from reading a document twice. It reports
through a queue: `IntakeState` lines for the status bar, each `DocumentUpdate`, and a
`Failure` when the environment fails, after which it tries again.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.queues import Queue
from pathlib import Path

from casework.actor import Actor
from casework.db.database import Database
from casework.db.states import DocumentStatus
from casework.errors import CaseworkError, EnvironmentFailure
from casework.intake.activity import IntakeActivity, intake_activity
from casework.intake.mailbox_poller import MailboxStatus
from casework.intake.progress import DocumentUpdate
from casework.intake.runner import RunnerConfig
from casework.intake.service import FolderIntake
from casework.logging_setup import configure_logging
from casework.plan.rulebook import load_rulebook
from casework.settings import Settings, WatchFolder
from casework.store import DocumentStore
from casework.workspace import Workspace

log = logging.getLogger(__name__)
DONE = {DocumentStatus.PROCESSED, DocumentStatus.REJECTED, "lost", "released"}


@dataclass(frozen=True)
class IntakeState:
    """One moment of background intake.

    phase: off (nothing to do here) | starting | idle | reading | stopping | stopped (an error;
    intake tries again) | ended (the window closed or the person signed out).
    """

    phase: str
    text: str
    detail: str = ""  # the tooltip: folders watched, the full reason

    @property
    def working(self) -> bool:
        return self.phase in {"starting", "idle", "reading", "stopping"}


@dataclass(frozen=True)
class Failure:
    """Why intake stopped, in words; kind: environment | refused | bug."""

    reason: str
    kind: str


@dataclass(frozen=True)
class IntakeJob:
    """What the intake process needs, all of it plain data that crosses a process boundary."""

    database_url: str
    store_root: Path
    settings: Settings
    actor: Actor
    config: RunnerConfig
    retry_s: float


Outbox = Queue  # of IntakeState | DocumentUpdate | Failure, then None when it ends


def plural(count: int, word: str) -> str:
    """'1 document', '3 documents'."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def idle_text(activity: IntakeActivity) -> str:
    """'Intake idle — 14 documents today', with what other services are doing if anything."""
    text = f"Intake idle — {plural(activity.documents_today, 'document')} today"
    if activity.waiting:
        text += f", {activity.waiting} waiting to be read"
    if activity.reading_elsewhere:
        text += f"; another intake service is reading {activity.reading_elsewhere}"
    return text


def reading_text(documents: int, pages_done: int, pages_total: int | None) -> str:
    """'Reading 2 documents — page 12 of 40' (pages only when every page count is known)."""
    text = f"Reading {plural(documents, 'document')}"
    if pages_total:
        text += f" — page {min(pages_done + 1, pages_total)} of {pages_total}"
    return text


def stopped_text(reason: str, retry_at: str | None) -> str:
    """'Intake stopped: <reason> Trying again at 1:45 PM.'"""
    reason = reason.strip()
    if reason and reason[-1] not in ".!?":
        reason += "."
    again = f" Trying again at {retry_at}." if retry_at else ""
    return f"Intake stopped: {reason}{again}"


def folder_problem(folder: WatchFolder) -> str | None:
    """Why a watched folder cannot be used, in words; None when it can."""
    try:
        folder.path.mkdir(parents=True, exist_ok=True)
        next(folder.path.iterdir(), None)
    except OSError as exc:
        return f"The watched folder {folder.path} cannot be reached ({exc.strerror or exc})."
    return None


def folders_detail(settings: Settings) -> str:
    """The status tooltip: which folders are watched and which mailboxes polled."""
    watched = [f"{f.path} ({f.source})" for f in settings.watch]
    watched += [f"mailbox {m.name} ({m.folder})" for m in settings.mailboxes]
    return "Watching " + "; ".join(watched)


def with_mailboxes(text: str, mailboxes: dict[str, MailboxStatus]) -> str:
    """The status line, with every mailbox that cannot be reached named at its end."""
    broken = [status.line() for status in mailboxes.values() if status.state == "retrying"]
    return "; ".join([text, *broken])


class Tally:
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
        if update.status == DocumentStatus.QUEUED:
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


class _Reporter:
    """IntakeProgress for the intake process: counts each step and posts it to the window."""

    def __init__(self, ws: Workspace, job: IntakeJob, outbox: Outbox,
                 stop: threading.Event) -> None:
        self.ws = ws
        self.job = job
        self.outbox = outbox
        self.stop = stop
        self.tally = Tally()
        self.owner = ""
        self.mailboxes: dict[str, MailboxStatus] = {}

    def idle(self) -> None:
        activity = intake_activity(self.ws, self.job.actor, self.owner)
        self.outbox.put(IntakeState("idle", with_mailboxes(idle_text(activity), self.mailboxes),
                                    folders_detail(self.job.settings)))

    def mailbox(self, status: MailboxStatus) -> None:
        """A mailbox's connection broke or mended: the status line says so (from the
        mailbox's polling thread; the outbox is a process queue, safe to post to)."""
        changed = self.mailboxes.get(status.mailbox, status).state != status.state \
            or status.state == "retrying"
        self.mailboxes[status.mailbox] = status
        if changed and not self.stop.is_set() and not self.tally.in_flight:
            self.idle()

    def update(self, update: DocumentUpdate) -> None:
        self.outbox.put(update)
        if not self.tally.note(update) or self.stop.is_set():
            return
        if self.tally.in_flight:
            text = with_mailboxes(reading_text(len(self.tally.in_flight),
                                               self.tally.pages_done, self.tally.pages_total),
                                  self.mailboxes)
            self.outbox.put(IntakeState("reading", text, folders_detail(self.job.settings)))
        else:
            self.idle()


def serve(job: IntakeJob, outbox: Outbox, stop_pipe: Connection) -> None:
    """The intake process: watch and read until the window sends on (or closes) `stop_pipe`,
    trying again after failures."""
    # Ctrl-C in a terminal reaches the whole group; the window decides when intake stops.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    configure_logging(job.settings.paths.log_dir, job.settings.log_level)
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    ws = Workspace(Database(job.database_url), DocumentStore(job.store_root),
                   rules=load_rulebook(job.settings.rules_folder))
    # A pipe, not a shared multiprocessing.Event: setting such an event waits for every process
    # sleeping on it to wake, so one that was killed meanwhile would hang the window's close.
    stop = threading.Event()
    current: list[FolderIntake] = []
    threading.Thread(target=_stop_when_asked, args=(stop_pipe, stop, current),
                     daemon=True).start()
    try:
        while not stop.is_set():
            reporter = _Reporter(ws, job, outbox, stop)  # a failed run released its documents
            try:
                _check_environment(ws, job)
                intake = FolderIntake(ws, job.settings, reporter, job.config,
                                      on_mailbox=reporter.mailbox)
                current[:] = [intake]
                reporter.owner = intake.runner.owner
                reporter.idle()
                if stop.is_set():
                    break  # asked to stop while starting; the thread may have looked already
                intake.run(stop.is_set)
            except Exception as exc:  # any failure: say so, wait, try again
                outbox.put(_failure(exc))
                stop.wait(job.retry_s)
    finally:
        ws.db.dispose()
        outbox.put(None)


def _stop_when_asked(stop_pipe: Connection, stop: threading.Event,
                     current: list[FolderIntake]) -> None:
    """Wait for the window's word to stop, then wake the intake loop so it ends now."""
    with contextlib.suppress(EOFError, OSError):  # the window's end closed: stop as well
        stop_pipe.recv()
    stop.set()
    for intake in list(current):
        intake.interrupt()


def _check_environment(ws: Workspace, job: IntakeJob) -> None:
    """Folders reachable and the database answering, before any file is taken."""
    for folder in job.settings.watch:
        problem = folder_problem(folder)
        if problem:
            raise EnvironmentFailure(problem)
    intake_activity(ws, job.actor)


def _failure(exc: Exception) -> Failure:
    if isinstance(exc, EnvironmentFailure):
        return Failure(str(exc), "environment")
    if isinstance(exc, CaseworkError):
        return Failure(str(exc), "refused")
    log.exception("background intake failed")
    return Failure("An unexpected problem occurred; details are in the log.", "bug")


def _exit_with_parent(parent: int) -> None:
    """If the window's process dies (killed, crashed), intake must not go on without it."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(0)
