"""The runner's guarantees: time limits, crashes retried then rejected, clean stops, lost leases."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from casework.actor import SYSTEM
from casework.db.models import AuditEvent, Document, Job, Page
from casework.intake.jobs import claim_jobs, requeue_expired
from casework.intake.pipeline import analyse
from casework.intake.reading_store import save_reading
from casework.intake.runner import Runner, RunnerConfig
from casework.intake.taking import TakenFile, take_file
from casework.workspace import Workspace
from ocr import ReadSettings, read_document
from tests.conftest import FixedClock
from tests.intake.fault_readers import (
    crash_on_crash,
    hang_on_stuck,
    report_page_threads,
    report_threads,
    slow,
)
from tests.ocr.conftest import make_pdf

NO_BACKOFF = (timedelta(0),)
sqlite_only = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


def _take(ws: Workspace, tmp_path: Path, name: str, data: bytes) -> TakenFile:
    path = tmp_path / name
    path.write_bytes(data)
    return take_file(ws, SYSTEM, path, "fax", ReadSettings())


def _document(ws: Workspace, document_id: int) -> Document:
    with ws.db.read() as session:
        document = session.get(Document, document_id)
        assert document is not None
        return document


def _actions(ws: Workspace, document_id: int) -> list[str]:
    with ws.db.read() as session:
        return list(session.scalars(select(AuditEvent.action).where(
            AuditEvent.entity_type == "document", AuditEvent.entity_id == str(document_id))
            .order_by(AuditEvent.seq)))


@sqlite_only
def test_a_stuck_reading_is_killed_and_the_next_file_is_still_read(
    workspace: Workspace, tmp_path: Path
) -> None:
    # A comment after %%EOF: still a valid PDF, but the fault reader sees the marker.
    stuck = _take(workspace, tmp_path, "stuck.pdf", make_pdf() + b"\n%STUCK\n")
    good = _take(workspace, tmp_path, "good.pdf", make_pdf(["A second referral"]))
    # Long enough for a replacement worker to start on a busy machine, short for a test.
    config = RunnerConfig(workers=1, job_time_limit_s=6.0, poll_s=0.1, reader=hang_on_stuck)
    runner = Runner(workspace, ReadSettings(), config)
    try:
        outcomes = runner.run_until_idle()
    finally:
        runner.close()
    assert [(o.document_id, o.status) for o in outcomes] == [
        (stuck.document_id, "rejected"), (good.document_id, "processed")]
    rejected = _document(workspace, stuck.document_id)
    assert rejected.status == "rejected"
    assert (rejected.reason or "").startswith("Reading this document took too long")
    assert workspace.store.contains(stuck.sha256)  # the original is kept
    assert _document(workspace, good.document_id).status == "processed"


@sqlite_only
def test_a_reader_that_crashes_is_retried_three_times_then_rejected(
    workspace: Workspace, tmp_path: Path
) -> None:
    crash = _take(workspace, tmp_path, "crash.pdf", make_pdf() + b"\n%CRASH\n")
    good = _take(workspace, tmp_path, "good.pdf", make_pdf(["A second referral"]))
    config = RunnerConfig(workers=1, poll_s=0.1, backoff=NO_BACKOFF, reader=crash_on_crash)
    runner = Runner(workspace, ReadSettings(), config)
    try:
        outcomes = runner.run_until_idle()
    finally:
        runner.close()
    crashed = [o.status for o in outcomes if o.document_id == crash.document_id]
    assert crashed == ["retry", "retry", "rejected"]
    document = _document(workspace, crash.document_id)
    assert document.status == "rejected"
    assert document.reason and "stopped unexpectedly" in document.reason
    assert "Traceback" not in document.reason
    assert _actions(workspace, crash.document_id).count("job.retry_scheduled") == 2
    assert _document(workspace, good.document_id).status == "processed"


@sqlite_only
def test_stopping_hands_running_jobs_back_and_they_are_read_once_later(
    workspace: Workspace, tmp_path: Path
) -> None:
    taken = _take(workspace, tmp_path, "referral.pdf", make_pdf())
    checks: list[int] = []

    def stop_once_running() -> bool:
        checks.append(1)
        return len(checks) > 2  # the job was claimed and submitted on the first pass

    config = RunnerConfig(workers=1, poll_s=0.1, stop_grace_s=0.5, reader=slow)
    runner = Runner(workspace, ReadSettings(), config)
    try:
        assert runner.run_until_idle(should_stop=stop_once_running) == []
    finally:
        runner.close()
    with workspace.db.read() as session:
        job = session.scalars(select(Job)).one()
        assert (job.status, job.attempts, job.lease_owner) == ("queued", 0, None)
    assert _document(workspace, taken.document_id).status == "queued"
    assert "job.released" in _actions(workspace, taken.document_id)

    again = Runner(workspace, ReadSettings(), RunnerConfig(workers=1, poll_s=0.1))
    try:
        again.run_until_idle()
    finally:
        again.close()
    assert _document(workspace, taken.document_id).status == "processed"
    assert _actions(workspace, taken.document_id).count("document.read") == 1


def test_a_runner_that_lost_its_lease_saves_nothing(
    workspace: Workspace, tmp_path: Path, clock: FixedClock
) -> None:
    """GIVEN runner A stalled past its lease and runner B took the job over,
    WHEN A finally finishes reading, THEN A's result is dropped and B's is the only one."""
    path = tmp_path / "referral.pdf"
    path.write_bytes(make_pdf())
    taken = take_file(workspace, SYSTEM, path, "fax", ReadSettings())
    reading = read_document(path, ReadSettings())
    (job,) = claim_jobs(workspace, "runner-a", 1, timedelta(minutes=5))
    analysis = analyse(workspace, reading, job.received_at, workspace.now())
    clock.advance(minutes=10)
    assert requeue_expired(workspace) == 1
    (same,) = claim_jobs(workspace, "runner-b", 1, timedelta(minutes=5))
    assert same.job_id == job.job_id
    assert not save_reading(workspace, job.job_id, "runner-a", analysis)
    assert save_reading(workspace, job.job_id, "runner-b", analysis)
    with workspace.db.read() as session:
        pages = session.scalar(select(func.count(Page.id)).where(
            Page.document_id == taken.document_id))
        status = session.scalar(select(Job.status).where(Job.id == job.job_id))
    assert pages == 1 and status == "done"
    assert _actions(workspace, taken.document_id).count("document.read") == 1


@sqlite_only
def test_workers_use_one_tesseract_thread_each(workspace: Workspace, tmp_path: Path) -> None:
    taken = _take(workspace, tmp_path, "referral.pdf", make_pdf())
    runner = Runner(workspace, ReadSettings(), RunnerConfig(workers=1, reader=report_threads))
    try:
        runner.run_until_idle()
    finally:
        runner.close()
    assert _document(workspace, taken.document_id).reason == "OMP_THREAD_LIMIT=1"


@sqlite_only
@pytest.mark.parametrize(("workers", "page_threads"), [(2, 2), (1, 1)])
def test_a_document_gets_an_idle_workers_core(workspace: Workspace, tmp_path: Path,
                                              workers: int, page_threads: int) -> None:
    """GIVEN one document and a second worker with nothing to do THEN the document's pages are
    read two at a time; with one worker, one at a time."""
    taken = _take(workspace, tmp_path, "fax.pdf", make_pdf())
    runner = Runner(workspace, ReadSettings(),
                    RunnerConfig(workers=workers, reader=report_page_threads))
    try:
        runner.run_until_idle()
    finally:
        runner.close()
    assert _document(workspace, taken.document_id).reason == f"page_threads={page_threads}"
