"""Running read jobs in a pool of worker processes, each with one Tesseract thread.

Workers only compute (file → pages of words) and return plain data; this process, which owns
the database session, writes the results. A job that overruns its time limit has its worker
killed and is retried, then rejected with a plain reason.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from time import monotonic

from casework.intake.jobs import ClaimedJob, claim_jobs, fail_job, finish_job, renew_leases
from casework.intake.reading_store import save_reading
from casework.workspace import Workspace
from ocr import DocumentReading, OcrEngineMissing, ReadSettings, UnreadableDocument, read_document

log = logging.getLogger(__name__)
TOO_LONG = "Reading this document took too long; it may be damaged or far larger than a fax."


@dataclass(frozen=True)
class RunnerConfig:
    """How the runner works: pool size, leases and time limits."""

    workers: int = field(default_factory=lambda: max(1, os.cpu_count() or 1))
    lease: timedelta = timedelta(minutes=5)
    job_time_limit_s: float = 600.0
    poll_s: float = 1.0


@dataclass(frozen=True)
class JobOutcome:
    job_id: int
    document_id: int
    status: str  # processed | retry | rejected
    reason: str | None = None


def _worker_start() -> None:
    # One Tesseract thread per worker: the pool already uses every core.
    os.environ["OMP_THREAD_LIMIT"] = "1"
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()


def _exit_with_parent(parent: int) -> None:
    """A worker whose runner was killed (kill -9, crash) must not linger holding memory."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(0)


def read_in_worker(path: str, settings: ReadSettings) -> DocumentReading | str:
    """Runs in a worker: the reading, or the clerk-readable reason it cannot be read."""
    try:
        return read_document(Path(path), settings)
    except UnreadableDocument as exc:
        return exc.reason


class Runner:
    """Claims jobs from the database and runs them until none are left (or forever, for watch)."""

    def __init__(self, ws: Workspace, settings: ReadSettings,
                 config: RunnerConfig | None = None) -> None:
        self.ws = ws
        self.settings = settings
        self.config = config or RunnerConfig()
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        self._pool: ProcessPoolExecutor | None = None

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=self.config.workers, initializer=_worker_start,
                mp_context=multiprocessing.get_context("spawn"),
            )
        return self._pool

    def close(self) -> None:
        """Stop the workers (they are idle once run_until_idle has returned)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _kill_pool(self) -> None:
        pool = self._pool
        self._pool = None
        if pool is None:
            return
        processes = list(getattr(pool, "_processes", {}).values())
        for process in processes:
            process.kill()
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.join(timeout=10)

    def run_until_idle(self, only: set[int] | None = None,
                       on_outcome: Callable[[JobOutcome], None] | None = None,
                       should_stop: Callable[[], bool] = lambda: False,
                       tick: Callable[[], None] = lambda: None) -> list[JobOutcome]:
        """Run claimable jobs (or just `only`) until there is nothing left to claim.

        `tick` runs once per loop (the watcher takes new files there while pages are read).
        """
        outcomes: list[JobOutcome] = []
        running: dict[Future[DocumentReading | str], tuple[ClaimedJob, float]] = {}
        while not should_stop():
            tick()
            free = self.config.workers - len(running)
            if free > 0:
                for job in claim_jobs(self.ws, self.owner, free, self.config.lease, only):
                    path = str(self.ws.store.path_for(job.sha256))
                    future = self._executor().submit(read_in_worker, path, self.settings)
                    running[future] = (job, monotonic())
            if not running:
                break
            done, _ = wait(running, timeout=self.config.poll_s, return_when=FIRST_COMPLETED)
            for future in done:
                job, _started = running.pop(future)
                outcome = self._settle(job, future)
                outcomes.append(outcome)
                if on_outcome:
                    on_outcome(outcome)
            overdue = [f for f, (_, t) in running.items()
                       if monotonic() - t > self.config.job_time_limit_s]
            if overdue:
                outcomes += self._kill_overdue(running, overdue, on_outcome)
            renew_leases(self.ws, self.owner, [j.job_id for j, _ in running.values()],
                         self.config.lease)
        return outcomes

    def _settle(self, job: ClaimedJob, future: Future[DocumentReading | str]) -> JobOutcome:
        try:
            result = future.result()
        except BrokenProcessPool:
            self._kill_pool()
            fail_job(self.ws, job.job_id, self.owner, "The reading process stopped unexpectedly.",
                     retry=True)
            return JobOutcome(job.job_id, job.document_id, "retry")
        except OcrEngineMissing as exc:
            raise exc
        except Exception as exc:  # a bug in a reader: keep the document, say so, carry on
            log.exception("job %s failed", job.job_id)
            rejected = fail_job(self.ws, job.job_id, self.owner,
                                "The document could not be read because of an internal error; "
                                f"support can see details in the log ({type(exc).__name__}).",
                                retry=True)
            return JobOutcome(job.job_id, job.document_id, "rejected" if rejected else "retry")
        if isinstance(result, str):
            fail_job(self.ws, job.job_id, self.owner, result, retry=False)
            return JobOutcome(job.job_id, job.document_id, "rejected", result)
        save_reading(self.ws, job.document_id, result)
        finish_job(self.ws, job.job_id, self.owner)
        return JobOutcome(job.job_id, job.document_id, "processed")

    def _kill_overdue(self, running: dict[Future[DocumentReading | str], tuple[ClaimedJob, float]],
                      overdue: list[Future[DocumentReading | str]],
                      on_outcome: Callable[[JobOutcome], None] | None) -> list[JobOutcome]:
        """Kill the pool (the only way to stop a stuck worker); other jobs go back to the queue."""
        self._kill_pool()
        outcomes = []
        for future, (job, _) in list(running.items()):
            running.pop(future)
            if future in overdue:
                rejected = fail_job(self.ws, job.job_id, self.owner, TOO_LONG, retry=False)
                outcome = JobOutcome(job.job_id, job.document_id,
                                     "rejected" if rejected else "retry", TOO_LONG)
            else:
                fail_job(self.ws, job.job_id, self.owner, "Interrupted; will run again.",
                         retry=True)
                outcome = JobOutcome(job.job_id, job.document_id, "retry")
            outcomes.append(outcome)
            if on_outcome:
                on_outcome(outcome)
        return outcomes
