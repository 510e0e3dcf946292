"""Running read jobs in a pool of worker processes, each with one Tesseract thread.

Workers read and analyse (file → pages of words → form, roster matches, route; see
intake/pipeline.py) and return plain data; this process, the only one that writes, files the
results. A job that overruns its time limit has its worker killed and is retried, then
rejected with a plain reason.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, InvalidStateError, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import timedelta
from time import monotonic
from typing import Any

from casework.db.states import DocumentStatus
from casework.errors import EnvironmentFailure
from casework.intake.jobs import (
    BACKOFF,
    MAX_ATTEMPTS,
    ClaimedJob,
    claim_jobs,
    fail_job,
    release_jobs,
    renew_leases,
    requeue_abandoned,
    requeue_expired,
)
from casework.intake.owners import owner_has_ended, runner_owner
from casework.intake.pipeline import file, read
from casework.intake.progress import DocumentUpdate
from casework.intake.understanding import DocumentAnalysis
from casework.intake.worker import (
    Reader,
    WorkerSetup,
    WorkOrder,
    join_pool,
    read_and_analyse,
    warm_worker,
)
from casework.plan.timezone import plan_date
from casework.workspace import Workspace
from ocr import ReadSettings
from ocr.errors import OcrEngineMissing
from ocr.timing import StageTimes

log = logging.getLogger(__name__)
CRASHED = "The reading process stopped unexpectedly while reading this document."
TOO_LONG = "Reading this document took too long; it may be damaged or far larger than a fax."
RECOVER_SECONDS = 60.0  # how often a long-running runner looks for jobs a dead runner left


@dataclass(frozen=True)
class RunnerConfig:
    """How the runner works: pool size, leases, time limits and retries.

    `reader` reads a file in the worker processes (before the worker analyses what it read),
    so it must be a module-level function; tests put fault doubles there.
    """

    workers: int = field(default_factory=lambda: max(1, os.cpu_count() or 1))
    lease: timedelta = timedelta(minutes=5)
    job_time_limit_s: float = 600.0
    poll_s: float = 1.0
    # A stopping `watch` lets a page in hand finish for this long; the rest go back to the
    # queue (read again on the next start), so an interrupt is obeyed within seconds.
    stop_grace_s: float = 5.0
    max_attempts: int = MAX_ATTEMPTS
    backoff: tuple[timedelta, ...] = BACKOFF
    reader: Reader = read


@dataclass(frozen=True)
class JobOutcome:
    """How one attempt at a job ended."""

    job_id: int
    document_id: int
    file_name: str
    status: str  # processed | retry | rejected | lost (another runner holds it now)
    reason: str | None = None
    pages: int | None = None

    def update(self) -> DocumentUpdate:
        """The progress step for this outcome."""
        return DocumentUpdate(self.document_id, self.file_name, self.status, self.pages,
                              self.reason)


def _worker_start(busy: Any, workers: int) -> None:
    # One Tesseract thread per worker: the pool already uses every core.
    os.environ["OMP_THREAD_LIMIT"] = "1"
    join_pool(busy, workers)
    # Ctrl-C or a service stop reaches the whole process group; the runner decides what
    # happens to each job (finish or release), then ends its workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()


def _exit_with_parent(parent: int) -> None:
    """A worker whose runner was killed (kill -9, crash) must not linger holding memory."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(0)


Running = dict[Future[DocumentAnalysis | str], tuple[ClaimedJob, float]]


class Runner:
    """Claims jobs from the database and runs them until none are left (or forever, for watch).

    Only this process writes to the database; workers return plain data. On its first run the
    runner puts back jobs whose lease expired (their runner crashed or lost power).
    """

    def __init__(self, ws: Workspace, settings: ReadSettings,
                 config: RunnerConfig | None = None) -> None:
        self.ws = ws
        self.settings = settings
        self.config = config or RunnerConfig()
        self.owner = runner_owner()
        self.setup = WorkerSetup.of(ws)
        self._pool: ProcessPoolExecutor | None = None
        self._warming: list[Future[None]] = []
        self._warm_by = 0.0
        self._recovered_at: float | None = None
        self._wake: Future[None] = Future()
        # Where the time of the documents filed so far went, and their pages (ocr/timing.py).
        self.times = StageTimes()
        self.pages = 0

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # OpenMP reads its thread limit when Tesseract's library loads, which a spawned
            # worker may do while importing, before any initializer runs: so the limit goes
            # into the environment the workers inherit.
            os.environ["OMP_THREAD_LIMIT"] = "1"
            # spawn, never fork: the desktop process has Qt loaded.
            context = multiprocessing.get_context("spawn")
            # How many workers are reading: one that starts a long document while others
            # are idle reads its pages in parallel (intake/worker.py).
            busy = context.Value("i", 0)
            self._pool = ProcessPoolExecutor(
                max_workers=self.config.workers, initializer=_worker_start,
                initargs=(busy, self.config.workers), mp_context=context,
            )
            # A new worker loads Tesseract, the rules and the database before its first job:
            # that start is not the document's time (see _collect).
            self._warming = [self._pool.submit(warm_worker, self.settings, self.setup)
                             for _ in range(self.config.workers)]
            self._warm_by = monotonic() + self.config.job_time_limit_s
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
        # The executor offers no way to stop one stuck task: kill its processes.
        processes = list(getattr(pool, "_processes", {}).values())
        for process in processes:
            process.kill()
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.join(timeout=10)

    def recover(self) -> int:
        """Queue again the jobs of runners that died holding them (lease expired, or a process
        of this computer that has ended)."""
        self._recovered_at = monotonic()
        return requeue_abandoned(self.ws, owner_has_ended) + requeue_expired(self.ws)

    def wake(self) -> None:
        """From another thread: stop waiting for readings and look at `should_stop` now."""
        with contextlib.suppress(InvalidStateError):  # already woken
            self._wake.set_result(None)

    def run_until_idle(self, only: set[int] | None = None,
                       on_outcome: Callable[[JobOutcome], None] | None = None,
                       should_stop: Callable[[], bool] = lambda: False,
                       tick: Callable[[], None] = lambda: None) -> list[JobOutcome]:
        """Run claimable jobs (or just `only`) until there is nothing left to claim.

        `tick` runs once per loop (the watcher takes new files there while pages are read).
        When `should_stop()` turns true, nothing new is started; running jobs get
        `stop_grace_s` to finish, and those still running then are released to the queue.
        """
        if self._recovered_at is None:
            self.recover()
        outcomes: list[JobOutcome] = []

        def settled(outcome: JobOutcome) -> None:
            outcomes.append(outcome)
            if on_outcome:
                on_outcome(outcome)

        running: Running = {}
        stop_at: float | None = None
        renewed = monotonic()
        try:
            while True:
                if stop_at is None and should_stop():
                    stop_at = monotonic() + self.config.stop_grace_s
                if stop_at is None:
                    tick()
                    if monotonic() - (self._recovered_at or 0.0) >= RECOVER_SECONDS:
                        self.recover()
                    self._start_jobs(running, only)
                if not running or (stop_at is not None and monotonic() >= stop_at):
                    break
                self._collect(running, settled)
                if monotonic() - renewed >= self.config.lease.total_seconds() / 5:
                    renew_leases(self.ws, self.owner, [j.job_id for j, _ in running.values()],
                                 self.config.lease)
                    renewed = monotonic()
        finally:
            if running:  # stopping, or an error: hand the unfinished jobs back
                self._kill_pool()
                release_jobs(self.ws, self.owner, [j.job_id for j, _ in running.values()])
        return outcomes

    def warm_up(self) -> None:
        """Start the workers (each loads the OCR engine, the rules and the database) without
        waiting for them, and work out this year's holidays for filing here meanwhile."""
        self._executor()
        # Clocks count business days: the holiday calendar costs about a second to build, a
        # cost of the service starting, not of the first document filed.
        self.ws.rules.calendar.holidays_in(plan_date(self.ws.now()).year)

    def _starting(self, now: float) -> bool:
        """Whether the workers are still starting; one that takes longer than a job's time limit
        to start counts as started, so a hanging start still ends in a time limit."""
        return now < self._warm_by and not all(f.done() for f in self._warming)

    def _start_jobs(self, running: Running, only: set[int] | None) -> None:
        # Two jobs per worker in flight: while this process saves one result, every worker
        # already has its next document instead of waiting for the claim.
        free = 2 * self.config.workers - len(running)
        if free <= 0:
            return
        for job in claim_jobs(self.ws, self.owner, free, self.config.lease, only):
            order = WorkOrder(str(self.ws.store.path_for(job.sha256)), job.received_at,
                              self.ws.now())
            future = self._executor().submit(read_and_analyse, self.setup, self.config.reader,
                                             self.settings, order)
            running[future] = (job, monotonic())

    def _collect(self, running: Running, settled: Callable[[JobOutcome], None]) -> None:
        in_order = sorted(running.items(), key=lambda item: item[1][1])
        waiting: list[Future[Any]] = [*running, self._wake]
        finished, _ = wait(waiting, timeout=self.config.poll_s, return_when=FIRST_COMPLETED)
        if self._wake.done():
            self._wake = Future()  # woken: the loop looks at should_stop before waiting again
        done = [f for f in running if f in finished]
        if any(isinstance(f.exception(), BrokenProcessPool) for f in done):
            self._after_crash(running, in_order, settled)
            return
        for future in done:
            job, _started = running.pop(future)
            settled(self._settle(job, future))
        # Jobs beyond the first `workers` are still waiting in the pool's queue: their time
        # starts when a worker frees up, not when they were handed over. While the workers
        # start, no job has begun.
        order = sorted(running.items(), key=lambda item: item[1][1])
        now = monotonic()
        starting = self._starting(now)
        if done or starting:
            for future, (job, _) in order[0 if starting else self.config.workers:]:
                running[future] = (job, now)
        limit = self.config.job_time_limit_s
        overdue = [f for f, (_, t) in order[: self.config.workers] if now - t > limit]
        if overdue:
            for outcome in self._kill_overdue(running, overdue):
                settled(outcome)

    def _after_crash(self, running: Running,
                     in_order: list[tuple[Future[DocumentAnalysis | str],
                                          tuple[ClaimedJob, float]]],
                     settled: Callable[[JobOutcome], None]) -> None:
        """A worker died and took the pool with it. Only the jobs that were being read can be
        to blame; those still waiting in the queue go back without losing an attempt."""
        suspects = {future for future, _ in in_order[: self.config.workers]}
        self._kill_pool()
        waiting = []
        for future, (job, _) in list(running.items()):
            running.pop(future)
            if future in suspects:
                settled(self._fail(job, CRASHED, retry=True))
            else:
                waiting.append(job.job_id)
        release_jobs(self.ws, self.owner, waiting)

    def _fail(self, job: ClaimedJob, reason: str, retry: bool) -> JobOutcome:
        rejected = fail_job(self.ws, job.job_id, self.owner, reason, retry,
                            self.config.max_attempts, self.config.backoff)
        return JobOutcome(job.job_id, job.document_id, job.original_name,
                          DocumentStatus.REJECTED if rejected else "retry", reason)

    def _settle(self, job: ClaimedJob, future: Future[DocumentAnalysis | str]) -> JobOutcome:
        try:
            result = future.result()
        except BrokenProcessPool:
            # A worker died (Tesseract crashed, out of memory): every job in the pool failed.
            self._kill_pool()
            return self._fail(job, CRASHED, retry=True)
        except OcrEngineMissing as exc:
            # Not the document's fault: it goes back to the queue now, not when its lease ends.
            release_jobs(self.ws, self.owner, [job.job_id])
            raise EnvironmentFailure(
                f"Documents cannot be read on this computer: {exc}") from exc
        except EnvironmentFailure:
            # The worker could not reach the database to match the rosters: not the
            # document's fault either.
            release_jobs(self.ws, self.owner, [job.job_id])
            raise
        except Exception as exc:  # a bug in a reader: keep the document, say so, carry on
            log.exception("job %s failed", job.job_id)
            return self._fail(job, "The document could not be read because of an internal "
                              f"error; support can see details in the log "
                              f"({type(exc).__name__}).", retry=True)
        if isinstance(result, str):
            return self._fail(job, result, retry=False)
        started = monotonic()
        saved = file(self.ws, job.job_id, self.owner, result)
        self.times = self.times.plus(result.times).plus(
            StageTimes((("write", monotonic() - started),)))
        self.pages += len(result.reading.pages)
        if not saved:
            log.warning("job %s: lease lost before its result was saved", job.job_id)
            return JobOutcome(job.job_id, job.document_id, job.original_name, "lost")
        return JobOutcome(job.job_id, job.document_id, job.original_name,
                          DocumentStatus.PROCESSED, pages=len(result.reading.pages))

    def _kill_overdue(self, running: Running,
                      overdue: list[Future[DocumentAnalysis | str]]) -> list[JobOutcome]:
        """Kill the pool (the only way to stop a stuck worker); other jobs go back to the queue."""
        self._kill_pool()
        outcomes = []
        for future, (job, _) in list(running.items()):
            running.pop(future)
            if future in overdue:
                outcomes.append(self._fail(job, TOO_LONG, retry=False))
            else:
                release_jobs(self.ws, self.owner, [job.job_id])
        return outcomes
