"""Jobs survive a killed runner, and two runners on one database never read a document twice."""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from casework.actor import SYSTEM
from casework.db.models import AuditEvent, Document, Job
from casework.intake.runner import Runner, RunnerConfig
from casework.intake.taking import take_file
from casework.workspace import Workspace
from ocr import ReadSettings
from tests.conftest import REPO_ROOT, FixedClock
from tests.ocr.conftest import make_pdf


def _take_many(ws: Workspace, folder: Path, count: int) -> None:
    folder.mkdir()
    for n in range(count):
        path = folder / f"fax-{n:03d}.pdf"
        path.write_bytes(make_pdf([f"Referral number {n}", "for care coordination services",
                                   "member needs follow up this week please"]))
        take_file(ws, SYSTEM, path, "fax", ReadSettings())


def _reads_per_document(ws: Workspace) -> dict[str, int]:
    with ws.db.read() as session:
        rows = session.execute(
            select(AuditEvent.entity_id, func.count()).where(AuditEvent.action == "document.read")
            .group_by(AuditEvent.entity_id)).all()
    return {entity: int(n) for entity, n in rows}


def _runner_process(ws: Workspace, url: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.intake.runner_process", url, str(ws.store.root)],
        cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )


@pytest.mark.slow
def test_killed_runner_then_restart_reads_every_file_exactly_once(
    workspace: Workspace, db_url: str, tmp_path: Path, clock: FixedClock
) -> None:
    _take_many(workspace, tmp_path / "in", 100)
    process = _runner_process(workspace, db_url)
    assert process.stdout is not None
    seen = 0
    deadline = time.monotonic() + 120
    while seen < 15 and time.monotonic() < deadline:
        if process.stdout.readline():
            seen += 1
    process.kill()  # kill -9, mid-stream
    process.wait()
    process.stdout.close()
    assert 15 <= len(_reads_per_document(workspace)) < 100

    # The dead runner leased its jobs by the wall clock; an hour later they have run out.
    clock.current = datetime.now(UTC) + timedelta(hours=1)
    # a new runner puts the dead one's jobs back in the queue when it starts
    runner = Runner(workspace, ReadSettings(), RunnerConfig(workers=2, poll_s=0.05))
    try:
        runner.run_until_idle()
    finally:
        runner.close()
    reads = _reads_per_document(workspace)
    assert len(reads) == 100 and set(reads.values()) == {1}
    with workspace.db.read() as session:
        statuses = session.scalars(select(Document.status)).all()
    assert statuses.count("processed") == 100


@pytest.mark.postgres
@pytest.mark.slow
def test_two_runners_on_postgresql_never_run_a_job_twice(
    pg_url: str, tmp_path: Path, clock: FixedClock
) -> None:
    from casework.db.database import Database
    from casework.db.migrate import upgrade
    from casework.store import DocumentStore

    ws = Workspace(Database(pg_url), DocumentStore(tmp_path / "store"), clock)
    upgrade(ws.db)
    _take_many(ws, tmp_path / "in", 200)
    first, second = _runner_process(ws, pg_url), _runner_process(ws, pg_url)
    out_first, _ = first.communicate(timeout=240)
    out_second, _ = second.communicate(timeout=240)
    done_first = {line.split()[0] for line in out_first.splitlines()}
    done_second = {line.split()[0] for line in out_second.splitlines()}
    assert done_first and done_second  # both runners did work
    assert not done_first & done_second
    assert len(done_first | done_second) == 200
    reads = _reads_per_document(ws)
    assert len(reads) == 200 and set(reads.values()) == {1}
    with ws.db.read() as session:
        assert set(session.scalars(select(Job.attempts)).all()) == {1}
    ws.db.dispose()
