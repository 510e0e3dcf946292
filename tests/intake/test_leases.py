"""Jobs held by a runner that has ended go back to the queue at once; live runners keep theirs."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from casework.actor import SYSTEM
from casework.db.models import Document, Job
from casework.intake.jobs import claim_jobs, requeue_abandoned
from casework.intake.owners import owner_has_ended, runner_owner
from casework.intake.taking import take_file
from casework.workspace import Workspace
from ocr import ReadSettings
from tests.ocr.conftest import make_pdf


def _ended_pid() -> int:
    """The id of a process of this computer that has just ended."""
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)
    return int(child.stdout)


def test_only_an_ended_runner_of_this_computer_counts_as_gone() -> None:
    host = socket.gethostname()
    assert owner_has_ended(f"{host}:{_ended_pid()}:abc123")
    assert not owner_has_ended(runner_owner())  # this very process
    assert not owner_has_ended(f"{host}:{os.getppid()}:abc123")  # alive
    assert not owner_has_ended(f"another-computer:{_ended_pid()}:abc123")  # cannot know
    assert not owner_has_ended("runner-a")  # not a name a runner gives itself


def test_a_closed_workstations_job_is_queued_again_before_its_lease_runs_out(
    workspace: Workspace, tmp_path: Path
) -> None:
    """GIVEN two documents being read, one by a runner whose process ended (the window was
    closed or killed mid-page) WHEN intake starts THEN only that one is queued again."""
    ids = []
    for name in ("first.pdf", "second.pdf"):
        path = tmp_path / name
        path.write_bytes(make_pdf([f"Referral {name}"]))
        ids.append(take_file(workspace, SYSTEM, path, "fax", ReadSettings()).document_id)
    gone = f"{socket.gethostname()}:{_ended_pid()}:abc123"
    claim_jobs(workspace, gone, 1, timedelta(minutes=5))
    claim_jobs(workspace, runner_owner(), 1, timedelta(minutes=5))

    assert requeue_abandoned(workspace, owner_has_ended) == 1

    with workspace.db.read() as session:
        jobs = {j.document_id: (j.status, j.lease_owner) for j in session.scalars(select(Job))}
        documents = {d.id: d.status for d in session.scalars(select(Document))}
    assert jobs[ids[0]] == ("queued", None) and documents[ids[0]] == "queued"
    assert jobs[ids[1]][0] == "running" and documents[ids[1]] == "reading"
    assert requeue_abandoned(workspace, owner_has_ended) == 0
