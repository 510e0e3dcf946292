"""Intake as the commands and the window use it: ingest files now, or watch folders.

Both follow intake/pipeline.py's recipe (take → read → analyse → file): this module takes each
file, files a watched folder's original away (moves it out of the folder), lets the runner read,
analyse and file the queued documents, and reports each step (progress, results).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

from casework.actor import SYSTEM
from casework.db.states import DocumentStatus
from casework.intake.clock_sweep import ClockSweep
from casework.intake.documents import get_document
from casework.intake.folders import move_out, shown_name
from casework.intake.mail_summary import message_summary
from casework.intake.mailbox_intake import MailboxIntake
from casework.intake.mailbox_poller import MailboxStatus
from casework.intake.pipeline import take
from casework.intake.progress import DocumentUpdate, IntakeProgress, LogProgress
from casework.intake.results import IngestResult
from casework.intake.runner import JobOutcome, Runner, RunnerConfig
from casework.intake.taking import TakenFile
from casework.intake.understanding import recorded_analysis
from casework.intake.watcher import FolderWatcher
from casework.plan.timezone import plan_date, plan_time
from casework.settings import Settings, WatchFolder
from casework.workspace import Workspace
from ocr import ReadSettings
from ocr.timing import StageTimes

log = logging.getLogger(__name__)
FINAL = {DocumentStatus.PROCESSED, DocumentStatus.REJECTED, DocumentStatus.DUPLICATE}
IDLE_SECONDS = 0.5
STOP_NOW_WAIT_S = 0.2


def read_settings(settings: Settings) -> ReadSettings:
    """The OCR layer's settings from the workstation's."""
    return ReadSettings(languages=settings.ocr.languages, pdf_passwords=settings.ocr.pdf_passwords,
                        max_pages=settings.ocr.max_pages,
                        page_timeout_s=settings.ocr.page_timeout_seconds,
                        engine=settings.ocr.engine)


def taken_update(path: Path, taken: TakenFile) -> DocumentUpdate:
    """The progress step for a file just taken."""
    return DocumentUpdate(taken.document_id, shown_name(path.name), taken.status, taken.pages,
                          taken.reason)


# ---- ingest: the given files, now, left where they are -------------------------------------

def ingest_files(ws: Workspace, settings: Settings, paths: list[Path],
                 received_at: datetime | None = None, config: RunnerConfig | None = None,
                 progress: IntakeProgress | None = None,
                 on_times: Callable[[StageTimes, int], None] | None = None
                 ) -> list[IngestResult]:
    """Take and read the given files now (they stay where they are); one result per file.

    `on_times` is told where the reading time went, per stage, and how many pages were read.
    """
    reading = read_settings(settings)
    report = progress or LogProgress()
    # The caller is waiting: retry a failed attempt at once rather than after a backoff.
    runner = Runner(ws, reading, replace(config or RunnerConfig(), backoff=(timedelta(0),)))
    try:
        runner.warm_up()  # workers load Tesseract while the files are being taken
        # Copies taken before this run and never read (an ingest killed midway) are read now.
        started = ws.now()
        taken = [take_named(ws, path, reading, received_at, report, started) for path in paths]
        read_taken(ws, taken, runner, report)
        if on_times is not None:
            on_times(runner.times, runner.pages)
    finally:
        runner.close()
    return [describe(ws, path, t) for path, t in zip(paths, taken, strict=True)]


def take_named(ws: Workspace, path: Path, reading: ReadSettings, received_at: datetime | None,
               progress: IntakeProgress, resume_before: datetime | None = None
               ) -> TakenFile | IngestResult:
    """Take one named file; a path that is not a file is rejected without touching the store."""
    why = _why_not_a_file(path)
    if why:
        progress.update(DocumentUpdate(None, shown_name(path.name), DocumentStatus.REJECTED,
                                       reason=why))
        return IngestResult(shown_name(str(path)), None, DocumentStatus.REJECTED, why,
                            plan_time(received_at) if received_at else None, None, None, None)
    taken = take(ws, SYSTEM, path, "cli", reading, received_at, resume_before=resume_before)
    progress.update(taken_update(path, taken))
    return taken


def _why_not_a_file(path: Path) -> str | None:
    """Why a named path cannot be taken at all, in words for the person who named it."""
    if path.is_dir():
        return "It is a folder, not a file."
    if not path.exists():
        return "There is no such file."
    if not path.is_file():
        return "It is not a regular file (a named pipe, socket or device), so it is not read."
    try:
        with path.open("rb"):
            return None
    except OSError as exc:
        return f"The file cannot be opened: {exc.strerror}."


def read_taken(ws: Workspace, taken: list[TakenFile | IngestResult], runner: Runner,
               progress: IntakeProgress) -> None:
    """Read, analyse and file the queued files until each is processed or rejected (retries
    included)."""
    jobs = {t.job_id for t in _documents(taken) if t.job_id is not None}
    if not jobs:
        return
    while True:
        runner.run_until_idle(only=jobs, on_outcome=lambda o: progress.update(o.update()))
        if _all_final(ws, taken):
            return
        time.sleep(IDLE_SECONDS)  # another runner holds one of them: wait for it


def _documents(taken: list[TakenFile | IngestResult]) -> list[TakenFile]:
    """Every document taken: each file's, and the parts of each e-mail message."""
    found = [t for t in taken if isinstance(t, TakenFile)]
    return found + [part for t in found for part in t.parts]


def _all_final(ws: Workspace, taken: list[TakenFile | IngestResult]) -> bool:
    return all(get_document(ws, t.document_id).status in FINAL for t in _documents(taken))


def describe(ws: Workspace, path: Path, taken: TakenFile | IngestResult) -> IngestResult:
    """The `ingest --json` result for one file, from what the database now says."""
    if isinstance(taken, IngestResult):
        return taken
    document = get_document(ws, taken.document_id)
    extra = message_summary(ws, document.id) or recorded_analysis(ws, document.id)
    return IngestResult(
        file=shown_name(str(path)), sha256=document.sha256,
        status=DocumentStatus.DUPLICATE if document.duplicate_of else document.status,
        reason=document.reason, received_at=plan_time(taken.received_at),
        pages=document.pages, ocr_confidence=document.ocr_confidence,
        document_id=document.id, extra=extra,
    )


# ---- watch: the configured folders, until stopped ------------------------------------------

class FolderIntake:
    """Watching folders: take settled files, file them away, read them, report each step."""

    def __init__(self, ws: Workspace, settings: Settings, progress: IntakeProgress,
                 config: RunnerConfig | None = None,
                 watcher: FolderWatcher | None = None,
                 on_mailbox: Callable[[MailboxStatus], None] | None = None) -> None:
        self.ws = ws
        self.reading = read_settings(settings)
        self.progress = progress
        self.watcher = watcher or FolderWatcher(settings.watch)
        self.runner = Runner(ws, self.reading, config)
        self.sweep = ClockSweep(ws)  # the clock rules' deadlines (exempt grievances)
        self._filed: dict[int, tuple[Path, Path]] = {}  # document → (where it went, its root)
        self._woken = threading.Event()
        self._stop_now = False
        self.mail = MailboxIntake(ws, self.reading, settings.mailboxes, on_mailbox,
                                  wake=self._woken.set)

    def run(self, should_stop: Callable[[], bool]) -> None:
        """Take and read until `should_stop()`; running jobs are released when it turns true."""
        try:
            # Inside the try: a folder that fails to start must not leave the others watched.
            self.watcher.start()
            self.mail.start()
            requeued = self.runner.recover()
            if requeued:
                log.info("%d interrupted jobs queued again", requeued)
            while not should_stop():
                self.take_ready_files()
                self.sweep.run_if_due()
                self.runner.run_until_idle(on_outcome=self.settle, should_stop=should_stop,
                                           tick=self.tick)
                if self._woken.wait(IDLE_SECONDS):
                    self._woken.clear()
        finally:
            self.mail.stop(wait_s=STOP_NOW_WAIT_S if self._stop_now else 5.0)
            self.runner.close()
            # Asked to stop now: the observers end by themselves shortly (daemon threads).
            self.watcher.stop(wait_s=STOP_NOW_WAIT_S if self._stop_now else 5.0)

    def interrupt(self) -> None:
        """From another thread, once `should_stop()` is true: stop waiting and end `run` now
        (documents being read go back to the queue unless the runner's grace allows more)."""
        self._stop_now = True
        self._woken.set()
        self.runner.wake()

    def tick(self) -> None:
        """Between pages: take what has settled, and apply any deadline that passed."""
        self.take_ready_files()
        self.sweep.run_if_due()

    def take_ready_files(self) -> None:
        """Take every settled file; one that cannot be taken stays for the next rescan. Report
        the messages the mailboxes took meanwhile."""
        for message in self.mail.taken():
            self.progress.update(DocumentUpdate(message.document_id, "e-mail message",
                                                message.status, None, message.reason))
            self._report_parts(message)
        for path, folder in self.watcher.ready():
            if self._stop_now:  # the rest stay in the folder for the next start
                self.watcher.release(path)
                continue
            try:
                taken = take(self.ws, SYSTEM, path, folder.source, self.reading,
                             watched=True)
            except Exception:
                if path.exists():
                    log.exception("could not take a file from %s", folder.path)
                else:  # another intake service took it and filed it away meanwhile
                    # File names often hold members' names: the log never carries them.
                    log.info("a file in %s was taken by another intake service", folder.path)
                self.watcher.release(path)
                continue
            self.file_away(path, folder, taken)
            if not taken.already_taken:  # the service that took it reports it
                self.progress.update(taken_update(path, taken))
                self._report_parts(taken)

    def _report_parts(self, message: TakenFile) -> None:
        """Each document an e-mail message brought, queued to be read (or why not)."""
        for part in message.parts:
            self.progress.update(DocumentUpdate(part.document_id, "e-mail part", part.status,
                                                part.pages, part.reason))

    def file_away(self, path: Path, folder: WatchFolder, taken: TakenFile) -> None:
        """Move the original out of the watched folder, now that store and database hold it."""
        outcome = (DocumentStatus.REJECTED if taken.status == DocumentStatus.REJECTED
                   else DocumentStatus.PROCESSED)
        try:
            moved = move_out(path, folder.path, outcome, plan_date(self.ws.now()))
        except OSError as exc:
            if not path.exists():  # another intake service filed it: the name is free again
                self.watcher.release(path)
                return
            # Still in _taken, so not taken again by this service; a restart finds it already
            # taken and files it away then.
            log.error("document %s: cannot move its file out of %s: %s", taken.document_id,
                      folder.path, exc.strerror)
            return
        self.watcher.release(path)
        if outcome == DocumentStatus.PROCESSED:
            self._filed[taken.document_id] = (moved, folder.path)

    def settle(self, outcome: JobOutcome) -> None:
        """Report a finished job; a file that could not be read joins the rejected folder."""
        self.progress.update(outcome.update())
        if outcome.status not in (DocumentStatus.PROCESSED, DocumentStatus.REJECTED):
            return
        filed = self._filed.pop(outcome.document_id, None)
        if outcome.status == DocumentStatus.REJECTED and filed is not None and filed[0].exists():
            try:
                move_out(filed[0], filed[1], DocumentStatus.REJECTED, plan_date(self.ws.now()))
            except OSError as exc:
                log.error("document %s: cannot move its file to rejected: %s",
                          outcome.document_id, exc.strerror)


def watch(ws: Workspace, settings: Settings, should_stop: Callable[[], bool],
          progress: IntakeProgress, config: RunnerConfig | None = None,
          on_mailbox: Callable[[MailboxStatus], None] | None = None) -> None:
    """Watch the configured folders and mailboxes and read what arrives until
    `should_stop()`; `on_mailbox` hears how each mailbox's connection stands."""
    FolderIntake(ws, settings, progress, config, on_mailbox=on_mailbox).run(should_stop)
