"""Intake as the commands and the window use it: ingest files now, or watch folders."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from casework.actor import SYSTEM
from casework.cases.timezone import plan_date, plan_time
from casework.intake.documents import get_document
from casework.intake.folders import move_out
from casework.intake.results import IngestResult
from casework.intake.runner import JobOutcome, Runner, RunnerConfig
from casework.intake.taking import TakenFile, take_file
from casework.intake.watcher import FolderWatcher
from casework.settings import Settings
from casework.workspace import Workspace
from ocr import ReadSettings

log = logging.getLogger(__name__)
FINAL = {"processed", "rejected", "duplicate"}


def read_settings(settings: Settings) -> ReadSettings:
    """The OCR layer's settings from the workstation's."""
    return ReadSettings(languages=settings.ocr.languages, pdf_passwords=settings.ocr.pdf_passwords,
                        max_pages=settings.ocr.max_pages,
                        page_timeout_s=settings.ocr.page_timeout_seconds,
                        engine=settings.ocr.engine)


def ingest_files(ws: Workspace, settings: Settings, paths: list[Path],
                 received_at: datetime | None = None,
                 config: RunnerConfig | None = None) -> list[IngestResult]:
    """Take and read the given files now (they stay where they are); one result per file."""
    reading = read_settings(settings)
    taken: list[TakenFile | IngestResult] = []
    for path in paths:
        if not path.is_file():
            why = "It is a folder, not a file." if path.is_dir() else "There is no such file."
            taken.append(IngestResult(str(path), None, "rejected", why, received_at, None, None,
                                      None))
            continue
        taken.append(take_file(ws, SYSTEM, path, "cli", reading, received_at))
    jobs = {t.job_id for t in taken if isinstance(t, TakenFile) and t.job_id is not None}
    runner = Runner(ws, reading, config)
    try:
        while jobs and not _all_final(ws, taken):
            runner.run_until_idle(only=jobs)
            if not _all_final(ws, taken):
                time.sleep(1)  # a retried job waits out its backoff
    finally:
        runner.close()
    return [_result(ws, path, t) for path, t in zip(paths, taken, strict=True)]


def _all_final(ws: Workspace, taken: list[TakenFile | IngestResult]) -> bool:
    return all(get_document(ws, t.document_id).status in FINAL
               for t in taken if isinstance(t, TakenFile))


def _result(ws: Workspace, path: Path, taken: TakenFile | IngestResult) -> IngestResult:
    if isinstance(taken, IngestResult):
        return taken
    document = get_document(ws, taken.document_id)
    return IngestResult(
        file=str(path), sha256=document.sha256,
        status="duplicate" if document.duplicate_of else document.status,
        reason=document.reason, received_at=plan_time(taken.received_at),
        pages=document.pages, ocr_confidence=document.ocr_confidence,
        document_id=document.id,
    )


def watch(ws: Workspace, settings: Settings, should_stop: Callable[[], bool],
          report: Callable[[str], None], config: RunnerConfig | None = None) -> None:
    """Watch the configured folders and read what arrives until `should_stop()`."""
    reading = read_settings(settings)
    watcher = FolderWatcher(settings.watch)
    runner = Runner(ws, reading, config)
    names: dict[int, Path] = {}

    def take_ready() -> None:
        for path, folder in watcher.ready():
            try:
                taken = take_file(ws, SYSTEM, path, folder.source, reading)
            except Exception:
                log.exception("could not take a file from %s", folder.path)
                continue  # left in place: the next rescan tries again
            outcome = "rejected" if taken.status == "rejected" else "processed"
            moved = move_out(path, folder.path, outcome, plan_date(ws.now()))
            watcher.release(path)
            names[taken.document_id] = moved
            report(f"document {taken.document_id} {path.name}: {taken.status}"
                   + (f" ({taken.pages} pages)" if taken.pages else ""))

    def done(outcome: JobOutcome) -> None:
        if outcome.status == "retry":
            return
        report(f"document {outcome.document_id}: {outcome.status}")
        moved = names.get(outcome.document_id)
        if outcome.status == "rejected" and moved is not None and moved.exists():
            root = moved.parents[1]
            move_out(moved, root, "rejected", plan_date(ws.now()))

    from casework.intake.jobs import requeue_expired

    watcher.start()
    requeued = requeue_expired(ws)
    if requeued:
        report(f"{requeued} interrupted jobs queued again")
    try:
        while not should_stop():
            take_ready()
            runner.run_until_idle(on_outcome=done, should_stop=should_stop, tick=take_ready)
            time.sleep(0.5)
    finally:
        watcher.stop()
        runner.close()
